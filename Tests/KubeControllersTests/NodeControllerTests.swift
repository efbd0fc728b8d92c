import Foundation
import KubeAPI
import KubeClient
import KubeswiftTestSupport
import Logging
import Testing

@testable import KubeControllers

extension ControllerHarness {
    func ensureNamespace(_ name: String) async throws {
        do { _ = try await client.resource(Namespace.self).create(Namespace(metadata: ObjectMeta(name: name))) } catch let e as APIError where e.isAlreadyExists {}
    }

    /// Creates or renews the node's Lease in kube-node-lease, as its kubelet would.
    func renewLease(_ node: String) async throws {
        let api = client.resource(Lease.self, namespace: NodeLifecycleController.leaseNamespace)
        do {
            var lease = try await api.get(node)
            lease.spec.renewTime = .now()
            _ = try await api.update(lease)
        } catch let e as APIError where e.isNotFound {
            _ = try await api.create(Lease(metadata: ObjectMeta(name: node, namespace: NodeLifecycleController.leaseNamespace),
                                           spec: LeaseSpec(holderIdentity: node, leaseDurationSeconds: 40, renewTime: .now())))
        }
    }

    func boundPod(_ name: String, node: String, tolerations: [Toleration]? = nil) async throws -> Pod {
        var spec = PodSpec(containers: [Container(name: "c", image: "busybox")])
        spec.nodeName = node
        spec.tolerations = tolerations
        var pod = try await client.resource(Pod.self, namespace: "default").create(Pod(metadata: ObjectMeta(name: name, namespace: "default"), spec: spec))
        pod.status.phase = "Running"
        FakeKubelet.setReady(&pod, true)
        return try await client.resource(Pod.self, namespace: "default").updateStatus(pod)
    }
}

/// Node lifecycle and taint eviction with a 2 s grace period and 2 s default toleration.
@Suite(.serialized, .enabled(if: ServerProcess.available, "needs the kubeswift binary: swift build --product kubeswift"))
final class NodeLifecycleControllerTests: Sendable {
    let h: ControllerHarness

    init() async throws {
        // The apiserver's DefaultTolerationSeconds admission gives pods the 2 s tolerations.
        h = try await ControllerHarness(
            controllers: ["nodelifecycle", "taint-eviction-controller"], kubelet: false,
            apiserverArguments: ["--default-not-ready-toleration-seconds", "2", "--default-unreachable-toleration-seconds", "2"]
        ) { options in
            options.nodeMonitorPeriod = .milliseconds(200)
            options.nodeMonitorGracePeriod = .seconds(2)
            options.nodeStartupGracePeriod = .seconds(2)
        }
    }

    deinit { h.stop() }

    func node(_ name: String) async throws -> Node { try await h.client.resource(Node.self).get(name) }

    @Test func staleLeaseMakesNodeUnknownTaintedAndEvictsPods() async throws {
        try await h.ensureNamespace(NodeLifecycleController.leaseNamespace)
        try await h.createNode("lost")
        try await h.createNode("alive")
        try await h.renewLease("lost")
        try await h.renewLease("alive")
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await h.renewLease("alive")
                try? await Task.sleep(for: .milliseconds(300))
            }
        }
        defer { heartbeat.cancel() }
        let plain = try await h.boundPod("plain", node: "lost")
        _ = try await h.boundPod("forever", node: "lost", tolerations: [Toleration(key: NodeTaintKey.unreachable, operator: "Exists", effect: "NoExecute")])
        _ = try await h.boundPod("patient", node: "lost", tolerations: [Toleration(key: NodeTaintKey.unreachable, operator: "Exists", effect: "NoExecute", tolerationSeconds: 600)])
        _ = try await h.boundPod("elsewhere", node: "alive")

        let unknown = try await eventually("lost goes Unknown", timeout: .seconds(20)) { () -> Node? in
            let n = try await node("lost")
            return n.status.conditions?.first(where: { $0.type == "Ready" })?.status == "Unknown" ? n : nil
        }
        let ready = unknown.status.conditions?.first { $0.type == "Ready" }
        #expect(ready?.reason == "NodeStatusUnknown")
        #expect(ready?.message == "Kubelet stopped posting node status.")
        let tainted = try await eventually("unreachable NoExecute taint") { () -> Node? in
            let n = try await node("lost")
            return n.spec.taints?.contains(where: { $0.key == NodeTaintKey.unreachable && $0.effect == "NoExecute" }) == true ? n : nil
        }
        #expect(tainted.spec.taints?.first { $0.key == NodeTaintKey.unreachable && $0.effect == "NoExecute" }?.timeAdded != nil)
        #expect(try await h.events(about: "lost").contains { $0.reason == "NodeNotReady" })
        #expect(try await h.client.resource(Pod.self, namespace: "default").get("forever").isReady == false)

        // The pod without a toleration goes after the (default) 2 s; tolerating pods stay.
        let evicted = try await eventually("plain evicted", timeout: .seconds(20)) { () -> Pod? in
            let p = try await h.client.resource(Pod.self, namespace: "default").get("plain")
            return p.metadata.deletionTimestamp != nil ? p : nil
        }
        #expect(evicted.metadata.uid == plain.metadata.uid)
        #expect(evicted.status.conditions?.contains { $0.type == "DisruptionTarget" && $0.reason == "DeletionByTaintManager" } == true)
        #expect(try await h.events(about: "plain").contains { $0.reason == "TaintManagerEviction" })
        for name in ["forever", "patient", "elsewhere"] {
            #expect(try await h.client.resource(Pod.self, namespace: "default").get(name).metadata.deletionTimestamp == nil, "\(name)")
        }
        let alive = try await node("alive")
        #expect(alive.status.conditions?.first { $0.type == "Ready" }?.status == "True")
        #expect(alive.spec.taints == nil)

        // The kubelet comes back: fresh lease and Ready=True; the taints go.
        try await h.renewLease("lost")
        var back = try await node("lost")
        back.status.conditions = [NodeCondition(type: "Ready", status: "True", lastHeartbeatTime: .now(), lastTransitionTime: .now(), reason: "KubeletReady")]
        _ = try await h.client.resource(Node.self).updateStatus(back)
        _ = try await eventually("taints removed") { () -> Bool? in
            let n = try await node("lost")
            return (n.spec.taints ?? []).isEmpty ? true : nil
        }
    }

    @Test func notReadyNodeGetsNotReadyTaints() async throws {
        try await h.ensureNamespace(NodeLifecycleController.leaseNamespace)
        try await h.createNode("sick", ready: false)
        let heartbeat = Task {
            while !Task.isCancelled {
                try? await h.renewLease("sick")
                try? await Task.sleep(for: .milliseconds(300))
            }
        }
        defer { heartbeat.cancel() }
        let n = try await eventually("not-ready taints") { () -> Node? in
            let n = try await node("sick")
            let keys = Set((n.spec.taints ?? []).map { "\($0.key):\($0.effect)" })
            return keys == ["\(NodeTaintKey.notReady):NoExecute", "\(NodeTaintKey.notReady):NoSchedule"] ? n : nil
        }
        #expect(n.status.conditions?.first { $0.type == "Ready" }?.status == "False")
    }
}

@Suite struct CIDRAllocatorTests {
    @Test func allocatesDistinctSubnetsAndReleases() throws {
        let a = try CIDRAllocator(clusterCIDR: "10.244.0.0/22", maskSize: 24)
        a.occupy("10.244.1.0/24")
        let got = [a.allocate(), a.allocate(), a.allocate()].compactMap { $0 }
        #expect(Set(got) == ["10.244.0.0/24", "10.244.2.0/24", "10.244.3.0/24"])
        #expect(a.allocate() == nil)
        a.release("10.244.2.0/24")
        #expect(a.allocate() == "10.244.2.0/24")
        #expect(throws: CIDRAllocatorError.self) { try CIDRAllocator(clusterCIDR: "10.244.0.0", maskSize: 24) }
        #expect(throws: CIDRAllocatorError.self) { try CIDRAllocator(clusterCIDR: "10.244.0.0/16", maskSize: 8) }
    }
}

@Suite(.serialized, .enabled(if: ServerProcess.available, "needs the kubeswift binary: swift build --product kubeswift"))
final class NodeIPAMControllerTests: Sendable {
    let h: ControllerHarness

    init() async throws {
        h = try await ControllerHarness(controllers: ["nodeipam"], kubelet: false) { options in
            options.clusterCIDR = "10.200.0.0/22"
        }
    }

    deinit { h.stop() }

    @Test func distinctCIDRsRebuiltAfterRestart() async throws {
        let nodes = h.client.resource(Node.self)
        _ = try await nodes.create(Node(metadata: ObjectMeta(name: "preset"), spec: NodeSpec(podCIDR: "10.200.1.0/24", podCIDRs: ["10.200.1.0/24"])))
        for name in ["a", "b"] { try await h.createNode(name) }
        let assigned = try await eventually("a and b get CIDRs") { () -> [String: String]? in
            let all = try await nodes.list().items
            let map = Dictionary(uniqueKeysWithValues: all.compactMap { n in n.spec.podCIDR.map { (n.metadata.name ?? "", $0) } })
            return map.count == 3 ? map : nil
        }
        #expect(assigned["preset"] == "10.200.1.0/24")
        #expect(Set(assigned.values).count == 3)
        #expect(try await nodes.get("a").spec.podCIDRs == [assigned["a"]!])

        // A restarted controller-manager rebuilds the map from the nodes: the next node gets the last free /24.
        h.manager.cancel()
        var logger = Logger(label: "test.controller-manager.2")
        logger.logLevel = .warning
        var options = ControllerManagerOptions()
        options.controllers = ["nodeipam"]
        options.clusterCIDR = "10.200.0.0/22"
        let second = ControllerManager(client: h.client, options: options, logger: logger)
        let task = Task { try? await second.run() }
        defer { task.cancel() }
        try await h.createNode("c")
        let c = try await eventually("c gets the last CIDR") { try await nodes.get("c").spec.podCIDR }
        #expect(!assigned.values.contains(c))
        // Full: the next node waits, and gets the CIDR of a deleted node.
        try await h.createNode("d")
        _ = try await eventually("CIDRNotAvailable") { () -> Bool? in
            try await h.client.resource(Event.self, namespace: "default").list().items.contains { $0.reason == "CIDRNotAvailable" && $0.involvedObject.name == "d" } ? true : nil
        }
        try await nodes.delete("b")
        let d = try await eventually("d gets b's CIDR") { try await nodes.get("d").spec.podCIDR }
        #expect(d == assigned["b"])
    }
}

@Suite(.serialized, .enabled(if: ServerProcess.available, "needs the kubeswift binary: swift build --product kubeswift"))
final class PodGCControllerTests: Sendable {
    let h: ControllerHarness

    init() async throws {
        h = try await ControllerHarness(controllers: ["podgc"], kubelet: false) { options in
            options.terminatedPodGCThreshold = 3
            options.podGCPeriod = .milliseconds(300)
            options.podGCQuarantine = .seconds(1)
        }
    }

    deinit { h.stop() }

    func finishedPod(_ name: String) async throws {
        let api = h.client.resource(Pod.self, namespace: "default")
        var pod = try await api.create(Pod(metadata: ObjectMeta(name: name, namespace: "default"), spec: PodSpec(containers: [Container(name: "c", image: "busybox")])))
        pod.status.phase = "Succeeded"
        _ = try await api.updateStatus(pod)
    }

    @Test func terminatedOverThresholdAndOrphansGo() async throws {
        try await h.createNode("real")
        try await finishedPod("old-0")
        try await finishedPod("old-1")
        try await Task.sleep(for: .milliseconds(1100))
        for i in 0..<3 { try await finishedPod("new-\(i)") }
        _ = try await h.boundPod("on-ghost", node: "ghost")
        _ = try await h.boundPod("on-real", node: "real")
        let remaining = try await eventually("oldest terminated and orphaned pods deleted", timeout: .seconds(20)) { () -> [String]? in
            let names = try await h.pods().compactMap(\.metadata.name).sorted()
            return names == ["new-0", "new-1", "new-2", "on-real"] ? names : nil
        }
        #expect(remaining.count == 4)
    }
}
