import Foundation
import KubeAPI
import Synchronization
import Testing

@testable import KubeClient

@Suite("Leader election on Leases against a real apiserver", .timeLimit(.minutes(2)))
struct LeaderElectionTests {
    /// Short durations (1 s / 0.5 s / 0.1 s) for tests about expiry; `relaxed` (8 s / 2 s / 0.1 s) where a
    /// busy machine delaying one renewal must not hand the lease over: a leader that cannot renew stops
    /// after 2.1 s, and a rival waits 8 s, a margin no scheduling delay on a loaded test machine eats
    /// (3 s was not enough: two leaders were seen at load 25).
    static func config(_ identity: String, lease: String = "ctrl", release: Bool = true, relaxed: Bool = false) -> LeaderElectionConfig {
        LeaderElectionConfig(
            leaseName: lease, leaseNamespace: "kube-system", identity: identity,
            leaseDuration: .seconds(relaxed ? 8 : 1), renewDeadline: .milliseconds(relaxed ? 2000 : 500), retryPeriod: .milliseconds(100),
            releaseOnCancel: release)
    }

    /// Runs an elector in a task; `leading` records when its work started and stopped.
    final class Candidate: Sendable {
        let elector: LeaderElector
        let started = Mutex(0)
        let stopped = Mutex(0)
        let task: Mutex<Task<Result<Void, any Error>, Never>?> = Mutex(nil)

        init(_ client: RESTClient, _ config: LeaderElectionConfig) {
            elector = LeaderElector(client: client, config: config)
        }

        func start() {
            let t = Task { [self] () -> Result<Void, any Error> in
                do {
                    try await elector.run { [self] in
                        started.withLock { $0 += 1 }
                        defer { stopped.withLock { $0 += 1 } }
                        while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(20)) }
                    }
                    return .success(())
                } catch {
                    return .failure(error)
                }
            }
            task.withLock { $0 = t }
        }

        var leading: Bool { started.withLock { $0 } > stopped.withLock { $0 } }

        func stop() async -> Result<Void, any Error>? {
            guard let t = task.withLock({ $0 }) else { return nil }
            t.cancel()
            return await t.value
        }
    }

    @Test func oneLeadsAndTheOtherTakesOverWhenItStops() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let leases = server.client.resource(Lease.self, namespace: "kube-system")
        let a = Candidate(server.client, Self.config("a", relaxed: true))
        let b = Candidate(server.client, Self.config("b", relaxed: true))
        a.start()
        #expect(await eventually { a.leading })
        b.start()
        // b keeps retrying, but a renews, so b never leads while a runs.
        try await Task.sleep(for: .seconds(2))
        #expect(a.leading && a.elector.isLeader)
        #expect(!b.leading && !b.elector.isLeader)
        let held = try await leases.get("ctrl")
        #expect(held.spec.holderIdentity == "a")
        #expect(held.spec.leaseDurationSeconds == 8)
        #expect(held.spec.leaseTransitions == 0)
        #expect(held.spec.acquireTime != nil)
        #expect(held.spec.renewTime! > held.spec.acquireTime!, "a renewed since acquiring")

        // a stops: its work is cancelled and it releases the lease; b takes over.
        let result = await a.stop()
        #expect(throws: Never.self) { try result?.get() }
        #expect(!a.leading && !a.elector.isLeader)
        #expect(await eventually { b.leading })
        let taken = try await leases.get("ctrl")
        #expect(taken.spec.holderIdentity == "b")
        #expect(taken.spec.leaseTransitions == 1)
        #expect(taken.spec.acquireTime! > held.spec.acquireTime!)

        // b releases on stop: the holder is cleared, transitions kept.
        _ = await b.stop()
        let released = try await leases.get("ctrl")
        #expect(released.spec.holderIdentity == "")
        #expect(released.spec.leaseTransitions == 1)
    }

    @Test func expiredLeaseIsTakenOverOnlyAfterItsDuration() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let leases = server.client.resource(Lease.self, namespace: "kube-system")
        // a "crashes": cancelled without releasing, so the lease still names it.
        let a = Candidate(server.client, Self.config("a", release: false))
        a.start()
        #expect(await eventually { a.leading })
        _ = await a.stop()
        let abandoned = try await leases.get("ctrl")
        #expect(abandoned.spec.holderIdentity == "a")

        let b = Candidate(server.client, Self.config("b"))
        let start = ContinuousClock.now
        b.start()
        #expect(await eventually { b.leading })
        // b first sees a's record and must watch it go unrenewed for the full lease duration (1 s).
        #expect(ContinuousClock.now - start >= .seconds(1))
        let taken = try await leases.get("ctrl")
        #expect(taken.spec.holderIdentity == "b")
        #expect(taken.spec.leaseTransitions == 1)
        _ = await b.stop()
    }

    @Test func leaderThatCannotRenewStopsLeading() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let leases = server.client.resource(Lease.self, namespace: "kube-system")
        let a = Candidate(server.client, Self.config("a"))
        a.start()
        #expect(await eventually { a.leading })
        // Someone else writes themselves in as holder; a must fail to renew and give up within its deadline.
        var lease = try await leases.get("ctrl")
        let intruderWrites = Task {
            while !Task.isCancelled {
                lease.spec.holderIdentity = "intruder"
                lease.spec.renewTime = .now()
                if let written = try? await leases.update(lease) { lease = written } else { lease = (try? await leases.get("ctrl")) ?? lease }
                try? await Task.sleep(for: .milliseconds(50))
            }
        }
        defer { intruderWrites.cancel() }
        #expect(await eventually { !a.leading })
        let result = await a.task.withLock({ $0 })?.value
        guard case .failure(let error) = result else {
            Issue.record("run did not end with an error: \(String(describing: result))")
            return
        }
        guard case LeaderElectionError.leadershipLost(let identity, _) = error else {
            Issue.record("unexpected error \(error)")
            return
        }
        #expect(identity == "a")
        #expect(!a.elector.isLeader)
    }

    @Test func concurrentCandidatesNeverBothLead() async throws {
        let server = try await TestServer.start()
        defer { Task { await server.stop() } }
        let candidates = (0..<3).map { Candidate(server.client, Self.config("c\($0)", lease: "race", relaxed: true)) }
        for c in candidates { c.start() }
        #expect(await eventually { candidates.contains { $0.leading } })
        // Sample for a while: never more than one leader at once.
        for _ in 0..<40 {
            #expect(candidates.filter(\.leading).count <= 1)
            try await Task.sleep(for: .milliseconds(25))
        }
        for c in candidates { _ = await c.stop() }
    }
}
