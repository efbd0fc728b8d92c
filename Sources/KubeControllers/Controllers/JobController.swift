import Foundation
import KubeAPI
import KubeClient
import Logging
import Synchronization

/// Runs Jobs' pods to completion (upstream's `job` controller): keeps `parallelism` pods active
/// until `completions` succeed (or, without completions, until one succeeds), gives each pod of an
/// Indexed Job its completion index, recreates failed pods with an exponential back-off, and fails
/// the Job past `backoffLimit` or `activeDeadlineSeconds`.
///
/// Pods are counted as upstream does it: every pod is created with the `batch.kubernetes.io/job-tracking`
/// finalizer; a finished pod's uid is first recorded in `status.uncountedTerminatedPods`, then its
/// finalizer removed, then it moves into `succeeded` / `failed`, so a pod deleted right after it finished
/// is still counted exactly once. Terminal conditions arrive in two steps, as in 1.32: `SuccessCriteriaMet`
/// / `FailureTarget` first, `Complete` / `Failed` once no pod is left terminating.
public final class JobController: Controller {
    public static let trackingFinalizer = "batch.kubernetes.io/job-tracking"
    public let name = "job"
    let jobs: Informer<Job>
    let pods: Informer<Pod>
    let client: RESTClient
    let podControl: PodControl
    let recorder: EventRecorder
    let queue = WorkQueue<String>(name: "job")
    let expectations = Expectations()
    let clock: any ControllerClock
    let logger: Logger
    /// Upstream's `DefaultJobPodFailureBackOff` (10 s) and `MaxJobPodFailureBackOff` (10 min).
    let backoffBase: Duration
    let backoffMax: Duration
    /// Failures since the last success, and when the last one was seen, per Job key.
    let backoffs = Mutex<[String: (failures: Int, last: Date)]>([:])
    /// Pods counted whose finalizer removal the cache has not shown yet (upstream's
    /// `finalizerExpectations`): never counted twice.
    let finalizerRemovals = Mutex<Set<String>>([])
    /// The resourceVersion of the last status this controller wrote, per Job key. A cached Job older
    /// than it lacks counts this controller already made (a completed index whose pod has let go of
    /// its finalizer would be run again): its sync waits for the cache, whose update re-queues it.
    let writtenVersions = Mutex<[String: Int64]>([:])

    public init(factory: SharedInformerFactory, client: RESTClient, recorder: EventRecorder, logger: Logger,
                clock: any ControllerClock = SystemClock(), backoffBase: Duration = .seconds(10), backoffMax: Duration = .seconds(600)) {
        jobs = factory.informer(Job.self)
        pods = factory.informer(Pod.self)
        self.client = client
        self.recorder = recorder
        podControl = PodControl(client: client, recorder: recorder)
        self.clock = clock
        self.logger = logger
        self.backoffBase = backoffBase
        self.backoffMax = backoffMax
        jobs.addHandler(EventHandler(
            onAdd: { [queue] in queue.add(objectKey($0)) },
            onUpdate: { [queue] _, new in queue.add(objectKey(new)) },
            onDelete: { [weak self] job in
                guard let self else { return }
                expectations.forget(objectKey(job))
                _ = backoffs.withLock { $0.removeValue(forKey: objectKey(job)) }
                _ = writtenVersions.withLock { $0.removeValue(forKey: objectKey(job)) }
                queue.add(objectKey(job))
            }))
        pods.addHandler(EventHandler(
            onAdd: { [weak self] pod in self?.podChanged(pod, created: true) },
            onUpdate: { [weak self] _, new in self?.podChanged(new, created: false) },
            onDelete: { [weak self] pod in self?.podDeleted(pod) }))
    }

    public func run(workers: Int) async {
        await jobs.waitForCacheSync()
        await pods.waitForCacheSync()
        await QueueWorkers(queue: queue, name: name, logger: logger).run(count: workers) { [self] key in try await sync(key) }
    }

    // MARK: Events

    func jobKey(of pod: Pod) -> String? {
        guard let ref = pod.metadata.controllerRef, ref.kind == "Job" else { return nil }
        return "\(pod.metadata.namespace ?? "")/\(ref.name)"
    }

    func podChanged(_ pod: Pod, created: Bool) {
        if !pod.hasTrackingFinalizer, let uid = pod.metadata.uid { _ = finalizerRemovals.withLock { $0.remove(uid) } }
        guard let key = jobKey(of: pod) else { return }
        if let job = jobs.store.get(key: key), job.metadata.uid == pod.metadata.controllerRef?.uid {
            if created { expectations.observedCreation(key) }
            queue.add(key)
        } else if pod.metadata.finalizers?.contains(Self.trackingFinalizer) == true {
            // An orphan still holding our finalizer: its Job is gone.
            queue.add("orphan:" + objectKey(pod))
        }
    }

    func podDeleted(_ pod: Pod) {
        if let uid = pod.metadata.uid { _ = finalizerRemovals.withLock { $0.remove(uid) } }
        guard let key = jobKey(of: pod) else { return }
        expectations.observedDeletion(key)
        queue.add(key)
    }

    // MARK: Sync

    func sync(_ key: String) async throws {
        if key.hasPrefix("orphan:") {
            try await releaseOrphan(String(key.dropFirst("orphan:".count)))
            return
        }
        guard let job = jobs.store.get(key: key) else {
            expectations.forget(key)
            return
        }
        let owned = pods.store.list(namespace: job.metadata.namespace ?? "").filter { $0.metadata.controllerRef?.uid == job.metadata.uid }
        if job.isFinished {
            // Whatever still carries our finalizer was counted (or never will be): let it go.
            try await removeTrackingFinalizers(owned.filter { $0.hasTrackingFinalizer })
            return
        }
        if job.metadata.isBeingDeleted { return }
        if let written = writtenVersions.withLock({ $0[key] }), let cached = job.metadata.resourceVersion.flatMap({ Int64($0) }),
           cached < written {
            return
        }
        try await syncJob(job, key: key, owned: owned)
    }

    func syncJob(_ job: Job, key: String, owned: [Pod]) async throws {
        let now = clock.now()
        var status = job.status
        let indexed = job.spec.completionMode == "Indexed"
        let completions = job.spec.completions.map(Int.init)
        let parallelism = Int(job.spec.parallelism ?? 1)
        let suspended = job.spec.suspend == true

        // 1. What finished since the last sync.
        var uncounted = status.uncountedTerminatedPods ?? UncountedTerminatedPods()
        let recordedUncounted = Set((uncounted.succeeded ?? []) + (uncounted.failed ?? []))
        let pendingRemovals = finalizerRemovals.withLock { $0 }
        let alreadyUncounted = recordedUncounted.union(pendingRemovals)
        var newSucceeded: [Pod] = [], newFailed: [Pod] = []
        for pod in owned where pod.hasTrackingFinalizer && !alreadyUncounted.contains(pod.metadata.uid ?? "") {
            if pod.status.phase == "Succeeded" { newSucceeded.append(pod) } else if Self.isFailed(pod) { newFailed.append(pod) }
        }
        let active = owned.filter { $0.isActive }
        let terminating = owned.filter { $0.metadata.isBeingDeleted && !$0.isTerminal }
        recordBackoff(key, succeeded: newSucceeded.count, failed: newFailed.count, now: now)

        var completedIndexes = JobIndexes.parse(status.completedIndexes)
        if indexed, let completions {
            for pod in newSucceeded { if let i = JobIndexes.index(of: pod), i < completions { completedIndexes.insert(i) } }
        }
        let succeeded = indexed ? completedIndexes.count
            : Int(status.succeeded ?? 0) + (uncounted.succeeded?.count ?? 0) + newSucceeded.count
        let failed = Int(status.failed ?? 0) + (uncounted.failed?.count ?? 0) + newFailed.count

        // 2. Has the Job met its end?
        if status.startTime == nil && !suspended { status.startTime = Time(now) }
        // Every sync re-arms the deadline wake-up, as upstream: a delayed key is replaced by any
        // earlier re-queue of the same key (a rate-limited retry), so one arming is not enough.
        if let deadline = job.spec.activeDeadlineSeconds, let start = status.startTime, !suspended {
            queue.addAfter(key, clock.delay(until: start.date.addingTimeInterval(TimeInterval(deadline))))
        }
        var failure = status.conditions?.first { $0.type == "FailureTarget" && $0.status == "True" }.map { ($0.reason ?? "", $0.message ?? "") }
        var success = status.conditions?.contains { $0.type == "SuccessCriteriaMet" && $0.status == "True" } == true
        if failure == nil && !success {
            if failed > Int(job.spec.backoffLimit ?? 6) {
                failure = ("BackoffLimitExceeded", "Job has reached the specified backoff limit")
            } else if let deadline = job.spec.activeDeadlineSeconds, let start = status.startTime, !suspended,
                      now.timeIntervalSince(start.date) >= TimeInterval(deadline) {
                failure = ("DeadlineExceeded", "Job was active longer than specified deadline")
            } else if let completions {
                success = succeeded >= completions
            } else {
                success = succeeded > 0 && active.isEmpty
            }
        }

        // 3. Converge the pods.
        var activeCount = active.count
        var manageError: (any Error)?
        if failure != nil || success || suspended {
            if !active.isEmpty {
                do { try await deletePods(active, job: job, key: key) } catch { manageError = error }
                activeCount = 0
            }
        } else if expectations.satisfied(key) {
            do {
                activeCount = try await manage(job, key: key, active: active, completedIndexes: completedIndexes,
                                               succeeded: succeeded, parallelism: parallelism, completions: completions, now: now)
            } catch { manageError = error }
        }

        // 4. Status, with newly finished pods flushed through uncountedTerminatedPods.
        status.active = Int32(activeCount)
        status.ready = Int32(active.filter(\.isReady).count)
        status.terminating = Int32(terminating.count)
        func setCondition(_ type: String, reason: String, message: String) {
            guard status.conditions?.contains(where: { $0.type == type && $0.status == "True" }) != true else { return }
            var conditions = (status.conditions ?? []).filter { $0.type != type }
            conditions.append(JobCondition(type: type, status: "True", lastProbeTime: Time(now), lastTransitionTime: Time(now), reason: reason, message: message))
            status.conditions = conditions
        }
        if suspended {
            setCondition("Suspended", reason: "JobSuspended", message: "Job suspended")
        } else if let i = status.conditions?.firstIndex(where: { $0.type == "Suspended" && $0.status == "True" }) {
            status.conditions?[i] = JobCondition(type: "Suspended", status: "False", lastProbeTime: Time(now), lastTransitionTime: Time(now),
                                                 reason: "JobResumed", message: "Job resumed")
        }
        if let failure { setCondition("FailureTarget", reason: failure.0, message: failure.1) }
        if success && failure == nil { setCondition("SuccessCriteriaMet", reason: "CompletionsReached", message: "Reached expected number of succeeded pods") }

        // Pods recorded as uncounted by an earlier, interrupted sync may still hold the finalizer.
        let leftovers = owned.filter { pod in
            pod.hasTrackingFinalizer && recordedUncounted.contains(pod.metadata.uid ?? "") && !pendingRemovals.contains(pod.metadata.uid ?? "")
        }
        try await removeTrackingFinalizers(leftovers)
        var current = job
        if !(newSucceeded + newFailed).isEmpty {
            uncounted.succeeded = (uncounted.succeeded ?? []) + newSucceeded.compactMap(\.metadata.uid)
            uncounted.failed = (uncounted.failed ?? []) + newFailed.compactMap(\.metadata.uid)
            var interim = job
            interim.status = status
            interim.status.uncountedTerminatedPods = uncounted
            current = try await client.resource(Job.self, namespace: job.metadata.namespace).updateStatus(interim)
            noteWritten(current, key: key)
            try await removeTrackingFinalizers(newSucceeded + newFailed)
        }
        // Everything uncounted has let go of its finalizer now: count it.
        status.succeeded = Int32(succeeded)
        status.failed = Int32(failed)
        status.uncountedTerminatedPods = UncountedTerminatedPods()
        if indexed { status.completedIndexes = JobIndexes.format(completedIndexes) }
        // Terminal only once no pod of ours is left running or terminating (as seen by the cache).
        let settled = terminating.isEmpty && active.isEmpty && activeCount == 0
        if settled, let failure {
            setCondition("Failed", reason: failure.0, message: failure.1)
            recorder.warning(job, reason: failure.0, failure.1)
        } else if settled, success, failure == nil {
            setCondition("Complete", reason: "CompletionsReached", message: "Reached expected number of succeeded pods")
            status.completionTime = Time(now)
            recorder.normal(job, reason: "Completed", "Job completed")
        }
        if status != current.status {
            current.status = status
            noteWritten(try await client.resource(Job.self, namespace: job.metadata.namespace).updateStatus(current), key: key)
        }
        if let manageError { throw manageError }
    }

    func noteWritten(_ job: Job, key: String) {
        guard let version = job.metadata.resourceVersion.flatMap({ Int64($0) }) else { return }
        writtenVersions.withLock { $0[key] = max($0[key] ?? 0, version) }
    }

    /// Creates or deletes pods towards the wanted number of active ones; returns the active count it leaves.
    func manage(_ job: Job, key: String, active: [Pod], completedIndexes: Set<Int>, succeeded: Int,
                parallelism: Int, completions: Int?, now: Date) async throws -> Int {
        let indexed = job.spec.completionMode == "Indexed"
        var wantActive: Int
        if let completions {
            wantActive = min(parallelism, max(0, completions - succeeded))
        } else {
            wantActive = succeeded > 0 ? active.count : parallelism
        }
        var surplus: [Pod] = []
        var keep = active
        if indexed, let completions {
            // Pods for completed or out-of-range indexes, and duplicates of an index, go.
            var seen = Set<Int>()
            keep = []
            for pod in active.sorted(by: { ($0.isReady ? 0 : 1, $0.metadata.creationTimestamp ?? Time(secondsSince1970: 0)) < ($1.isReady ? 0 : 1, $1.metadata.creationTimestamp ?? Time(secondsSince1970: 0)) }) {
                guard let i = JobIndexes.index(of: pod), i < completions, !completedIndexes.contains(i), seen.insert(i).inserted else {
                    surplus.append(pod)
                    continue
                }
                keep.append(pod)
            }
            wantActive = min(wantActive, completions - completedIndexes.count)
        }
        if keep.count > wantActive {
            surplus += keep.sorted(by: deletionOrder).prefix(keep.count - wantActive)
            keep = keep.filter { pod in !surplus.contains { $0.metadata.uid == pod.metadata.uid } }
        }
        if !surplus.isEmpty {
            try await deletePods(surplus, job: job, key: key)
            return keep.count
        }
        let missing = wantActive - keep.count
        guard missing > 0 else { return keep.count }
        if let wait = backoffRemaining(key, now: now), wait > .zero {
            queue.addAfter(key, wait)
            return keep.count
        }
        var indexes: [Int?] = Array(repeating: nil, count: missing)
        if indexed, let completions {
            let taken = completedIndexes.union(keep.compactMap(JobIndexes.index(of:)))
            indexes = Array((0..<completions).filter { !taken.contains($0) }.prefix(missing))
        }
        let templates = indexes.map { Self.podTemplate(job, index: $0) }
        expectations.expect(key, adds: templates.count)
        let counter = Mutex(0)
        let created = await slowStartBatch(templates.count) { [podControl] in
            let i = counter.withLock { n in defer { n += 1 }; return n }
            try await podControl.create(templates[i], for: job)
        }
        if created.succeeded < templates.count {
            expectations.lower(key, adds: templates.count - created.succeeded)
            if let error = created.error { throw error }
        }
        return keep.count + created.succeeded
    }

    /// A pod of `job`: the template, our tracking finalizer, and for Indexed Jobs the completion index
    /// (annotation, label, hostname `<job>-<index>`, and the `JOB_COMPLETION_INDEX` variable read
    /// from the annotation through the downward API).
    static func podTemplate(_ job: Job, index: Int?) -> Pod {
        let jobName = job.metadata.name ?? ""
        var pod = PodControl.pod(from: job.spec.template, owner: job, generateName: index.map { "\(jobName)-\($0)-" } ?? "\(jobName)-")
        pod.metadata.finalizers = (pod.metadata.finalizers ?? []) + [trackingFinalizer]
        if let index {
            pod.metadata.annotations = (pod.metadata.annotations ?? [:]).merging([JobIndexes.annotation: "\(index)"]) { _, new in new }
            pod.metadata.labels = (pod.metadata.labels ?? [:]).merging([JobIndexes.annotation: "\(index)"]) { _, new in new }
            pod.spec.hostname = "\(jobName)-\(index)"
            let env = EnvVar(name: JobIndexes.envName, valueFrom: EnvVarSource(fieldRef: ObjectFieldSelector(
                fieldPath: "metadata.annotations['\(JobIndexes.annotation)']")))
            for i in pod.spec.containers.indices where pod.spec.containers[i].env?.contains(where: { $0.name == JobIndexes.envName }) != true {
                pod.spec.containers[i].env = (pod.spec.containers[i].env ?? []) + [env]
            }
            if var initContainers = pod.spec.initContainers {
                for i in initContainers.indices where initContainers[i].env?.contains(where: { $0.name == JobIndexes.envName }) != true {
                    initContainers[i].env = (initContainers[i].env ?? []) + [env]
                }
                pod.spec.initContainers = initContainers
            }
        }
        return pod
    }

    func deletePods(_ victims: [Pod], job: Job, key: String) async throws {
        expectations.expect(key, deletes: victims.count)
        var firstError: (any Error)?
        for pod in victims {
            do { try await podControl.delete(pod, for: job) } catch {
                expectations.lower(key, deletes: 1)
                firstError = firstError ?? error
            }
        }
        if let firstError { throw firstError }
    }

    /// Upstream's `isPodFailed` under the default `podReplacementPolicy`: a pod deleted before it
    /// succeeded counts as a failure (an orphaned pod may never reach the Failed phase).
    static func isFailed(_ pod: Pod) -> Bool {
        pod.status.phase == "Failed" || (pod.metadata.isBeingDeleted && pod.status.phase != "Succeeded")
    }

    func removeTrackingFinalizers(_ pods: [Pod]) async throws {
        for pod in pods where pod.hasTrackingFinalizer {
            if let uid = pod.metadata.uid { _ = finalizerRemovals.withLock { $0.insert(uid) } }
            let patch: JSONValue = ["metadata": ["$deleteFromPrimitiveList/finalizers": [.string(Self.trackingFinalizer)]]]
            do {
                _ = try await client.resource(Pod.self, namespace: pod.metadata.namespace).patch(pod.metadata.name ?? "", type: .strategic, body: patch)
            } catch let error as APIError where error.isNotFound {
            } catch {
                if let uid = pod.metadata.uid { _ = finalizerRemovals.withLock { $0.remove(uid) } }
                throw error
            }
        }
    }

    /// A pod holding our finalizer whose Job is gone (upstream's orphan-pod queue).
    func releaseOrphan(_ podKey: String) async throws {
        guard let pod = pods.store.get(key: podKey), pod.hasTrackingFinalizer, let ref = pod.metadata.controllerRef else { return }
        do {
            let live = try await client.resource(Job.self, namespace: pod.metadata.namespace).get(ref.name)
            if live.metadata.uid == ref.uid, !live.isFinished { return }
        } catch let error as APIError where error.isNotFound {}
        try await removeTrackingFinalizers([pod])
    }

    // MARK: Back-off

    func recordBackoff(_ key: String, succeeded: Int, failed: Int, now: Date) {
        backoffs.withLock { records in
            if succeeded > 0 { records[key] = nil }
            if failed > 0 { records[key] = ((records[key]?.failures ?? 0) + failed, now) }
        }
    }

    /// Upstream's `getRemainingTime`: base × 2^(failures−1), capped, counted from the last failure.
    func backoffRemaining(_ key: String, now: Date) -> Duration? {
        guard let record = backoffs.withLock({ $0[key] }), record.failures > 0 else { return nil }
        var delay = backoffBase
        for _ in 1..<min(record.failures, 30) where delay < backoffMax { delay *= 2 }
        delay = min(delay, backoffMax)
        let elapsed = Duration.milliseconds(Int64(now.timeIntervalSince(record.last) * 1000))
        return delay - elapsed
    }
}

extension Job {
    /// Complete or Failed: nothing more to do but the TTL.
    public var isFinished: Bool {
        status.conditions?.contains { ($0.type == "Complete" || $0.type == "Failed") && $0.status == "True" } == true
    }

    public var finishTime: Date? {
        status.conditions?.filter { ($0.type == "Complete" || $0.type == "Failed") && $0.status == "True" }
            .compactMap { $0.lastTransitionTime?.date }.max()
    }
}

extension Pod {
    var hasTrackingFinalizer: Bool { metadata.finalizers?.contains(JobController.trackingFinalizer) == true }
}
