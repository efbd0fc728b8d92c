import Foundation
import KubeAPI
import KubeClient
import Logging
import Synchronization

/// Deletes pods from nodes with NoExecute taints they do not tolerate (upstream's
/// `taint-eviction-controller`): at once for an untolerated taint, otherwise after the smallest
/// `tolerationSeconds` of the tolerations that match, counted from when the taint was seen; a
/// toleration without seconds tolerates forever, and a taint removed in time cancels the eviction.
/// (The apiserver's DefaultTolerationSeconds admission gives every pod 300 s tolerations for the
/// `not-ready` and `unreachable` taints.)
public final class TaintEvictionController: Controller {
    public let name = "taint-eviction-controller"
    let nodes: Informer<Node>
    let pods: Informer<Pod>
    let client: RESTClient
    let recorder: EventRecorder
    let queue = WorkQueue<String>(name: "taint-eviction")
    let logger: Logger
    let clock: any ControllerClock
    /// Pods with an eviction scheduled: when it was scheduled, and when it fires.
    let scheduled = Mutex<[String: (since: Date, at: Date)]>([:])
    static let nodeIndex = "taint-eviction/nodeName"

    public init(factory: SharedInformerFactory, client: RESTClient, recorder: EventRecorder, logger: Logger,
                clock: any ControllerClock = SystemClock()) {
        nodes = factory.informer(Node.self)
        pods = factory.informer(Pod.self)
        self.client = client
        self.recorder = recorder
        self.logger = logger
        self.clock = clock
        pods.store.addIndex(Self.nodeIndex) { pod in pod.spec.nodeName.map { [$0] } ?? [] }
        let enqueue: @Sendable (Pod) -> Void = { [queue] pod in if !(pod.spec.nodeName ?? "").isEmpty { queue.add(objectKey(pod)) } }
        pods.addHandler(EventHandler(onAdd: enqueue, onUpdate: { old, new in
            if old.spec.nodeName != new.spec.nodeName || old.spec.tolerations != new.spec.tolerations { enqueue(new) }
        }, onDelete: { [weak self] pod in _ = self?.scheduled.withLock { $0.removeValue(forKey: objectKey(pod)) } }))
        let enqueueNode: @Sendable (Node) -> Void = { [queue, pods] node in
            for pod in pods.store.byIndex(Self.nodeIndex, node.metadata.name ?? "") { queue.add(objectKey(pod)) }
        }
        nodes.addHandler(EventHandler(onAdd: enqueueNode, onUpdate: { old, new in
            if Self.noExecute(old) != Self.noExecute(new) { enqueueNode(new) }
        }, onDelete: enqueueNode))
    }

    public func run(workers: Int) async {
        await nodes.waitForCacheSync()
        await pods.waitForCacheSync()
        await QueueWorkers(queue: queue, name: name, logger: logger).run(count: workers) { [self] key in try await sync(key) }
    }

    static func noExecute(_ node: Node) -> [Taint] {
        (node.spec.taints ?? []).filter { $0.effect == "NoExecute" }
    }

    /// How long the pod may stay: nil forever, zero not at all.
    func allowedTime(_ pod: Pod, taints: [Taint]) -> TimeInterval? {
        let tolerations = pod.spec.tolerations ?? []
        var minimum: TimeInterval?
        for taint in taints {
            let matching = tolerations.filter { $0.tolerates(taint) }
            if matching.isEmpty { return 0 }
            for t in matching {
                guard let seconds = t.tolerationSeconds else { continue }
                let s = TimeInterval(max(seconds, 0))
                minimum = min(minimum ?? s, s)
            }
        }
        return minimum
    }

    func sync(_ key: String) async throws {
        guard let pod = pods.store.get(key: key), let nodeName = pod.spec.nodeName, !nodeName.isEmpty, !pod.metadata.isBeingDeleted else {
            scheduled.withLock { $0[key] = nil }
            return
        }
        let taints = nodes.store.get(key: nodeName).map(Self.noExecute) ?? []
        guard !taints.isEmpty, let allowed = allowedTime(pod, taints: taints) else {
            if scheduled.withLock({ $0.removeValue(forKey: key) }) != nil {
                recorder.normal(pod, reason: "TaintManagerEviction", "Cancelling deletion of Pod \(key)")
            }
            return
        }
        let now = clock.now()
        let fireAt: Date = scheduled.withLock { map in
            let since = map[key]?.since ?? now
            let at = since.addingTimeInterval(allowed)
            map[key] = (since, at)
            return at
        }
        if fireAt > now {
            queue.addAfter(key, clock.delay(until: fireAt))
            return
        }
        try await evict(pod)
        _ = scheduled.withLock { $0.removeValue(forKey: key) }
    }

    /// Marks the pod with a DisruptionTarget condition and deletes it, as upstream.
    func evict(_ pod: Pod) async throws {
        let key = objectKey(pod)
        recorder.normal(pod, reason: "TaintManagerEviction", "Marking for deletion Pod \(key)")
        let api = client.resource(Pod.self, namespace: pod.metadata.namespace)
        var marked = pod
        var conditions = (pod.status.conditions ?? []).filter { $0.type != "DisruptionTarget" }
        conditions.append(PodCondition(type: "DisruptionTarget", status: "True", lastTransitionTime: .now(),
                                       reason: "DeletionByTaintManager", message: "Taint manager: deleting due to NoExecute taint"))
        marked.status.conditions = conditions
        do {
            _ = try await api.updateStatus(marked)
            try await api.delete(pod.metadata.name ?? "", options: DeleteOptions(preconditions: Preconditions(uid: pod.metadata.uid)))
        } catch let error as APIError where error.isNotFound {}
    }
}
