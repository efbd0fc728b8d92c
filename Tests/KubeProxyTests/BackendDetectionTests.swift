import Testing
@testable import KubeProxy

/// Upstream's (iptables-wrappers') choice between iptables-legacy and iptables-nft.
@Suite struct BackendDetectionTests {
    static func saved(_ rules: Int, chains: [String] = []) -> CommandResult {
        let text = "*filter\n" + chains.map { ":\($0) - [0:0]\n" }.joined() + String(repeating: "-A INPUT -j ACCEPT\n", count: rules) + "COMMIT\n"
        return CommandResult(status: 0, stdout: Array(text.utf8))
    }

    @Test func kubeletHintChainDecides() async {
        let runner = FakeCommandRunner()
        runner.respond(to: "iptables-nft-save", with: Self.saved(0))  // nft mangle: nothing
        runner.respond(to: "iptables-legacy-save", with: Self.saved(0, chains: ["KUBE-IPTABLES-HINT"]))
        #expect(await IPTablesBackend.detect(runner: runner) == .legacy)
    }

    @Test func theModeWithMoreRulesWins() async {
        let runner = FakeCommandRunner()
        runner.respond(to: "iptables-nft-save", with: Self.saved(0))
        runner.respond(to: "iptables-legacy-save", with: Self.saved(0))
        runner.respond(to: "iptables-legacy-save", with: Self.saved(2))
        runner.respond(to: "iptables-nft-save", with: Self.saved(9))
        #expect(await IPTablesBackend.detect(runner: runner) == .nft)
    }

    @Test func aTieFollowsTheHostDefault() async {
        let runner = FakeCommandRunner()
        runner.respond(to: "iptables", with: CommandResult(status: 0, stdout: Array("iptables v1.8.9 (legacy)\n".utf8)))
        #expect(await IPTablesBackend.detect(runner: runner) == .legacy)
        let nftHost = FakeCommandRunner()
        nftHost.respond(to: "iptables", with: CommandResult(status: 0, stdout: Array("iptables v1.8.9 (nf_tables)\n".utf8)))
        #expect(await IPTablesBackend.detect(runner: nftHost) == .nft)
    }
}
