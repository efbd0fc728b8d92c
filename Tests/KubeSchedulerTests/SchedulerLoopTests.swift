import KubeAPI
import Testing

@testable import KubeSchedulerCore

/// The whole scheduler (queue → algorithm → assume → bind → events) against a recording API.
@Suite("Scheduler loop")
struct SchedulerLoopTests {
    /// Runs the scheduler until `done` holds (or 10 s pass), then stops it.
    func run(_ scheduler: Scheduler, until done: @escaping @Sendable () -> Bool) async {
        let task = Task { await scheduler.run() }
        let clock = ContinuousClock()
        let deadline = clock.now + .seconds(10)
        while !done() && clock.now < deadline { try? await Task.sleep(for: .milliseconds(10)) }
        try? await Task.sleep(for: .milliseconds(50))  // let queued events drain
        task.cancel()
        await task.value
    }

    @Test func bindsPodsRecordsEventsAndIgnoresOtherSchedulers() async {
        let api = RecordingSchedulerAPI()
        let scheduler = Scheduler(api: api)
        scheduler.onNodeAdd(makeNode("n1", cpu: "1"))
        scheduler.onNodeAdd(makeNode("n2", cpu: "1"))
        scheduler.onPodAdd(makePod("a", cpu: "600m"))
        scheduler.onPodAdd(makePod("b", cpu: "600m"))
        scheduler.onPodAdd(makePod("mine-not", cpu: "100m", schedulerName: "other-scheduler"))
        await run(scheduler) { scheduler.statistics.bound == 2 }
        let binds = api.calls.compactMap { c -> String? in if case .bind(let p, let n) = c { return "\(p)@\(n)" } else { return nil } }
        #expect(binds.count == 2)
        // 600m + 600m cannot share a 1-cpu node.
        #expect(Set(binds.map { $0.split(separator: "@")[1] }) == ["n1", "n2"])
        #expect(!binds.contains { $0.hasPrefix("default/mine-not") })
        let scheduled = api.calls.compactMap { c -> String? in
            if case .event(_, "Normal", "Scheduled", let m) = c { return m } else { return nil }
        }
        #expect(scheduled.count == 2)
        #expect(scheduled.contains { $0.hasPrefix("Successfully assigned default/a to n") })
    }

    @Test func unschedulablePodGetsConditionAndFailedSchedulingEvent() async {
        let api = RecordingSchedulerAPI()
        let scheduler = Scheduler(api: api)
        scheduler.onNodeAdd(makeNode("n1", cpu: "1"))
        scheduler.onNodeAdd(makeNode("n2", cpu: "1", taints: [Taint(key: "node-role", value: "x", effect: "NoSchedule")]))
        scheduler.onPodAdd(makePod("huge", cpu: "2"))
        await run(scheduler) { api.calls.contains { if case .patchStatus = $0 { return true } else { return false } } }
        let expected = "0/2 nodes are available: 1 Insufficient cpu, 1 node(s) had untolerated taint {node-role: x}. "
            + "preemption: 0/2 nodes are available: 1 No preemption victims found for incoming pod, 1 Preemption is not helpful for scheduling.."
        #expect(api.calls.contains(.patchStatus(pod: "default/huge", reason: "Unschedulable", message: expected, nominatedNodeName: nil)))
        #expect(api.calls.contains(.event(pod: "default/huge", type: "Warning", reason: "FailedScheduling", message: expected)))
        #expect(scheduler.queue.location(of: "default/huge") == "unschedulable")
        // A node big enough appears: the pod is retried and bound there.
        scheduler.onNodeAdd(makeNode("big", cpu: "4"))
        await run(scheduler) { scheduler.statistics.bound == 1 }
        #expect(api.calls.contains(.bind(pod: "default/huge", node: "big")))
    }

    @Test func priorityClassNamesOrderTheQueueAndDrivePreemption() async {
        let api = RecordingSchedulerAPI()
        let scheduler = Scheduler(api: api)
        scheduler.onPriorityClass(PriorityClass(metadata: ObjectMeta(name: "critical"), value: 1000))
        scheduler.onNodeAdd(makeNode("n1", cpu: "1"))
        scheduler.onPodAdd(makePod("low", cpu: "1", node: "n1", priority: 0))
        var urgent = makePod("urgent", cpu: "1")
        urgent.spec.priorityClassName = "critical"
        #expect(scheduler.podInfo(urgent).priority == 1000)
        scheduler.onPodAdd(urgent)
        await run(scheduler) { api.calls.contains(.delete(pod: "default/low")) }
        #expect(api.calls.contains(.delete(pod: "default/low")))
        #expect(api.calls.contains { if case .patchStatus("default/urgent", "Unschedulable", _, "n1") = $0 { return true } else { return false } })
        #expect(scheduler.queue.nominatedPods(on: "n1").map(\.name) == ["urgent"])
        // The victim's deletion arrives: the nominated pod binds to n1.
        scheduler.onPodDelete(makePod("low", cpu: "1", node: "n1", priority: 0))
        await run(scheduler) { scheduler.statistics.bound == 1 }
        #expect(api.calls.contains(.bind(pod: "default/urgent", node: "n1")))
    }

    @Test func failedBindingIsForgottenAndRetried() async {
        let api = RecordingSchedulerAPI()
        api.failBinds = ["default/p"]
        let scheduler = Scheduler(api: api)
        scheduler.onNodeAdd(makeNode("n1", cpu: "1"))
        scheduler.onPodAdd(makePod("p", cpu: "1"))
        await run(scheduler) { scheduler.statistics.bindFailures == 1 }
        #expect(!scheduler.cache.isAssumed(key: "default/p"))
        // Requeued with back-off (1 s); on a loaded machine it may already be active again.
        #expect(["backoff", "active"].contains(scheduler.queue.location(of: "default/p")))
        #expect(api.calls.contains { if case .event("default/p", "Warning", "FailedScheduling", let m) = $0 { return m.hasPrefix("running Bind plugin \"DefaultBinder\"") } else { return false } })
        // And retried: the binder refuses it again.
        await run(scheduler) { scheduler.statistics.bindFailures >= 2 }
        #expect(scheduler.statistics.bindFailures >= 2)
    }
}
