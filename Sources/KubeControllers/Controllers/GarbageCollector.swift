import Foundation
import KubeAPI
import KubeClient
import Logging

/// Deletes objects whose owners are gone, and carries out the `orphan` and `foregroundDeletion`
/// finalizers the apiserver adds for `propagationPolicy: Orphan` / `Foreground` (upstream's
/// garbage collector). It works over the informer caches of the kinds that own or are owned in
/// practice; every change coalesces into one scan of the ownership graph.
public final class GarbageCollector: Controller {
    public let name = "garbagecollector"
    let resources: [GCResource]
    let client: RESTClient
    let queue = WorkQueue<String>(name: "garbagecollector")
    let logger: Logger
    static let scanKey = "scan"

    public init(factory: SharedInformerFactory, client: RESTClient, logger: Logger) {
        self.client = client
        self.logger = logger
        let queue = self.queue
        func watch<O: KubeObject>(_ type: O.Type) -> GCResource {
            let informer = factory.informer(type)
            informer.addHandler(EventHandler(
                onAdd: { _ in queue.add(Self.scanKey) }, onUpdate: { _, _ in queue.add(Self.scanKey) }, onDelete: { _ in queue.add(Self.scanKey) }))
            return GCResource(informer: informer)
        }
        resources = [
            watch(Pod.self), watch(ReplicaSet.self), watch(Deployment.self), watch(ReplicationController.self),
            watch(DaemonSet.self), watch(StatefulSet.self), watch(ControllerRevision.self), watch(Job.self), watch(CronJob.self),
            watch(EndpointSlice.self), watch(Service.self), watch(ConfigMap.self), watch(Secret.self),
        ]
    }

    public func run(workers: Int) async {
        for r in resources { await r.waitForSync() }
        queue.add(Self.scanKey)
        await QueueWorkers(queue: queue, name: name, logger: logger).run(count: 1) { [self] _ in try await scan() }
    }

    func resource(kind: String, apiVersion: String) -> GCResource? {
        resources.first { $0.kind == kind && $0.apiVersion == apiVersion }
    }

    func scan() async throws {
        let nodes = resources.flatMap { $0.nodes() }
        let byUID = Dictionary(nodes.map { ($0.uid, $0) }, uniquingKeysWith: { a, _ in a })
        var dependents: [String: [GCNode]] = [:]
        for node in nodes {
            for ref in node.owners { dependents[ref.uid, default: []].append(node) }
        }
        var firstError: (any Error)?
        func attempt(_ work: () async throws -> Void) async {
            do { try await work() } catch let e as APIError where e.isNotFound || e.isConflict {
                queue.addAfter(Self.scanKey, .milliseconds(500))
            } catch { firstError = firstError ?? error }
        }
        // Owners being deleted with a propagation finalizer.
        for owner in nodes where owner.deleting {
            let children = dependents[owner.uid] ?? []
            if owner.finalizers.contains("orphan") {
                for child in children {
                    await attempt { try await child.resource.setOwners(child, child.owners.filter { $0.uid != owner.uid }) }
                }
                if children.isEmpty { await attempt { try await owner.resource.removeFinalizer(owner, "orphan") } }
            } else if owner.finalizers.contains("foregroundDeletion") {
                for child in children where !child.deleting {
                    await attempt { try await child.resource.delete(child, propagation: "Foreground") }
                }
                let blocking = children.filter { child in child.owners.contains { $0.uid == owner.uid && $0.blockOwnerDeletion == true } }
                if blocking.isEmpty { await attempt { try await owner.resource.removeFinalizer(owner, "foregroundDeletion") } }
            }
        }
        // Dependents whose owners are gone.
        for node in nodes where !node.owners.isEmpty && !node.deleting {
            var absent: [OwnerReference] = []
            for ref in node.owners {
                if let owner = byUID[ref.uid], owner.namespace == node.namespace || owner.namespace == nil { continue }
                if try await ownerIsAbsent(ref, namespace: node.namespace) { absent.append(ref) }
            }
            guard !absent.isEmpty else { continue }
            if absent.count == node.owners.count {
                logger.debug("garbagecollector: deleting \(node.kind) \(node.namespace ?? "")/\(node.name): owners gone")
                await attempt { try await node.resource.delete(node, propagation: "Background") }
            } else {
                await attempt { try await node.resource.setOwners(node, node.owners.filter { ref in !absent.contains { $0.uid == ref.uid } }) }
            }
        }
        if let firstError { throw firstError }
    }

    /// Confirms with the apiserver that an owner is gone (the caches may lag behind a fresh create).
    func ownerIsAbsent(_ ref: OwnerReference, namespace: String?) async throws -> Bool {
        guard let r = resource(kind: ref.kind, apiVersion: ref.apiVersion) else { return false }
        do {
            let live = try await client.get(r.path(namespace: r.namespaced ? namespace : nil, name: ref.name))
            return live[path: ["metadata", "uid"]]?.stringValue != ref.uid
        } catch let e as APIError where e.isNotFound {
            return true
        }
    }
}

/// One object in the ownership graph.
struct GCNode: Sendable {
    var resource: GCResource
    var kind: String
    var namespace: String?
    var name: String
    var uid: String
    var resourceVersion: String?
    var owners: [OwnerReference]
    var finalizers: [String]
    var deleting: Bool
}

/// A kind the garbage collector watches, with its writes done over plain JSON.
struct GCResource: Sendable {
    let kind: String
    let apiVersion: String
    let group: String
    let version: String
    let plural: String
    let namespaced: Bool
    let client: RESTClient
    let listNodes: @Sendable (GCResource) -> [GCNode]
    let waitForSyncFunc: @Sendable () async -> Void

    init<O: KubeObject>(informer: Informer<O>) {
        kind = O.kind
        apiVersion = O.apiVersion
        group = O.group
        version = O.version
        plural = O.resource
        namespaced = O.namespaced
        client = informer.client.rest
        listNodes = { resource in
            informer.store.list().map { o in
                GCNode(resource: resource, kind: O.kind, namespace: o.metadata.namespace, name: o.metadata.name ?? "", uid: o.metadata.uid ?? "",
                       resourceVersion: o.metadata.resourceVersion, owners: o.metadata.ownerReferences ?? [],
                       finalizers: o.metadata.finalizers ?? [], deleting: o.metadata.deletionTimestamp != nil)
            }
        }
        waitForSyncFunc = { await informer.waitForCacheSync() }
    }

    func nodes() -> [GCNode] { listNodes(self) }
    func waitForSync() async { await waitForSyncFunc() }

    func path(namespace: String?, name: String) -> ResourcePath {
        ResourcePath(group: group, version: version, resource: plural, namespace: namespaced ? namespace : nil, name: name)
    }

    func delete(_ node: GCNode, propagation: String) async throws {
        let options: JSONValue = ["kind": "DeleteOptions", "apiVersion": "v1", "propagationPolicy": .string(propagation),
                                  "preconditions": ["uid": .string(node.uid)]]
        _ = try await client.delete(path(namespace: node.namespace, name: node.name), options: options)
    }

    func setOwners(_ node: GCNode, _ owners: [OwnerReference]) async throws {
        let patch: JSONValue = ["metadata": ["ownerReferences": owners.isEmpty ? .null : try JSONValue(encoding: owners),
                                             "uid": .string(node.uid)]]
        _ = try await client.patch(path(namespace: node.namespace, name: node.name), type: .merge, body: patch)
    }

    func removeFinalizer(_ node: GCNode, _ finalizer: String) async throws {
        let remaining = node.finalizers.filter { $0 != finalizer }
        let patch: JSONValue = ["metadata": ["finalizers": remaining.isEmpty ? .null : .array(remaining.map(JSONValue.string)),
                                             "resourceVersion": .string(node.resourceVersion ?? "")]]
        _ = try await client.patch(path(namespace: node.namespace, name: node.name), type: .merge, body: patch)
    }
}
