import Foundation
import KubeAPI
import KubeClient
import KubeswiftTestSupport
import Synchronization
import Testing

@testable import KubeControllers

@Suite struct JobIndexesTests {
    @Test func formatsAndParsesUpstreamIntervals() {
        #expect(JobIndexes.format([1, 3, 4, 5, 7]) == "1,3-5,7")
        #expect(JobIndexes.format([0, 1]) == "0,1")
        #expect(JobIndexes.format([]) == nil)
        #expect(JobIndexes.parse("1,3-5,7") == [1, 3, 4, 5, 7])
        #expect(JobIndexes.parse("0,1") == [0, 1])
        #expect(JobIndexes.parse(nil) == [])
    }
}

/// The Job and TTL controllers against a real apiserver; the fake kubelet finishes pods by their outcome label.
@Suite(.serialized, .enabled(if: ServerProcess.available, "needs the kubeswift binary: swift build --product kubeswift"))
final class JobControllerTests: Sendable {
    let h: ControllerHarness

    init() async throws {
        h = try await ControllerHarness(controllers: ["job", "ttl-after-finished", "garbagecollector"]) { options in
            options.jobBackoffBase = .milliseconds(100)
        }
    }

    deinit { h.stop() }

    func job(_ name: String, outcome: String?, completions: Int32? = nil, parallelism: Int32? = nil) -> Job {
        var template = ControllerHarness.template(app: name, outcome: outcome)
        template.spec.restartPolicy = "Never"
        return Job(metadata: ObjectMeta(name: name, namespace: "default"),
                   spec: JobSpec(parallelism: parallelism, completions: completions, template: template))
    }

    func owned(_ job: Job) async throws -> [Pod] {
        try await h.pods(selector: "app=\(job.metadata.name ?? "")").filter { $0.metadata.controllerRef?.uid == job.metadata.uid }
    }

    @Test func completionsWithBoundedParallelism() async throws {
        let api = h.client.resource(Job.self, namespace: "default")
        let created = try await api.create(job("count", outcome: "Succeeded", completions: 4, parallelism: 2))
        let overlap = Mutex(0)
        let monitor = Task {
            while !Task.isCancelled {
                if let pods = try? await owned(created) {
                    let running = pods.filter { !$0.isTerminal && $0.metadata.deletionTimestamp == nil }.count
                    overlap.withLock { $0 = max($0, running) }
                }
                try? await Task.sleep(for: .milliseconds(40))
            }
        }
        let done = try await eventually("Job complete", timeout: .seconds(60)) { () -> Job? in
            let j = try await api.get("count")
            return j.isFinished ? j : nil
        }
        monitor.cancel()
        #expect(done.status.succeeded == 4)
        #expect(done.status.failed == 0)
        #expect(done.status.active == 0)
        #expect(done.status.startTime != nil && done.status.completionTime != nil)
        let types = Set((done.status.conditions ?? []).filter { $0.status == "True" }.map(\.type))
        #expect(types == ["SuccessCriteriaMet", "Complete"])
        #expect(done.status.conditions?.first { $0.type == "Complete" }?.reason == "CompletionsReached")
        #expect(overlap.withLock { $0 } <= 2, "more than parallelism pods ran at once")
        let pods = try await owned(created)
        #expect(pods.count == 4)
        #expect(pods.allSatisfy { $0.status.phase == "Succeeded" && $0.metadata.finalizers?.contains(JobController.trackingFinalizer) != true })
        #expect(pods.allSatisfy { $0.metadata.labels?["batch.kubernetes.io/controller-uid"] == created.metadata.uid })
        let events = try await h.events(about: "count")
        #expect(events.contains { $0.reason == "Completed" })
    }

    @Test func failedPodsBackOffUntilTheLimit() async throws {
        let api = h.client.resource(Job.self, namespace: "default")
        var spec = job("flaky", outcome: "Failed")
        spec.spec.backoffLimit = 2
        let created = try await api.create(spec)
        let failed = try await eventually("Job failed", timeout: .seconds(60)) { () -> Job? in
            let j = try await api.get("flaky")
            return j.isFinished ? j : nil
        }
        #expect(failed.status.failed == 3)
        #expect(failed.status.succeeded == 0)
        let condition = failed.status.conditions?.first { $0.type == "Failed" }
        #expect(condition?.reason == "BackoffLimitExceeded")
        #expect(condition?.message == "Job has reached the specified backoff limit")
        #expect(failed.status.conditions?.contains { $0.type == "FailureTarget" && $0.reason == "BackoffLimitExceeded" } == true)
        #expect(failed.status.completionTime == nil)
        #expect(try await owned(created).count == 3)
        let events = try await h.events(about: "flaky")
        #expect(events.contains { $0.reason == "BackoffLimitExceeded" && $0.type == "Warning" })
    }

    @Test func activeDeadlineFailsAndStopsPods() async throws {
        let api = h.client.resource(Job.self, namespace: "default")
        var spec = job("slow", outcome: nil, parallelism: 2)
        spec.spec.completions = 2
        spec.spec.activeDeadlineSeconds = 2
        let created = try await api.create(spec)
        _ = try await eventually("two running pods") { try await owned(created).filter(\.isReady).count == 2 ? true : nil }
        let failed = try await eventually("deadline exceeded", timeout: .seconds(30)) { () -> Job? in
            let j = try await api.get("slow")
            return j.isFinished ? j : nil
        }
        #expect(failed.status.conditions?.first { $0.type == "Failed" }?.reason == "DeadlineExceeded")
        #expect(failed.status.active == 0)
        _ = try await eventually("pods gone") { try await owned(created).isEmpty ? true : nil }
    }

    @Test func indexedJobGivesEachPodItsIndex() async throws {
        let api = h.client.resource(Job.self, namespace: "default")
        var spec = job("shard", outcome: "Succeeded", completions: 3, parallelism: 3)
        spec.spec.completionMode = "Indexed"
        let created = try await api.create(spec)
        let done = try await eventually("Indexed Job complete", timeout: .seconds(60)) { () -> Job? in
            let j = try await api.get("shard")
            return j.isFinished ? j : nil
        }
        #expect(done.status.completedIndexes == "0-2")
        #expect(done.status.succeeded == 3)
        let pods = try await owned(created)
        let indexes = pods.compactMap { $0.metadata.annotations?[JobIndexes.annotation] }.sorted()
        #expect(indexes == ["0", "1", "2"])
        for pod in pods {
            let index = pod.metadata.annotations?[JobIndexes.annotation] ?? ""
            #expect(pod.metadata.labels?[JobIndexes.annotation] == index)
            #expect(pod.spec.hostname == "shard-\(index)")
            #expect(pod.metadata.name?.hasPrefix("shard-\(index)-") == true)
            #expect(pod.spec.containers[0].env?.contains { $0.name == "JOB_COMPLETION_INDEX" && $0.valueFrom?.fieldRef?.fieldPath == "metadata.annotations['batch.kubernetes.io/job-completion-index']" } == true)
        }
    }

    @Test func finishedJobIsDeletedAfterItsTTL() async throws {
        let api = h.client.resource(Job.self, namespace: "default")
        // A watch from before the create sees every state of the Job. Polling for "finished" can
        // miss the one second between completion and deletion on a loaded machine.
        let jobs = ResourcePath(group: "batch", version: "v1", resource: "jobs", namespace: "default")
        let listed = try await h.client.list(jobs)
        let events = h.client.watch(jobs, query: [
            "fieldSelector": "metadata.name=brief",
            "resourceVersion": listed[path: ["metadata", "resourceVersion"]]?.stringValue ?? "",
        ])
        var spec = job("brief", outcome: "Succeeded")
        spec.spec.ttlSecondsAfterFinished = 1
        let created = try await api.create(spec)
        let deleted = try await within(.seconds(30)) { () -> Job? in
            for try await event in events where event.type == .deleted { return try event.object.decode(as: Job.self) }
            return nil
        }
        // Deleted, and finished when it was: the TTL controller leaves unfinished Jobs alone.
        #expect(deleted?.isFinished == true, "\(String(describing: deleted?.status))")
        _ = try await eventually("its pods gone") { try await owned(created).isEmpty ? true : nil }
    }
}
