import Foundation
import KubeAPI
import KubeClient
import Logging

/// Keeps the number of pods of each ReplicaSet (or ReplicationController) at `spec.replicas`:
/// adopts matching orphans, releases pods that stopped matching, creates in slow-start batches,
/// deletes the least useful pods first, and reports replicas / ready / available.
/// Expectations make sure a slow pod watch never leads to creating the same pods twice.
public final class ReplicaSetController<Workload: ReplicatedWorkload>: Controller {
    public let name: String
    let workloads: Informer<Workload>
    let pods: Informer<Pod>
    let client: RESTClient
    let podControl: PodControl
    let queue: WorkQueue<String>
    let expectations = Expectations()
    let logger: Logger
    /// Upstream's `burstReplicas`: the most pods created or deleted in one sync.
    let burstReplicas = 500

    public init(factory: SharedInformerFactory, client: RESTClient, recorder: EventRecorder, logger: Logger) {
        name = Workload.kind == "ReplicaSet" ? "replicaset" : "replicationcontroller"
        workloads = factory.informer(Workload.self)
        pods = factory.informer(Pod.self)
        self.client = client
        podControl = PodControl(client: client, recorder: recorder)
        queue = WorkQueue(name: name)
        self.logger = logger
        workloads.addHandler(EventHandler(
            onAdd: { [queue] in queue.add(objectKey($0)) },
            onUpdate: { [queue] _, new in queue.add(objectKey(new)) },
            onDelete: { [queue, expectations] in
                expectations.forget(objectKey($0))
                queue.add(objectKey($0))
            }))
        pods.addHandler(EventHandler(
            onAdd: { [weak self] pod in self?.podAdded(pod) },
            onUpdate: { [weak self] old, new in self?.podUpdated(old, new) },
            onDelete: { [weak self] pod in self?.podDeleted(pod) }))
    }

    public func run(workers: Int) async {
        await workloads.waitForCacheSync()
        await pods.waitForCacheSync()
        await QueueWorkers(queue: queue, name: name, logger: logger).run(count: workers) { [self] key in try await sync(key) }
    }

    // MARK: Events

    /// The workload that controls `pod`, if it is one of ours and still exists with that uid.
    func owner(of pod: Pod) -> Workload? {
        guard let ref = pod.metadata.controllerRef, ref.kind == Workload.kind else { return nil }
        guard let workload = workloads.store.get(namespace: pod.metadata.namespace, name: ref.name), workload.metadata.uid == ref.uid else { return nil }
        return workload
    }

    /// Workloads whose selector matches an orphan (candidates for adoption).
    func matching(_ pod: Pod) -> [Workload] {
        workloads.store.list(namespace: pod.metadata.namespace ?? "").filter { $0.podSelector.matches(pod.metadata.labels ?? [:]) }
    }

    func podAdded(_ pod: Pod) {
        if let owner = owner(of: pod) {
            expectations.observedCreation(objectKey(owner))
            queue.add(objectKey(owner))
        } else if pod.metadata.controllerRef == nil {
            for w in matching(pod) { queue.add(objectKey(w)) }
        }
    }

    func podUpdated(_ old: Pod, _ new: Pod) {
        if let previous = owner(of: old), old.metadata.controllerRef?.uid != new.metadata.controllerRef?.uid {
            queue.add(objectKey(previous))
        }
        if let owner = owner(of: new) {
            queue.add(objectKey(owner))
            // Readiness turning into availability needs a look after minReadySeconds.
            if owner.minReadySeconds > 0, !old.isReady, new.isReady {
                queue.addAfter(objectKey(owner), .seconds(Int64(owner.minReadySeconds) + 1))
            }
        } else if new.metadata.controllerRef == nil, old.metadata.labels != new.metadata.labels || old.metadata.controllerRef != nil {
            for w in matching(new) { queue.add(objectKey(w)) }
        }
    }

    func podDeleted(_ pod: Pod) {
        if let owner = owner(of: pod) {
            expectations.observedDeletion(objectKey(owner))
            queue.add(objectKey(owner))
        }
    }

    // MARK: Sync

    func sync(_ key: String) async throws {
        guard let workload = workloads.store.get(key: key) else {
            expectations.forget(key)
            return
        }
        let namespace = workload.metadata.namespace ?? ""
        let owned = try await claimPods(workload, candidates: pods.store.list(namespace: namespace))
        let active = owned.filter(\.isActive)
        var failure: (any Error)?
        if expectations.satisfied(key) && !workload.metadata.isBeingDeleted {
            do { try await manage(workload, key: key, active: active) } catch { failure = error }
        }
        try await updateStatus(workload, key: key, active: active, failure: failure)
        if let failure { throw failure }
    }

    /// Upstream's `ClaimPods`: ours by controller reference, plus matching orphans adopted,
    /// minus owned pods that no longer match (released).
    func claimPods(_ workload: Workload, candidates: [Pod]) async throws -> [Pod] {
        let selector = workload.podSelector
        let uid = workload.metadata.uid
        var claimed: [Pod] = []
        for pod in candidates {
            let matches = selector.matches(pod.metadata.labels ?? [:])
            if let ref = pod.metadata.controllerRef {
                guard ref.uid == uid else { continue }
                if matches || workload.metadata.isBeingDeleted {
                    claimed.append(pod)
                } else {
                    try await setOwners(pod, (pod.metadata.ownerReferences ?? []).filter { $0.uid != uid })
                }
            } else if matches, !workload.metadata.isBeingDeleted, !pod.metadata.isBeingDeleted {
                let adopted = try await setOwners(pod, (pod.metadata.ownerReferences ?? []) + [controllerReference(to: workload)])
                claimed.append(adopted ?? pod)
            }
        }
        return claimed
    }

    /// Rewrites a pod's owner references, guarded by the resourceVersion it was read at.
    @discardableResult
    func setOwners(_ pod: Pod, _ owners: [OwnerReference]) async throws -> Pod? {
        let patch: JSONValue = ["metadata": [
            "ownerReferences": owners.isEmpty ? .null : try JSONValue(encoding: owners),
            "resourceVersion": .string(pod.metadata.resourceVersion ?? ""),
        ]]
        do {
            return try await client.resource(Pod.self, namespace: pod.metadata.namespace).patch(pod.metadata.name ?? "", type: .merge, body: patch)
        } catch let error as APIError where error.isNotFound {
            return nil
        }
    }

    func manage(_ workload: Workload, key: String, active: [Pod]) async throws {
        let diff = active.count - Int(workload.desiredReplicas)
        if diff < 0 {
            let count = min(-diff, burstReplicas)
            expectations.expect(key, adds: count)
            let template = workload.podTemplate
            let created = await slowStartBatch(count) { [podControl] in
                try await podControl.create(PodControl.pod(from: template, owner: workload), for: workload)
            }
            if created.succeeded < count {
                // The skipped and failed creations will never be observed.
                expectations.lower(key, adds: count - created.succeeded)
                if let error = created.error { throw error }
            }
        } else if diff > 0 {
            let count = min(diff, burstReplicas)
            let victims = Array(active.sorted(by: deletionOrder).prefix(count))
            expectations.expect(key, deletes: count)
            var firstError: (any Error)?
            await withTaskGroup(of: (any Error)?.self) { group in
                for pod in victims {
                    group.addTask { [podControl] in
                        do { try await podControl.delete(pod, for: workload); return nil } catch { return error }
                    }
                }
                for await error in group where error != nil {
                    expectations.lower(key, deletes: 1)
                    firstError = firstError ?? error
                }
            }
            if let firstError { throw firstError }
        }
    }

    func updateStatus(_ workload: Workload, key: String, active: [Pod], failure: (any Error)?) async throws {
        let templateLabels = workload.podTemplate.metadata.labels ?? [:]
        let now = Date()
        var counts = ReplicaCounts()
        counts.replicas = Int32(active.count)
        counts.fullyLabeledReplicas = Int32(active.filter { pod in templateLabels.allSatisfy { pod.metadata.labels?[$0.key] == $0.value } }.count)
        counts.readyReplicas = Int32(active.filter(\.isReady).count)
        counts.availableReplicas = Int32(active.filter { $0.isAvailable(minReadySeconds: workload.minReadySeconds, now: now) }.count)
        counts.observedGeneration = workload.metadata.generation ?? 0
        var updated = workload
        updated.counts = counts
        updated.setReplicaFailure(failure.map { "\($0)" })
        if counts.readyReplicas > counts.availableReplicas, workload.minReadySeconds > 0 {
            queue.addAfter(key, .seconds(Int64(workload.minReadySeconds)))
        }
        guard updated != workload else { return }
        let failureMessage = failure.map { "\($0)" }
        try await writeStatus(client.resource(Workload.self, namespace: workload.metadata.namespace), workload) {
            $0.counts = counts
            $0.setReplicaFailure(failureMessage)
        }
    }
}

/// Runs `count` operations in batches of 1, 2, 4, … (upstream's `slowStartBatch`), stopping at the
/// first batch with a failure, so a doomed creation (quota, bad template) fails once, not 500 times.
func slowStartBatch(_ count: Int, _ operation: @escaping @Sendable () async throws -> Void) async -> (succeeded: Int, error: (any Error)?) {
    var remaining = count
    var batch = 1
    var succeeded = 0
    while remaining > 0 {
        let size = min(batch, remaining)
        var failure: (any Error)?
        await withTaskGroup(of: (any Error)?.self) { group in
            for _ in 0..<size {
                group.addTask {
                    do { try await operation(); return nil } catch { return error }
                }
            }
            for await error in group {
                if let error { failure = failure ?? error } else { succeeded += 1 }
            }
        }
        if let failure { return (succeeded, failure) }
        remaining -= size
        batch *= 2
    }
    return (succeeded, nil)
}
