import KubeAPI
import Testing

@testable import KubeSchedulerCore

@Suite("Scheduling queue")
struct QueueTests {
    @Test func activeQueueOrdersByPriorityThenArrival() {
        let clock = FakeClock()
        let q = SchedulingQueue(clock: clock)
        q.add(info(makePod("low-early", priority: 1)))
        clock.advance(1)
        q.add(info(makePod("high", priority: 100)))
        clock.advance(1)
        q.add(info(makePod("low-late", priority: 1)))
        clock.advance(1)
        q.add(info(makePod("high-late", priority: 100)))
        let order = (0..<4).compactMap { _ in q.tryPop()?.pod.name }
        #expect(order == ["high", "high-late", "low-early", "low-late"])
        #expect(q.tryPop() == nil)
    }

    @Test func backoffDoublesFromOneSecondToTen() {
        let d = (1...6).map { SchedulingQueue.backoffDuration(attempts: $0, initial: 1, max: 10) }
        #expect(d == [1, 2, 4, 8, 10, 10])
    }

    @Test func failedPodWaitsOutItsBackoff() {
        let clock = FakeClock()
        let q = SchedulingQueue(clock: clock)
        q.add(info(makePod("p")))
        var qp = q.tryPop()!
        #expect(qp.attempts == 1)
        // An error (no rejecting plugins) sends the pod to backoff.
        q.addUnschedulable(qp, podSchedulingCycle: q.schedulingCycle)
        #expect(q.location(of: "default/p") == "backoff")
        clock.advance(0.9)
        q.flushBackoffCompleted()
        #expect(q.tryPop() == nil)
        clock.advance(0.2)
        q.flushBackoffCompleted()
        qp = q.tryPop()!
        #expect(qp.attempts == 2)
        q.addUnschedulable(qp, podSchedulingCycle: q.schedulingCycle)
        clock.advance(1.5)
        q.flushBackoffCompleted()
        #expect(q.location(of: "default/p") == "backoff")  // second attempt backs off 2 s
        clock.advance(0.6)
        q.flushBackoffCompleted()
        #expect(q.location(of: "default/p") == "active")
    }

    @Test func unschedulablePodsMoveOnlyOnEventsTheirPluginsRegistered() {
        let clock = FakeClock()
        let profile = Profile.default()
        let q = SchedulingQueue(clock: clock) { profile.mayHelp($0, plugins: $1) }
        q.add(info(makePod("cpu-hungry")))
        var qp = q.tryPop()!
        qp.unschedulablePlugins = ["NodeResourcesFit"]
        // A fresh cycle (no move request since it was popped) parks it in unschedulable.
        q.addUnschedulable(qp, podSchedulingCycle: q.schedulingCycle)
        #expect(q.location(of: "default/cpu-hungry") == "unschedulable")
        q.moveAllToActiveOrBackoff(.nodeLabelsChanged)
        #expect(q.location(of: "default/cpu-hungry") == "unschedulable")
        // Still inside its 1 s back-off: moves to backoffQ, then to active once it expires.
        q.moveAllToActiveOrBackoff(.assignedPodDeleted)
        #expect(q.location(of: "default/cpu-hungry") == "backoff")
        clock.advance(1.1)
        q.flushBackoffCompleted()
        #expect(q.location(of: "default/cpu-hungry") == "active")

        // After back-off has passed, a node add moves it straight to active.
        qp = q.tryPop()!
        qp.unschedulablePlugins = ["NodeResourcesFit"]
        q.addUnschedulable(qp, podSchedulingCycle: q.schedulingCycle)
        clock.advance(5)
        q.moveAllToActiveOrBackoff(.nodeAdded)
        #expect(q.location(of: "default/cpu-hungry") == "active")
    }

    @Test func moveRequestDuringTheCycleSendsFailureToBackoff() {
        let clock = FakeClock()
        let q = SchedulingQueue(clock: clock)
        q.add(info(makePod("p")))
        var qp = q.tryPop()!
        let cycle = q.schedulingCycle
        q.moveAllToActiveOrBackoff(.nodeAdded)  // arrives while "p" is being scheduled
        qp.unschedulablePlugins = ["NodeResourcesFit"]
        q.addUnschedulable(qp, podSchedulingCycle: cycle)
        #expect(q.location(of: "default/p") == "backoff")
    }

    @Test func leftoverUnschedulablePodsAreFlushedAfterFiveMinutes() {
        let clock = FakeClock()
        let q = SchedulingQueue(clock: clock) { _, _ in false }
        q.add(info(makePod("p")))
        var qp = q.tryPop()!
        qp.unschedulablePlugins = ["NodeAffinity"]
        q.addUnschedulable(qp, podSchedulingCycle: q.schedulingCycle)
        clock.advance(299)
        q.flushUnschedulableLeftover()
        #expect(q.location(of: "default/p") == "unschedulable")
        clock.advance(2)
        q.flushUnschedulableLeftover()
        #expect(q.location(of: "default/p") == "active")
    }

    @Test func specUpdateRetriesAnUnschedulablePod() {
        let clock = FakeClock()
        let q = SchedulingQueue(clock: clock) { _, _ in false }
        q.add(info(makePod("p", nodeSelector: ["zone": "x"])))
        var qp = q.tryPop()!
        qp.unschedulablePlugins = ["NodeAffinity"]
        q.addUnschedulable(qp, podSchedulingCycle: q.schedulingCycle)
        clock.advance(2)
        q.update(info(makePod("p", nodeSelector: ["zone": "y"])))
        #expect(q.location(of: "default/p") == "active")
        q.delete(key: "default/p")
        #expect(q.location(of: "default/p") == nil)
    }

    @Test func popWaitsForAPod() async {
        let q = SchedulingQueue(clock: FakeClock())
        async let popped = q.pop()
        try? await Task.sleep(for: .milliseconds(50))
        q.add(info(makePod("late")))
        #expect(await popped?.pod.name == "late")
        q.close()
        #expect(await q.pop() == nil)
    }
}
