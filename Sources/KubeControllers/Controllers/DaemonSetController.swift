import Foundation
import KubeAPI
import KubeClient
import Logging
import Synchronization

/// Runs one pod of each DaemonSet on every node that should run it (upstream's `daemonset`
/// controller): eligibility by the template's node name, node selector, required node affinity
/// and taints against its tolerations (plus the tolerations every daemon pod gets). As upstream
/// since 1.12, pods are not bound here: each is created with a required node affinity on
/// `metadata.name` (matchFields) naming its node, and the scheduler places it there — without a
/// scheduler, daemon pods stay Pending. Rolling updates replace old pods up to `maxUnavailable` at
/// a time (maxSurge is treated as 0); `OnDelete` waits for the user. Templates are recorded as
/// ControllerRevisions and pods labelled with `controller-revision-hash`.
public final class DaemonSetController: Controller {
    public let name = "daemonset"
    let daemonSets: Informer<DaemonSet>
    let nodes: Informer<Node>
    let pods: Informer<Pod>
    let history: ControllerHistory
    let client: RESTClient
    let podControl: PodControl
    let queue = WorkQueue<String>(name: "daemonset")
    let expectations = Expectations()
    let logger: Logger
    static let templateGenerationLabel = "pod-template-generation"

    public init(factory: SharedInformerFactory, client: RESTClient, recorder: EventRecorder, logger: Logger) {
        daemonSets = factory.informer(DaemonSet.self)
        nodes = factory.informer(Node.self)
        pods = factory.informer(Pod.self)
        history = ControllerHistory(client: client, revisions: factory.informer(ControllerRevision.self))
        self.client = client
        podControl = PodControl(client: client, recorder: recorder)
        self.logger = logger
        daemonSets.addHandler(EventHandler(
            onAdd: { [queue] in queue.add(objectKey($0)) },
            onUpdate: { [queue] _, new in queue.add(objectKey(new)) },
            onDelete: { [queue, expectations] in
                expectations.forget(objectKey($0))
                queue.add(objectKey($0))
            }))
        let enqueueAll: @Sendable () -> Void = { [daemonSets, queue] in for ds in daemonSets.store.list() { queue.add(objectKey(ds)) } }
        nodes.addHandler(EventHandler(
            onAdd: { _ in enqueueAll() },
            onUpdate: { old, new in
                if old.metadata.labels != new.metadata.labels || old.spec.taints != new.spec.taints || old.spec.unschedulable != new.spec.unschedulable {
                    enqueueAll()
                }
            },
            onDelete: { _ in enqueueAll() }))
        pods.addHandler(EventHandler(
            onAdd: { [weak self] pod in self?.podEvent(pod, created: true) },
            onUpdate: { [weak self] _, new in self?.podEvent(new, created: false) },
            onDelete: { [weak self] pod in self?.podEvent(pod, deleted: true) }))
    }

    public func run(workers: Int) async {
        await daemonSets.waitForCacheSync()
        await nodes.waitForCacheSync()
        await pods.waitForCacheSync()
        await history.revisions.waitForCacheSync()
        await QueueWorkers(queue: queue, name: name, logger: logger).run(count: workers) { [self] key in try await sync(key) }
    }

    func podEvent(_ pod: Pod, created: Bool = false, deleted: Bool = false) {
        guard let ref = pod.metadata.controllerRef, ref.kind == "DaemonSet" else { return }
        let key = "\(pod.metadata.namespace ?? "")/\(ref.name)"
        if created { expectations.observedCreation(key) }
        if deleted { expectations.observedDeletion(key) }
        queue.add(key)
        if let ds = daemonSets.store.get(key: key), let minReady = ds.spec.minReadySeconds, minReady > 0, pod.isReady {
            queue.addAfter(key, .seconds(Int64(minReady) + 1))
        }
    }

    // MARK: Placement (upstream's NodeShouldRunDaemonPod)

    /// The tolerations upstream adds to every daemon pod so that node conditions never evict or block it.
    static func addDaemonTolerations(_ spec: inout PodSpec) {
        var tolerations = spec.tolerations ?? []
        func add(_ key: String, _ effect: String) {
            if !tolerations.contains(where: { $0.key == key && $0.operator == "Exists" && $0.effect == effect }) {
                tolerations.append(Toleration(key: key, operator: "Exists", effect: effect))
            }
        }
        add(NodeTaintKey.notReady, "NoExecute")
        add(NodeTaintKey.unreachable, "NoExecute")
        add(NodeTaintKey.diskPressure, "NoSchedule")
        add(NodeTaintKey.memoryPressure, "NoSchedule")
        add(NodeTaintKey.pidPressure, "NoSchedule")
        add(NodeTaintKey.unschedulable, "NoSchedule")
        if spec.hostNetwork == true { add(NodeTaintKey.networkUnavailable, "NoSchedule") }
        spec.tolerations = tolerations
    }

    /// (should a daemon pod be placed on `node`, may an existing one keep running there).
    static func shouldRun(_ ds: DaemonSet, on node: Node) -> (run: Bool, keep: Bool) {
        var spec = ds.spec.template.spec
        addDaemonTolerations(&spec)
        if let wanted = spec.nodeName, !wanted.isEmpty, wanted != node.metadata.name { return (false, false) }
        guard spec.nodeSelectionAdmits(node) else { return (false, false) }
        let taints = node.spec.taints ?? []
        let tolerations = spec.tolerations ?? []
        if untoleratedTaint(taints, tolerations, effects: { $0.effect == "NoSchedule" || $0.effect == "NoExecute" }) != nil {
            return (false, untoleratedTaint(taints, tolerations, effects: { $0.effect == "NoExecute" }) == nil)
        }
        return (true, true)
    }

    /// The node a daemon pod is meant for: its `nodeName`, or the node its affinity names.
    static func targetNode(_ pod: Pod) -> String? {
        if let node = pod.spec.nodeName, !node.isEmpty { return node }
        for term in pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ?? [] {
            for r in term.matchFields ?? [] where r.key == "metadata.name" && r.operator == "In" && r.values?.count == 1 {
                return r.values?.first
            }
        }
        return nil
    }

    /// Upstream's `ReplaceDaemonSetPodNodeNameNodeAffinity`: the required terms become the single
    /// term selecting `node` by name (the controller already checked the rest).
    static func pinToNode(_ spec: inout PodSpec, _ node: String) {
        let term = NodeSelectorTerm(matchFields: [NodeSelectorRequirement(key: "metadata.name", operator: "In", values: [node])])
        var affinity = spec.affinity ?? Affinity()
        var nodeAffinity = affinity.nodeAffinity ?? NodeAffinity()
        nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution = NodeSelector(nodeSelectorTerms: [term])
        affinity.nodeAffinity = nodeAffinity
        spec.affinity = affinity
    }

    // MARK: Sync

    func sync(_ key: String) async throws {
        guard let ds = daemonSets.store.get(key: key) else {
            expectations.forget(key)
            return
        }
        let selector = Labels.Selector(ds.spec.selector)
        let owned = pods.store.list(namespace: ds.metadata.namespace ?? "").filter {
            $0.metadata.controllerRef?.uid == ds.metadata.uid && selector.matches($0.metadata.labels ?? [:])
        }
        if ds.metadata.isBeingDeleted { return }
        let hash = DeploymentRollout.templateHash(ds.spec.template, collisionCount: ds.status.collisionCount)
        do {
            _ = try await history.ensureCurrent(owner: ds, data: ControllerHistory.data(for: ds.spec.template), hash: hash,
                                                labels: ds.spec.template.metadata.labels ?? [:])
        } catch is RevisionCollision {
            var bumped = ds
            bumped.status.collisionCount = (ds.status.collisionCount ?? 0) + 1
            _ = try await client.resource(DaemonSet.self, namespace: ds.metadata.namespace).updateStatus(bumped)
            return
        }
        let allNodes = nodes.store.list()
        var byNode: [String: [Pod]] = [:]
        for pod in owned where !pod.metadata.isBeingDeleted {
            if let node = Self.targetNode(pod) { byNode[node, default: []].append(pod) }
        }
        if expectations.satisfied(key) {
            try await manage(ds, key: key, nodes: allNodes, byNode: byNode, hash: hash)
            if ds.spec.updateStrategy.type != "OnDelete" {
                try await rollingUpdate(ds, key: key, nodes: allNodes, byNode: byNode, hash: hash)
            }
        }
        let live = Set(owned.compactMap { $0.metadata.labels?[ControllerHistory.hashLabel] }.map { "\(ds.metadata.name ?? "")-\($0)" })
        try await history.truncate(owner: ds, limit: Int(ds.spec.revisionHistoryLimit ?? 10), keeping: live.union(["\(ds.metadata.name ?? "")-\(hash)"]))
        try await updateStatus(ds, nodes: allNodes, byNode: byNode, hash: hash)
    }

    /// Creates missing daemon pods and deletes those on nodes that should not run them, failed ones
    /// (to be recreated) and duplicates (keeping the oldest).
    func manage(_ ds: DaemonSet, key: String, nodes: [Node], byNode: [String: [Pod]], hash: String) async throws {
        var create: [String] = []
        var delete: [Pod] = []
        let nodeNames = Set(nodes.compactMap(\.metadata.name))
        for node in nodes {
            let name = node.metadata.name ?? ""
            let existing = byNode[name] ?? []
            let (run, keep) = Self.shouldRun(ds, on: node)
            if run {
                let failed = existing.filter { $0.status.phase == "Failed" }
                delete += failed
                let healthy = existing.filter { $0.status.phase != "Failed" }
                    .sorted { ($0.metadata.creationTimestamp ?? Time(secondsSince1970: 0), $0.metadata.name ?? "") < ($1.metadata.creationTimestamp ?? Time(secondsSince1970: 0), $1.metadata.name ?? "") }
                if healthy.isEmpty && failed.isEmpty { create.append(name) }
                delete += healthy.dropFirst()
            } else if !keep {
                delete += existing
            }
        }
        for (node, pods) in byNode where !nodeNames.contains(node) { delete += pods }
        if delete.isEmpty && create.isEmpty { return }
        expectations.expect(key, adds: create.count, deletes: delete.count)
        var firstError: (any Error)?
        for pod in delete {
            do { try await podControl.delete(pod, for: ds) } catch {
                expectations.lower(key, deletes: 1)
                firstError = firstError ?? error
            }
        }
        let templates = create.map { Self.pod(ds, node: $0, hash: hash) }
        let next = Mutex(0)
        let created = await slowStartBatch(templates.count) { [podControl] in
            let i = next.withLock { n in defer { n += 1 }; return n }
            try await podControl.create(templates[i], for: ds)
        }
        if created.succeeded < templates.count {
            expectations.lower(key, adds: templates.count - created.succeeded)
            firstError = firstError ?? created.error
        }
        if let firstError { throw firstError }
    }

    static func pod(_ ds: DaemonSet, node: String, hash: String) -> Pod {
        var template = ds.spec.template
        template.metadata.labels = (template.metadata.labels ?? [:]).merging([
            ControllerHistory.hashLabel: hash, templateGenerationLabel: "\(ds.metadata.generation ?? 1)",
        ]) { _, new in new }
        addDaemonTolerations(&template.spec)
        pinToNode(&template.spec, node)
        return PodControl.pod(from: template, owner: ds)
    }

    /// Upstream's `rollingUpdate` with maxSurge 0: old pods that are not available go at once; old
    /// available ones only while fewer than `maxUnavailable` daemon pods are unavailable.
    func rollingUpdate(_ ds: DaemonSet, key: String, nodes: [Node], byNode: [String: [Pod]], hash: String) async throws {
        let desired = nodes.filter { Self.shouldRun(ds, on: $0).run }
        let maxUnavailable = Self.maxUnavailable(ds, desired: Int32(desired.count))
        let now = Date()
        var unavailable = 0
        var oldAvailable: [Pod] = [], oldUnavailable: [Pod] = []
        for node in desired {
            guard let pod = (byNode[node.metadata.name ?? ""] ?? []).first else {
                unavailable += 1
                continue
            }
            let available = pod.isAvailable(minReadySeconds: ds.spec.minReadySeconds ?? 0, now: now)
            if !available { unavailable += 1 }
            guard pod.metadata.labels?[ControllerHistory.hashLabel] != hash else { continue }
            if available { oldAvailable.append(pod) } else { oldUnavailable.append(pod) }
        }
        var victims = oldUnavailable
        for pod in oldAvailable.sorted(by: { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }) where unavailable < maxUnavailable {
            victims.append(pod)
            unavailable += 1
        }
        guard !victims.isEmpty else { return }
        expectations.expect(key, deletes: victims.count)
        for pod in victims {
            do { try await podControl.delete(pod, for: ds) } catch {
                expectations.lower(key, deletes: 1)
                throw error
            }
        }
    }

    static func maxUnavailable(_ ds: DaemonSet, desired: Int32) -> Int {
        let value = ds.spec.updateStrategy.rollingUpdate?.maxUnavailable ?? .int(1)
        let scaled = (try? value.scaledValue(of: desired, roundUp: true)) ?? 1
        return Int(max(scaled, 1))
    }

    func updateStatus(_ ds: DaemonSet, nodes: [Node], byNode: [String: [Pod]], hash: String) async throws {
        var status = ds.status
        let now = Date()
        var desired: Int32 = 0, current: Int32 = 0, misscheduled: Int32 = 0, ready: Int32 = 0, available: Int32 = 0, updated: Int32 = 0
        for node in nodes {
            let pods = byNode[node.metadata.name ?? ""] ?? []
            if Self.shouldRun(ds, on: node).run {
                desired += 1
                guard let pod = pods.first else { continue }
                current += 1
                if pod.isReady { ready += 1 }
                if pod.isAvailable(minReadySeconds: ds.spec.minReadySeconds ?? 0, now: now) { available += 1 }
                if pod.metadata.labels?[ControllerHistory.hashLabel] == hash { updated += 1 }
            } else if !pods.isEmpty {
                misscheduled += 1
            }
        }
        status.desiredNumberScheduled = desired
        status.currentNumberScheduled = current
        status.numberMisscheduled = misscheduled
        status.numberReady = ready
        status.numberAvailable = available
        status.numberUnavailable = desired - available
        status.updatedNumberScheduled = updated
        status.observedGeneration = ds.metadata.generation
        guard status != ds.status else { return }
        var next = ds
        next.status = status
        _ = try await client.resource(DaemonSet.self, namespace: ds.metadata.namespace).updateStatus(next)
    }
}
