import Foundation
import KubeAPI
import KubeClient
import KubeswiftTestSupport
import Logging
import Synchronization
import Testing

@testable import KubeControllers

/// The controller-manager against a real apiserver (the built binary, memory store), with a
/// stand-in kubelet that marks pods Running and Ready with an IP, so workloads converge.
@Suite(.serialized, .enabled(if: ServerProcess.available, "needs the kubeswift binary: swift build --product kubeswift"))
final class ControllerTests {
    let server: ServerProcess
    let client: RESTClient
    let manager: Task<Void, Never>
    let kubelet: Task<Void, Never>

    init() async throws {
        server = try await ServerProcess(extraArguments: ["--storage", "memory"])
        let client = try RESTClient(config: ClientConfig(server: server.url))
        self.client = client
        var logger = Logger(label: "test.controller-manager")
        logger.logLevel = .warning
        var options = ControllerManagerOptions()
        options.workers = 2
        let cm = ControllerManager(client: client, options: options, logger: logger)
        manager = Task { try? await cm.run() }
        kubelet = Task { await FakeKubelet(client: client).run() }
    }

    deinit {
        manager.cancel()
        kubelet.cancel()
        server.stop()
        server.removeData()
    }

    /// Polls until `check` returns a value, or fails after `timeout`.
    func eventually<T>(_ what: String, timeout: Duration = .seconds(30), _ check: () async throws -> T?) async throws -> T {
        let deadline = ContinuousClock.now + timeout
        var lastError: (any Error)?
        while ContinuousClock.now < deadline {
            do {
                if let value = try await check() { return value }
            } catch { lastError = error }
            try await Task.sleep(for: .milliseconds(100))
        }
        throw TestFailure("timed out waiting for \(what)\(lastError.map { ": \($0)" } ?? "")")
    }

    func pods(_ namespace: String = "default", selector: String? = nil) async throws -> [Pod] {
        try await Self.pods(client, namespace, selector: selector)
    }

    static func pods(_ client: RESTClient, _ namespace: String = "default", selector: String? = nil) async throws -> [Pod] {
        try await client.resource(Pod.self, namespace: namespace).list(labelSelector: selector).items
    }

    static func template(app: String, image: String) -> PodTemplateSpec {
        PodTemplateSpec(metadata: ObjectMeta(labels: ["app": app]), spec: PodSpec(containers: [Container(name: "c", image: image)]))
    }

    @Test func replicaSetCreatesScalesAdoptsAndReports() async throws {
        let rsAPI = client.resource(ReplicaSet.self, namespace: "default")
        // An orphan that matches the selector is adopted rather than a fourth pod created.
        var orphan = PodControl.pod(from: Self.template(app: "cache", image: "busybox"), owner: ReplicaSet(metadata: ObjectMeta(name: "x", namespace: "default")), name: "stray")
        orphan.metadata.ownerReferences = nil
        _ = try await client.resource(Pod.self, namespace: "default").create(orphan)
        let rs = try await rsAPI.create(ReplicaSet(
            metadata: ObjectMeta(name: "cache", namespace: "default"),
            spec: ReplicaSetSpec(replicas: 3, selector: LabelSelector(matchLabels: ["app": "cache"]), template: Self.template(app: "cache", image: "busybox"))))
        let owned = try await eventually("3 pods owned by the ReplicaSet") { () -> [Pod]? in
            let p = try await pods(selector: "app=cache").filter { $0.metadata.controllerRef?.uid == rs.metadata.uid }
            return p.count == 3 ? p : nil
        }
        #expect(owned.contains { $0.metadata.name == "stray" })
        #expect(owned.filter { $0.metadata.name != "stray" }.allSatisfy { $0.metadata.name?.hasPrefix("cache-") == true })
        #expect(try await pods(selector: "app=cache").count == 3)
        let status = try await eventually("ready and available replicas") { () -> ReplicaSetStatus? in
            let s = try await rsAPI.get("cache").status
            return s.replicas == 3 && s.readyReplicas == 3 && s.availableReplicas == 3 ? s : nil
        }
        #expect(status.observedGeneration == 1)

        try await modify(rsAPI, "cache") { $0.spec.replicas = 1 }
        _ = try await eventually("scale down to 1") { try await pods(selector: "app=cache").count == 1 ? true : nil }
        _ = try await eventually("status replicas 1") { try await rsAPI.get("cache").status.replicas == 1 ? true : nil }

        // A pod whose labels stop matching is released, and replaced.
        let remaining = try await pods(selector: "app=cache")[0]
        try await modify(client.resource(Pod.self, namespace: "default"), remaining.metadata.name ?? "") { $0.metadata.labels = ["app": "debug"] }
        let released = try await eventually("released pod") { () -> Pod? in
            let p = try await client.resource(Pod.self, namespace: "default").get(remaining.metadata.name ?? "")
            return p.metadata.ownerReferences == nil ? p : nil
        }
        #expect(released.metadata.labels == ["app": "debug"])
        _ = try await eventually("a replacement") { try await pods(selector: "app=cache").count == 1 ? true : nil }
        let events = try await client.resource(Event.self, namespace: "default").list().items
        #expect(events.contains { $0.reason == "SuccessfulCreate" && $0.involvedObject.name == "cache" && $0.message?.hasPrefix("Created pod: cache-") == true })
        #expect(events.contains { $0.reason == "SuccessfulDelete" && $0.involvedObject.name == "cache" })
    }

    @Test func deploymentRollsOutWithinBudgetAndRollsBack() async throws {
        let api = client.resource(Deployment.self, namespace: "default")
        var spec = DeploymentSpec(replicas: 4, selector: LabelSelector(matchLabels: ["app": "web"]), template: Self.template(app: "web", image: "busybox:1"))
        spec.strategy = DeploymentStrategy(type: "RollingUpdate", rollingUpdate: RollingUpdateDeployment(maxUnavailable: .int(1), maxSurge: .int(1)))
        _ = try await api.create(Deployment(metadata: ObjectMeta(name: "web", namespace: "default"), spec: spec))
        let first = try await eventually("first rollout complete") { () -> Deployment? in
            let d = try await api.get("web")
            return d.status.availableReplicas == 4 && d.status.updatedReplicas == 4
                && d.status.conditions?.contains(where: { $0.type == "Progressing" && $0.reason == "NewReplicaSetAvailable" }) == true ? d : nil
        }
        #expect(first.metadata.annotations?["deployment.kubernetes.io/revision"] == "1")
        #expect(first.status.conditions?.contains { $0.type == "Available" && $0.status == "True" && $0.reason == "MinimumReplicasAvailable" } == true)
        let rsList = try await client.resource(ReplicaSet.self, namespace: "default").list().items.filter { $0.metadata.controllerRef?.uid == first.metadata.uid }
        #expect(rsList.count == 1)
        let hash = rsList[0].metadata.labels?["pod-template-hash"] ?? ""
        #expect(rsList[0].metadata.name == "web-\(hash)")
        #expect(try await pods(selector: "app=web").allSatisfy { $0.metadata.labels?["pod-template-hash"] == hash })

        // Roll to a new image, watching that availability never drops below replicas - maxUnavailable
        // and the total never exceeds replicas + maxSurge.
        let violations = Recorded<[String]>([])
        let monitor = watchPods(client, selector: "app=web") { all in
            let live = all.filter { $0.metadata.deletionTimestamp == nil }
            let ready = live.filter { $0.isReady }.count
            if ready < 3 { violations.update { $0.append("ready \(ready)") } }
            if live.count > 5 { violations.update { $0.append("total \(live.count)") } }
        }
        try await modify(api, "web") { $0.spec.template.spec.containers[0].image = "busybox:2" }
        let second = try await eventually("second rollout complete", timeout: .seconds(60)) { () -> Deployment? in
            let d = try await api.get("web")
            let pods = try await pods(selector: "app=web")
            return d.metadata.annotations?["deployment.kubernetes.io/revision"] == "2" && d.status.updatedReplicas == 4
                && d.status.availableReplicas == 4 && d.status.replicas == 4 && pods.count == 4
                && pods.allSatisfy({ $0.spec.containers[0].image == "busybox:2" }) ? d : nil
        }
        monitor.cancel()
        #expect(violations.value.isEmpty, "\(violations.value)")
        #expect(second.status.conditions?.contains { $0.type == "Progressing" && $0.reason == "NewReplicaSetAvailable" } == true)
        let sets = try await client.resource(ReplicaSet.self, namespace: "default").list().items.filter { $0.metadata.controllerRef?.uid == first.metadata.uid }
        #expect(sets.count == 2)
        #expect(sets.filter { $0.spec.replicas == 0 }.count == 1)

        // Rolling back to the first template reuses its ReplicaSet under a new revision.
        try await modify(api, "web") { $0.spec.template.spec.containers[0].image = "busybox:1" }
        let third = try await eventually("rollback complete", timeout: .seconds(60)) { () -> Deployment? in
            let d = try await api.get("web")
            let pods = try await pods(selector: "app=web")
            return d.status.updatedReplicas == 4 && d.status.availableReplicas == 4 && d.status.replicas == 4
                && pods.allSatisfy({ $0.spec.containers[0].image == "busybox:1" && $0.metadata.labels?["pod-template-hash"] == hash }) ? d : nil
        }
        #expect(third.metadata.annotations?["deployment.kubernetes.io/revision"] == "3")
        let events = try await client.resource(Event.self, namespace: "default").list().items
        #expect(events.contains { $0.reason == "ScalingReplicaSet" && $0.involvedObject.name == "web" })

        // Deleting the Deployment cascades (background) to its ReplicaSets and pods.
        try await api.delete("web")
        _ = try await eventually("cascade") { () -> Bool? in
            let rs = try await client.resource(ReplicaSet.self, namespace: "default").list().items.filter { $0.metadata.labels?["app"] == "web" }
            let p = try await pods(selector: "app=web")
            return rs.isEmpty && p.isEmpty ? true : nil
        }
    }

    @Test func recreateScalesDownBeforeUp() async throws {
        let api = client.resource(Deployment.self, namespace: "default")
        var spec = DeploymentSpec(replicas: 2, selector: LabelSelector(matchLabels: ["app": "batchy"]), template: Self.template(app: "batchy", image: "busybox:1"))
        spec.strategy = DeploymentStrategy(type: "Recreate")
        _ = try await api.create(Deployment(metadata: ObjectMeta(name: "batchy", namespace: "default"), spec: spec))
        _ = try await eventually("ready") { try await api.get("batchy").status.availableReplicas == 2 ? true : nil }
        let mixed = Recorded(false)
        let monitor = watchPods(client, selector: "app=batchy") { all in
            if Set(all.map { $0.spec.containers[0].image }).count > 1 { mixed.update { $0 = true } }
        }
        try await modify(api, "batchy") { $0.spec.template.spec.containers[0].image = "busybox:2" }
        _ = try await eventually("recreated") { () -> Bool? in
            let p = try await pods(selector: "app=batchy")
            return p.count == 2 && p.allSatisfy({ $0.spec.containers[0].image == "busybox:2" && $0.isReady }) ? true : nil
        }
        monitor.cancel()
        #expect(mixed.value == false, "old and new pods ran side by side under Recreate")
    }

    @Test func endpointsAndSlicesFollowReadyPods() async throws {
        let svcAPI = client.resource(Service.self, namespace: "default")
        _ = try await svcAPI.create(Service(metadata: ObjectMeta(name: "shop", namespace: "default", labels: ["tier": "front"]),
                                            spec: ServiceSpec(ports: [ServicePort(name: "http", port: 80, targetPort: .string("web"))], selector: ["app": "shop"])))
        var template = Self.template(app: "shop", image: "busybox")
        template.spec.containers[0].ports = [ContainerPort(name: "web", containerPort: 8080)]
        _ = try await client.resource(ReplicaSet.self, namespace: "default").create(ReplicaSet(
            metadata: ObjectMeta(name: "shop", namespace: "default"),
            spec: ReplicaSetSpec(replicas: 2, selector: LabelSelector(matchLabels: ["app": "shop"]), template: template)))
        let endpoints = try await eventually("two ready addresses") { () -> Endpoints? in
            let e = try await client.resource(Endpoints.self, namespace: "default").get("shop")
            return e.subsets?.first?.addresses?.count == 2 ? e : nil
        }
        #expect(endpoints.subsets?.first?.ports == [EndpointPort(name: "http", port: 8080, protocol: "TCP")])
        #expect(endpoints.metadata.labels == ["tier": "front"])
        #expect(endpoints.subsets?.first?.addresses?.allSatisfy { $0.targetRef?.kind == "Pod" } == true)
        let slice = try await eventually("an EndpointSlice") { () -> EndpointSlice? in
            let s = try await client.resource(EndpointSlice.self, namespace: "default").list(labelSelector: "kubernetes.io/service-name=shop").items
            return s.first.flatMap { $0.endpoints.count == 2 ? $0 : nil }
        }
        #expect(slice.metadata.labels?["endpointslice.kubernetes.io/managed-by"] == "endpointslice-controller.k8s.io")
        #expect(slice.ports == [EndpointSlicePort(name: "http", protocol: "TCP", port: 8080)])
        #expect(slice.metadata.ownerReferences?.first?.kind == "Service")

        // One pod turns unready: it moves to notReadyAddresses and its slice endpoint is not ready.
        let shopPod = try await pods(selector: "app=shop")[0]
        try await modify(client.resource(Pod.self, namespace: "default"), shopPod.metadata.name ?? "", status: true) { FakeKubelet.setReady(&$0, false) }
        _ = try await eventually("one not ready") { () -> Bool? in
            let e = try await client.resource(Endpoints.self, namespace: "default").get("shop")
            return e.subsets?.first?.addresses?.count == 1 && e.subsets?.first?.notReadyAddresses?.count == 1 ? true : nil
        }
        _ = try await eventually("slice condition") { () -> Bool? in
            let s = try await client.resource(EndpointSlice.self, namespace: "default").list(labelSelector: "kubernetes.io/service-name=shop").items
            return s.first?.endpoints.filter({ $0.conditions.ready == false }).count == 1 ? true : nil
        }
        try await svcAPI.delete("shop")
        _ = try await eventually("endpoints removed with the service") { () -> Bool? in
            do { _ = try await client.resource(Endpoints.self, namespace: "default").get("shop"); return nil } catch let e as APIError where e.isNotFound { return true }
        }
    }

    @Test func defaultServiceAccountAndOrphanPropagation() async throws {
        _ = try await client.resource(Namespace.self).create(Namespace(metadata: ObjectMeta(name: "team-a")))
        let sa = try await eventually("default ServiceAccount") { try await client.resource(ServiceAccount.self, namespace: "team-a").get("default") }
        #expect(sa.metadata.name == "default")

        let rsAPI = client.resource(ReplicaSet.self, namespace: "team-a")
        _ = try await rsAPI.create(ReplicaSet(
            metadata: ObjectMeta(name: "keep", namespace: "team-a"),
            spec: ReplicaSetSpec(replicas: 2, selector: LabelSelector(matchLabels: ["app": "keep"]), template: Self.template(app: "keep", image: "busybox"))))
        _ = try await eventually("pods") { try await pods("team-a", selector: "app=keep").count == 2 ? true : nil }
        try await rsAPI.delete("keep", options: DeleteOptions(propagationPolicy: "Orphan"))
        _ = try await eventually("the ReplicaSet gone, its pods orphaned") { () -> Bool? in
            let rs = try await rsAPI.list().items
            let p = try await pods("team-a", selector: "app=keep")
            return rs.isEmpty && p.count == 2 && p.allSatisfy({ $0.metadata.ownerReferences == nil }) ? true : nil
        }
    }
}

/// Read-modify-write that retries on a conflict: controllers write the same objects concurrently.
func modify<O: KubeObject>(_ api: ResourceClient<O>, _ name: String, status: Bool = false, _ change: (inout O) -> Void) async throws {
    for attempt in 1...10 {
        var object = try await api.get(name)
        change(&object)
        do {
            _ = try await (status ? api.updateStatus(object) : api.update(object))
            return
        } catch let error as APIError where error.isConflict && attempt < 10 {
            continue
        }
    }
}

/// Looks at the pods matching `selector` every 50 ms until cancelled.
func watchPods(_ client: RESTClient, selector: String, _ look: @escaping @Sendable ([Pod]) -> Void) -> Task<Void, Never> {
    Task {
        while !Task.isCancelled {
            if let all = try? await client.resource(Pod.self, namespace: "default").list(labelSelector: selector).items { look(all) }
            try? await Task.sleep(for: .milliseconds(50))
        }
    }
}

/// A value a monitoring task writes and the test reads afterwards.
final class Recorded<Value: Sendable>: Sendable {
    private let state: Mutex<Value>
    init(_ value: Value) { state = Mutex(value) }
    func update(_ change: (inout Value) -> Void) { state.withLock { change(&$0) } }
    var value: Value { state.withLock { $0 } }
}
