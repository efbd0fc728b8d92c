import Foundation
import KubeAPI
import KubeClient
import Testing

@Suite("Typed resource client against a real apiserver", .timeLimit(.minutes(2)))
struct TypedClientTests {
    @Test func createGetUpdateListDelete() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let pods = server.client.resource(Pod.self, namespace: "default")

        let created = try await pods.create(makePod("a", labels: ["app": "web"]))
        #expect(created.metadata.uid?.isEmpty == false)
        #expect(created.metadata.namespace == "default")
        _ = try await pods.create(makePod("b", labels: ["app": "db"]))

        #expect(try await pods.get("a").metadata.uid == created.metadata.uid)
        let web = try await pods.list(labelSelector: "app=web")
        #expect(web.items.map { $0.metadata.name } == ["a"])
        #expect(!web.resourceVersion.isEmpty)

        // Pagination hands back a continue token and the rest on the next page.
        let page1 = try await pods.list(limit: 1)
        #expect(page1.items.count == 1)
        let token = try #require(page1.continueToken)
        let page2 = try await pods.list(limit: 1, continue: token)
        #expect(page2.items.count == 1)
        #expect(Set((page1.items + page2.items).map { $0.metadata.name }) == ["a", "b"])

        let patched = try await pods.patch("b", type: .merge, body: ["metadata": ["annotations": ["k": "v"]]])
        #expect(patched.metadata.annotations?["k"] == "v")

        try await pods.delete("a", options: DeleteOptions(gracePeriodSeconds: 0))
        do {
            _ = try await pods.get("a")
            Issue.record("pod a still there after delete")
        } catch let error as APIError {
            #expect(error.isNotFound)
        }
        await #expect(throws: APIError.self) { _ = try await pods.create(makePod("b")) }
        do { _ = try await pods.create(makePod("b")) } catch let error as APIError { #expect(error.isAlreadyExists) }
    }

    @Test func updateWithResourceVersionAndConflict() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let configMaps = server.client.resource(ConfigMap.self, namespace: "default")
        let created = try await configMaps.create(ConfigMap(metadata: ObjectMeta(name: "cfg"), data: ["k": "1"]))
        var fetched = try await configMaps.get("cfg")
        fetched.data?["k"] = "2"
        fetched.metadata.labels = ["tier": "front"]
        let updated = try await configMaps.update(fetched)
        #expect(updated.data?["k"] == "2")
        #expect(updated.metadata.labels?["tier"] == "front")
        #expect(updated.metadata.resourceVersion != created.metadata.resourceVersion)

        // Writing back the object as first read (a stale resourceVersion) is a Conflict.
        var stale = created
        stale.data?["k"] = "3"
        do {
            _ = try await configMaps.update(stale)
            Issue.record("update with a stale resourceVersion succeeded")
        } catch let error as APIError {
            #expect(error.isConflict)
            #expect(error.status.code == 409)
            #expect(error.status.reason == "Conflict")
        }
        #expect(try await configMaps.get("cfg").data?["k"] == "2")
    }

    /// A typed client's PUT encodes keys in another order than the stored object: a label-only
    /// update must still not count as a spec change.
    @Test func podUpdateOfLabelsOnly() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let pods = server.client.resource(Pod.self, namespace: "default")
        _ = try await pods.create(makePod("a"))
        var pod = try await pods.get("a")
        pod.metadata.labels = ["tier": "front"]
        let updated = try await pods.update(pod)
        #expect(updated.metadata.labels?["tier"] == "front")
    }

    @Test func updateStatusWritesOnlyStatus() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let pods = server.client.resource(Pod.self, namespace: "default")
        var pod = try await pods.create(makePod("s"))
        pod.status.phase = "Running"
        pod.metadata.labels = ["ignored": "by-status"]
        let written = try await pods.updateStatus(pod)
        #expect(written.status.phase == "Running")
        #expect(written.metadata.labels?["ignored"] == nil)
        #expect(try await pods.get("s").status.phase == "Running")
    }

    @Test func bindAssignsTheNode() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let pods = server.client.resource(Pod.self, namespace: "default")
        _ = try await pods.create(makePod("unbound"))
        try await pods.bind(Binding(
            metadata: ObjectMeta(name: "unbound", namespace: "default"),
            target: ObjectReference(kind: "Node", name: "node-1")))
        #expect(try await pods.get("unbound").spec.nodeName == "node-1")
        // A second binding of a bound pod is refused.
        await #expect(throws: APIError.self) {
            try await pods.bind(Binding(metadata: ObjectMeta(name: "unbound"), target: ObjectReference(kind: "Node", name: "node-2")))
        }
    }

    @Test func evictDeletesThePod() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let pods = server.client.resource(Pod.self, namespace: "default")
        _ = try await pods.create(makePod("victim"))
        try await pods.evict("victim", Eviction(deleteOptions: DeleteOptions(gracePeriodSeconds: 0)))
        do {
            let left = try await pods.get("victim")
            #expect(left.metadata.deletionTimestamp != nil, "an evicted pod is gone or terminating")
        } catch let error as APIError {
            #expect(error.isNotFound)
        }
    }

    @Test func scaleSubresourceOfADeployment() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let deployments = server.client.resource(Deployment.self, namespace: "default")
        var deployment = Deployment(metadata: ObjectMeta(name: "web"))
        deployment.spec.replicas = 2
        deployment.spec.selector = LabelSelector(matchLabels: ["app": "web"])
        deployment.spec.template.metadata = ObjectMeta(labels: ["app": "web"])
        deployment.spec.template.spec.containers = [Container(name: "c", image: "nginx")]
        _ = try await deployments.create(deployment)

        var scale = try await deployments.getScale("web")
        #expect(scale.spec.replicas == 2)
        scale.spec.replicas = 5
        let written = try await deployments.updateScale("web", scale)
        #expect(written.spec.replicas == 5)
        #expect(try await deployments.get("web").spec.replicas == 5)
    }

    @Test func clusterScopedClientIgnoresNamespace() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let namespaces = server.client.resource(Namespace.self, namespace: "default")
        _ = try await namespaces.create(Namespace(metadata: ObjectMeta(name: "team-a")))
        #expect(try await namespaces.get("team-a").metadata.name == "team-a")
        #expect(try await namespaces.list().items.contains { $0.metadata.name == "kube-system" })
    }

    @Test func typedWatchDeliversEventsAndGoneAsError() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let pods = server.client.resource(Pod.self, namespace: "default")
        let start = try await pods.list()
        let stream = pods.watch(resourceVersion: start.resourceVersion, timeoutSeconds: 30)
        let collected = Task { () -> [String] in
            var seen: [String] = []
            for try await event in stream {
                switch event {
                case .added(let p): seen.append("ADDED \(p.metadata.name ?? "")")
                case .modified(let p): seen.append("MODIFIED \(p.metadata.name ?? "")")
                case .deleted(let p): seen.append("DELETED \(p.metadata.name ?? "")")
                case .bookmark: continue
                }
                if seen.count == 3 { break }
            }
            return seen
        }
        _ = try await pods.create(makePod("w"))
        _ = try await pods.patch("w", type: .merge, body: ["metadata": ["labels": ["x": "1"]]])
        try await pods.delete("w", options: DeleteOptions(gracePeriodSeconds: 0))
        #expect(try await collected.value == ["ADDED w", "MODIFIED w", "DELETED w"])

        // Watching from a compacted resourceVersion ends the stream with a 410.
        let revision = try await server.store.currentRevision()
        _ = try await server.store.compact(revision: revision)
        do {
            for try await _ in pods.watch(resourceVersion: start.resourceVersion, timeoutSeconds: 10) {}
            Issue.record("watch from a compacted revision did not fail")
        } catch let error as APIError {
            #expect(error.isGone)
            #expect(error.code == 410)
        }
    }
}
