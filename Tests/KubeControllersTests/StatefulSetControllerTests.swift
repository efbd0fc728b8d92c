import Foundation
import KubeAPI
import KubeClient
import KubeswiftTestSupport
import Synchronization
import Testing

@testable import KubeControllers

func statefulSet(_ name: String, replicas: Int32, policy: String? = nil, image: String = "nginx:1") -> StatefulSet {
    StatefulSet(metadata: ObjectMeta(name: name, namespace: "default"),
                spec: StatefulSetSpec(replicas: replicas, selector: LabelSelector(matchLabels: ["app": name]),
                                      template: ControllerHarness.template(app: name, image: image), serviceName: "\(name)-svc", podManagementPolicy: policy))
}

/// The StatefulSet controller with the fake kubelet making pods Running and Ready.
@Suite(.serialized, .enabled(if: ServerProcess.available, "needs the kubeswift binary: swift build --product kubeswift"))
final class StatefulSetControllerTests: Sendable {
    let h: ControllerHarness

    init() async throws {
        h = try await ControllerHarness(controllers: ["statefulset"])
    }

    deinit { h.stop() }

    func live(_ app: String) async throws -> [Pod] {
        try await h.pods(selector: "app=\(app)").filter { $0.metadata.deletionTimestamp == nil }
    }

    @Test func orderedCreationScaleDownAndRollingUpdate() async throws {
        let api = h.client.resource(StatefulSet.self, namespace: "default")
        // Watch the invariants of OrderedReady: pods always form a prefix web-0..k, at most one of them not ready.
        let violations = Mutex<[String]>([])
        let checking = Mutex(true)
        let monitor = Task {
            while !Task.isCancelled {
                if checking.withLock({ $0 }), let pods = try? await live("web") {
                    let ordinals = pods.compactMap { Int($0.metadata.name?.dropFirst("web-".count) ?? "") }.sorted()
                    if ordinals != Array(0..<ordinals.count) { violations.withLock { $0.append("not a prefix: \(ordinals)") } }
                    if pods.filter({ !$0.isReady }).count > 1 { violations.withLock { $0.append("two unready") } }
                }
                try? await Task.sleep(for: .milliseconds(25))
            }
        }
        let set = try await api.create(statefulSet("web", replicas: 3))
        let status = try await eventually("3 ready replicas", timeout: .seconds(60)) { () -> StatefulSetStatus? in
            let s = try await api.get("web").status
            return s.readyReplicas == 3 && s.availableReplicas == 3 ? s : nil
        }
        #expect(status.replicas == 3 && status.currentReplicas == 3 && status.updatedReplicas == 3)
        #expect(status.currentRevision == status.updateRevision && status.currentRevision?.hasPrefix("web-") == true)
        #expect(status.observedGeneration == 1)
        let pods = try await live("web").sorted { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }
        #expect(pods.map(\.metadata.name) == ["web-0", "web-1", "web-2"])
        for (i, pod) in pods.enumerated() {
            #expect(pod.metadata.labels?[StatefulSetController.podNameLabel] == "web-\(i)")
            #expect(pod.metadata.labels?[StatefulSetController.podIndexLabel] == "\(i)")
            #expect(pod.metadata.labels?[ControllerHistory.hashLabel] == status.updateRevision)
            #expect(pod.spec.hostname == "web-\(i)")
            #expect(pod.spec.subdomain == "web-svc")
            #expect(pod.metadata.controllerRef?.uid == set.metadata.uid)
        }
        // web-0 was created strictly before web-1 became possible: creation order follows the ordinals.
        let created = try await h.events(about: "web").filter { $0.reason == "SuccessfulCreate" }
        #expect(created.count == 3)
        #expect(created.contains { $0.message == "create Pod web-0 in StatefulSet web successful" })

        // Rolling update in reverse ordinal order: updated pods always form a suffix.
        checking.withLock { $0 = false }
        let updateViolations = Mutex<[String]>([])
        let oldRevision = status.updateRevision ?? ""
        let updateMonitor = Task {
            while !Task.isCancelled {
                if let pods = try? await live("web") {
                    let updated = pods.filter { $0.spec.containers[0].image == "nginx:2" }.compactMap { Int($0.metadata.name?.dropFirst("web-".count) ?? "") }
                    if let lowest = updated.min(), Set(updated) != Set(lowest..<3) { updateViolations.withLock { $0.append("updated \(updated.sorted())") } }
                }
                try? await Task.sleep(for: .milliseconds(25))
            }
        }
        try await h.modify(StatefulSet.self, "web") { next in
            next.spec.template.spec.containers[0].image = "nginx:2"
            next.spec.updateStrategy = StatefulSetUpdateStrategy(type: "RollingUpdate", rollingUpdate: RollingUpdateStatefulSetStrategy(partition: 1))
        }
        let partial = try await eventually("pods above the partition updated", timeout: .seconds(60)) { () -> StatefulSetStatus? in
            let s = try await api.get("web").status
            return s.updatedReplicas == 2 && s.readyReplicas == 3 ? s : nil
        }
        #expect(partial.currentRevision == oldRevision && partial.updateRevision != oldRevision)
        try await Task.sleep(for: .milliseconds(500))
        #expect(try await h.client.resource(Pod.self, namespace: "default").get("web-0").spec.containers[0].image == "nginx:1")
        try await h.modify(StatefulSet.self, "web") { $0.spec.updateStrategy.rollingUpdate?.partition = 0 }
        let done = try await eventually("all updated", timeout: .seconds(60)) { () -> StatefulSetStatus? in
            let s = try await api.get("web").status
            return s.updatedReplicas == 3 && s.readyReplicas == 3 && s.currentRevision == s.updateRevision ? s : nil
        }
        updateMonitor.cancel()
        #expect(done.currentRevision != oldRevision)
        #expect(updateViolations.withLock { $0 }.isEmpty, "\(updateViolations.withLock { $0 })")

        // Scale down removes the highest ordinals first.
        checking.withLock { $0 = true }
        try await h.modify(StatefulSet.self, "web") { $0.spec.replicas = 1 }
        _ = try await eventually("scaled to 1") { () -> Bool? in
            let p = try await h.pods(selector: "app=web")
            return p.map(\.metadata.name) == ["web-0"] ? true : nil
        }
        monitor.cancel()
        #expect(violations.withLock { $0 }.isEmpty, "\(violations.withLock { $0 })")
        let deletions = try await h.events(about: "web").filter { $0.reason == "SuccessfulDelete" }.compactMap(\.message)
        #expect(deletions.contains("delete Pod web-2 in StatefulSet web successful"))
        #expect(deletions.contains("delete Pod web-1 in StatefulSet web successful"))
    }
}

/// Without a kubelet no pod ever becomes ready: OrderedReady stops at web-0, Parallel creates them all.
@Suite(.serialized, .enabled(if: ServerProcess.available, "needs the kubeswift binary: swift build --product kubeswift"))
final class StatefulSetPodManagementTests: Sendable {
    let h: ControllerHarness

    init() async throws {
        h = try await ControllerHarness(controllers: ["statefulset"], kubelet: false)
    }

    deinit { h.stop() }

    @Test func orderedReadyWaitsParallelDoesNot() async throws {
        let api = h.client.resource(StatefulSet.self, namespace: "default")
        _ = try await api.create(statefulSet("ordered", replicas: 3))
        _ = try await api.create(statefulSet("parallel", replicas: 3, policy: "Parallel"))
        _ = try await eventually("parallel creates all three") { () -> Bool? in
            try await h.pods(selector: "app=parallel").count == 3 ? true : nil
        }
        _ = try await eventually("ordered creates web-0") { try await h.pods(selector: "app=ordered").count == 1 ? true : nil }
        try await Task.sleep(for: .seconds(1))
        #expect(try await h.pods(selector: "app=ordered").map(\.metadata.name) == ["ordered-0"])
        // Once ordered-0 is Running and Ready, ordered-1 follows.
        var pod = try await h.client.resource(Pod.self, namespace: "default").get("ordered-0")
        pod.status.phase = "Running"
        FakeKubelet.setReady(&pod, true)
        _ = try await h.client.resource(Pod.self, namespace: "default").updateStatus(pod)
        _ = try await eventually("ordered-1") { () -> Bool? in
            try await h.pods(selector: "app=ordered").compactMap(\.metadata.name).sorted() == ["ordered-0", "ordered-1"] ? true : nil
        }
    }
}
