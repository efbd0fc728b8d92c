import Foundation
import KubeAPI
import KubeClient
import Logging

/// Runs StatefulSets' pods with stable identities (upstream's `statefulset` controller):
/// `<set>-<ordinal>` with hostname = pod name and subdomain = `serviceName` (the headless Service
/// is the user's), labels `statefulset.kubernetes.io/pod-name` and `apps.kubernetes.io/pod-index`.
/// OrderedReady creates one pod at a time, each after its predecessors are Running and Ready, and
/// scales down from the highest ordinal, one at a time; Parallel does both at once. RollingUpdate
/// replaces pods in reverse ordinal order down to `partition`, one at a time, each after the
/// previous is Ready again; OnDelete waits for the user. Revisions are ControllerRevisions named
/// `<set>-<hash>`, and each pod's `controller-revision-hash` label holds its revision's name.
/// volumeClaimTemplates are not acted on (no PersistentVolumeClaims are created).
public final class StatefulSetController: Controller {
    public static let podNameLabel = "statefulset.kubernetes.io/pod-name"
    public static let podIndexLabel = "apps.kubernetes.io/pod-index"
    public let name = "statefulset"
    let sets: Informer<StatefulSet>
    let pods: Informer<Pod>
    let history: ControllerHistory
    let client: RESTClient
    let recorder: EventRecorder
    let queue = WorkQueue<String>(name: "statefulset")
    let logger: Logger

    public init(factory: SharedInformerFactory, client: RESTClient, recorder: EventRecorder, logger: Logger) {
        sets = factory.informer(StatefulSet.self)
        pods = factory.informer(Pod.self)
        history = ControllerHistory(client: client, revisions: factory.informer(ControllerRevision.self))
        self.client = client
        self.recorder = recorder
        self.logger = logger
        sets.addHandler(EventHandler(
            onAdd: { [queue] in queue.add(objectKey($0)) },
            onUpdate: { [queue] _, new in queue.add(objectKey(new)) },
            onDelete: { [queue] in queue.add(objectKey($0)) }))
        let enqueueOwner: @Sendable (Pod) -> Void = { [queue, sets] pod in
            guard let ref = pod.metadata.controllerRef, ref.kind == "StatefulSet" else { return }
            let key = "\(pod.metadata.namespace ?? "")/\(ref.name)"
            queue.add(key)
            if let set = sets.store.get(key: key), let minReady = set.spec.minReadySeconds, minReady > 0, pod.isReady {
                queue.addAfter(key, .seconds(Int64(minReady) + 1))
            }
        }
        pods.addHandler(EventHandler(onAdd: enqueueOwner, onUpdate: { _, new in enqueueOwner(new) }, onDelete: enqueueOwner))
    }

    public func run(workers: Int) async {
        await sets.waitForCacheSync()
        await pods.waitForCacheSync()
        await history.revisions.waitForCacheSync()
        await QueueWorkers(queue: queue, name: name, logger: logger).run(count: workers) { [self] key in try await sync(key) }
    }

    // MARK: Identity

    static func ordinal(of pod: Pod, set: StatefulSet) -> Int? {
        let prefix = "\(set.metadata.name ?? "")-"
        guard let name = pod.metadata.name, name.hasPrefix(prefix), let n = Int(name.dropFirst(prefix.count)), n >= 0 else { return nil }
        return n
    }

    static func revisionName(_ pod: Pod) -> String? { pod.metadata.labels?[ControllerHistory.hashLabel] }

    /// The pod for `ordinal` at `revision` (upstream's `newVersionedStatefulSetPod`).
    static func pod(_ set: StatefulSet, template: PodTemplateSpec, ordinal: Int, revision: String) -> Pod {
        let name = "\(set.metadata.name ?? "")-\(ordinal)"
        var pod = PodControl.pod(from: template, owner: set, name: name)
        pod.metadata.labels = (pod.metadata.labels ?? [:]).merging([
            podNameLabel: name, podIndexLabel: "\(ordinal)", ControllerHistory.hashLabel: revision,
        ]) { _, new in new }
        pod.spec.hostname = name
        if let service = set.spec.serviceName, !service.isEmpty { pod.spec.subdomain = service }
        return pod
    }

    func isHealthy(_ pod: Pod, _ set: StatefulSet) -> Bool {
        pod.status.phase == "Running" && pod.isAvailable(minReadySeconds: set.spec.minReadySeconds ?? 0) && !pod.metadata.isBeingDeleted
    }

    // MARK: Sync

    func sync(_ key: String) async throws {
        guard let set = sets.store.get(key: key), !set.metadata.isBeingDeleted else { return }
        let selector = Labels.Selector(set.spec.selector)
        let owned = pods.store.list(namespace: set.metadata.namespace ?? "").filter {
            $0.metadata.controllerRef?.uid == set.metadata.uid && selector.matches($0.metadata.labels ?? [:])
        }
        // Revisions: the update revision is the current template; the current revision is what status says.
        let data = ControllerHistory.data(for: set.spec.template)
        let hash = ControllerHistory.hash(data, collisionCount: set.status.collisionCount)
        let updateRevision: ControllerRevision
        do {
            updateRevision = try await history.ensureCurrent(owner: set, data: data, hash: hash, labels: set.spec.template.metadata.labels ?? [:])
        } catch is RevisionCollision {
            var bumped = set
            bumped.status.collisionCount = (set.status.collisionCount ?? 0) + 1
            _ = try await client.resource(StatefulSet.self, namespace: set.metadata.namespace).updateStatus(bumped)
            return
        }
        let revisions = history.owned(by: set)
        let currentRevision = revisions.first { $0.metadata.name == set.status.currentRevision } ?? updateRevision
        let updateName = updateRevision.metadata.name ?? ""
        let currentName = currentRevision.metadata.name ?? ""

        var failure: (any Error)?
        do {
            try await update(set, owned: owned, current: currentRevision, update: updateRevision)
        } catch { failure = error }
        let live = Set(owned.compactMap(Self.revisionName)).union([currentName, updateName])
        try await history.truncate(owner: set, limit: Int(set.spec.revisionHistoryLimit ?? 10), keeping: live)
        let fresh = pods.store.list(namespace: set.metadata.namespace ?? "").filter {
            $0.metadata.controllerRef?.uid == set.metadata.uid && selector.matches($0.metadata.labels ?? [:])
        }
        try await updateStatus(set, pods: fresh, currentName: currentName, updateName: updateName)
        if let failure { throw failure }
    }

    /// Upstream's `updateStatefulSet`, one step per call: returns after each action it must wait on.
    func update(_ set: StatefulSet, owned: [Pod], current: ControllerRevision, update: ControllerRevision) async throws {
        let replicas = Int(set.spec.replicas ?? 1)
        let start = Int(set.spec.ordinals?.start ?? 0)
        let monotonic = set.spec.podManagementPolicy != "Parallel"
        let currentName = current.metadata.name ?? "", updateName = update.metadata.name ?? ""
        let currentTemplate = ControllerHistory.template(of: current) ?? set.spec.template

        var slots: [Pod?] = Array(repeating: nil, count: replicas)
        var condemned: [Pod] = []
        for pod in owned {
            guard let ordinal = Self.ordinal(of: pod, set: set) else { continue }
            if ordinal >= start && ordinal < start + replicas { slots[ordinal - start] = pod } else { condemned.append(pod) }
        }
        condemned.sort { (Self.ordinal(of: $0, set: set) ?? 0) < (Self.ordinal(of: $1, set: set) ?? 0) }
        let firstUnhealthy = (slots.compactMap { $0 } + condemned).first { !isHealthy($0, set) }

        // Create missing pods and replace finished ones, in ordinal order.
        for (i, slot) in slots.enumerated() {
            let ordinal = start + i
            guard let pod = slot else {
                let revision = Self.useCurrentRevision(set, ordinal: ordinal) ? currentName : updateName
                let template = revision == currentName ? currentTemplate : set.spec.template
                try await createPod(set, Self.pod(set, template: template, ordinal: ordinal, revision: revision))
                if monotonic { return }
                continue
            }
            if pod.isTerminal && !pod.metadata.isBeingDeleted {
                try await deletePod(set, pod)
                if monotonic { return }
                continue
            }
            if monotonic && (pod.metadata.isBeingDeleted || !isHealthy(pod, set)) { return }
        }
        // Scale down from the highest ordinal.
        for pod in condemned.reversed() {
            if pod.metadata.isBeingDeleted {
                if monotonic { return }
                continue
            }
            if monotonic, !isHealthy(pod, set), pod.metadata.name != firstUnhealthy?.metadata.name { return }
            try await deletePod(set, pod)
            if monotonic { return }
        }
        // Rolling update: the highest ordinal not at the update revision goes first, one at a time.
        guard set.spec.updateStrategy.type != "OnDelete" else { return }
        let partition = Int(set.spec.updateStrategy.rollingUpdate?.partition ?? 0)
        for i in stride(from: slots.count - 1, through: max(partition - start, 0), by: -1) {
            guard let pod = slots[i] else { return }
            if Self.revisionName(pod) != updateName && !pod.metadata.isBeingDeleted {
                try await deletePod(set, pod)
                return
            }
            if !isHealthy(pod, set) { return }
        }
    }

    /// Upstream: a pod (re)created below the partition, or, without a partition, below the number of
    /// pods still at the current revision, keeps the current revision; others get the update revision.
    static func useCurrentRevision(_ set: StatefulSet, ordinal: Int) -> Bool {
        guard set.spec.updateStrategy.type != "OnDelete" else { return false }
        if let partition = set.spec.updateStrategy.rollingUpdate?.partition { return ordinal < Int(partition) }
        return ordinal < Int(set.status.currentReplicas ?? 0)
    }

    func createPod(_ set: StatefulSet, _ pod: Pod) async throws {
        do {
            _ = try await client.resource(Pod.self, namespace: pod.metadata.namespace).create(pod)
            recorder.normal(set, reason: "SuccessfulCreate", "create Pod \(pod.metadata.name ?? "") in StatefulSet \(set.metadata.name ?? "") successful")
        } catch let error as APIError where error.isAlreadyExists {
            return
        } catch {
            recorder.warning(set, reason: "FailedCreate", "create Pod \(pod.metadata.name ?? "") in StatefulSet \(set.metadata.name ?? "") failed error: \(error)")
            throw error
        }
    }

    func deletePod(_ set: StatefulSet, _ pod: Pod) async throws {
        do {
            try await client.resource(Pod.self, namespace: pod.metadata.namespace).delete(pod.metadata.name ?? "", options: DeleteOptions(
                preconditions: Preconditions(uid: pod.metadata.uid)))
            recorder.normal(set, reason: "SuccessfulDelete", "delete Pod \(pod.metadata.name ?? "") in StatefulSet \(set.metadata.name ?? "") successful")
        } catch let error as APIError where error.isNotFound {
            return
        } catch {
            recorder.warning(set, reason: "FailedDelete", "delete Pod \(pod.metadata.name ?? "") in StatefulSet \(set.metadata.name ?? "") failed error: \(error)")
            throw error
        }
    }

    func updateStatus(_ set: StatefulSet, pods: [Pod], currentName: String, updateName: String) async throws {
        var status = set.status
        let counted = pods.filter { Self.ordinal(of: $0, set: set) != nil && !$0.metadata.isBeingDeleted }
        status.observedGeneration = set.metadata.generation
        status.replicas = Int32(counted.count)
        status.readyReplicas = Int32(counted.filter(\.isReady).count)
        status.availableReplicas = Int32(counted.filter { $0.isAvailable(minReadySeconds: set.spec.minReadySeconds ?? 0) }.count)
        status.currentReplicas = Int32(counted.filter { Self.revisionName($0) == currentName }.count)
        status.updatedReplicas = Int32(counted.filter { Self.revisionName($0) == updateName }.count)
        status.currentRevision = currentName
        status.updateRevision = updateName
        // Upstream's completeRollingUpdate: once every replica is updated and ready, the update
        // revision becomes the current one.
        if set.spec.updateStrategy.type != "OnDelete", status.updatedReplicas == status.replicas, status.readyReplicas == status.replicas {
            status.currentRevision = updateName
            status.currentReplicas = status.updatedReplicas
        }
        guard status != set.status else { return }
        var next = set
        next.status = status
        _ = try await client.resource(StatefulSet.self, namespace: set.metadata.namespace).updateStatus(next)
    }
}
