import KubeAPI
import Testing

@testable import KubeSchedulerCore

@Suite("FailedScheduling message")
struct FitErrorTests {
    @Test func messageHasUpstreamShapeWithSortedHistogram() {
        let fe = FitError(pod: "default/p", numAllNodes: 3, nodeStatuses: [
            "a": .unschedulable("Insufficient cpu", plugin: "NodeResourcesFit"),
            "b": .unresolvable("node(s) had untolerated taint {node-role: x}", plugin: "TaintToleration"),
            "c": .unresolvable("node(s) had untolerated taint {node-role: x}", plugin: "TaintToleration"),
        ])
        #expect(fe.message == "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node-role: x}.")
        #expect(fe.unschedulablePlugins == ["NodeResourcesFit", "TaintToleration"])
    }

    @Test func endToEndAlgorithmAndPreemptionMessage() {
        let nodes = [
            makeNode("a", cpu: "1"),
            makeNode("b", taints: [Taint(key: "node-role", value: "x", effect: "NoSchedule")]),
            makeNode("c", taints: [Taint(key: "node-role", value: "x", effect: "NoSchedule")]),
        ]
        let snapshot = Snapshot(nodes: nodeInfos(nodes))
        let algorithm = SchedulingAlgorithm(profile: .default())
        let pod = info(makePod("p", cpu: "2"))
        var fitError: FitError?
        do throws(SchedulingAlgorithm.Failure) {
            _ = try algorithm.schedule(pod, snapshot)
        } catch {
            if case .unfit(let fe) = error { fitError = fe }
        }
        guard var fe = fitError else {
            Issue.record("expected a FitError")
            return
        }
        guard case .notPossible(let why) = DefaultPreemption(profile: .default()).preempt(pod, snapshot, fe) else {
            Issue.record("nothing to preempt, yet preemption found a candidate")
            return
        }
        fe.postFilterMessage = "preemption: " + why
        #expect(fe.message == "0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {node-role: x}. "
            + "preemption: 0/3 nodes are available: 1 No preemption victims found for incoming pod, 2 Preemption is not helpful for scheduling..")
    }

    @Test func multipleReasonsOnOneNodeAreEachCounted() {
        let fe = FitError(pod: "p", numAllNodes: 2, nodeStatuses: [
            "a": PluginStatus(.unschedulable, ["Insufficient cpu", "Insufficient memory"], plugin: "NodeResourcesFit"),
            "b": PluginStatus(.unschedulable, ["Insufficient memory"], plugin: "NodeResourcesFit"),
        ])
        #expect(fe.message == "0/2 nodes are available: 1 Insufficient cpu, 2 Insufficient memory.")
    }
}
