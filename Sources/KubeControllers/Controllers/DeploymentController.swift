import Foundation
import KubeAPI
import KubeClient
import Logging

/// Rolls Deployments out through ReplicaSets: one ReplicaSet per pod template (named by its hash),
/// RollingUpdate within maxSurge / maxUnavailable or Recreate, revision numbering and history
/// limits, pause, progress deadlines, and the Available / Progressing conditions.
public final class DeploymentController: Controller {
    public let name = "deployment"
    let deployments: Informer<Deployment>
    let replicaSets: Informer<ReplicaSet>
    let pods: Informer<Pod>
    let client: RESTClient
    let recorder: EventRecorder
    let queue = WorkQueue<String>(name: "deployment")
    let logger: Logger

    public init(factory: SharedInformerFactory, client: RESTClient, recorder: EventRecorder, logger: Logger) {
        deployments = factory.informer(Deployment.self)
        replicaSets = factory.informer(ReplicaSet.self)
        pods = factory.informer(Pod.self)
        self.client = client
        self.recorder = recorder
        self.logger = logger
        deployments.addHandler(EventHandler(
            onAdd: { [queue] in queue.add(objectKey($0)) },
            onUpdate: { [queue] _, new in queue.add(objectKey(new)) },
            onDelete: { [queue] in queue.add(objectKey($0)) }))
        let enqueueOwner: @Sendable (ReplicaSet) -> Void = { [queue] rs in
            guard let ref = rs.metadata.controllerRef, ref.kind == "Deployment" else { return }
            queue.add(objectKey(namespace: rs.metadata.namespace, name: ref.name))
        }
        replicaSets.addHandler(EventHandler(onAdd: enqueueOwner, onUpdate: { _, new in enqueueOwner(new) }, onDelete: enqueueOwner))
        // Recreate waits for old pods to be gone: their deletion moves it on.
        pods.addHandler(EventHandler(onDelete: { [weak self] pod in
            guard let self, let ref = pod.metadata.controllerRef, ref.kind == "ReplicaSet",
                  let rs = self.replicaSets.store.get(namespace: pod.metadata.namespace, name: ref.name) else { return }
            enqueueOwner(rs)
        }))
    }

    public func run(workers: Int) async {
        await deployments.waitForCacheSync()
        await replicaSets.waitForCacheSync()
        await pods.waitForCacheSync()
        await QueueWorkers(queue: queue, name: name, logger: logger).run(count: workers) { [self] key in try await sync(key) }
    }

    /// Creates and updates address the object's own namespace; by-name calls must pass theirs.
    var rsClient: ResourceClient<ReplicaSet> { client.resource(ReplicaSet.self) }

    func sync(_ key: String) async throws {
        guard let d = deployments.store.get(key: key), !d.metadata.isBeingDeleted else { return }
        let all = try await claimReplicaSets(d)
        let matching = all.first { DeploymentRollout.templatesEqual($0.spec.template, d.spec.template) }
        if d.spec.paused == true {
            try await scalePaused(d, all: all, new: matching)
            try await syncStatus(d, new: matching, paused: true)
            return
        }
        let new = try await ensureNewReplicaSet(d, all: all, existing: matching)
        let everything = all.contains { $0.metadata.uid == new.metadata.uid } ? all.map { $0.metadata.uid == new.metadata.uid ? new : $0 } : all + [new]
        let old = everything.filter { $0.metadata.uid != new.metadata.uid }
        if d.spec.strategy.type == "Recreate" {
            try await recreate(d, old: old, new: new)
        } else {
            try await rollingUpdate(d, all: everything, old: old, new: new)
        }
        try await cleanup(d, old: old)
        try await syncStatus(d, new: replicaSets.store.get(key: objectKey(new)) ?? new, paused: false)
    }

    /// ReplicaSets this Deployment controls; matching orphans are adopted, mismatching ones released.
    func claimReplicaSets(_ d: Deployment) async throws -> [ReplicaSet] {
        let selector = Labels.Selector(d.spec.selector)
        var owned: [ReplicaSet] = []
        for rs in replicaSets.store.list(namespace: d.metadata.namespace ?? "") {
            let matches = selector.matches(rs.metadata.labels ?? [:])
            if let ref = rs.metadata.controllerRef {
                if ref.uid == d.metadata.uid && matches { owned.append(rs) }
            } else if matches && !rs.metadata.isBeingDeleted {
                var adopted = rs
                adopted.metadata.ownerReferences = (rs.metadata.ownerReferences ?? []) + [controllerReference(to: d)]
                owned.append(try await rsClient.update(adopted))
            }
        }
        return owned
    }

    /// The ReplicaSet for the current template, created (with the next revision) when missing, and
    /// with its revision and replica annotations kept current.
    func ensureNewReplicaSet(_ d: Deployment, all: [ReplicaSet], existing: ReplicaSet?) async throws -> ReplicaSet {
        let maxOldRevision = all.filter { $0.metadata.uid != existing?.metadata.uid }.map(DeploymentRollout.revision).max() ?? 0
        let (surge, _) = DeploymentRollout.surgeAndUnavailable(d)
        let replicas = d.spec.replicas ?? 1
        var annotations: [String: String] = [
            DeploymentRollout.desiredReplicasAnnotation: String(replicas),
            DeploymentRollout.maxReplicasAnnotation: String(replicas + surge),
        ]
        if var rs = existing {
            let revision = max(DeploymentRollout.revision(rs), maxOldRevision + 1)
            annotations[DeploymentRollout.revisionAnnotation] = String(DeploymentRollout.revision(rs) > maxOldRevision ? DeploymentRollout.revision(rs) : revision)
            var merged = rs.metadata.annotations ?? [:]
            for (k, v) in annotations { merged[k] = v }
            if merged != rs.metadata.annotations {
                // A patch, not an update: the ReplicaSet controller rewrites status all the time.
                rs = try await client.resource(ReplicaSet.self, namespace: rs.metadata.namespace).patch(rs.metadata.name ?? "", type: .merge,
                                              body: ["metadata": ["annotations": .object(JSONObject(uniqueKeysWithValues: annotations.map { ($0.key, .string($0.value)) }))]])
            }
            return rs
        }
        let hash = DeploymentRollout.templateHash(d.spec.template, collisionCount: d.status.collisionCount)
        var template = d.spec.template
        template.metadata.labels = (template.metadata.labels ?? [:]).merging([DeploymentRollout.hashLabel: hash]) { _, new in new }
        var selector = d.spec.selector ?? LabelSelector()
        selector.matchLabels = (selector.matchLabels ?? [:]).merging([DeploymentRollout.hashLabel: hash]) { _, new in new }
        annotations[DeploymentRollout.revisionAnnotation] = String(maxOldRevision + 1)
        var carried = d.metadata.annotations ?? [:]
        carried["kubectl.kubernetes.io/last-applied-configuration"] = nil
        carried[DeploymentRollout.revisionAnnotation] = nil
        let name = "\(d.metadata.name ?? "")-\(hash)"
        let rs = ReplicaSet(
            metadata: ObjectMeta(name: name, namespace: d.metadata.namespace, labels: template.metadata.labels,
                                 annotations: carried.merging(annotations) { _, new in new }, ownerReferences: [controllerReference(to: d)]),
            spec: ReplicaSetSpec(replicas: 0, minReadySeconds: d.spec.minReadySeconds, selector: selector, template: template))
        do {
            let created = try await rsClient.create(rs)
            recorder.normal(d, reason: "ScalingReplicaSet", "Created new replica set \"\(name)\"")
            return created
        } catch let error as APIError where error.isAlreadyExists {
            // A ReplicaSet of that name with another template: a hash collision. Bump the count and retry.
            var bumped = d
            bumped.status.collisionCount = (d.status.collisionCount ?? 0) + 1
            _ = try await client.resource(Deployment.self).updateStatus(bumped)
            throw error
        }
    }

    func scale(_ rs: ReplicaSet, to replicas: Int32, for d: Deployment) async throws {
        guard (rs.spec.replicas ?? 0) != replicas else { return }
        let from = rs.spec.replicas ?? 0
        _ = try await client.resource(ReplicaSet.self, namespace: rs.metadata.namespace)
            .patch(rs.metadata.name ?? "", type: .merge, body: ["spec": ["replicas": .int(Int64(replicas))]])
        recorder.normal(d, reason: "ScalingReplicaSet", "Scaled \(replicas > from ? "up" : "down") replica set \(rs.metadata.name ?? "") from \(from) to \(replicas)")
    }

    func rollingUpdate(_ d: Deployment, all: [ReplicaSet], old: [ReplicaSet], new: ReplicaSet) async throws {
        let replicas = d.spec.replicas ?? 1
        // Not mid-rollout (nothing old left running): a plain scale of the new set.
        if old.allSatisfy({ ($0.spec.replicas ?? 0) == 0 }) {
            try await scale(new, to: replicas, for: d)
            return
        }
        let newReplicas = DeploymentRollout.newReplicaSetReplicas(d, all: all, new: new)
        try await scale(new, to: newReplicas, for: d)
        var current = new
        current.spec.replicas = newReplicas
        for (name, count) in DeploymentRollout.oldReplicaSetScaleDown(d, old: old, new: current) {
            if let rs = old.first(where: { $0.metadata.name == name }) { try await scale(rs, to: count, for: d) }
        }
    }

    func recreate(_ d: Deployment, old: [ReplicaSet], new: ReplicaSet) async throws {
        var scaledDown = false
        for rs in old where (rs.spec.replicas ?? 0) > 0 {
            try await scale(rs, to: 0, for: d)
            scaledDown = true
        }
        if scaledDown { return }
        // Only once every old pod is gone does the new set come up.
        let oldUIDs = Set(old.compactMap(\.metadata.uid))
        let oldPodsRunning = pods.store.list(namespace: d.metadata.namespace ?? "").contains { pod in
            guard let ref = pod.metadata.controllerRef, oldUIDs.contains(ref.uid) else { return false }
            return !pod.isTerminal
        }
        if oldPodsRunning { return }
        try await scale(new, to: d.spec.replicas ?? 1, for: d)
    }

    /// While paused, only scaling happens: the active set follows `spec.replicas`.
    func scalePaused(_ d: Deployment, all: [ReplicaSet], new: ReplicaSet?) async throws {
        let active = all.filter { ($0.spec.replicas ?? 0) > 0 }
        if active.count == 1, let only = active.first {
            try await scale(only, to: d.spec.replicas ?? 1, for: d)
        } else if active.isEmpty, let new {
            try await scale(new, to: d.spec.replicas ?? 1, for: d)
        }
    }

    /// Deletes the oldest fully scaled-down ReplicaSets beyond `revisionHistoryLimit` (default 10).
    func cleanup(_ d: Deployment, old: [ReplicaSet]) async throws {
        let limit = Int(d.spec.revisionHistoryLimit ?? 10)
        let dead = old.filter { ($0.spec.replicas ?? 0) == 0 && $0.status.replicas == 0 && !$0.metadata.isBeingDeleted }
            .sorted { DeploymentRollout.revision($0) < DeploymentRollout.revision($1) }
        guard dead.count > limit else { return }
        for rs in dead.prefix(dead.count - limit) {
            do { try await client.resource(ReplicaSet.self, namespace: rs.metadata.namespace).delete(rs.metadata.name ?? "") } catch let e as APIError where e.isNotFound {}
        }
    }

    func syncStatus(_ d: Deployment, new: ReplicaSet?, paused: Bool) async throws {
        let all = replicaSets.store.list(namespace: d.metadata.namespace ?? "").filter { $0.metadata.controllerRef?.uid == d.metadata.uid }
        let newRS = new.flatMap { n in all.first { $0.metadata.uid == n.metadata.uid } } ?? new
        var status = DeploymentRollout.status(d, all: all, new: newRS)
        let replicas = d.spec.replicas ?? 1
        let (_, unavailable) = DeploymentRollout.surgeAndUnavailable(d)
        if (status.availableReplicas ?? 0) >= replicas - unavailable {
            DeploymentRollout.setCondition(&status, type: "Available", status: "True", reason: "MinimumReplicasAvailable", message: "Deployment has minimum availability.")
        } else {
            DeploymentRollout.setCondition(&status, type: "Available", status: "False", reason: "MinimumReplicasUnavailable", message: "Deployment does not have minimum availability.")
        }
        let rsName = newRS?.metadata.name ?? ""
        let previous = d.status
        let progressing = previous.conditions?.first { $0.type == "Progressing" }
        let complete = (status.updatedReplicas ?? 0) == replicas && (status.availableReplicas ?? 0) == replicas && status.replicas == replicas
        if paused {
            DeploymentRollout.setCondition(&status, type: "Progressing", status: "Unknown", reason: "DeploymentPaused", message: "Deployment is paused")
        } else if complete {
            DeploymentRollout.setCondition(&status, type: "Progressing", status: "True", reason: "NewReplicaSetAvailable",
                                           message: "ReplicaSet \"\(rsName)\" has successfully progressed.")
        } else {
            // Progress (more updated or available pods, a new generation) refreshes lastUpdateTime;
            // none for progressDeadlineSeconds fails the rollout, as upstream.
            let progressed = progressing == nil || progressing?.reason == "DeploymentPaused"
                || (status.updatedReplicas ?? 0) > (previous.updatedReplicas ?? 0)
                || (status.availableReplicas ?? 0) > (previous.availableReplicas ?? 0)
                || previous.observedGeneration != d.metadata.generation
            if progressed {
                let created = progressing == nil
                DeploymentRollout.setCondition(&status, type: "Progressing", status: "True", reason: created ? "NewReplicaSetCreated" : "ReplicaSetUpdated",
                                               message: created ? "Created new replica set \"\(rsName)\"" : "ReplicaSet \"\(rsName)\" is progressing.", refresh: true)
            } else if let deadline = d.spec.progressDeadlineSeconds, progressing?.reason != "ProgressDeadlineExceeded",
                      let since = progressing?.lastUpdateTime, since.date.addingTimeInterval(TimeInterval(deadline)) <= Date() {
                DeploymentRollout.setCondition(&status, type: "Progressing", status: "False", reason: "ProgressDeadlineExceeded",
                                               message: "ReplicaSet \"\(rsName)\" has timed out progressing.")
                recorder.warning(d, reason: "ProgressDeadlineExceeded", "Deployment \"\(d.metadata.name ?? "")\" has timed out progressing.")
            }
            if let deadline = d.spec.progressDeadlineSeconds, status.conditions?.first(where: { $0.type == "Progressing" })?.reason != "ProgressDeadlineExceeded" {
                queue.addAfter(objectKey(d), .seconds(Int64(deadline) + 1))
            }
        }
        let api = client.resource(Deployment.self, namespace: d.metadata.namespace)
        var current = d
        if let revision = newRS.map(DeploymentRollout.revision), revision > 0,
           d.metadata.annotations?[DeploymentRollout.revisionAnnotation] != String(revision) {
            current = try await api.patch(d.metadata.name ?? "", type: .merge,
                                          body: ["metadata": ["annotations": [DeploymentRollout.revisionAnnotation: .string(String(revision))]]])
        }
        guard status != current.status else { return }
        try await writeStatus(api, current) { $0.status = status }
    }
}
