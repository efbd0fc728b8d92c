import Foundation
import KubeAPI
import KubeClient
import Logging
import Synchronization

/// Removes pods nothing else will (upstream's `podgc` controller), every `period`:
/// terminated pods beyond `terminatedPodThreshold`, oldest first (a threshold ≤ 0 keeps them all);
/// pods bound to nodes that no longer exist, once the node has been missing for `quarantine`
/// and the apiserver confirms it (marked Failed with a DisruptionTarget condition, then deleted);
/// and unscheduled pods left terminating. All deletions are forced (grace period 0).
public final class PodGCController: Controller {
    public let name = "podgc"
    let pods: Informer<Pod>
    let nodes: Informer<Node>
    let client: RESTClient
    let queue = WorkQueue<String>(name: "podgc")
    let logger: Logger
    let terminatedPodThreshold: Int
    let period: Duration
    let quarantine: TimeInterval
    /// Nodes seen missing, and since when (upstream's `nodeQueue` delay).
    let missingSince = Mutex<[String: Date]>([:])

    public init(factory: SharedInformerFactory, client: RESTClient, logger: Logger, terminatedPodThreshold: Int = 12500,
                period: Duration = .seconds(20), quarantine: Duration = .seconds(40)) {
        pods = factory.informer(Pod.self)
        nodes = factory.informer(Node.self)
        self.client = client
        self.logger = logger
        self.terminatedPodThreshold = terminatedPodThreshold
        self.period = period
        self.quarantine = NodeLifecycleController.seconds(quarantine)
    }

    public func run(workers: Int) async {
        await pods.waitForCacheSync()
        await nodes.waitForCacheSync()
        queue.add("gc")
        await QueueWorkers(queue: queue, name: name, logger: logger).run(count: 1) { [self] _ in
            defer { queue.addAfter("gc", period) }
            try await gc()
        }
    }

    func gc() async throws {
        let all = pods.store.list()
        if terminatedPodThreshold > 0 { try await gcTerminated(all) }
        try await gcOrphaned(all)
        try await gcUnscheduledTerminating(all)
    }

    func gcTerminated(_ all: [Pod]) async throws {
        let terminated = all.filter { $0.isTerminal && !$0.metadata.isBeingDeleted }
        let excess = terminated.count - terminatedPodThreshold
        guard excess > 0 else { return }
        let oldest = terminated.sorted {
            ($0.metadata.creationTimestamp ?? Time(secondsSince1970: 0), $0.metadata.name ?? "") < ($1.metadata.creationTimestamp ?? Time(secondsSince1970: 0), $1.metadata.name ?? "")
        }.prefix(excess)
        logger.info("podgc: deleting \(excess) terminated pods over the threshold of \(terminatedPodThreshold)")
        for pod in oldest { try await forceDelete(pod) }
    }

    func gcOrphaned(_ all: [Pod]) async throws {
        let existing = Set(nodes.store.list().compactMap(\.metadata.name))
        let now = Date()
        var orphanNodes = Set<String>()
        for pod in all { if let node = pod.spec.nodeName, !node.isEmpty, !existing.contains(node) { orphanNodes.insert(node) } }
        let expired: [String] = missingSince.withLock { map in
            map = map.filter { orphanNodes.contains($0.key) }
            for node in orphanNodes where map[node] == nil { map[node] = now }
            return map.filter { now.timeIntervalSince($0.value) >= quarantine }.map(\.key)
        }
        if expired.count < orphanNodes.count { queue.addAfter("gc", .milliseconds(Int64(quarantine * 1000) + 100)) }
        for nodeName in expired {
            do {
                _ = try await client.resource(Node.self).get(nodeName)
                continue
            } catch let error as APIError where error.isNotFound {}
            for pod in all where pod.spec.nodeName == nodeName {
                logger.info("podgc: deleting \(objectKey(pod)): node \(nodeName) no longer exists")
                try await markFailed(pod, reason: "DeletionByPodGC", message: "PodGC: node no longer exists")
                try await forceDelete(pod)
            }
        }
    }

    func gcUnscheduledTerminating(_ all: [Pod]) async throws {
        for pod in all where pod.metadata.isBeingDeleted && (pod.spec.nodeName ?? "").isEmpty {
            try await forceDelete(pod)
        }
    }

    /// Upstream's `markFailedAndDeletePodWithCondition`: a pod that never finished is recorded as Failed.
    func markFailed(_ pod: Pod, reason: String, message: String) async throws {
        var marked = pod
        var conditions = (pod.status.conditions ?? []).filter { $0.type != "DisruptionTarget" }
        conditions.append(PodCondition(type: "DisruptionTarget", status: "True", lastTransitionTime: .now(), reason: reason, message: message))
        marked.status.conditions = conditions
        if !pod.isTerminal { marked.status.phase = "Failed" }
        do { _ = try await client.resource(Pod.self, namespace: pod.metadata.namespace).updateStatus(marked) } catch let error as APIError where error.isNotFound || error.isConflict {}
    }

    func forceDelete(_ pod: Pod) async throws {
        do {
            try await client.resource(Pod.self, namespace: pod.metadata.namespace).delete(pod.metadata.name ?? "", options: DeleteOptions(
                gracePeriodSeconds: 0, preconditions: Preconditions(uid: pod.metadata.uid)))
        } catch let error as APIError where error.isNotFound {}
    }
}
