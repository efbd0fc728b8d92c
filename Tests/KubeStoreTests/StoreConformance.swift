import Foundation
import KubeStore
import Testing

/// One set of checks against `any Store`, run for every backend in `StoreBackend.all`. Each test works
/// under its own random prefix and only relies on revisions it observed, so a shared backend (etcd)
/// can run it too.
@Suite("Store conformance")
struct StoreConformance {
    let root = "/conformance/\(UUID().uuidString.lowercased())/"

    // MARK: Single keys

    @Test(arguments: StoreBackend.all)
    func createGetUpdateDelete(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let key = root + "pods/default/web"
            let created = try await store.create(key, value: "v1".bytes, ttl: nil)
            #expect(try await store.currentRevision() >= created)
            #expect(try await store.get(key) == KeyValue(key: key, value: "v1".bytes, createRevision: created, modRevision: created))

            let updated = try await store.update(key, value: "v2".bytes, expectedRevision: created, ttl: nil)
            #expect(updated > created)
            #expect(try await store.get(key) == KeyValue(key: key, value: "v2".bytes, createRevision: created, modRevision: updated))

            let unconditional = try await store.update(key, value: "v3".bytes, expectedRevision: nil, ttl: nil)
            #expect(unconditional > updated)

            let (deleted, deletedAt) = try await store.delete(key, expectedRevision: unconditional)
            #expect(deleted == KeyValue(key: key, value: "v3".bytes, createRevision: created, modRevision: unconditional))
            #expect(deletedAt > unconditional)
            #expect(try await store.get(key) == nil)
            #expect(try await store.currentRevision() >= deletedAt)

            // A key created again after deletion starts a new life.
            let recreated = try await store.create(key, value: "again".bytes, ttl: nil)
            #expect(recreated > deletedAt)
            #expect(try await store.get(key)?.createRevision == recreated)
        }
    }

    @Test(arguments: StoreBackend.all)
    func createExistingKeyThrowsKeyExists(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let key = root + "a"
            let revision = try await store.create(key, value: "1".bytes, ttl: nil)
            await #expect(throws: StoreError.keyExists(key: key)) {
                try await store.create(key, value: "2".bytes, ttl: nil)
            }
            #expect(try await store.get(key)?.modRevision == revision)
            #expect(try await store.get(key)?.value == "1".bytes)
        }
    }

    @Test(arguments: StoreBackend.all)
    func missingKeyThrowsKeyNotFound(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let key = root + "missing"
            #expect(try await store.get(key) == nil)
            await #expect(throws: StoreError.keyNotFound(key: key)) {
                try await store.update(key, value: [], expectedRevision: nil, ttl: nil)
            }
            await #expect(throws: StoreError.keyNotFound(key: key)) {
                try await store.delete(key, expectedRevision: nil)
            }
            // Deleted keys are missing too.
            _ = try await store.create(key, value: [], ttl: nil)
            _ = try await store.delete(key, expectedRevision: nil)
            await #expect(throws: StoreError.keyNotFound(key: key)) {
                try await store.update(key, value: [], expectedRevision: nil, ttl: nil)
            }
        }
    }

    @Test(arguments: StoreBackend.all)
    func conflictCarriesCurrentValue(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let key = root + "cm"
            let first = try await store.create(key, value: "one".bytes, ttl: nil)
            let second = try await store.update(key, value: "two".bytes, expectedRevision: first, ttl: nil)
            let current = KeyValue(key: key, value: "two".bytes, createRevision: first, modRevision: second)
            await #expect(throws: StoreError.conflict(key: key, current: current)) {
                try await store.update(key, value: "stale".bytes, expectedRevision: first, ttl: nil)
            }
            #expect(try await store.get(key) == current)
        }
    }

    @Test(arguments: StoreBackend.all)
    func deleteIfRevision(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let key = root + "secret"
            let first = try await store.create(key, value: "s".bytes, ttl: nil)
            let second = try await store.update(key, value: "t".bytes, expectedRevision: nil, ttl: nil)
            let current = KeyValue(key: key, value: "t".bytes, createRevision: first, modRevision: second)
            await #expect(throws: StoreError.conflict(key: key, current: current)) {
                try await store.delete(key, expectedRevision: first)
            }
            #expect(try await store.get(key) == current)
            let (deleted, _) = try await store.delete(key, expectedRevision: second)
            #expect(deleted == current)
        }
    }

    @Test(arguments: StoreBackend.all)
    func emptyAndBinaryValuesRoundTrip(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let binary: [UInt8] = [0, 255, 1, 0, 128]
            _ = try await store.create(root + "empty", value: [], ttl: nil)
            _ = try await store.create(root + "binary", value: binary, ttl: nil)
            #expect(try await store.get(root + "empty")?.value == [])
            #expect(try await store.get(root + "binary")?.value == binary)
        }
    }

    // MARK: Lists

    @Test(arguments: StoreBackend.all)
    func listPrefixWithPaging(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let names = ["b", "a", "e", "c", "d"]
            for name in names { _ = try await store.create(root + "pods/" + name, value: name.bytes, ttl: nil) }
            // Neighbours that share a string prefix but are not under "pods/".
            _ = try await store.create(root + "pods", value: [], ttl: nil)
            _ = try await store.create(root + "podsx/a", value: [], ttl: nil)
            _ = try await store.create(root + "services/a", value: [], ttl: nil)

            let all = try await store.list(prefix: root + "pods/", startAfter: nil, limit: 0, revision: 0)
            #expect(all.items.map(\.key) == ["a", "b", "c", "d", "e"].map { root + "pods/" + $0 })
            #expect(all.items.map(\.value) == ["a", "b", "c", "d", "e"].map(\.bytes))
            #expect(!all.more)
            #expect(all.revision == (try await store.currentRevision()))

            var pages: [[String]] = []
            var startAfter: String?
            var remainders: [Int?] = []
            while true {
                let page = try await store.list(prefix: root + "pods/", startAfter: startAfter, limit: 2, revision: all.revision)
                #expect(page.revision == all.revision)
                pages.append(page.items.map { String($0.key.dropFirst(root.count + 5)) })
                remainders.append(page.more ? page.remaining : 0)
                guard page.more else { break }
                startAfter = page.items.last!.key
            }
            #expect(pages == [["a", "b"], ["c", "d"], ["e"]])
            #expect(remainders == [3, 1, 0])

            let exact = try await store.list(prefix: root + "pods/", startAfter: nil, limit: 5, revision: 0)
            #expect(exact.items.count == 5)
            #expect(!exact.more)
        }
    }

    @Test(arguments: StoreBackend.all)
    func countUnderPrefix(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            for index in 0..<7 { _ = try await store.create(root + "nodes/n\(index)", value: [], ttl: nil) }
            _ = try await store.create(root + "other", value: [], ttl: nil)
            _ = try await store.delete(root + "nodes/n3", expectedRevision: nil)
            #expect(try await store.count(prefix: root + "nodes/") == 6)
            #expect(try await store.count(prefix: root) == 7)
            #expect(try await store.count(prefix: root + "none/") == 0)
        }
    }

    @Test(arguments: StoreBackend.all)
    func listAtOlderRevision(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let a = root + "a"
            let b = root + "b"
            let r0 = try await store.create(String(root.dropLast()) + "-before", value: [], ttl: nil)
            let r1 = try await store.create(a, value: "a1".bytes, ttl: nil)
            let r2 = try await store.update(a, value: "a2".bytes, expectedRevision: r1, ttl: nil)
            let r3 = try await store.create(b, value: "b1".bytes, ttl: nil)
            let (_, r4) = try await store.delete(a, expectedRevision: r2)

            func snapshot(_ revision: Int64) async throws -> [String: String] {
                let list = try await store.list(prefix: root, startAfter: nil, limit: 0, revision: revision)
                #expect(list.revision == revision)
                return Dictionary(uniqueKeysWithValues: list.items.map { ($0.key, String(decoding: $0.value, as: UTF8.self)) })
            }
            #expect(try await snapshot(r1) == [a: "a1"])
            #expect(try await snapshot(r2) == [a: "a2"])
            #expect(try await snapshot(r3) == [a: "a2", b: "b1"])
            #expect(try await snapshot(r4) == [b: "b1"])
            #expect(try await store.list(prefix: root, startAfter: nil, limit: 0, revision: r2).items.first?.modRevision == r2)
            #expect(try await store.list(prefix: root, startAfter: nil, limit: 0, revision: r0).items.isEmpty)
        }
    }

    @Test(arguments: StoreBackend.all)
    func listAtFutureRevisionThrows(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            _ = try await store.create(root + "x", value: [], ttl: nil)
            let current = try await store.currentRevision()
            await #expect(throws: StoreError.futureRevision(requested: current + 1000, current: current)) {
                try await store.list(prefix: root, startAfter: nil, limit: 0, revision: current + 1000)
            }
        }
    }

    @Test(arguments: StoreBackend.all)
    func listAtCompactedRevisionThrows(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let a = root + "a"
            let b = root + "b"
            let gone = root + "gone"
            let r1 = try await store.create(a, value: "a1".bytes, ttl: nil)
            _ = try await store.create(gone, value: "g".bytes, ttl: nil)
            let r3 = try await store.update(a, value: "a2".bytes, expectedRevision: r1, ttl: nil)
            _ = try await store.delete(gone, expectedRevision: nil)
            let r5 = try await store.create(b, value: "b1".bytes, ttl: nil)
            let r6 = try await store.update(b, value: "b2".bytes, expectedRevision: r5, ttl: nil)

            let compacted = try await store.compact(revision: r5)
            #expect(compacted == r5)
            do {
                _ = try await store.list(prefix: root, startAfter: nil, limit: 0, revision: r3)
                Issue.record("list at compacted revision \(r3) succeeded")
            } catch let error {
                guard case .compacted(let requested, let at)? = error as? StoreError else {
                    Issue.record("expected .compacted, got \(error)")
                    return
                }
                #expect(requested == r3)
                #expect(at >= r5)
            }
            // The state at and after the compact revision survives, including each key's create revision.
            let atCompaction = try await store.list(prefix: root, startAfter: nil, limit: 0, revision: r5)
            #expect(
                atCompaction.items == [
                    KeyValue(key: a, value: "a2".bytes, createRevision: r1, modRevision: r3),
                    KeyValue(key: b, value: "b1".bytes, createRevision: r5, modRevision: r5),
                ])
            #expect(try await store.get(b) == KeyValue(key: b, value: "b2".bytes, createRevision: r5, modRevision: r6))
            #expect(try await store.get(gone) == nil)
            #expect(try await store.count(prefix: root) == 2)
            // Writes continue with revisions above everything before.
            #expect(try await store.create(gone, value: [], ttl: nil) > r6)
        }
    }

    // MARK: Watches

    @Test(arguments: StoreBackend.all)
    func watchReplaysHistoryThenLiveEvents(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let a = root + "a"
            let b = root + "b"
            let r1 = try await store.create(a, value: "a1".bytes, ttl: nil)
            let r2 = try await store.update(a, value: "a2".bytes, expectedRevision: r1, ttl: nil)
            let r3 = try await store.create(b, value: "b1".bytes, ttl: nil)

            let watch = WatchRecorder(store.watch(prefix: root, afterRevision: r1))
            #expect(await watch.waitForChanges(2).map(\.revision) == [r2, r3])

            let (_, r4) = try await store.delete(a, expectedRevision: r2)
            let r5 = try await store.update(b, value: "b2".bytes, expectedRevision: r3, ttl: nil)
            let events = await watch.waitForChanges(4)
            #expect(events.map(\.revision) == [r2, r3, r4, r5])
            #expect(
                events == [
                    .put(
                        KeyValue(key: a, value: "a2".bytes, createRevision: r1, modRevision: r2),
                        previous: KeyValue(key: a, value: "a1".bytes, createRevision: r1, modRevision: r1)),
                    .put(KeyValue(key: b, value: "b1".bytes, createRevision: r3, modRevision: r3), previous: nil),
                    .delete(key: a, revision: r4, previous: KeyValue(key: a, value: "a2".bytes, createRevision: r1, modRevision: r2)),
                    .put(
                        KeyValue(key: b, value: "b2".bytes, createRevision: r3, modRevision: r5),
                        previous: KeyValue(key: b, value: "b1".bytes, createRevision: r3, modRevision: r3)),
                ])
            #expect(watch.error == nil)
            // Progress notifications, if any, never go backwards or run ahead of changes sent.
            var last: Int64 = r1
            for event in watch.events {
                #expect(event.revision >= last)
                last = event.revision
            }
        }
    }

    @Test(arguments: StoreBackend.all)
    func watchFromCurrentRevisionSeesOnlyNewChanges(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            _ = try await store.create(root + "old", value: [], ttl: nil)
            let now = try await store.currentRevision()
            let watch = WatchRecorder(store.watch(prefix: root, afterRevision: now))
            let fresh = try await store.create(root + "new", value: [], ttl: nil)
            #expect(await watch.waitForChanges(1).map(\.revision) == [fresh])
            try await Task.sleep(for: .milliseconds(300))
            #expect(watch.changes.count == 1)
        }
    }

    @Test(arguments: StoreBackend.all)
    func watchFromFutureRevisionWaitsForIt(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let now = try await store.currentRevision()
            let watch = WatchRecorder(store.watch(prefix: root, afterRevision: now + 2))
            var written: [Int64] = []
            for index in 0..<4 { written.append(try await store.create(root + "k\(index)", value: [], ttl: nil)) }
            let expected = written.filter { $0 > now + 2 }
            let events = await watch.waitForChanges(expected.count)
            #expect(events.map(\.revision) == expected)
            // Nothing from before the start; a progress notification may name the start itself.
            #expect(watch.events.allSatisfy { $0.revision >= now + 2 })
        }
    }

    @Test(arguments: StoreBackend.all)
    func compactingTheFutureThrows(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            _ = try await store.create(root + "k", value: [], ttl: nil)
            let now = try await store.currentRevision()
            await #expect(throws: StoreError.futureRevision(requested: now + 100, current: now)) {
                try await store.compact(revision: now + 100)
            }
        }
    }

    @Test(arguments: StoreBackend.all)
    func watchFromCompactedRevisionFails(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let r1 = try await store.create(root + "a", value: [], ttl: nil)
            _ = try await store.update(root + "a", value: [1], expectedRevision: r1, ttl: nil)
            let r3 = try await store.update(root + "a", value: [2], expectedRevision: nil, ttl: nil)
            try await store.compact(revision: r3)

            let watch = WatchRecorder(store.watch(prefix: root, afterRevision: r1))
            #expect(await watch.wait { $0.ended })
            guard case .compacted(let requested, _) = watch.error as? StoreError else {
                Issue.record("expected .compacted, got \(String(describing: watch.error))")
                return
            }
            #expect(requested == r1)
            #expect(watch.changes.isEmpty)

            // From the compact revision itself, nothing is missing.
            let fromCompaction = WatchRecorder(store.watch(prefix: root, afterRevision: r3))
            let r4 = try await store.update(root + "a", value: [3], expectedRevision: r3, ttl: nil)
            #expect(await fromCompaction.waitForChanges(1).map(\.revision) == [r4])
            #expect(fromCompaction.error == nil)
        }
    }

    @Test(arguments: StoreBackend.all)
    func watchFiltersByPrefix(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let start = try await store.currentRevision()
            let pods = WatchRecorder(store.watch(prefix: root + "pods/", afterRevision: start))
            let everything = WatchRecorder(store.watch(prefix: root, afterRevision: start))
            let p1 = try await store.create(root + "pods/a", value: [], ttl: nil)
            _ = try await store.create(root + "podsx/a", value: [], ttl: nil)
            _ = try await store.create(root + "services/a", value: [], ttl: nil)
            let p2 = try await store.create(root + "pods/b", value: [], ttl: nil)
            _ = try await store.create(root + "pods", value: [], ttl: nil)

            #expect(await everything.waitForChanges(5).count == 5)
            #expect(await pods.waitForChanges(2).map(\.revision) == [p1, p2])
            try await Task.sleep(for: .milliseconds(200))
            #expect(pods.changes.count == 2)

            // A replayed watch filters the same way.
            let replayed = WatchRecorder(store.watch(prefix: root + "pods/", afterRevision: start))
            #expect(await replayed.waitForChanges(2).map(\.revision) == [p1, p2])
        }
    }

    @Test(arguments: StoreBackend.all)
    func manyWatchersSeeTheSameOrder(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let start = try await store.currentRevision()
            let watchers = (0..<8).map { _ in WatchRecorder(store.watch(prefix: root, afterRevision: start)) }
            await withTaskGroup(of: Void.self) { group in
                for writer in 0..<4 {
                    group.addTask {
                        for index in 0..<25 { _ = try? await store.create(root + "w\(writer)/\(index)", value: [], ttl: nil) }
                    }
                }
            }
            for watcher in watchers {
                let revisions = await watcher.waitForChanges(100).map(\.revision)
                #expect(revisions.count == 100)
                #expect(revisions == revisions.sorted())
                #expect(Set(revisions).count == 100)
            }
        }
    }

    @Test(arguments: StoreBackend.all)
    func closingTheStoreEndsWatches(_ backend: StoreBackend) async throws {
        let store = try await backend.open()
        let watch = WatchRecorder(store.watch(prefix: root, afterRevision: try await store.currentRevision()))
        try await Task.sleep(for: .milliseconds(100))
        await store.close()
        #expect(await watch.wait { $0.ended })
        await #expect(throws: StoreError.self) { try await store.get(root + "x") }
    }

    @Test(arguments: StoreBackend.all)
    func progressEventsArrive(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let written = try await store.create(root + "quiet", value: [], ttl: nil)
            let watch = WatchRecorder(store.watch(prefix: root + "elsewhere/", afterRevision: written))
            let sawProgress = await watch.wait(timeout: .seconds(15)) { recorder in
                recorder.events.contains { if case .progress(let revision) = $0 { revision >= written } else { false } }
            }
            #expect(sawProgress)
            #expect(watch.changes.isEmpty)
        }
    }

    // MARK: Concurrency and TTL

    @Test(arguments: StoreBackend.all)
    func concurrentCompareAndSwapHasOneWinnerPerRound(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let key = root + "counter"
            var revision = try await store.create(key, value: "0".bytes, ttl: nil)
            let rounds = 20
            let contenders = 8
            for round in 1...rounds {
                let expected = revision
                let outcomes = await withTaskGroup(of: Int64?.self) { group in
                    for _ in 0..<contenders {
                        group.addTask {
                            do {
                                return try await store.update(key, value: "\(round)".bytes, expectedRevision: expected, ttl: nil)
                            } catch {
                                guard case .conflict? = error as? StoreError else {
                                    Issue.record("unexpected error \(error)")
                                    return nil
                                }
                                return nil
                            }
                        }
                    }
                    var outcomes: [Int64?] = []
                    for await outcome in group { outcomes.append(outcome) }
                    return outcomes
                }
                let winners = outcomes.compactMap { $0 }
                #expect(winners.count == 1, "round \(round): \(winners.count) winners")
                revision = winners.first ?? revision
            }
            #expect(try await store.get(key)?.value == "\(rounds)".bytes)
        }
    }

    @Test(arguments: StoreBackend.all)
    func concurrentIncrementsAreNeverLost(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let key = root + "counter"
            _ = try await store.create(key, value: "0".bytes, ttl: nil)
            let tasks = 8
            let incrementsPerTask = 15
            // Per task: acknowledged increments, and writes whose outcome the store could not tell
            // (`unavailable` after the request may have been applied, e.g. a dropped etcd stream).
            let outcomes = await withTaskGroup(of: (acknowledged: Int, unknown: Int).self) { group in
                for _ in 0..<tasks {
                    group.addTask {
                        var acknowledged = 0
                        var unknown = 0
                        var attempts = 0
                        while acknowledged < incrementsPerTask && attempts < 2_000 {
                            attempts += 1
                            guard let current = try? await store.get(key) else { continue }
                            let next = Int(String(decoding: current.value, as: UTF8.self))! + 1
                            do {
                                _ = try await store.update(key, value: "\(next)".bytes, expectedRevision: current.modRevision, ttl: nil)
                                acknowledged += 1
                            } catch StoreError.conflict {
                                continue
                            } catch {
                                unknown += 1
                            }
                        }
                        return (acknowledged, unknown)
                    }
                }
                return await group.reduce((acknowledged: 0, unknown: 0)) { (acknowledged: $0.acknowledged + $1.acknowledged, unknown: $0.unknown + $1.unknown) }
            }
            #expect(outcomes.acknowledged == tasks * incrementsPerTask)
            // Every acknowledged increment is there; at most the unknown ones on top.
            let final = Int(String(decoding: try await store.get(key)?.value ?? [], as: UTF8.self)) ?? -1
            #expect(final >= outcomes.acknowledged && final <= outcomes.acknowledged + outcomes.unknown,
                    "final \(final), acknowledged \(outcomes.acknowledged), unknown \(outcomes.unknown)")
        }
    }

    @Test(arguments: StoreBackend.all)
    func ttlExpiryProducesDeleteEvent(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            let event = root + "events/e1"
            let keep = root + "events/keep"
            let start = try await store.currentRevision()
            let watch = WatchRecorder(store.watch(prefix: root, afterRevision: start))
            // `keep` first: on a loaded machine the short-lived key may expire before a later write.
            _ = try await store.create(keep, value: [], ttl: nil)
            let created = try await store.create(event, value: "e".bytes, ttl: 2)

            let changes = await watch.waitForChanges(3, timeout: .seconds(20))
            guard changes.count == 3, case .delete(let key, let revision, let previous) = changes[2] else {
                Issue.record("expected an expiry delete, got \(changes)")
                return
            }
            #expect(key == event)
            #expect(revision > created)
            #expect(previous == KeyValue(key: event, value: "e".bytes, createRevision: created, modRevision: created))
            #expect(try await store.get(event) == nil)
            #expect(try await store.get(keep) != nil)
        }
    }

    @Test(arguments: StoreBackend.all)
    func updateWithoutTTLKeepsTheKey(_ backend: StoreBackend) async throws {
        try await withStore(backend) { store in
            // The update must land before the TTL runs out, which a very loaded machine may miss
            // (a create→update of 16 s was seen): such a round proves nothing and is tried again.
            // Once an update has landed, the key must outlive the TTL it was created with.
            for round in 1...5 {
                let key = root + "lease-\(round)"
                let created = try await store.create(key, value: [], ttl: 2)
                do {
                    _ = try await store.update(key, value: [1], expectedRevision: created, ttl: nil)
                } catch StoreError.keyNotFound {
                    continue
                }
                try await Task.sleep(for: .milliseconds(3_500))
                #expect(try await store.get(key)?.value == [1])
                return
            }
            Issue.record("the update never landed within the 2 s TTL in 5 rounds")
        }
    }
}
