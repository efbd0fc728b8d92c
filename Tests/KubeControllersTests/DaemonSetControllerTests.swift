import Foundation
import KubeAPI
import KubeClient
import KubeswiftTestSupport
import Synchronization
import Testing

@testable import KubeControllers

@Suite struct DaemonSetPlacementTests {
    func daemonSet(_ spec: PodSpec) -> DaemonSet {
        DaemonSet(metadata: ObjectMeta(name: "d", namespace: "default"), spec: DaemonSetSpec(template: PodTemplateSpec(spec: spec)))
    }

    @Test func selectorsAffinityAndTaints() {
        let ssd = Node(metadata: ObjectMeta(name: "a", labels: ["disk": "ssd"]))
        let hdd = Node(metadata: ObjectMeta(name: "b", labels: ["disk": "hdd"]))
        var spec = PodSpec(containers: [Container(name: "c")])
        spec.nodeSelector = ["disk": "ssd"]
        #expect(DaemonSetController.shouldRun(daemonSet(spec), on: ssd) == (true, true))
        #expect(DaemonSetController.shouldRun(daemonSet(spec), on: hdd) == (false, false))
        spec.nodeSelector = nil
        spec.affinity = Affinity(nodeAffinity: NodeAffinity(requiredDuringSchedulingIgnoredDuringExecution: NodeSelector(nodeSelectorTerms: [
            NodeSelectorTerm(matchExpressions: [NodeSelectorRequirement(key: "disk", operator: "NotIn", values: ["ssd"])]),
        ])))
        #expect(DaemonSetController.shouldRun(daemonSet(spec), on: ssd).run == false)
        #expect(DaemonSetController.shouldRun(daemonSet(spec), on: hdd).run == true)

        var tainted = ssd
        tainted.spec.taints = [Taint(key: "dedicated", value: "infra", effect: "NoSchedule")]
        let plain = PodSpec(containers: [Container(name: "c")])
        // NoSchedule: not placed, but an existing pod may stay; NoExecute: neither.
        #expect(DaemonSetController.shouldRun(daemonSet(plain), on: tainted) == (false, true))
        tainted.spec.taints = [Taint(key: "dedicated", value: "infra", effect: "NoExecute")]
        #expect(DaemonSetController.shouldRun(daemonSet(plain), on: tainted) == (false, false))
        var tolerant = plain
        tolerant.tolerations = [Toleration(key: "dedicated", operator: "Equal", value: "infra")]
        #expect(DaemonSetController.shouldRun(daemonSet(tolerant), on: tainted) == (true, true))
        // The default daemon tolerations: unreachable, not-ready, pressure and unschedulable taints do not keep daemons away.
        var sick = ssd
        sick.spec.taints = [Taint(key: NodeTaintKey.unreachable, effect: "NoExecute"), Taint(key: NodeTaintKey.notReady, effect: "NoExecute"),
                            Taint(key: NodeTaintKey.diskPressure, effect: "NoSchedule"), Taint(key: NodeTaintKey.memoryPressure, effect: "NoSchedule"),
                            Taint(key: NodeTaintKey.pidPressure, effect: "NoSchedule"), Taint(key: NodeTaintKey.unschedulable, effect: "NoSchedule")]
        #expect(DaemonSetController.shouldRun(daemonSet(plain), on: sick) == (true, true))
        sick.spec.taints?.append(Taint(key: NodeTaintKey.networkUnavailable, effect: "NoSchedule"))
        #expect(DaemonSetController.shouldRun(daemonSet(plain), on: sick).run == false)
    }
}

/// The DaemonSet controller against a real apiserver with fake nodes (no scheduler: pods stay unbound,
/// pinned to their node by affinity, and the fake kubelet marks them ready).
@Suite(.serialized, .enabled(if: ServerProcess.available, "needs the kubeswift binary: swift build --product kubeswift"))
final class DaemonSetControllerTests: Sendable {
    let h: ControllerHarness

    init() async throws {
        h = try await ControllerHarness(controllers: ["daemonset"])
    }

    deinit { h.stop() }

    func podsByNode(_ app: String) async throws -> [String: [Pod]] {
        Dictionary(grouping: try await h.pods(selector: "app=\(app)").filter { $0.metadata.deletionTimestamp == nil }) {
            DaemonSetController.targetNode($0) ?? ""
        }
    }

    @Test func onePodPerEligibleNodeIncludingLateNodes() async throws {
        try await h.createNode("ssd-1", labels: ["disk": "ssd"])
        try await h.createNode("ssd-tainted", labels: ["disk": "ssd"], taints: [Taint(key: "dedicated", value: "infra", effect: "NoSchedule")])
        try await h.createNode("ssd-unreachable", labels: ["disk": "ssd"], taints: [Taint(key: NodeTaintKey.unreachable, effect: "NoExecute")])
        try await h.createNode("hdd-1", labels: ["disk": "hdd"])
        var template = ControllerHarness.template(app: "agent")
        template.spec.nodeSelector = ["disk": "ssd"]
        let api = h.client.resource(DaemonSet.self, namespace: "default")
        let ds = try await api.create(DaemonSet(metadata: ObjectMeta(name: "agent", namespace: "default"),
                                                spec: DaemonSetSpec(selector: LabelSelector(matchLabels: ["app": "agent"]), template: template)))
        let placed = try await eventually("pods on ssd-1 and ssd-unreachable") { () -> [String: [Pod]]? in
            let p = try await podsByNode("agent")
            return Set(p.keys) == ["ssd-1", "ssd-unreachable"] ? p : nil
        }
        #expect(placed.values.allSatisfy { $0.count == 1 })
        let pod = placed["ssd-1"]![0]
        #expect(pod.spec.nodeName == nil)
        #expect(pod.spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms ==
            [NodeSelectorTerm(matchFields: [NodeSelectorRequirement(key: "metadata.name", operator: "In", values: ["ssd-1"])])])
        #expect(pod.spec.tolerations?.contains { $0.key == NodeTaintKey.unreachable && $0.operator == "Exists" && $0.effect == "NoExecute" } == true)
        #expect(pod.spec.tolerations?.contains { $0.key == NodeTaintKey.unschedulable && $0.effect == "NoSchedule" } == true)
        #expect(pod.metadata.controllerRef?.uid == ds.metadata.uid)
        let hash = try #require(pod.metadata.labels?[ControllerHistory.hashLabel])
        #expect(pod.metadata.labels?["pod-template-generation"] == "1")
        let revisions = try await h.client.resource(ControllerRevision.self, namespace: "default").list().items
        #expect(revisions.contains { $0.metadata.name == "agent-\(hash)" && $0.revision == 1 && $0.metadata.controllerRef?.uid == ds.metadata.uid })

        let status = try await eventually("status") { () -> DaemonSetStatus? in
            let s = try await api.get("agent").status
            return s.numberReady == 2 && s.numberAvailable == 2 ? s : nil
        }
        #expect(status.desiredNumberScheduled == 2)
        #expect(status.currentNumberScheduled == 2)
        #expect(status.updatedNumberScheduled == 2)
        #expect(status.numberMisscheduled == 0)
        #expect(status.observedGeneration == 1)

        // A node joining later gets its pod; one whose labels stop matching loses it.
        try await h.createNode("ssd-2", labels: ["disk": "ssd"])
        try await h.modify(Node.self, namespace: nil, "ssd-1") { $0.metadata.labels = ["disk": "hdd"] }
        _ = try await eventually("pods follow the nodes") { () -> Bool? in
            let p = try await podsByNode("agent")
            return Set(p.keys) == ["ssd-2", "ssd-unreachable"] ? true : nil
        }
        // A toleration admits the tainted node.
        try await h.modify(DaemonSet.self, "agent") { $0.spec.template.spec.tolerations = [Toleration(key: "dedicated", operator: "Exists")] }
        _ = try await eventually("tainted node admitted") { () -> Bool? in
            let p = try await podsByNode("agent")
            return Set(p.keys) == ["ssd-2", "ssd-unreachable", "ssd-tainted"] && p.values.allSatisfy({ $0.count == 1 }) ? true : nil
        }
    }

    @Test func rollingUpdateRespectsMaxUnavailable() async throws {
        for i in 0..<4 { try await h.createNode("n\(i)") }
        let api = h.client.resource(DaemonSet.self, namespace: "default")
        var spec = DaemonSetSpec(selector: LabelSelector(matchLabels: ["app": "log"]), template: ControllerHarness.template(app: "log", image: "fluent:1"))
        spec.updateStrategy = DaemonSetUpdateStrategy(type: "RollingUpdate", rollingUpdate: RollingUpdateDaemonSet(maxUnavailable: .int(1)))
        _ = try await api.create(DaemonSet(metadata: ObjectMeta(name: "log", namespace: "default"), spec: spec))
        _ = try await eventually("4 ready") { try await api.get("log").status.numberAvailable == 4 ? true : nil }
        let worst = Mutex(0)
        let monitor = Task {
            while !Task.isCancelled {
                if let p = try? await podsByNode("log") {
                    let unavailable = (0..<4).filter { i in !(p["n\(i)"] ?? []).contains { $0.isReady } }.count
                    worst.withLock { $0 = max($0, unavailable) }
                }
                try? await Task.sleep(for: .milliseconds(30))
            }
        }
        try await h.modify(DaemonSet.self, "log") { $0.spec.template.spec.containers[0].image = "fluent:2" }
        let status = try await eventually("rolled out", timeout: .seconds(60)) { () -> DaemonSetStatus? in
            let s = try await api.get("log").status
            let pods = try await h.pods(selector: "app=log")
            return s.updatedNumberScheduled == 4 && s.numberAvailable == 4 && pods.count == 4
                && pods.allSatisfy({ $0.spec.containers[0].image == "fluent:2" }) ? s : nil
        }
        monitor.cancel()
        #expect(status.observedGeneration == 2)
        #expect(worst.withLock { $0 } <= 1, "more than maxUnavailable daemon pods were unavailable at once")
        let revisions = try await h.client.resource(ControllerRevision.self, namespace: "default").list().items.filter { $0.metadata.name?.hasPrefix("log-") == true }
        #expect(revisions.map(\.revision).sorted() == [1, 2])

        // OnDelete: a template change leaves pods alone until they are deleted.
        try await h.modify(DaemonSet.self, "log") { ds in
            ds.spec.updateStrategy = DaemonSetUpdateStrategy(type: "OnDelete")
            ds.spec.template.spec.containers[0].image = "fluent:3"
        }
        _ = try await eventually("observed") { try await api.get("log").status.observedGeneration == 3 ? true : nil }
        try await Task.sleep(for: .seconds(1))
        #expect(try await h.pods(selector: "app=log").allSatisfy { $0.spec.containers[0].image == "fluent:2" })
        let victim = try await h.pods(selector: "app=log")[0]
        try await h.client.resource(Pod.self, namespace: "default").delete(victim.metadata.name ?? "")
        _ = try await eventually("replaced with the new template") { () -> Bool? in
            let p = try await h.pods(selector: "app=log")
            return p.count == 4 && p.filter({ $0.spec.containers[0].image == "fluent:3" }).count == 1 ? true : nil
        }
    }
}
