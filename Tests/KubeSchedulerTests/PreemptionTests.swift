import KubeAPI
import Testing

@testable import KubeSchedulerCore

@Suite("Preemption")
struct PreemptionTests {
    func fitError(_ pod: PodInfo, _ snapshot: Snapshot) -> FitError? {
        do throws(SchedulingAlgorithm.Failure) {
            _ = try SchedulingAlgorithm(profile: .default()).schedule(pod, snapshot)
            return nil
        } catch {
            if case .unfit(let fe) = error { return fe }
            return nil
        }
    }

    @Test func choosesTheNodeAndVictimsThatCostLeast() throws {
        // n1: two low-priority pods of 1 cpu each on 2 cpus; evicting one suffices.
        // n2: one priority-5 pod of 2 cpus; evicting it needs a higher victim priority.
        let pods = [
            makePod("n1-a", cpu: "1", node: "n1", priority: 1, startTime: 100),
            makePod("n1-b", cpu: "1", node: "n1", priority: 2, startTime: 50),
            makePod("n2-a", cpu: "2", node: "n2", priority: 5),
        ]
        let snapshot = Snapshot(nodes: nodeInfos([makeNode("n1", cpu: "2"), makeNode("n2", cpu: "2")], pods: pods))
        let pod = info(makePod("urgent", cpu: "1", priority: 10))
        let fe = try #require(fitError(pod, snapshot))
        guard case .preempt(let c) = DefaultPreemption(profile: .default()).preempt(pod, snapshot, fe) else {
            Issue.record("expected a preemption candidate")
            return
        }
        #expect(c.node == "n1")
        // The more important n1-b is reprieved; only n1-a goes.
        #expect(c.victims.map(\.name) == ["n1-a"])
    }

    @Test func fewestVictimsBreaksPriorityTies() throws {
        let pods = [
            makePod("n1-a", cpu: "500m", node: "n1", priority: 1), makePod("n1-b", cpu: "500m", node: "n1", priority: 1),
            makePod("n2-a", cpu: "1", node: "n2", priority: 1),
        ]
        let snapshot = Snapshot(nodes: nodeInfos([makeNode("n1", cpu: "1"), makeNode("n2", cpu: "1")], pods: pods))
        let pod = info(makePod("urgent", cpu: "1", priority: 10))
        let fe = try #require(fitError(pod, snapshot))
        guard case .preempt(let c) = DefaultPreemption(profile: .default()).preempt(pod, snapshot, fe) else {
            Issue.record("expected a preemption candidate")
            return
        }
        #expect(c.node == "n2")
        #expect(c.victims.map(\.name) == ["n2-a"])
    }

    @Test func equalOrHigherPriorityPodsAreNeverVictims() throws {
        let snapshot = Snapshot(nodes: nodeInfos([makeNode("n1", cpu: "1")], pods: [makePod("peer", cpu: "1", node: "n1", priority: 10)]))
        let pod = info(makePod("p", cpu: "1", priority: 10))
        let fe = try #require(fitError(pod, snapshot))
        guard case .notPossible(let msg) = DefaultPreemption(profile: .default()).preempt(pod, snapshot, fe) else {
            Issue.record("must not preempt an equal-priority pod")
            return
        }
        #expect(msg == "0/1 nodes are available: 1 No preemption victims found for incoming pod.")
    }

    @Test func preemptionPolicyNeverIsNotEligible() throws {
        let snapshot = Snapshot(nodes: nodeInfos([makeNode("n1", cpu: "1")], pods: [makePod("low", cpu: "1", node: "n1", priority: 0)]))
        let pod = info(makePod("p", cpu: "1", priority: 10, preemptionPolicy: "Never"))
        let fe = try #require(fitError(pod, snapshot))
        guard case .notPossible(let msg) = DefaultPreemption(profile: .default()).preempt(pod, snapshot, fe) else {
            Issue.record("preemptionPolicy Never must not preempt")
            return
        }
        #expect(msg == "not eligible due to preemptionPolicy=Never.")
    }
}
