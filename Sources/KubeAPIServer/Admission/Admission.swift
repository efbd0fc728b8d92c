import KubeAPI

/// Who made a request. Until authentication arrives every request is `system:anonymous`
/// bound to loopback; the stage exists so authn plugs in without touching the handlers.
public struct UserInfo: Sendable, Hashable {
    public var name: String
    public var groups: [String]
    public static let anonymous = UserInfo(name: "system:anonymous", groups: ["system:unauthenticated"])
}

public protocol Authenticator: Sendable {
    func authenticate(_ request: APIRequest) throws(APIError) -> UserInfo
}

public protocol Authorizer: Sendable {
    func authorize(user: UserInfo, info: RequestInfo, resource: ResourceInfo) throws(APIError)
}

/// A write about to be stored, as admission plugins see it.
public struct AdmissionRequest: Sendable {
    public enum Operation: String, Sendable { case create = "CREATE", update = "UPDATE", delete = "DELETE" }
    public var operation: Operation
    public var resource: ResourceInfo
    public var namespace: String?
    public var name: String
    public var subresource: String?
    public var object: JSONValue?
    public var oldObject: JSONValue?
    public var user: UserInfo
}

/// Mutating and validating admission in one plugin shape; plugins run in order.
public protocol AdmissionPlugin: Sendable {
    var name: String { get }
    func admit(_ request: inout AdmissionRequest, storage: ObjectStorage, registry: ResourceRegistry) async throws(APIError)
}

struct AnonymousAuthenticator: Authenticator {
    func authenticate(_ request: APIRequest) throws(APIError) -> UserInfo { .anonymous }
}

struct AlwaysAllowAuthorizer: Authorizer {
    func authorize(user: UserInfo, info: RequestInfo, resource: ResourceInfo) throws(APIError) {}
}

/// Upstream's NamespaceLifecycle: no new objects in a namespace that does not exist or is terminating.
struct NamespaceLifecycleAdmission: AdmissionPlugin {
    let cache: NamespaceCache
    var name: String { "NamespaceLifecycle" }

    func admit(_ request: inout AdmissionRequest, storage: ObjectStorage, registry: ResourceRegistry) async throws(APIError) {
        guard request.operation == .create, request.resource.namespaced, let namespace = request.namespace else { return }
        let phase: String
        if let cached = cache.phase(of: namespace) {
            phase = cached
        } else {
            let namespaces = registry.lookup(group: "", version: "v1", resource: "namespaces")!
            guard let ns = try await storage.get(namespaces, namespace: nil, name: namespace) else {
                throw APIError.namespaceNotFound(namespace)
            }
            phase = ns[path: ["status", "phase"]]?.stringValue ?? "Active"
        }
        // Events about a terminating namespace's objects are still allowed, as upstream.
        if phase == "Terminating" && request.resource.kind != "Event" {
            throw APIError.forbidden(
                request.resource, name: request.name,
                reason: "unable to create new content in namespace \(namespace) because it is being terminated")
        }
    }
}
