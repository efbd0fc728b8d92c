import Foundation
import KubeAPI
import KubeClient
import Logging
import Synchronization

/// Watches node heartbeats (upstream's `nodelifecycle` controller). A node whose Lease in
/// `kube-node-lease` and whose Ready heartbeat have both stood still for `gracePeriod` gets its
/// conditions set to Unknown ("Kubelet stopped posting node status."), its pods marked not ready,
/// and the `node.kubernetes.io/unreachable` NoExecute taint (`not-ready` when Ready is False);
/// the taint goes when the node is back. It also keeps the NoSchedule taints that mirror node
/// conditions (TaintNodesByCondition). Evicting pods from tainted nodes is the taint-eviction
/// controller's work.
public final class NodeLifecycleController: Controller {
    public static let leaseNamespace = "kube-node-lease"
    public let name = "nodelifecycle"
    let nodes: Informer<Node>
    let leases: Informer<Lease>
    let pods: Informer<Pod>
    let client: RESTClient
    let recorder: EventRecorder
    let queue = WorkQueue<String>(name: "nodelifecycle")
    let logger: Logger
    let clock: any ControllerClock
    let monitorPeriod: Duration
    let gracePeriod: TimeInterval
    let startupGracePeriod: TimeInterval

    /// What was last heard from each node, on our clock (upstream's `nodeHealthData`).
    struct Health {
        var probeTime: Date
        var leaseRenewTime: MicroTime?
        var readyHeartbeat: Time?
    }

    let health = Mutex<[String: Health]>([:])
    static let monitorKey = "\u{0}monitor"

    public init(factory: SharedInformerFactory, client: RESTClient, recorder: EventRecorder, logger: Logger,
                clock: any ControllerClock = SystemClock(), monitorPeriod: Duration = .seconds(5),
                gracePeriod: Duration = .seconds(40), startupGracePeriod: Duration = .seconds(60)) {
        nodes = factory.informer(Node.self)
        leases = factory.informer(Lease.self)
        pods = factory.informer(Pod.self)
        self.client = client
        self.recorder = recorder
        self.logger = logger
        self.clock = clock
        self.monitorPeriod = monitorPeriod
        self.gracePeriod = Self.seconds(gracePeriod)
        self.startupGracePeriod = Self.seconds(startupGracePeriod)
        nodes.addHandler(EventHandler(
            onAdd: { [queue] in queue.add(objectKey($0)) },
            onUpdate: { [queue] _, new in queue.add(objectKey(new)) },
            onDelete: { [weak self] node in _ = self?.health.withLock { $0.removeValue(forKey: node.metadata.name ?? "") } }))
    }

    static func seconds(_ d: Duration) -> TimeInterval {
        TimeInterval(d.components.seconds) + TimeInterval(d.components.attoseconds) / 1e18
    }

    public func run(workers: Int) async {
        await nodes.waitForCacheSync()
        await leases.waitForCacheSync()
        await pods.waitForCacheSync()
        queue.add(Self.monitorKey)
        await QueueWorkers(queue: queue, name: name, logger: logger).run(count: 1) { [self] key in
            if key == Self.monitorKey {
                defer { queue.addAfter(Self.monitorKey, monitorPeriod) }
                try await monitorNodeHealth()
            } else {
                try await syncNoScheduleTaints(key)
            }
        }
    }

    // MARK: Health

    func monitorNodeHealth() async throws {
        var firstError: (any Error)?
        for node in nodes.store.list() {
            do { try await monitor(node) } catch let error as APIError where error.isNotFound || error.isConflict {
                queue.addAfter(Self.monitorKey, .milliseconds(100))
            } catch { firstError = firstError ?? error }
        }
        if let firstError { throw firstError }
    }

    func monitor(_ node: Node) async throws {
        let name = node.metadata.name ?? ""
        let now = clock.now()
        let lease = leases.store.get(namespace: Self.leaseNamespace, name: name)
        let ready = node.status.conditions?.first { $0.type == "Ready" }
        let state: Health = health.withLock { map in
            var h = map[name] ?? Health(probeTime: now, leaseRenewTime: lease?.spec.renewTime, readyHeartbeat: ready?.lastHeartbeatTime)
            if lease?.spec.renewTime != h.leaseRenewTime {
                h.leaseRenewTime = lease?.spec.renewTime
                h.probeTime = now
            }
            if ready?.lastHeartbeatTime != h.readyHeartbeat {
                h.readyHeartbeat = ready?.lastHeartbeatTime
                h.probeTime = now
            }
            map[name] = h
            return h
        }
        var current = node
        let grace = ready == nil ? startupGracePeriod : gracePeriod
        if now.timeIntervalSince(state.probeTime) > grace {
            current = try await markUnknown(node, now: now)
        }
        try await syncNoExecuteTaints(current, now: now)
    }

    /// Upstream's `tryUpdateNodeHealth` past the grace period: every condition the kubelet owns goes Unknown.
    func markUnknown(_ node: Node, now: Date) async throws -> Node {
        var updated = node
        var conditions = node.status.conditions ?? []
        let wasReady = conditions.first { $0.type == "Ready" }?.status == "True"
        for type in ["Ready", "MemoryPressure", "DiskPressure", "PIDPressure"] {
            if let i = conditions.firstIndex(where: { $0.type == type }) {
                guard conditions[i].status != "Unknown" else { continue }
                conditions[i].status = "Unknown"
                conditions[i].reason = "NodeStatusUnknown"
                conditions[i].message = "Kubelet stopped posting node status."
                conditions[i].lastTransitionTime = Time(now)
            } else {
                conditions.append(NodeCondition(type: type, status: "Unknown", lastHeartbeatTime: node.metadata.creationTimestamp,
                                                lastTransitionTime: Time(now), reason: "NodeStatusNeverUpdated", message: "Kubelet never posted node status."))
            }
        }
        updated.status.conditions = conditions
        guard updated != node else { return node }
        let result = try await client.resource(Node.self).updateStatus(updated)
        if wasReady {
            recorder.normal(node, reason: "NodeNotReady", "Node \(node.metadata.name ?? "") status is now: NodeNotReady")
            try await markPodsNotReady(node.metadata.name ?? "")
        }
        return result
    }

    /// Upstream's `MarkPodsNotReady`: the pods of an unresponsive node stop counting as ready.
    func markPodsNotReady(_ nodeName: String) async throws {
        for var pod in pods.store.list() where pod.spec.nodeName == nodeName && pod.isReady {
            var conditions = pod.status.conditions ?? []
            if let i = conditions.firstIndex(where: { $0.type == "Ready" }) {
                conditions[i].status = "False"
                conditions[i].lastTransitionTime = .now()
            }
            pod.status.conditions = conditions
            do {
                _ = try await client.resource(Pod.self, namespace: pod.metadata.namespace).updateStatus(pod)
                recorder.warning(pod, reason: "NodeNotReady", "Node is not ready")
            } catch let error as APIError where error.isNotFound || error.isConflict {}
        }
    }

    // MARK: Taints

    /// The NoExecute taint that matches the Ready condition: `not-ready` for False, `unreachable` for Unknown.
    static func noExecuteTaint(for node: Node) -> String? {
        switch node.status.conditions?.first(where: { $0.type == "Ready" })?.status {
        case "False": return NodeTaintKey.notReady
        case "Unknown": return NodeTaintKey.unreachable
        default: return nil
        }
    }

    func syncNoExecuteTaints(_ node: Node, now: Date) async throws {
        let wanted = Self.noExecuteTaint(for: node)
        let managed: Set<String> = [NodeTaintKey.notReady, NodeTaintKey.unreachable]
        let taints = node.spec.taints ?? []
        let present = taints.filter { $0.effect == "NoExecute" && managed.contains($0.key) }
        if present.map(\.key) == (wanted.map { [$0] } ?? []) { return }
        var next = taints.filter { !($0.effect == "NoExecute" && managed.contains($0.key)) }
        if let wanted { next.append(Taint(key: wanted, effect: "NoExecute", timeAdded: Time(now))) }
        try await setTaints(node, next)
        if wanted == nil {
            recorder.normal(node, reason: "NodeReady", "Node \(node.metadata.name ?? "") status is now: NodeReady")
        }
    }

    /// Upstream's `doNoScheduleTaintingPass`: node conditions and `unschedulable` as NoSchedule taints.
    func syncNoScheduleTaints(_ key: String) async throws {
        guard let node = nodes.store.get(key: key) else { return }
        var wanted: [String] = []
        for condition in node.status.conditions ?? [] {
            switch (condition.type, condition.status) {
            case ("Ready", "False"): wanted.append(NodeTaintKey.notReady)
            case ("Ready", "Unknown"): wanted.append(NodeTaintKey.unreachable)
            case ("MemoryPressure", "True"): wanted.append(NodeTaintKey.memoryPressure)
            case ("DiskPressure", "True"): wanted.append(NodeTaintKey.diskPressure)
            case ("PIDPressure", "True"): wanted.append(NodeTaintKey.pidPressure)
            case ("NetworkUnavailable", "True"): wanted.append(NodeTaintKey.networkUnavailable)
            default: break
            }
        }
        if node.spec.unschedulable == true { wanted.append(NodeTaintKey.unschedulable) }
        let managed: Set<String> = [NodeTaintKey.notReady, NodeTaintKey.unreachable, NodeTaintKey.memoryPressure, NodeTaintKey.diskPressure,
                                    NodeTaintKey.pidPressure, NodeTaintKey.networkUnavailable, NodeTaintKey.unschedulable]
        let taints = node.spec.taints ?? []
        let present = Set(taints.filter { $0.effect == "NoSchedule" && managed.contains($0.key) }.map(\.key))
        guard present != Set(wanted) else { return }
        var next = taints.filter { !($0.effect == "NoSchedule" && managed.contains($0.key)) }
        next += wanted.map { Taint(key: $0, effect: "NoSchedule") }
        try await setTaints(node, next)
    }

    func setTaints(_ node: Node, _ taints: [Taint]) async throws {
        let patch: JSONValue = ["metadata": ["resourceVersion": .string(node.metadata.resourceVersion ?? "")],
                                "spec": ["taints": taints.isEmpty ? .null : try JSONValue(encoding: taints)]]
        _ = try await client.resource(Node.self).patch(node.metadata.name ?? "", type: .merge, body: patch)
    }
}
