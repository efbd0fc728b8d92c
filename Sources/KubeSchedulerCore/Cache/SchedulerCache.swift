import Foundation
import KubeAPI
import Synchronization

/// What the cache refused, and for which pod.
public struct SchedulerCacheError: Error, Hashable, Sendable, CustomStringConvertible {
    public var pod: String
    public var reason: String
    public var description: String { "scheduler cache: pod \(pod): \(reason)" }
}

/// Nodes and the pods on them, including pods the scheduler has assumed onto a node but
/// whose binding the informer has not confirmed yet (upstream `internal/cache`).
///
/// Assumed pod life cycle:
///
///     assumePod ──► (binding) ──finishBinding──► awaiting confirmation ──addPod (informer)──► confirmed
///         │                                            │
///         └──forgetPod (bind failed)                    └──ttl passes──► expired (removed)
public final class SchedulerCache: Sendable {
    struct PodState {
        var pod: PodInfo
        var assumed: Bool
        var bindingFinished: Bool = false
        var deadline: Date?
    }

    struct State {
        var nodes: [String: NodeInfo] = [:]
        var nodeOrder: [String] = []
        var pods: [String: PodState] = [:]
        var namespaceLabels: [String: [String: String]] = [:]
        var generation: Int64 = 0
        /// Per snapshot consumer: nodes changed since that consumer's last update, and whether
        /// the node set itself changed.
        var dirty: [Int: Set<String>] = [:]
        var structureChanged: [Int: Bool] = [:]
        var nextConsumer = 0
    }

    private let state = Mutex(State())
    /// How long an assumed pod whose binding finished waits for the informer before it is dropped.
    public let assumedPodTTL: Duration

    public init(assumedPodTTL: Duration = .seconds(900)) {
        self.assumedPodTTL = assumedPodTTL
    }

    // MARK: Nodes

    public func addNode(_ node: Node) { updateNode(node) }

    public func updateNode(_ node: Node) {
        guard let name = node.metadata.name else { return }
        state.withLock { s in
            let info: NodeInfo
            if let existing = s.nodes[name] {
                info = existing
                if existing.node == nil { s.markStructureChanged() }
            } else {
                info = NodeInfo(name: name)
                s.nodes[name] = info
                s.nodeOrder.append(name)
                s.markStructureChanged()
            }
            info.setNode(node)
            s.touch(info)
        }
    }

    public func removeNode(named name: String) {
        state.withLock { s in
            guard let info = s.nodes[name] else { return }
            // Pods still bound to a deleted node stay accounted until their own deletes arrive.
            if info.pods.isEmpty {
                s.nodes.removeValue(forKey: name)
                s.nodeOrder.removeAll { $0 == name }
            } else {
                info.setNode(nil)
            }
            s.touch(info)
            s.markStructureChanged()
        }
    }

    public func setNamespaceLabels(_ namespace: String, _ labels: [String: String]?) {
        state.withLock { s in
            s.namespaceLabels[namespace] = labels
            s.markStructureChanged()
        }
    }

    // MARK: Pods from the informer

    /// A pod bound to a node appeared: confirms it if it was assumed.
    public func addPod(_ pod: PodInfo) {
        guard !pod.nodeName.isEmpty else { return }
        state.withLock { s in
            // Whether it was assumed (confirmation) or known (update), the informer's copy wins,
            // on whichever node it names.
            if let current = s.pods[pod.key] { s.removeFromNode(current.pod) }
            s.addToNode(pod)
            s.pods[pod.key] = PodState(pod: pod, assumed: false)
        }
    }

    public func updatePod(_ pod: PodInfo) { addPod(pod) }

    public func removePod(key: String) {
        state.withLock { s in
            guard let current = s.pods.removeValue(forKey: key) else { return }
            s.removeFromNode(current.pod)
        }
    }

    // MARK: Assumed pods

    /// Accounts `pod` (already carrying its chosen nodeName) on its node before the binding lands.
    public func assumePod(_ pod: PodInfo) throws(SchedulerCacheError) {
        try state.withLock { s throws(SchedulerCacheError) in
            if s.pods[pod.key] != nil { throw SchedulerCacheError(pod: pod.key, reason: "is already in the cache, so can't be assumed") }
            s.addToNode(pod)
            s.pods[pod.key] = PodState(pod: pod, assumed: true)
        }
    }

    /// The binding call returned: start the confirmation deadline.
    public func finishBinding(key: String, now: Date = Date()) {
        state.withLock { s in
            guard var ps = s.pods[key], ps.assumed else { return }
            ps.bindingFinished = true
            ps.deadline = now.addingTimeInterval(Double(assumedPodTTL.components.seconds))
            s.pods[key] = ps
        }
    }

    /// The binding failed: undo the assumption.
    public func forgetPod(key: String) {
        state.withLock { s in
            guard let ps = s.pods[key], ps.assumed else { return }
            s.removeFromNode(ps.pod)
            s.pods.removeValue(forKey: key)
        }
    }

    public func isAssumed(key: String) -> Bool { state.withLock { $0.pods[key]?.assumed ?? false } }

    /// Drops assumed pods whose binding finished more than the TTL ago without the informer
    /// confirming them; returns their keys.
    @discardableResult
    public func cleanupExpiredAssumedPods(now: Date = Date()) -> [String] {
        state.withLock { s in
            var expired: [String] = []
            for (key, ps) in s.pods where ps.assumed && ps.bindingFinished {
                if let deadline = ps.deadline, deadline <= now { expired.append(key) }
            }
            for key in expired {
                s.removeFromNode(s.pods[key]!.pod)
                s.pods.removeValue(forKey: key)
            }
            return expired
        }
    }

    public func podInfo(key: String) -> PodInfo? { state.withLock { $0.pods[key]?.pod } }

    public var nodeCount: Int { state.withLock { s in s.nodes.values.filter { $0.node != nil }.count } }
    public var podCount: Int { state.withLock { $0.pods.count } }

    // MARK: Snapshots

    /// Brings `snapshot` up to date, copying only the nodes that changed since its last update.
    public func updateSnapshot(_ snapshot: inout Snapshot) {
        state.withLock { s in
            let consumer: Int
            if let c = snapshot.consumer, s.dirty[c] != nil {
                consumer = c
            } else {
                consumer = s.nextConsumer
                s.nextConsumer += 1
                s.structureChanged[consumer] = true
                snapshot.consumer = consumer
            }
            let dirty = s.dirty[consumer] ?? []
            if s.structureChanged[consumer] ?? true {
                snapshot.nodes = s.nodeOrder.compactMap { name in
                    guard let info = s.nodes[name], info.node != nil else { return nil }
                    return info.clone()
                }
                snapshot.namespaceLabels = s.namespaceLabels
                snapshot.reindex()
            } else if !dirty.isEmpty {
                var affinityChanged = false
                var imagesChanged = false
                for name in dirty {
                    guard let info = s.nodes[name], let i = snapshot.index[name] else { continue }
                    let old = snapshot.nodes[i]
                    if !old.podsWithAffinity.isEmpty || !info.podsWithAffinity.isEmpty { affinityChanged = true }
                    if old.images != info.images { imagesChanged = true }
                    snapshot.nodes[i] = info.clone()
                }
                if affinityChanged { snapshot.refreshAffinityLists() }
                if imagesChanged { snapshot.reindex() }
            }
            s.dirty[consumer] = []
            s.structureChanged[consumer] = false
        }
    }
}

extension SchedulerCache.State {
    mutating func touch(_ info: NodeInfo) {
        generation += 1
        info.generation = generation
        for c in dirty.keys { dirty[c]!.insert(info.name) }
    }

    mutating func markStructureChanged() {
        for c in structureChanged.keys { structureChanged[c] = true }
    }

    mutating func addToNode(_ pod: PodInfo) {
        let info: NodeInfo
        if let existing = nodes[pod.nodeName] {
            info = existing
        } else {
            // A pod can arrive before its node; keep an info without a node until it does.
            info = NodeInfo(name: pod.nodeName)
            nodes[pod.nodeName] = info
            nodeOrder.append(pod.nodeName)
        }
        info.addPod(pod)
        touch(info)
    }

    mutating func removeFromNode(_ pod: PodInfo) {
        guard let info = nodes[pod.nodeName] else { return }
        info.removePod(key: pod.key)
        touch(info)
        if info.node == nil && info.pods.isEmpty {
            nodes.removeValue(forKey: pod.nodeName)
            nodeOrder.removeAll { $0 == pod.nodeName }
            markStructureChanged()
        }
    }
}
