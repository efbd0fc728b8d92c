import Foundation
import KubeAPI
import KubeClient
import Logging

/// Creates Jobs on CronJobs' schedules (upstream's `cronjob` controller, v2): one Job per scheduled
/// time, named `<cronjob>-<minutes since the epoch>` so a restart never creates one twice; honours
/// `suspend`, `timeZone`, `startingDeadlineSeconds` and `concurrencyPolicy`; keeps `status.active`,
/// `lastScheduleTime` and `lastSuccessfulTime`; prunes finished Jobs beyond the history limits; and
/// wakes up again just after the next scheduled time on the injected clock.
public final class CronJobController: Controller {
    public static let scheduledTimestampAnnotation = "batch.kubernetes.io/cronjob-scheduled-timestamp"
    public let name = "cronjob"
    let cronJobs: Informer<CronJob>
    let jobs: Informer<Job>
    let client: RESTClient
    let recorder: EventRecorder
    let queue = WorkQueue<String>(name: "cronjob")
    let clock: any ControllerClock
    let logger: Logger

    public init(factory: SharedInformerFactory, client: RESTClient, recorder: EventRecorder, logger: Logger, clock: any ControllerClock = SystemClock()) {
        cronJobs = factory.informer(CronJob.self)
        jobs = factory.informer(Job.self)
        self.client = client
        self.recorder = recorder
        self.clock = clock
        self.logger = logger
        cronJobs.addHandler(EventHandler(
            onAdd: { [queue] in queue.add(objectKey($0)) },
            onUpdate: { [queue] _, new in queue.add(objectKey(new)) },
            onDelete: { [queue] in queue.add(objectKey($0)) }))
        let enqueueOwner: @Sendable (Job) -> Void = { [queue] job in
            guard let ref = job.metadata.controllerRef, ref.kind == "CronJob" else { return }
            queue.add("\(job.metadata.namespace ?? "")/\(ref.name)")
        }
        jobs.addHandler(EventHandler(onAdd: enqueueOwner, onUpdate: { _, new in enqueueOwner(new) }, onDelete: enqueueOwner))
    }

    public func run(workers: Int) async {
        await cronJobs.waitForCacheSync()
        await jobs.waitForCacheSync()
        await QueueWorkers(queue: queue, name: name, logger: logger).run(count: workers) { [self] key in try await sync(key) }
    }

    // MARK: Schedule arithmetic (upstream's utils.go)

    enum Missed: Equatable { case none, few, many }

    /// Upstream's `mostRecentScheduleTime`: the latest scheduled time not after `now` since the last
    /// one handled (or creation), and roughly how many were missed in between.
    static func mostRecentScheduleTime(_ cj: CronJob, now: Date, schedule: CronSchedule, zone: TimeZone,
                                       includeStartingDeadline: Bool) -> (earliest: Date, mostRecent: Date?, missed: Missed) {
        var earliest = cj.status.lastScheduleTime?.date ?? cj.metadata.creationTimestamp?.date ?? now
        if includeStartingDeadline, let deadline = cj.spec.startingDeadlineSeconds {
            let schedulingDeadline = now.addingTimeInterval(-TimeInterval(deadline))
            if schedulingDeadline > earliest { earliest = schedulingDeadline }
        }
        guard let t1 = schedule.next(after: earliest, in: zone), let t2 = schedule.next(after: t1, in: zone) else { return (earliest, nil, .none) }
        if now < t1 { return (earliest, nil, .none) }
        if now < t2 { return (earliest, t1, .none) }
        let between = Int64(t2.timeIntervalSince(t1).rounded())
        guard between >= 1 else { return (earliest, nil, .none) }
        let missedCount = Int64(now.timeIntervalSince(t1)) / between + 1
        var mostRecent: Date?
        var t = schedule.next(after: t1.addingTimeInterval(TimeInterval((missedCount - 2) * between)), in: zone)
        while let candidate = t, candidate <= now {
            mostRecent = candidate
            t = schedule.next(after: candidate, in: zone)
        }
        let missed: Missed = missedCount > 100 ? .many : missedCount > 1 ? .few : .none
        return (earliest, mostRecent, missed)
    }

    /// How long until just after the next scheduled time (upstream's `nextScheduleTimeDuration`).
    func nextWake(_ cj: CronJob, now: Date, schedule: CronSchedule, zone: TimeZone) -> Duration? {
        let r = Self.mostRecentScheduleTime(cj, now: now, schedule: schedule, zone: zone, includeStartingDeadline: false)
        guard let next = schedule.next(after: r.mostRecent ?? r.earliest, in: zone) else { return nil }
        return clock.delay(until: next.addingTimeInterval(0.1))
    }

    static func jobName(_ cj: CronJob, scheduledTime: Date) -> String {
        "\(cj.metadata.name ?? "")-\(Int64(scheduledTime.timeIntervalSince1970) / 60)"
    }

    // MARK: Sync

    func sync(_ key: String) async throws {
        guard var cached = cronJobs.store.get(key: key) else { return }
        let owned = jobs.store.list(namespace: cached.metadata.namespace ?? "").filter { $0.metadata.controllerRef?.uid == cached.metadata.uid }
        // A running Job missing from status may be our own status update not cached yet: read it live.
        if owned.contains(where: { job in !job.isFinished && !(cached.status.active ?? []).contains { $0.uid == job.metadata.uid } }) {
            cached = try await client.resource(CronJob.self, namespace: cached.metadata.namespace).get(cached.metadata.name ?? "")
        }
        var cj = cached
        let now = clock.now()
        var wake: Duration?
        defer { if let wake { queue.addAfter(key, wake) } }

        try await reconcileActive(&cj, owned: owned)
        if !cj.metadata.isBeingDeleted && cj.spec.suspend != true {
            wake = try await scheduleNext(&cj, now: now)
        }
        try await cleanupFinishedJobs(&cj, owned: owned)
        if cj.status != cached.status {
            _ = try await client.resource(CronJob.self, namespace: cj.metadata.namespace).updateStatus(cj)
        }
    }

    /// Drops finished and vanished Jobs from `status.active`, adopts running ones it forgot, and
    /// advances `lastSuccessfulTime`.
    func reconcileActive(_ cj: inout CronJob, owned: [Job]) async throws {
        var active = cj.status.active ?? []
        for job in owned {
            let listed = active.contains { $0.uid == job.metadata.uid }
            if !listed && !job.isFinished {
                recorder.warning(cj, reason: "UnexpectedJob", "Saw a job that the controller did not create or forgot: \(job.metadata.name ?? "")")
                active.append(Self.reference(job))
            } else if listed && job.isFinished {
                active.removeAll { $0.uid == job.metadata.uid }
                let condition = job.status.conditions?.first { ($0.type == "Complete" || $0.type == "Failed") && $0.status == "True" }?.type ?? ""
                recorder.normal(cj, reason: "SawCompletedJob", "Saw completed job: \(job.metadata.name ?? ""), condition: \(condition)")
            }
            if job.isFinished, let completed = job.status.completionTime,
               cj.status.lastSuccessfulTime == nil || completed > cj.status.lastSuccessfulTime! {
                cj.status.lastSuccessfulTime = completed
            }
        }
        let ownedUIDs = Set(owned.compactMap(\.metadata.uid))
        for ref in active where !ownedUIDs.contains(ref.uid ?? "") {
            // The cache may lag a fresh create: ask the apiserver before forgetting it.
            do {
                _ = try await client.resource(Job.self, namespace: ref.namespace ?? cj.metadata.namespace).get(ref.name ?? "")
            } catch let error as APIError where error.isNotFound {
                recorder.normal(cj, reason: "MissingJob", "Active job went missing: \(ref.name ?? "")")
                active.removeAll { $0.uid == ref.uid }
            }
        }
        cj.status.active = active.isEmpty ? nil : active
    }

    /// Starts the Job for the most recent unmet scheduled time, if policy allows; returns when to look again.
    func scheduleNext(_ cj: inout CronJob, now: Date) async throws -> Duration? {
        var zone = TimeZone.current
        if let name = cj.spec.timeZone {
            guard let z = TimeZone(identifier: name) else {
                recorder.warning(cj, reason: "UnknownTimeZone", "invalid timeZone: \"\(name)\": unknown time zone \(name)")
                return nil
            }
            zone = z
        }
        let schedule: CronSchedule
        do { schedule = try CronSchedule(parsing: cj.spec.schedule) } catch {
            recorder.warning(cj, reason: "UnparseableSchedule", "unparseable schedule: \"\(cj.spec.schedule)\" : \(error.reason)")
            return nil
        }
        let recent = Self.mostRecentScheduleTime(cj, now: now, schedule: schedule, zone: zone, includeStartingDeadline: true)
        if recent.missed == .many {
            recorder.warning(cj, reason: "TooManyMissedTimes", "too many missed start times. Set or decrease .spec.startingDeadlineSeconds or check clock skew")
        }
        let wake = nextWake(cj, now: now, schedule: schedule, zone: zone)
        guard let scheduledTime = recent.mostRecent else { return wake }
        if let deadline = cj.spec.startingDeadlineSeconds, scheduledTime.addingTimeInterval(TimeInterval(deadline)) < now {
            recorder.warning(cj, reason: "MissSchedule", "Missed scheduled time to start a job: \(Self.rfc1123(scheduledTime))")
            return wake
        }
        let name = Self.jobName(cj, scheduledTime: scheduledTime)
        if (cj.status.active ?? []).contains(where: { $0.name == name }) || cj.status.lastScheduleTime?.date == scheduledTime {
            return wake
        }
        let policy = cj.spec.concurrencyPolicy ?? "Allow"
        if policy == "Forbid" && !(cj.status.active ?? []).isEmpty {
            recorder.normal(cj, reason: "JobAlreadyActive", "Not starting job because prior execution is running and concurrency policy is Forbid")
            return wake
        }
        if policy == "Replace" {
            for ref in cj.status.active ?? [] {
                try await deleteJob(&cj, name: ref.name ?? "", uid: ref.uid)
            }
        }
        let api = client.resource(Job.self, namespace: cj.metadata.namespace)
        let job: Job
        do {
            job = try await api.create(Self.job(from: cj, scheduledTime: scheduledTime, zone: zone))
            recorder.normal(cj, reason: "SuccessfulCreate", "Created job \(job.metadata.name ?? "")")
        } catch let error as APIError where error.isAlreadyExists {
            let existing = try await api.get(name)
            guard existing.metadata.controllerRef?.uid == cj.metadata.uid,
                  !(cj.status.active ?? []).contains(where: { $0.uid == existing.metadata.uid }) else { return wake }
            job = existing
        } catch {
            recorder.warning(cj, reason: "FailedCreate", "Error creating job: \(error)")
            throw error
        }
        cj.status.active = (cj.status.active ?? []) + [Self.reference(job)]
        cj.status.lastScheduleTime = Time(scheduledTime)
        return wake
    }

    /// Upstream's `getJobFromTemplate2`.
    static func job(from cj: CronJob, scheduledTime: Date, zone: TimeZone) -> Job {
        let template = cj.spec.jobTemplate
        var meta = ObjectMeta(name: jobName(cj, scheduledTime: scheduledTime), namespace: cj.metadata.namespace)
        meta.labels = template.metadata.labels
        let formatter = ISO8601DateFormatter()
        formatter.timeZone = zone
        meta.annotations = (template.metadata.annotations ?? [:]).merging([scheduledTimestampAnnotation: formatter.string(from: scheduledTime)]) { _, new in new }
        meta.ownerReferences = [controllerReference(to: cj)]
        return Job(metadata: meta, spec: template.spec)
    }

    static func reference(_ job: Job) -> ObjectReference {
        ObjectReference(kind: Job.kind, namespace: job.metadata.namespace, name: job.metadata.name, uid: job.metadata.uid,
                        apiVersion: Job.apiVersion, resourceVersion: job.metadata.resourceVersion)
    }

    static func rfc1123(_ date: Date) -> String {
        let f = DateFormatter()
        f.locale = Locale(identifier: "en_US_POSIX")
        f.timeZone = TimeZone(identifier: "UTC")
        f.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return f.string(from: date)
    }

    func deleteJob(_ cj: inout CronJob, name: String, uid: String?) async throws {
        do {
            try await client.resource(Job.self, namespace: cj.metadata.namespace).delete(name, options: DeleteOptions(propagationPolicy: "Background"))
        } catch let error as APIError where error.isNotFound {
        } catch {
            recorder.warning(cj, reason: "FailedDelete", "Deleted job: \(error)")
            throw error
        }
        cj.status.active?.removeAll { $0.name == name }
        if cj.status.active?.isEmpty == true { cj.status.active = nil }
        recorder.normal(cj, reason: "SuccessfulDelete", "Deleted job \(name)")
    }

    /// Keeps the newest `successfulJobsHistoryLimit` complete and `failedJobsHistoryLimit` failed Jobs.
    func cleanupFinishedJobs(_ cj: inout CronJob, owned: [Job]) async throws {
        func byStart(_ a: Job, _ b: Job) -> Bool {
            switch (a.status.startTime, b.status.startTime) {
            case let (x?, y?) where x != y: return x < y
            case (nil, _?): return false
            case (_?, nil): return true
            default: return (a.metadata.name ?? "") < (b.metadata.name ?? "")
            }
        }
        let finished = owned.filter { $0.isFinished && !$0.metadata.isBeingDeleted }
        let succeeded = finished.filter { $0.status.conditions?.contains { $0.type == "Complete" && $0.status == "True" } == true }.sorted(by: byStart)
        let failed = finished.filter { $0.status.conditions?.contains { $0.type == "Failed" && $0.status == "True" } == true }.sorted(by: byStart)
        for (jobs, limit) in [(succeeded, cj.spec.successfulJobsHistoryLimit), (failed, cj.spec.failedJobsHistoryLimit)] {
            guard let limit, jobs.count > Int(limit) else { continue }
            for job in jobs.prefix(jobs.count - Int(max(limit, 0))) {
                try await deleteJob(&cj, name: job.metadata.name ?? "", uid: job.metadata.uid)
            }
        }
    }
}
