import KubeAPI
import Testing
@testable import KubeProxy

/// After the first sync only what changed is written; failures force a full sync.
@Suite struct PartialSyncTests {
    static func twoServices() async throws -> (Proxier, FakeCommandRunner) {
        let (proxier, runner) = Fixtures.proxier()
        for name in ["a", "b"] {
            proxier.onServiceAdd(Fixtures.service("ns", name, clusterIP: name == "a" ? "10.96.0.1" : "10.96.0.2", ports: [("p", 80, nil)]))
            proxier.onEndpointSliceAdd(Fixtures.slice("ns", service: name, port: ("p", 8080), endpoints: [("10.244.1.1", true), ("10.244.1.2", true)]))
        }
        let first = try #require(await proxier.syncProxyRules())
        #expect(first.full && first.error == nil)
        return (proxier, runner)
    }

    @Test func oneEndpointChangeRewritesOnlyThatServicesChains() async throws {
        let (proxier, _) = try await Self.twoServices()
        proxier.onEndpointSliceUpdate(
            Fixtures.slice("ns", service: "a", port: ("p", 8080), endpoints: [("10.244.1.1", true), ("10.244.1.2", true)]),
            Fixtures.slice("ns", service: "a", port: ("p", 8080), endpoints: [("10.244.1.1", true), ("10.244.1.3", true)]))
        let outcome = try #require(await proxier.syncProxyRules())
        #expect(!outcome.full)
        #expect(outcome.error == nil)
        let svcA = ChainName.service("ns/a:p", "tcp")
        let kept = ChainName.endpoint("ns/a:p", "tcp", "10.244.1.1:8080")
        let gone = ChainName.endpoint("ns/a:p", "tcp", "10.244.1.2:8080")
        let added = ChainName.endpoint("ns/a:p", "tcp", "10.244.1.3:8080")
        // Each chain is declared (flushed) just before its rules, after the chains it jumps to;
        // the stale one is flushed and deleted last.
        let expected = """
            *nat
            :\(kept) - [0:0]
            -A \(kept) -m comment --comment ns/a:p -s 10.244.1.1 -j KUBE-MARK-MASQ
            -A \(kept) -m comment --comment ns/a:p -m tcp -p tcp -j DNAT --to-destination 10.244.1.1:8080
            :\(added) - [0:0]
            -A \(added) -m comment --comment ns/a:p -s 10.244.1.3 -j KUBE-MARK-MASQ
            -A \(added) -m comment --comment ns/a:p -m tcp -p tcp -j DNAT --to-destination 10.244.1.3:8080
            :\(svcA) - [0:0]
            -A \(svcA) -m comment --comment "ns/a:p cluster IP" -m tcp -p tcp -d 10.96.0.1 --dport 80 ! -s 10.0.0.0/24 -j KUBE-MARK-MASQ
            -A \(svcA) -m comment --comment "ns/a:p -> 10.244.1.1:8080" -m statistic --mode random --probability 0.5000000000 -j \(kept)
            -A \(svcA) -m comment --comment "ns/a:p -> 10.244.1.3:8080" -j \(added)
            :\(gone) - [0:0]
            -X \(gone)
            COMMIT

            """
        #expect(outcome.text == expected)
    }

    @Test func endpointTurningUnreadyDropsOut() async throws {
        let (proxier, _) = try await Self.twoServices()
        proxier.onEndpointSliceUpdate(
            Fixtures.slice("ns", service: "b", port: ("p", 8080), endpoints: [("10.244.1.1", true), ("10.244.1.2", true)]),
            Fixtures.slice("ns", service: "b", port: ("p", 8080), endpoints: [("10.244.1.1", true), ("10.244.1.2", false)]))
        let outcome = try #require(await proxier.syncProxyRules())
        let unready = ChainName.endpoint("ns/b:p", "tcp", "10.244.1.2:8080")
        #expect(outcome.text.contains("-X \(unready)\n"))
        #expect(!outcome.text.contains("-j \(unready)"))
        #expect(!outcome.text.contains("--probability"))
    }

    @Test func lastEndpointGoingRewritesTheDispatchChains() async throws {
        let (proxier, _) = try await Self.twoServices()
        proxier.onEndpointSliceUpdate(
            Fixtures.slice("ns", service: "b", port: ("p", 8080), endpoints: [("10.244.1.1", true), ("10.244.1.2", true)]),
            Fixtures.slice("ns", service: "b", port: ("p", 8080), endpoints: []))
        let outcome = try #require(await proxier.syncProxyRules())
        #expect(!outcome.full && outcome.error == nil)
        // The cluster IP leaves nat's KUBE-SERVICES for a REJECT in filter's.
        let nat = try #require(outcome.input.nat.topChains.first { $0.name == ChainName.services })
        #expect(!nat.rules.contains { $0.contains("10.96.0.2") })
        #expect(nat.rules.contains { $0.contains("10.96.0.1") })
        let filter = try #require(outcome.input.filter.topChains.first { $0.name == ChainName.services })
        #expect(filter.rules.contains { $0.contains("\"ns/b:p has no endpoints\"") && $0.hasSuffix("-j REJECT") })

        // Endpoints back: the shared chains are written again, then left alone by a later change.
        proxier.onEndpointSliceUpdate(
            Fixtures.slice("ns", service: "b", port: ("p", 8080), endpoints: []),
            Fixtures.slice("ns", service: "b", port: ("p", 8080), endpoints: [("10.244.1.1", true)]))
        let back = try #require(await proxier.syncProxyRules())
        #expect(back.input.nat.topChains.first { $0.name == ChainName.services }?.rules.contains { $0.contains("10.96.0.2") } == true)
        #expect(back.input.filter.topChains.first { $0.name == ChainName.services }?.rules.isEmpty == true)
        proxier.onEndpointSliceUpdate(
            Fixtures.slice("ns", service: "b", port: ("p", 8080), endpoints: [("10.244.1.1", true)]),
            Fixtures.slice("ns", service: "b", port: ("p", 8080), endpoints: [("10.244.1.4", true)]))
        let moved = try #require(await proxier.syncProxyRules())
        #expect(moved.input.filter.isEmpty)
        #expect(!moved.input.nat.allChains.contains { TopLevelChains.natChainNames.contains($0.name) })
    }

    @Test func noChangesWritesNothing() async throws {
        let (proxier, runner) = try await Self.twoServices()
        let restores = runner.calls.filter { $0.argv[0].hasSuffix("-restore") }.count
        let outcome = try #require(await proxier.syncProxyRules())
        #expect(outcome.input.isEmpty)
        #expect(runner.calls.filter { $0.argv[0].hasSuffix("-restore") }.count == restores)
    }

    @Test func deletingAServiceRewritesTheDispatchChainAndDeletesItsChains() async throws {
        let (proxier, _) = try await Self.twoServices()
        proxier.onServiceDelete(Fixtures.service("ns", "b", clusterIP: "10.96.0.2", ports: [("p", 80, nil)]))
        let outcome = try #require(await proxier.syncProxyRules())
        #expect(!outcome.full)
        let svcB = ChainName.service("ns/b:p", "tcp")
        #expect(outcome.input.nat.allChains.map(\.name) == [ChainName.services])
        #expect(outcome.input.nat.deletedChains.contains(svcB))
        #expect(outcome.input.nat.deletedChains.count == 3)
        #expect(!outcome.input.nat.topChains[0].rules.contains { $0.contains(svcB) })
        #expect(outcome.input.filter.isEmpty)
    }

    @Test func failedRestoreForcesFullSync() async throws {
        let (proxier, runner) = try await Self.twoServices()
        proxier.onEndpointSliceUpdate(
            Fixtures.slice("ns", service: "a", port: ("p", 8080), endpoints: [("10.244.1.1", true)]),
            Fixtures.slice("ns", service: "a", port: ("p", 8080), endpoints: [("10.244.1.9", true)]))
        runner.respond(to: "iptables-legacy-restore", with: CommandResult(status: 2, stderr: "iptables-restore: line 3 failed"))
        let failed = try #require(await proxier.syncProxyRules())
        #expect(failed.error?.contains("line 3 failed") == true)
        let retry = try #require(await proxier.syncProxyRules())
        #expect(retry.full)
        #expect(retry.error == nil)
        #expect(retry.input.nat.chains.contains { $0.name == ChainName.service("ns/b:p", "tcp") })
    }

    @Test func fullSyncDeletesLeftoverChainsFoundInTheKernel() async throws {
        let (proxier, runner) = Fixtures.proxier()
        let leftover = "*nat\n:KUBE-SVC-AAAAAAAAAAAAAAAA - [0:0]\n:KUBE-SEP-BBBBBBBBBBBBBBBB - [0:0]\n:DOCKER - [0:0]\nCOMMIT\n"
        runner.respond(to: "iptables-legacy-save", with: CommandResult(status: 0, stdout: Array("*filter\nCOMMIT\n".utf8)))
        runner.respond(to: "iptables-legacy-save", with: CommandResult(status: 0, stdout: Array(leftover.utf8)))
        let outcome = try #require(await proxier.syncProxyRules())
        #expect(outcome.input.nat.deletedChains == ["KUBE-SEP-BBBBBBBBBBBBBBBB", "KUBE-SVC-AAAAAAAAAAAAAAAA"])
        #expect(!outcome.text.contains("DOCKER"))
    }

    @Test func nothingIsWrittenBeforeBothCachesSynced() async throws {
        let runner = FakeCommandRunner()
        let proxier = Proxier(iptables: IPTables(backend: .nft, runner: runner), options: .init(hostname: "n", minSyncInterval: .zero))
        proxier.onServicesSynced()
        #expect(await proxier.syncProxyRules() == nil)
        proxier.onEndpointsSynced()
        #expect(await proxier.syncProxyRules() != nil)
        #expect(runner.calls.contains { $0.argv[0] == "iptables-nft-restore" })
    }

    @Test func runLoopCoalescesBurstsIntoFewSyncs() async throws {
        let runner = FakeCommandRunner()
        let proxier = Proxier(iptables: IPTables(backend: .legacy, runner: runner), options: .init(hostname: "n", minSyncInterval: .milliseconds(200)))
        let loop = Task { await proxier.run() }
        defer { loop.cancel() }
        proxier.onServicesSynced()
        proxier.onEndpointsSynced()
        for i in 0..<50 {
            proxier.onServiceAdd(Fixtures.service("ns", "s\(i)", clusterIP: "10.96.1.\(i)", ports: [("p", 80, nil)]))
        }
        // Wait (bounded) until the last Service is in the kernel's view, then count restores.
        let deadline = ContinuousClock.now + .seconds(10)
        while ContinuousClock.now < deadline {
            if runner.calls.contains(where: { $0.stdin.contains("ns/s49:p has no endpoints") }) { break }
            try await Task.sleep(for: .milliseconds(20))
        }
        let restores = runner.calls.filter { $0.argv[0] == "iptables-legacy-restore" }
        #expect(restores.last?.stdin.contains("ns/s49:p has no endpoints") == true)
        #expect(restores.count <= 3)
    }
}
