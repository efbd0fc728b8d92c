import EtcdTestSupport
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KubeStore
import Synchronization
import Testing

/// What only etcd has: several members, fail-over, a start without etcd. The shared behaviour is
/// checked by `StoreConformance` (etcd is one of `StoreBackend.all`).
@Suite("EtcdStore", .enabled(if: EtcdTestCluster.available, "needs etcd: /usr/bin/etcd (Debian etcd-server) or $KUBESWIFT_ETCD"))
struct EtcdStoreTests {
    @Test func unreachableAtStartIsAClearError() async throws {
        let port = try freePorts(1)[0]
        var options = EtcdStore.Options()
        options.startupTimeout = .seconds(1)
        let started = ContinuousClock.now
        do {
            _ = try await EtcdStore.connect(endpoints: [EtcdEndpoint(host: "127.0.0.1", port: port)], options: options)
            Issue.record("connect to a port nobody listens on succeeded")
        } catch {
            guard case .unavailable(let message) = error else {
                Issue.record("expected .unavailable, got \(error)")
                return
            }
            #expect(message.contains("http://127.0.0.1:\(port)"), "message names the endpoint: \(message)")
        }
        // Bounded by the 5 s connect timeout; the margin is for a loaded machine, not a speed claim.
        #expect(ContinuousClock.now - started < .seconds(30))
    }

    @Test func endpointsParseAsUpstreamFlags() throws {
        let endpoints = try EtcdEndpoint.parseList("http://10.0.0.1:2379, http://etcd-b:12379,[::1]:2379,127.0.0.1")
        #expect(endpoints == [
            EtcdEndpoint(host: "10.0.0.1", port: 2379), EtcdEndpoint(host: "etcd-b", port: 12379),
            EtcdEndpoint(host: "::1", port: 2379), EtcdEndpoint(host: "127.0.0.1", port: 2379),
        ])
        #expect(throws: StoreError.self) { try EtcdEndpoint.parseList("https://a:2379") }
        #expect(throws: StoreError.self) { try EtcdEndpoint.parseList("http://a:notaport") }
        #expect(throws: StoreError.self) { try EtcdEndpoint.parseList(" , ") }
    }

    /// Three members; writers keep creating keys while the member the store talks to is killed and
    /// later restarted. Writes continue, every acknowledged key is there (and was seen by a watch
    /// that had to move members), and the restarted member catches up.
    @Test func failoverUnderWriteLoadLosesNoAcknowledgedWrite() async throws {
        try await EtcdTestCluster.with(size: 3) { cluster in
            let store = try await EtcdStore.connect(endpoints: try EtcdEndpoint.parseList(cluster.servers), options: .patient)
            let prefix = "/failover/"
            let start = try await store.currentRevision()
            let watch = WatchRecorder(store.watch(prefix: prefix, afterRevision: start))

            let log = WriteLog()
            let writers = Task {
                await withTaskGroup(of: Void.self) { group in
                    for writer in 0..<8 {
                        group.addTask {
                            var index = 0
                            while !log.stopped {
                                let key = "\(prefix)w\(writer)-\(index)"
                                index += 1
                                do {
                                    log.acknowledge(key, try await store.create(key, value: Array(key.utf8), ttl: nil))
                                } catch {
                                    log.fail("\(key): \(error)")
                                }
                            }
                        }
                    }
                }
            }
            // Phases end by progress, not by the clock: this machine may be slow, a leader election takes
            // what it takes, but each phase must see acknowledged writes within a generous bound.
            #expect(await waitUntil(timeout: .seconds(30)) { log.perPhase[0] >= 100 }, "writes before the kill")
            // Member 0 is where calls go first: killing it forces a fail-over of both calls and the watch.
            await cluster.stop(0)
            log.phase = 1
            #expect(await waitUntil(timeout: .seconds(30)) { log.perPhase[1] >= 200 }, "writes while member 0 is down")
            try await cluster.restart(0)
            log.phase = 2
            #expect(await waitUntil(timeout: .seconds(30)) { log.perPhase[2] >= 100 }, "writes after member 0 is back")
            log.stopped = true
            await writers.value

            let counts = log.perPhase
            let written = log.acknowledged
            print("fail-over: acknowledged creates before/while down/after restart \(counts), unacknowledged \(log.failures.count)")
            // An unacknowledged write may or may not have happened; none may fail for another reason.
            for failure in log.failures {
                #expect(failure.contains("unavailable"), "write failed other than by unavailability: \(failure)")
            }

            let stored = try await store.list(prefix: prefix, startAfter: nil, limit: 0, revision: 0)
            let storedKeys = Dictionary(uniqueKeysWithValues: stored.items.map { ($0.key, $0.modRevision) })
            let missing = written.filter { storedKeys[$0.key] != $0.value }
            #expect(missing.isEmpty, "\(missing.count) acknowledged writes missing or changed, e.g. \(missing.first.map { "\($0)" } ?? "")")

            // The watch moved members without a gap or a repeat.
            let changes = await watch.waitForChanges(stored.items.count, timeout: .seconds(20))
            let revisions = changes.map(\.revision)
            #expect(revisions == revisions.sorted() && Set(revisions).count == revisions.count, "watch events in order, no repeats")
            let watched = Set(changes.compactMap { if case .put(let kv, _) = $0 { kv.key } else { nil } })
            #expect(written.keys.allSatisfy { watched.contains($0) }, "every acknowledged create reached the watch")
            #expect(watch.error == nil)

            // The restarted member catches up: its own (serializable) count reaches the cluster's.
            let caughtUp = await waitUntil(timeout: .seconds(20)) {
                (try? await serializableCount(cluster.members[0].clientURL, prefix: prefix)) == stored.items.count
            }
            let local = try? await serializableCount(cluster.members[0].clientURL, prefix: prefix)
            #expect(caughtUp, "restarted member has \(local.map(String.init) ?? "?") of \(stored.items.count) keys")
            await store.close()
        }
    }

    /// A member that stops answering without closing its connections (SIGSTOP: the process is
    /// there, its sockets open) holds no write forever. Reads and writes carry no per-call deadline;
    /// the connection's keepalive (6 s, then 3 s for the answer) drops the member and the write
    /// moves to another one.
    @Test func aMemberThatStopsAnsweringIsLeftByKeepalive() async throws {
        try await EtcdTestCluster.with(size: 3) { cluster in
            let store = try await EtcdStore.connect(endpoints: try EtcdEndpoint.parseList(cluster.servers))
            _ = try await store.create("/hung/before", value: [1], ttl: nil)
            let pid = try #require(cluster.pid(0))
            // Member 0 is where calls go first.
            kill(pid, SIGSTOP)
            defer { kill(pid, SIGCONT) }
            let started = ContinuousClock.now
            let outcome = await withTaskGroup(of: String?.self) { group in
                group.addTask {
                    do {
                        _ = try await store.create("/hung/after", value: [2], ttl: nil)
                        return "created"
                    } catch {
                        return "failed: \(error)"
                    }
                }
                // Far above keepalive's 9 s plus an election: only a write that never ends gets here.
                group.addTask {
                    try? await Task.sleep(for: .seconds(60))
                    return nil
                }
                let first = await group.next() ?? nil
                group.cancelAll()
                return first
            }
            #expect(outcome == "created", "the write on a hung member: \(outcome ?? "still waiting after 60 s")")
            print("hung member: write done after \(ContinuousClock.now - started)")
            kill(pid, SIGCONT)
            #expect(try await store.get("/hung/after")?.value == [2])
            await store.close()
        }
    }

    /// Watches survive a restart of a single-member etcd: the store keeps re-creating the watch
    /// until etcd is back and continues from the revision after the last one delivered.
    @Test func watchResumesAfterEtcdRestart() async throws {
        try await EtcdTestCluster.with { cluster in
            let store = try await EtcdStore.connect(endpoints: try EtcdEndpoint.parseList(cluster.servers), options: .patient)
            let first = try await store.create("/restart/a", value: [1], ttl: nil)
            let watch = WatchRecorder(store.watch(prefix: "/restart/", afterRevision: first))
            let second = try await store.create("/restart/b", value: [2], ttl: nil)
            #expect(await watch.waitForChanges(1).map(\.revision) == [second])

            await cluster.stop(0)
            await #expect(throws: StoreError.self) { try await store.currentRevision() }
            try await cluster.restart(0)
            let third = try await store.create("/restart/c", value: [3], ttl: nil)
            #expect(await watch.waitForChanges(2, timeout: .seconds(20)).map(\.revision) == [second, third])
            #expect(watch.error == nil)
            await store.close()
        }
    }
}

/// What the fail-over writers did, shared between them and the test.
final class WriteLog: Sendable {
    private struct State {
        var acknowledged: [String: Int64] = [:]
        var failures: [String] = []
        /// 0 before the kill, 1 while a member is down, 2 after its restart.
        var phase = 0
        var perPhase = [0, 0, 0]
        var stopped = false
    }
    private let state = Mutex(State())

    var phase: Int {
        get { state.withLock { $0.phase } }
        set { state.withLock { $0.phase = newValue } }
    }
    var stopped: Bool {
        get { state.withLock { $0.stopped } }
        set { state.withLock { $0.stopped = newValue } }
    }
    var acknowledged: [String: Int64] { state.withLock { $0.acknowledged } }
    var failures: [String] { state.withLock { $0.failures } }
    var perPhase: [Int] { state.withLock { $0.perPhase } }

    func acknowledge(_ key: String, _ revision: Int64) {
        state.withLock {
            $0.acknowledged[key] = revision
            $0.perPhase[$0.phase] += 1
        }
    }

    func fail(_ message: String) { state.withLock { $0.failures.append(message) } }
}

func waitUntil(timeout: Duration, _ condition: () async -> Bool) async -> Bool {
    let deadline = ContinuousClock.now.advanced(by: timeout)
    while ContinuousClock.now < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(100))
    }
    return await condition()
}

/// Counts keys under `prefix` as one member has them locally (a serializable read through etcd's
/// JSON gateway), so a lagging member is visible as such.
func serializableCount(_ clientURL: String, prefix: String) async throws -> Int {
    var end = Array(prefix.utf8)
    end[end.count - 1] += 1
    var request = URLRequest(url: URL(string: "\(clientURL)/v3/kv/range")!)
    request.httpMethod = "POST"
    let body: [String: Any] = [
        "key": Data(prefix.utf8).base64EncodedString(), "range_end": Data(end).base64EncodedString(),
        "count_only": true, "serializable": true,
    ]
    request.httpBody = try JSONSerialization.data(withJSONObject: body)
    let (data, _) = try await URLSession.shared.data(for: request)
    let json = try JSONSerialization.jsonObject(with: data) as? [String: Any]
    // int64 fields come back as JSON strings; a zero count is omitted.
    return Int(json?["count"] as? String ?? "0") ?? 0
}
