import Foundation
import KubeAPI
import Synchronization
import Testing

@testable import KubeClient

/// A one-shot gate a test opens; waiters before and after opening both pass once it is open.
final class Gate: Sendable {
    let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))
    func wait() async {
        await withCheckedContinuation { c in
            let pass = state.withLock { s -> Bool in
                if s.open { return true }
                s.waiters.append(c)
                return false
            }
            if pass { c.resume() }
        }
    }
    func open() {
        let waiters = state.withLock { s -> [CheckedContinuation<Void, Never>] in
            s.open = true
            defer { s.waiters = [] }
            return s.waiters
        }
        for w in waiters { w.resume() }
    }
}

/// Keys and resourceVersions of what the server has, to compare with an informer's cache.
func serverState(_ pods: ResourceClient<Pod>) async throws -> [String: String] {
    Dictionary(uniqueKeysWithValues: try await pods.list().items.map { (objectKey($0), $0.metadata.resourceVersion ?? "") })
}

func cacheState(_ informer: Informer<Pod>) -> [String: String] {
    Dictionary(uniqueKeysWithValues: informer.store.list().map { (objectKey($0), $0.metadata.resourceVersion ?? "") })
}

@Suite("Informers against a real apiserver", .timeLimit(.minutes(2)))
struct InformerTests {
    @Test func deliversAddsUpdatesDeletesInOrderAndCacheMatchesServer() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let pods = server.client.resource(Pod.self, namespace: "default")
        _ = try await pods.create(makePod("a"))
        _ = try await pods.create(makePod("b"))

        let informer = Informer(client: server.client.resource(Pod.self))
        let log = EventLog<Pod>()
        informer.addHandler(log.handler)
        #expect(!informer.hasSynced)
        let running = Task { await informer.run() }
        defer { running.cancel() }
        await informer.waitForCacheSync()
        #expect(informer.hasSynced)
        #expect(Set(log.events) == [.add("default/a"), .add("default/b")])
        #expect(log.events.count == 2)

        _ = try await pods.create(makePod("c"))
        let aUpdated = try await pods.patch("a", type: .merge, body: ["metadata": ["labels": ["v": "2"]]])
        try await pods.delete("b", options: DeleteOptions(gracePeriodSeconds: 0))

        let complete = await eventually { log.events.count >= 5 }
        #expect(complete)
        #expect(Array(log.events.dropFirst(2)) == [.add("default/c"), .update("default/a"), .delete("default/b")])
        let update = log.all[3]
        #expect(update.1?.metadata.labels == nil)
        #expect(update.2.metadata.labels == ["v": "2"])
        #expect(update.2.metadata.resourceVersion == aUpdated.metadata.resourceVersion)
        let matches = try await eventually { try await serverState(pods) == cacheState(informer) }
        #expect(matches)
        #expect(informer.store.get(key: "default/b") == nil)
        #expect(informer.store.get(namespace: "default", name: "c")?.metadata.name == "c")
    }

    @Test func watchResumesFromLastResourceVersionWithoutMissingEvents() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let pods = server.client.resource(Pod.self, namespace: "default")
        // The server ends every watch after 1 s; the informer must pick up where it left off.
        let informer = Informer(client: pods, watchTimeoutSeconds: 1...1)
        let log = EventLog<Pod>()
        informer.addHandler(log.handler)
        let running = Task { await informer.run() }
        defer { running.cancel() }
        await informer.waitForCacheSync()

        // Writes keep coming while watches end and restart.
        let stop = Locked(false)
        let writer = Task { () -> Int in
            var generation = 0
            while !stop.withLock({ $0 }) {
                let name = "p\(generation % 4)"
                if generation < 4 {
                    _ = try await pods.create(makePod(name, labels: ["gen": "\(generation)"]))
                } else {
                    _ = try await pods.patch(name, type: .merge, body: ["metadata": ["labels": ["gen": .string("\(generation)")]]])
                }
                generation += 1
                try? await Task.sleep(for: .milliseconds(30))
            }
            return generation
        }
        let restarted = await eventually(timeout: .seconds(30)) { informer.watchCount >= 4 }
        stop.withLock { $0 = true }
        let written = try await writer.value
        #expect(restarted, "watches made: \(informer.watchCount)")
        #expect(informer.listCount == 1, "a resumed watch must not relist")

        let caughtUp = try await eventually { try await serverState(pods) == cacheState(informer) }
        #expect(caughtUp)
        // Every write seen exactly once, in order: generation numbers are consecutive.
        let generations = log.objects.compactMap { $0.metadata.labels?["gen"].flatMap { Int($0) } }
        #expect(generations == Array(0..<written), "seen \(generations.count) of \(written) writes")
        #expect(log.events.prefix(4).allSatisfy { if case .add = $0 { true } else { false } })
    }

    @Test func relistAfterGoneDeliversDeletesForObjectsGoneMeanwhile() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let pods = server.client.resource(Pod.self, namespace: "default")
        _ = try await pods.create(makePod("stays"))
        _ = try await pods.create(makePod("goes"))

        let informer = Informer(client: pods, watchTimeoutSeconds: 1...1)
        let log = EventLog<Pod>()
        informer.addHandler(log.handler)
        // Hold the reflector between two watches, once it has watched at least once.
        let paused = Gate(), resume = Gate()
        let armed = Locked(false)
        informer.beforeWatch.withLock {
            $0 = {
                guard armed.withLock({ $0 }) else { return }
                armed.withLock { $0 = false }
                paused.open()
                await resume.wait()
            }
        }
        let running = Task { await informer.run() }
        defer { running.cancel() }
        await informer.waitForCacheSync()
        armed.withLock { $0 = true }
        await paused.wait()
        let staleRV = informer.lastSyncResourceVersion

        // Meanwhile: one pod deleted, one created, one changed, and history compacted past the informer's RV.
        try await pods.delete("goes", options: DeleteOptions(gracePeriodSeconds: 0))
        _ = try await pods.create(makePod("new"))
        _ = try await pods.patch("stays", type: .merge, body: ["metadata": ["labels": ["changed": "yes"]]])
        _ = try await server.store.compact(revision: try await server.store.currentRevision())
        #expect(Int(staleRV)! < Int(try await pods.list().resourceVersion)!)
        resume.open()

        let relisted = await eventually { log.events.count >= 5 }
        #expect(relisted, "events: \(log.events)")
        #expect(informer.listCount == 2)
        #expect(Set(log.events.dropFirst(2)) == [.add("default/new"), .update("default/stays"), .delete("default/goes")])
        let deleted = log.all.first { $0.0 == .delete("default/goes") }
        #expect(deleted?.2.metadata.name == "goes")
        let matches = try await eventually { try await serverState(pods) == cacheState(informer) }
        #expect(matches)
        #expect(informer.store.get(key: "default/goes") == nil)
    }

    @Test func paginatedListFillsTheCache() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let pods = server.client.resource(Pod.self, namespace: "default")
        for i in 0..<7 { _ = try await pods.create(makePod("page-\(i)")) }
        let informer = Informer(client: pods, pageSize: 2)
        let running = Task { await informer.run() }
        defer { running.cancel() }
        await informer.waitForCacheSync()
        #expect(informer.store.count == 7)
        #expect(try await serverState(pods) == cacheState(informer))
        // The watch starts where the list was served, so a write right after sync is seen once.
        _ = try await pods.create(makePod("page-7"))
        #expect(await eventually { informer.store.count == 8 })
    }

    @Test func indexesByNamespaceAndCustomFunction() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        _ = try await server.client.resource(Namespace.self).create(Namespace(metadata: ObjectMeta(name: "other")))
        let all = server.client.resource(Pod.self)
        var p1 = makePod("p1", namespace: "default", labels: ["app": "web"])
        p1.spec.nodeName = "n1"
        var p2 = makePod("p2", namespace: "other", labels: ["app": "web"])
        p2.spec.nodeName = "n1"
        let p3 = makePod("p3", namespace: "other", labels: ["app": "db"])
        for pod in [p1, p2, p3] { _ = try await all.create(pod) }

        let informer = Informer(client: all)
        informer.store.addIndex("node") { pod in pod.spec.nodeName.map { [$0] } ?? [] }
        informer.store.addIndex("app") { pod in pod.metadata.labels?["app"].map { [$0] } ?? [] }
        let running = Task { await informer.run() }
        defer { running.cancel() }
        await informer.waitForCacheSync()

        #expect(Set(informer.store.list(namespace: "other").map { $0.metadata.name! }) == ["p2", "p3"])
        #expect(informer.store.list(namespace: "default").map { $0.metadata.name! } == ["p1"])
        #expect(Set(informer.store.byIndex("node", "n1").map(objectKey)) == ["default/p1", "other/p2"])
        #expect(Set(informer.store.byIndex("app", "web").map(objectKey)) == ["default/p1", "other/p2"])

        // An index value that changes moves the object between index entries.
        let others = server.client.resource(Pod.self, namespace: "other")
        _ = try await others.patch("p2", type: .merge, body: ["metadata": ["labels": ["app": "db"]]])
        let moved = await eventually { Set(informer.store.byIndex("app", "db").map(objectKey)) == ["other/p2", "other/p3"] }
        #expect(moved)
        #expect(informer.store.byIndex("app", "web").map(objectKey) == ["default/p1"])
        try await others.delete("p3", options: DeleteOptions(gracePeriodSeconds: 0))
        let removed = await eventually { informer.store.byIndex("app", "db").map(objectKey) == ["other/p2"] }
        #expect(removed)
        #expect(informer.store.byIndex("nope", "x").isEmpty)
    }

    @Test func lateHandlerGetsSyntheticAddsThenLiveEvents() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let pods = server.client.resource(Pod.self, namespace: "default")
        _ = try await pods.create(makePod("x"))
        _ = try await pods.create(makePod("y"))
        let informer = Informer(client: pods)
        let running = Task { await informer.run() }
        defer { running.cancel() }
        await informer.waitForCacheSync()

        let late = EventLog<Pod>()
        informer.addHandler(late.handler)
        #expect(Set(late.events) == [.add("default/x"), .add("default/y")])
        #expect(late.events.count == 2)
        try await pods.delete("x", options: DeleteOptions(gracePeriodSeconds: 0))
        let seen = await eventually { late.events.count == 3 }
        #expect(seen)
        #expect(late.events.last == .delete("default/x"))
    }

    @Test func resyncRedeliversEveryObjectAsAnUpdate() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let pods = server.client.resource(Pod.self, namespace: "default")
        _ = try await pods.create(makePod("r1"))
        _ = try await pods.create(makePod("r2"))
        let informer = Informer(client: pods, resyncPeriod: .milliseconds(200))
        let log = EventLog<Pod>()
        informer.addHandler(log.handler)
        let running = Task { await informer.run() }
        defer { running.cancel() }
        await informer.waitForCacheSync()
        let resynced = await eventually {
            let updates = log.all.filter { if case .update = $0.0 { true } else { false } }
            return Set(updates.map(\.0)) == [.update("default/r1"), .update("default/r2")]
        }
        #expect(resynced)
        // A resync update is the cached object delivered as both old and new.
        for (entry, old, new) in log.all where entry != .add("default/r1") && entry != .add("default/r2") {
            #expect(old == new)
        }
    }

    @Test func bookmarksAdvanceTheResourceVersion() async throws {
        // Progress notifications every 100 ms become BOOKMARK events on the informer's watch.
        let server = try await TestServer.start(progressInterval: .milliseconds(100))
        defer { Task { await server.stop() } }
        let informer = Informer(client: server.client.resource(Pod.self, namespace: "default"))
        let log = EventLog<Pod>()
        informer.addHandler(log.handler)
        let running = Task { await informer.run() }
        defer { running.cancel() }
        await informer.waitForCacheSync()
        // A write to another kind moves the store's revision, which only a bookmark can tell the pod informer.
        let configMap = try await server.client.resource(ConfigMap.self, namespace: "default")
            .create(ConfigMap(metadata: ObjectMeta(name: "cm")))
        let target = Int(configMap.metadata.resourceVersion!)!
        let advanced = await eventually { (Int(informer.lastSyncResourceVersion) ?? 0) >= target }
        #expect(advanced, "informer at \(informer.lastSyncResourceVersion), configmap at \(target)")
        #expect(log.events.isEmpty)
        #expect(informer.listCount == 1)
    }

    @Test func sharedFactoryHandsOutOneInformerPerKindAndRunsLateOnes() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        _ = try await server.client.resource(Pod.self, namespace: "default").create(makePod("f"))
        let factory = SharedInformerFactory(client: server.client, namespace: "default")
        let podInformer = factory.informer(Pod.self)
        #expect(podInformer === factory.informer(Pod.self))
        let running = Task { await factory.run() }
        defer { running.cancel() }
        await factory.waitForCacheSync()
        #expect(podInformer.store.get(key: "default/f") != nil)

        // Created after run() started, still run by it.
        let services = factory.informer(Service.self)
        await factory.waitForCacheSync()
        #expect(services.hasSynced)
        #expect(services.store.get(key: "default/kubernetes") != nil)

        running.cancel()
        await running.value
    }
}
