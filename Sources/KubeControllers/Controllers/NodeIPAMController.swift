import Foundation
import KubeAPI
import KubeClient
import Logging
import Synchronization

/// Gives each node a pod CIDR from the cluster CIDR (upstream's `nodeipam` controller with the
/// range allocator): a /`maskSize` subnet per node, never two nodes the same one, the map rebuilt
/// from the nodes' `spec.podCIDR` on start and a node's subnet released when it is deleted.
public final class NodeIPAMController: Controller {
    public let name = "nodeipam"
    let nodes: Informer<Node>
    let client: RESTClient
    let recorder: EventRecorder
    let queue = WorkQueue<String>(name: "nodeipam")
    let logger: Logger
    let allocator: CIDRAllocator
    /// Subnets written to nodes whose update the cache has not shown yet: never allocate twice.
    let pending = Mutex<[String: String]>([:])

    public init(factory: SharedInformerFactory, client: RESTClient, recorder: EventRecorder, logger: Logger,
                clusterCIDR: String = "10.244.0.0/16", maskSize: Int = 24) throws {
        nodes = factory.informer(Node.self)
        self.client = client
        self.recorder = recorder
        self.logger = logger
        allocator = try CIDRAllocator(clusterCIDR: clusterCIDR, maskSize: maskSize)
        nodes.addHandler(EventHandler(
            onAdd: { [queue] in queue.add(objectKey($0)) },
            onUpdate: { [queue] old, new in if old.spec.podCIDR != new.spec.podCIDR || new.spec.podCIDR == nil { queue.add(objectKey(new)) } },
            onDelete: { [weak self] node in
                guard let self else { return }
                if let assigned = pending.withLock({ $0.removeValue(forKey: objectKey(node)) }) { allocator.release(assigned) }
                // Released only if no remaining node claims it (a re-created node may already have).
                if let cidr = node.spec.podCIDR, !nodes.store.list().contains(where: { $0.spec.podCIDR == cidr }) { allocator.release(cidr) }
                // Nodes waiting for a subnet may get the one just freed.
                for waiting in nodes.store.list() where waiting.spec.podCIDR == nil { queue.add(objectKey(waiting)) }
            }))
    }

    public func run(workers: Int) async {
        await nodes.waitForCacheSync()
        for node in nodes.store.list() {
            if let cidr = node.spec.podCIDR { allocator.occupy(cidr) }
        }
        for node in nodes.store.list() where node.spec.podCIDR == nil { queue.add(objectKey(node)) }
        // One worker: allocation and the write that records it happen in order.
        await QueueWorkers(queue: queue, name: name, logger: logger).run(count: 1) { [self] key in try await sync(key) }
    }

    func sync(_ key: String) async throws {
        guard let node = nodes.store.get(key: key), !node.metadata.isBeingDeleted else { return }
        if let existing = node.spec.podCIDR {
            allocator.occupy(existing)
            if let assigned = pending.withLock({ $0.removeValue(forKey: key) }), assigned != existing { allocator.release(assigned) }
            return
        }
        if pending.withLock({ $0[key] }) != nil { return }
        guard let cidr = allocator.allocate() else {
            recorder.warning(node, reason: "CIDRNotAvailable", "Node \(key) status is now: CIDRNotAvailable")
            throw CIDRAllocatorError.exhausted(allocator.clusterCIDR)
        }
        let patch: JSONValue = ["spec": ["podCIDR": .string(cidr), "podCIDRs": [.string(cidr)]]]
        do {
            _ = try await client.resource(Node.self).patch(node.metadata.name ?? "", type: .merge, body: patch)
            pending.withLock { $0[key] = cidr }
            logger.debug("nodeipam: node \(key) gets \(cidr)")
        } catch {
            allocator.release(cidr)
            if let e = error as? APIError, e.isNotFound { return }
            recorder.warning(node, reason: "CIDRAssignmentFailed", "Node \(key) status is now: CIDRAssignmentFailed")
            throw error
        }
    }
}

/// The subnets of an IPv4 cluster CIDR, handed out in order from where the last one was taken
/// (upstream's `CidrSet`).
public final class CIDRAllocator: Sendable {
    public let clusterCIDR: String
    let base: UInt32
    let clusterPrefix: Int
    let maskSize: Int
    let count: Int
    struct State {
        var used = Set<Int>()
        var next = 0
    }

    let state = Mutex(State())

    public init(clusterCIDR: String, maskSize: Int) throws(CIDRAllocatorError) {
        self.clusterCIDR = clusterCIDR
        guard let (address, prefix) = Self.parse(clusterCIDR) else { throw .invalidCIDR(clusterCIDR) }
        guard maskSize >= prefix, maskSize <= 32, maskSize - prefix <= 24 else { throw .invalidMaskSize(clusterCIDR, maskSize) }
        let mask: UInt32 = prefix == 0 ? 0 : ~UInt32(0) << (32 - prefix)
        base = address & mask
        clusterPrefix = prefix
        self.maskSize = maskSize
        count = 1 << (maskSize - prefix)
    }

    static func parse(_ text: String) -> (UInt32, Int)? {
        let parts = text.split(separator: "/")
        guard parts.count == 2, let prefix = Int(parts[1]), (0...32).contains(prefix) else { return nil }
        let octets = parts[0].split(separator: ".").compactMap { UInt32($0) }
        guard octets.count == 4, octets.allSatisfy({ $0 < 256 }) else { return nil }
        return (octets.reduce(0) { $0 << 8 | $1 }, prefix)
    }

    func cidr(_ index: Int) -> String {
        let address = base + (UInt32(index) << (32 - maskSize))
        return "\(address >> 24).\(address >> 16 & 255).\(address >> 8 & 255).\(address & 255)/\(maskSize)"
    }

    /// The index of `text` if it is one of our subnets.
    func index(of text: String) -> Int? {
        guard let (address, prefix) = Self.parse(text), prefix == maskSize else { return nil }
        let mask: UInt32 = clusterPrefix == 0 ? 0 : ~UInt32(0) << (32 - clusterPrefix)
        guard address & mask == base else { return nil }
        let i = Int((address - base) >> (32 - maskSize))
        return i < count ? i : nil
    }

    public func allocate() -> String? {
        state.withLock { s in
            for offset in 0..<count {
                let i = (s.next + offset) % count
                if !s.used.contains(i) {
                    s.used.insert(i)
                    s.next = (i + 1) % count
                    return cidr(i)
                }
            }
            return nil
        }
    }

    public func occupy(_ text: String) {
        guard let i = index(of: text) else { return }
        _ = state.withLock { $0.used.insert(i) }
    }

    public func release(_ text: String) {
        guard let i = index(of: text) else { return }
        _ = state.withLock { $0.used.remove(i) }
    }
}

public enum CIDRAllocatorError: Error, CustomStringConvertible, Equatable {
    case invalidCIDR(String)
    case invalidMaskSize(String, Int)
    case exhausted(String)

    public var description: String {
        switch self {
        case .invalidCIDR(let c): return "cluster CIDR \(c): not an IPv4 CIDR"
        case .invalidMaskSize(let c, let m): return "node CIDR mask size /\(m) does not fit cluster CIDR \(c)"
        case .exhausted(let c): return "cluster CIDR \(c): no pod CIDR left to allocate"
        }
    }
}
