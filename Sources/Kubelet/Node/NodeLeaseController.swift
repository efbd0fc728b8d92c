import Foundation
import KubeAPI
import KubeClient
import Logging

/// The node heartbeat (upstream's nodelease controller): a coordination/v1 Lease named after
/// the node in kube-node-lease, owned by the Node, renewed every `renewInterval` (10 s).
public struct NodeLeaseController: Sendable {
    public static let namespace = "kube-node-lease"

    let client: RESTClient
    let nodeName: String
    let leaseDurationSeconds: Int32
    let renewInterval: Duration
    let logger: Logger

    public init(client: RESTClient, nodeName: String, leaseDurationSeconds: Int32 = 40, renewInterval: Duration = .seconds(10),
                logger: Logger) {
        self.client = client
        self.nodeName = nodeName
        self.leaseDurationSeconds = leaseDurationSeconds
        self.renewInterval = renewInterval
        self.logger = logger
    }

    var leases: ResourceClient<Lease> { client.resource(Lease.self, namespace: Self.namespace) }

    public func run() async {
        while !Task.isCancelled {
            do {
                try await renew()
            } catch {
                logger.warning("renew lease \(Self.namespace)/\(nodeName): \(error)")
            }
            try? await Task.sleep(for: renewInterval)
        }
    }

    /// Creates the Lease or moves its renewTime to now.
    public func renew(now: Date = Date()) async throws {
        do {
            var lease = try await leases.get(nodeName)
            lease.spec.holderIdentity = nodeName
            lease.spec.leaseDurationSeconds = leaseDurationSeconds
            lease.spec.renewTime = MicroTime(now)
            if lease.metadata.ownerReferences?.isEmpty ?? true, let owner = await nodeOwner() {
                lease.metadata.ownerReferences = [owner]
            }
            _ = try await leases.update(lease)
        } catch let error as APIError where error.code == 404 {
            var lease = Lease()
            lease.metadata = ObjectMeta(name: nodeName, namespace: Self.namespace)
            if let owner = await nodeOwner() { lease.metadata.ownerReferences = [owner] }
            lease.spec = LeaseSpec(holderIdentity: nodeName, leaseDurationSeconds: leaseDurationSeconds, renewTime: MicroTime(now))
            _ = try await leases.create(lease)
        }
    }

    func nodeOwner() async -> OwnerReference? {
        guard let node = try? await client.resource(Node.self).get(nodeName), let uid = node.metadata.uid else { return nil }
        return OwnerReference(apiVersion: "v1", kind: "Node", name: nodeName, uid: uid)
    }
}
