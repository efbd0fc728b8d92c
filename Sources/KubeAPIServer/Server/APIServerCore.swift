import Foundation
import KubeAPI
import KubeStore
import Logging
import Synchronization

/// The request path of the apiserver, independent of the HTTP library:
/// decode → authenticate → authorize → admit → validate → store.
/// Authentication, RBAC and admission plug in through the protocols in `Admission/`.
public final class APIServerCore: Sendable {
    public struct Options: Sendable {
        public var serviceClusterIPRange = "10.96.0.0/12"
        public var serviceNodePortRange = 30000...32767
        /// tolerationSeconds of the not-ready / unreachable NoExecute tolerations DefaultTolerationSeconds adds.
        public var defaultNotReadyTolerationSeconds: Int64 = 300
        public var defaultUnreachableTolerationSeconds: Int64 = 300
        public var logger = Logger(label: "kubeswift.apiserver")
        public init() {}
    }

    let registry: ResourceRegistry
    let storage: ObjectStorage
    let serviceIPs: ServiceIPAllocator
    let nodePorts: NodePortAllocator
    let metrics: APIMetrics
    let authenticator: any Authenticator
    let authorizer: any Authorizer
    let admission: [any AdmissionPlugin]
    let logger: Logger
    let watches = WatchRegistry()
    let namespaceCache = NamespaceCache()
    let openAPI: OpenAPICache

    public init(store: any Store, options: Options = Options(), registry: ResourceRegistry = ResourceRegistry()) throws {
        self.registry = registry
        self.openAPI = OpenAPICache(registry: registry)
        self.storage = ObjectStorage(store: store)
        self.serviceIPs = try ServiceIPAllocator(cidr: options.serviceClusterIPRange)
        self.nodePorts = NodePortAllocator(range: options.serviceNodePortRange)
        self.metrics = APIMetrics()
        self.authenticator = AnonymousAuthenticator()
        self.authorizer = AlwaysAllowAuthorizer()
        self.admission = [NamespaceLifecycleAdmission(cache: namespaceCache), DefaultTolerationSecondsAdmission(
            notReadySeconds: options.defaultNotReadyTolerationSeconds, unreachableSeconds: options.defaultUnreachableTolerationSeconds)]
        self.logger = options.logger
    }

    /// Brings the stored state to what a fresh cluster has: the system namespaces, the
    /// `kubernetes` Service at the first service IP, and allocator state rebuilt from stored Services.
    public func bootstrap() async throws(APIError) {
        try await rebuildAllocators()
        for ns in ["default", "kube-system", "kube-public", "kube-node-lease"] {
            let namespaces = registry.lookup(group: "", version: "v1", resource: "namespaces")!
            if try await storage.get(namespaces, namespace: nil, name: ns) == nil {
                _ = try? await create(
                    namespaces, namespace: nil,
                    object: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(ns)]],
                    options: WriteOptions())
            }
        }
        let services = registry.lookup(group: "", version: "v1", resource: "services")!
        if try await storage.get(services, namespace: "default", name: "kubernetes") == nil {
            let kubernetes: JSONValue = [
                "apiVersion": "v1", "kind": "Service",
                "metadata": ["name": "kubernetes", "namespace": "default",
                             "labels": ["component": "apiserver", "provider": "kubernetes"]],
                "spec": ["type": "ClusterIP", "clusterIP": .string(serviceIPs.first),
                         "ports": [["name": "https", "port": 443, "protocol": "TCP", "targetPort": 6443]]],
            ]
            _ = try? await create(services, namespace: "default", object: kubernetes, options: WriteOptions())
        }
    }

    /// Keeps the caches admission reads from (the namespaces) current until the task is cancelled.
    /// Without it every lookup goes to the store, which is correct, only slower.
    public func runCaches() async {
        await namespaceCache.run(storage: storage, namespaces: registry.lookup(group: "", version: "v1", resource: "namespaces")!)
    }

    /// Whether `runCaches` has read its first lists.
    public var cachesHaveSynced: Bool { namespaceCache.hasSynced }

    /// Serves one request. Never throws: every failure becomes a `Status`.
    public func handle(_ request: APIRequest) async -> APIResponse {
        let started = ContinuousClock.now
        let info = RequestInfo.parse(method: request.method, path: request.path, query: request.query)
        let warnings = RequestWarnings()
        var response = await RequestWarnings.$current.withValue(warnings) { () async -> APIResponse in
            do throws(APIError) {
                if let special = try await handleNonResource(request) { return special }
                guard let info else { throw APIError.pathNotFound() }
                return try await handleResource(request, info)
            } catch {
                return .error(error)
            }
        }
        response.warnings += warnings.all
        metrics.record(
            verb: info.map { $0.verb.rawValue.uppercased() } ?? request.method, resource: info?.resource ?? "",
            subresource: info?.subresource ?? "", code: response.status, duration: ContinuousClock.now - started)
        return response
    }

    func handleResource(_ request: APIRequest, _ info: RequestInfo) async throws(APIError) -> APIResponse {
        guard let resource = registry.lookup(group: info.group, version: info.version, resource: info.resource) else {
            throw APIError.pathNotFound()
        }
        if let sub = info.subresource, !resource.subresources.contains(sub) {
            throw APIError.pathNotFound()
        }
        let user = try authenticator.authenticate(request)
        try authorizer.authorize(user: user, info: info, resource: resource)
        let namespace = resource.namespaced ? info.namespace : nil
        if resource.namespaced, info.name != nil || [.create, .update, .patch].contains(info.verb), namespace == nil {
            throw APIError.pathNotFound()
        }
        if let proxied = try await handleKubeletProxy(request, info, namespace: namespace) { return proxied }
        let options = WriteOptions(request: request, user: user)
        switch info.verb {
        case .get:
            return try await get(request, resource, namespace: namespace, name: info.name!, subresource: info.subresource)
        case .list:
            return try await list(request, resource, namespace: namespace)
        case .watch:
            return try await watch(request, resource, namespace: namespace, name: info.name)
        case .create:
            let body = try request.decodedObjectBody(resource)
            if let name = info.name, let sub = info.subresource {
                return try await createSubresource(resource, namespace: namespace, name: name, subresource: sub, body: body, options: options)
            }
            guard info.name == nil else { throw APIError.methodNotAllowed("the server does not allow this method on the requested resource") }
            let created = try await create(resource, namespace: namespace, object: body, options: options)
            return .json(created, status: 201)
        case .update:
            let body = try request.decodedObjectBody(resource)
            return try await update(resource, namespace: namespace, name: info.name!, subresource: info.subresource, object: body, options: options)
        case .patch:
            return try await patch(request, resource, namespace: namespace, name: info.name!, subresource: info.subresource, options: options)
        case .delete:
            return try await delete(request, resource, namespace: namespace, name: info.name!, options: options)
        case .deletecollection:
            return try await deleteCollection(request, resource, namespace: namespace, options: options)
        }
    }

    var now: Date { Date() }
}

/// Open watch streams, so shutdown can end them.
final class WatchRegistry: Sendable {
    private let open = Mutex<[UUID: AsyncStream<[UInt8]>.Continuation]>([:])

    func add(_ continuation: AsyncStream<[UInt8]>.Continuation) -> UUID {
        let id = UUID()
        open.withLock { $0[id] = continuation }
        return id
    }

    func remove(_ id: UUID) { _ = open.withLock { $0.removeValue(forKey: id) } }

    func closeAll() {
        for continuation in open.withLock({ Array($0.values) }) { continuation.finish() }
    }
}

/// Options every write carries, from the query string (`dryRun`, `fieldManager`, `fieldValidation`).
struct WriteOptions: Sendable {
    var dryRun = false
    var fieldManager: String?
    /// Upstream's default when the parameter is absent is Warn.
    var fieldValidation = "Warn"
    var force = false
    var user = UserInfo.anonymous
    var userAgent = ""

    init() {}

    init(request: APIRequest, user: UserInfo) {
        dryRun = request.query["dryRun"] == "All"
        fieldManager = request.query["fieldManager"]
        fieldValidation = request.query["fieldValidation"] ?? "Warn"
        force = request.query["force"] == "true"
        self.user = user
        userAgent = request.userAgent
    }

    /// The manager recorded in managedFields: the `fieldManager` parameter, else the client's
    /// user-agent program name, as upstream derives it.
    var manager: String {
        if let fieldManager, !fieldManager.isEmpty { return fieldManager }
        let program = userAgent.split(separator: "/").first.map(String.init) ?? ""
        return program.isEmpty ? "unknown" : program
    }
}
