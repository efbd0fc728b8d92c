import Foundation
import KubeAPI
import KubeClient
import KubeswiftTestSupport
import Testing

@testable import KubeControllers

@Suite struct CronScheduleTests {
    static func utc(_ text: String) -> Date { ISO8601DateFormatter().date(from: text)! }
    static let gmt = TimeZone(identifier: "UTC")!

    func next(_ spec: String, after: String, zone: String = "UTC") throws -> Date? {
        try CronSchedule(parsing: spec).next(after: Self.utc(after), in: TimeZone(identifier: zone)!)
    }

    @Test func stepsRangesListsAndNames() throws {
        #expect(try next("*/15 * * * *", after: "2026-03-02T10:07:30Z") == Self.utc("2026-03-02T10:15:00Z"))
        #expect(try next("*/15 * * * *", after: "2026-03-02T10:45:00Z") == Self.utc("2026-03-02T11:00:00Z"))
        // 2026-03-07 is a Saturday.
        #expect(try next("0 9 * * mon-fri", after: "2026-03-07T12:00:00Z") == Self.utc("2026-03-09T09:00:00Z"))
        #expect(try next("30 2 1 jan,JUL *", after: "2026-03-07T12:00:00Z") == Self.utc("2026-07-01T02:30:00Z"))
        #expect(try next("5-10/5 1,3 * * *", after: "2026-03-07T01:07:00Z") == Self.utc("2026-03-07T01:10:00Z"))
        #expect(try next("5/20 * * * *", after: "2026-03-07T01:26:00Z") == Self.utc("2026-03-07T01:45:00Z"))
        #expect(try next("@hourly", after: "2026-03-07T01:26:00Z") == Self.utc("2026-03-07T02:00:00Z"))
        #expect(try next("@weekly", after: "2026-03-07T01:26:00Z") == Self.utc("2026-03-08T00:00:00Z"))
        #expect(try next("@yearly", after: "2026-03-07T01:26:00Z") == Self.utc("2027-01-01T00:00:00Z"))
        #expect(try next("0 0 ? * sun", after: "2026-03-07T01:26:00Z") == Self.utc("2026-03-08T00:00:00Z"))
    }

    @Test func restrictedDayFieldsAreOred() throws {
        // The 13th or any Friday: from Saturday the 7th, Friday the 13th comes first; from the 13th, Friday the 20th.
        #expect(try next("0 0 13 * fri", after: "2026-03-07T00:00:00Z") == Self.utc("2026-03-13T00:00:00Z"))
        #expect(try next("0 0 10 * fri", after: "2026-03-07T00:00:00Z") == Self.utc("2026-03-10T00:00:00Z"))
        // With one field a star, both must hold.
        #expect(try next("0 0 * 4 fri", after: "2026-03-07T00:00:00Z") == Self.utc("2026-04-03T00:00:00Z"))
    }

    @Test func timeZonesAndDaylightSaving() throws {
        // New York: EST (UTC−5) until 2026-03-08 02:00, then EDT (UTC−4).
        #expect(try next("0 9 * * *", after: "2026-03-07T12:00:00Z", zone: "America/New_York") == Self.utc("2026-03-07T14:00:00Z"))
        #expect(try next("0 9 * * *", after: "2026-03-07T15:00:00Z", zone: "America/New_York") == Self.utc("2026-03-08T13:00:00Z"))
        #expect(try next("30 * * * *", after: "2026-03-07T12:00:00Z", zone: "Asia/Kolkata") == Self.utc("2026-03-07T12:00:00Z").addingTimeInterval(3600))
        #expect(try next("0 0 * * *", after: "2026-03-07T12:00:00Z", zone: "Asia/Tokyo") == Self.utc("2026-03-07T15:00:00Z"))
        #expect(try next("TZ=Asia/Tokyo 0 0 * * *", after: "2026-03-07T12:00:00Z") == Self.utc("2026-03-07T15:00:00Z"))
    }

    @Test func rejectsWhatUpstreamRejects() {
        for bad in ["61 * * * *", "* * * *", "* * * * * *", "0 0 * * 7", "0 0 0 * *", "*/0 * * * *", "5-2 * * * *", "@every 5m", "0 0 * foo *"] {
            #expect(throws: CronScheduleError.self, "\(bad)") { try CronSchedule(parsing: bad) }
        }
        #expect(try! next("0 0 30 2 *", after: "2026-03-07T12:00:00Z") == nil)
    }

    @Test func countsMissedSchedules() throws {
        let schedule = try CronSchedule(parsing: "* * * * *")
        var cj = CronJob(metadata: ObjectMeta(name: "c", creationTimestamp: Time(Self.utc("2026-03-07T10:00:00Z"))))
        let now = Self.utc("2026-03-07T10:00:30Z")
        #expect(CronJobController.mostRecentScheduleTime(cj, now: now, schedule: schedule, zone: Self.gmt, includeStartingDeadline: true).mostRecent == nil)
        let few = CronJobController.mostRecentScheduleTime(cj, now: Self.utc("2026-03-07T10:05:30Z"), schedule: schedule, zone: Self.gmt, includeStartingDeadline: true)
        #expect(few.mostRecent == Self.utc("2026-03-07T10:05:00Z"))
        #expect(few.missed == .few)
        let many = CronJobController.mostRecentScheduleTime(cj, now: Self.utc("2026-03-07T13:00:10Z"), schedule: schedule, zone: Self.gmt, includeStartingDeadline: true)
        #expect(many.mostRecent == Self.utc("2026-03-07T13:00:00Z"))
        #expect(many.missed == .many)
        // A starting deadline bounds how far back the controller looks.
        cj.spec.startingDeadlineSeconds = 200
        let bounded = CronJobController.mostRecentScheduleTime(cj, now: Self.utc("2026-03-07T13:00:10Z"), schedule: schedule, zone: Self.gmt, includeStartingDeadline: true)
        #expect(bounded.missed == .few)
        #expect(CronJobController.jobName(cj, scheduledTime: Self.utc("2026-03-07T13:00:00Z")) == "c-29548140")
    }
}

/// The CronJob controller (with Job, GC) on a clock running 60× fast: an every-minute schedule fires every second.
@Suite(.serialized, .enabled(if: ServerProcess.available, "needs the kubeswift binary: swift build --product kubeswift"))
final class CronJobControllerTests: Sendable {
    let h: ControllerHarness
    let clock = AcceleratedClock(origin: Date(), rate: 60)

    init() async throws {
        let clock = self.clock
        h = try await ControllerHarness(controllers: ["cronjob", "job", "garbagecollector"]) { options in
            options.clock = clock
            options.jobBackoffBase = .milliseconds(100)
        }
    }

    deinit { h.stop() }

    func cronJob(_ name: String, policy: String = "Allow", outcome: String?) -> CronJob {
        var template = ControllerHarness.template(app: name, outcome: outcome)
        template.spec.restartPolicy = "Never"
        var spec = CronJobSpec(schedule: "* * * * *", concurrencyPolicy: policy, jobTemplate: JobTemplateSpec(spec: JobSpec(template: template)))
        spec.successfulJobsHistoryLimit = 3
        spec.failedJobsHistoryLimit = 1
        return CronJob(metadata: ObjectMeta(name: name, namespace: "default"), spec: spec)
    }

    func jobs(of cj: CronJob) async throws -> [Job] {
        try await h.client.resource(Job.self, namespace: "default").list().items.filter { $0.metadata.controllerRef?.uid == cj.metadata.uid }
    }

    @Test func createsJobsOnScheduleAndKeepsHistory() async throws {
        let api = h.client.resource(CronJob.self, namespace: "default")
        let cj = try await api.create(cronJob("tick", outcome: "Succeeded"))
        let status = try await eventually("five runs recorded", timeout: .seconds(60)) { () -> CronJobStatus? in
            let events = try await h.events(about: "tick").filter { $0.reason == "SuccessfulCreate" }
            let s = try await api.get("tick").status
            return events.count >= 5 && s.lastSuccessfulTime != nil ? s : nil
        }
        #expect(status.lastScheduleTime != nil)
        let all = try await jobs(of: cj)
        #expect(all.allSatisfy { job in
            guard let name = job.metadata.name, let minutes = Int64(name.dropFirst("tick-".count)) else { return false }
            return job.metadata.annotations?[CronJobController.scheduledTimestampAnnotation] != nil && minutes * 60 <= Int64(clock.now().timeIntervalSince1970)
        })
        _ = try await eventually("history limited to 3 successful jobs") { () -> Bool? in
            let finished = try await jobs(of: cj).filter { $0.isFinished }
            return finished.count <= 3 ? true : nil
        }
        // Events are recorded asynchronously: wait for them rather than read once.
        _ = try await eventually("SawCompletedJob and SuccessfulDelete events") { () -> Bool? in
            let events = try await h.events(about: "tick")
            return events.contains { $0.reason == "SawCompletedJob" } && events.contains { $0.reason == "SuccessfulDelete" } ? true : nil
        }
        // Suspended: no more Jobs.
        try await h.modify(CronJob.self, "tick") { $0.spec.suspend = true }
        try await Task.sleep(for: .milliseconds(500))
        let before = try await h.events(about: "tick").filter { $0.reason == "SuccessfulCreate" }.count
        try await Task.sleep(for: .seconds(3))
        #expect(try await h.events(about: "tick").filter { $0.reason == "SuccessfulCreate" }.count == before)
    }

    @Test func forbidKeepsOneRunning() async throws {
        let api = h.client.resource(CronJob.self, namespace: "default")
        let cj = try await api.create(cronJob("solo", policy: "Forbid", outcome: nil))
        _ = try await eventually("first job") { try await jobs(of: cj).count == 1 ? true : nil }
        _ = try await eventually("JobAlreadyActive", timeout: .seconds(20)) { () -> Bool? in
            try await h.events(about: "solo").contains { $0.reason == "JobAlreadyActive" } ? true : nil
        }
        #expect(try await jobs(of: cj).count == 1)
        #expect(try await api.get("solo").status.active?.count == 1)
    }

    @Test func replaceSwapsTheRunningJob() async throws {
        let api = h.client.resource(CronJob.self, namespace: "default")
        let cj = try await api.create(cronJob("swap", policy: "Replace", outcome: nil))
        let first = try await eventually("first job") { try await jobs(of: cj).first }
        let second = try await eventually("a replacement", timeout: .seconds(20)) { () -> Job? in
            let live = try await jobs(of: cj).filter { $0.metadata.deletionTimestamp == nil }
            return live.count == 1 && live[0].metadata.name != first.metadata.name ? live[0] : nil
        }
        let active = try await eventually("status follows") { () -> [ObjectReference]? in
            let a = try await api.get("swap").status.active ?? []
            return a.contains(where: { $0.uid == second.metadata.uid }) ? a : nil
        }
        #expect(!active.contains { $0.uid == first.metadata.uid })
        #expect(try await h.events(about: "swap").contains { $0.reason == "SuccessfulDelete" && $0.message == "Deleted job \(first.metadata.name ?? "")" })
    }

    @Test func tooManyMissedSchedulesStillRunsTheLatest() async throws {
        let api = h.client.resource(CronJob.self, namespace: "default")
        var spec = cronJob("late", outcome: nil)
        spec.spec.suspend = true
        let cj = try await api.create(spec)
        // Three hours pass on the clock while suspended; resuming finds ~180 missed times.
        clock.advance(by: 3 * 3600)
        try await h.modify(CronJob.self, "late") { $0.spec.suspend = false }
        _ = try await eventually("TooManyMissedTimes") { () -> Bool? in
            try await h.events(about: "late").contains { $0.reason == "TooManyMissedTimes" && $0.type == "Warning" } ? true : nil
        }
        let job = try await eventually("one job for the latest time") { try await jobs(of: cj).first }
        let minutes = Int64(job.metadata.name?.dropFirst("late-".count) ?? "") ?? 0
        #expect(abs(minutes * 60 - Int64(clock.now().timeIntervalSince1970)) < 600)
    }
}
