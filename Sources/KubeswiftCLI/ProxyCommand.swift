import ArgumentParser
import Foundation
import KubeClient
import KubeProxy
import Logging

/// `kubeswift proxy` (or a `kube-proxy` symlink): the iptables-mode service proxy, flags as upstream's.
struct ProxyCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "proxy",
        abstract: "Program iptables so Service IPs and NodePorts reach their endpoints.")

    enum Backend: String, ExpressibleByArgument, CaseIterable { case auto, legacy, nft }

    @OptionGroup var client: ClientOptions

    @Option(help: "The node name endpoints are compared with for Local traffic policies (default: the host name).")
    var hostnameOverride: String?

    @Option(help: "The pod CIDR: traffic to a ClusterIP from outside it is masqueraded.")
    var clusterCIDR: String?

    @Option(help: "Comma-separated node addresses NodePorts answer on (default: every local address but 127/8).")
    var nodeportAddresses: String?

    @Flag(help: "Remove kube-proxy's iptables rules and chains, then exit.")
    var cleanup = false

    @Flag(help: "Masquerade all traffic sent to Service ClusterIPs.")
    var masqueradeAll = false

    @Option(help: "Minimum interval between rule syncs, e.g. 1s or 500ms.")
    var iptablesMinSyncPeriod: String = "1s"

    @Option(help: "iptables backend: auto (detect what the host uses), legacy or nft.")
    var iptablesBackend: Backend = .auto

    @Option(help: "Run the iptables tools in this named network namespace (ip netns), for tests.")
    var netns: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard parseDuration(iptablesMinSyncPeriod) != nil else {
            throw ValidationError("invalid --iptables-min-sync-period \"\(iptablesMinSyncPeriod)\": expected e.g. 1s, 500ms")
        }
    }

    func run() async throws {
        let logger = componentLogger("kubeswift.proxy", level: logLevel)
        let rest = try client.restClient(userAgent: "kube-proxy/v1.32.0 (linux/amd64) kubeswift")
        let runner = HostCommandRunner(netns: netns)
        let backend: IPTablesBackend =
            switch iptablesBackend {
            case .auto: await IPTablesBackend.detect(runner: runner)
            case .legacy: .legacy
            case .nft: .nft
            }
        if cleanup {
            try await ProxyCleanup.run(iptables: IPTables(backend: backend, runner: runner))
            logger.notice("removed kube-proxy's iptables rules (\(backend.rawValue) backend)")
            return
        }
        let hostname = hostnameOverride ?? ProcessInfo.processInfo.hostName.lowercased()
        let rules = ProxyRuleConfig(
            clusterCIDR: clusterCIDR, masqueradeAll: masqueradeAll,
            nodePortAddresses: (nodeportAddresses ?? "").split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty })
        let proxier = Proxier(
            iptables: IPTables(backend: backend, runner: runner),
            options: Proxier.Options(hostname: hostname, rules: rules, minSyncInterval: parseDuration(iptablesMinSyncPeriod)!),
            logger: logger)
        logger.notice("kube-proxy (iptables, \(backend.rawValue) backend) for node \(hostname), API \(rest.config.server)")
        let source: any ServiceSource = InformerServiceSource(rest: rest)
        try await withThrowingDiscardingTaskGroup { group in
            group.addTask { await proxier.run() }
            group.addTask { try await source.run(.proxier(proxier)) }
        }
    }
}

/// `500ms`, `1s`, `2m` → Duration.
func parseDuration(_ text: String) -> Duration? {
    let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
    for (suffix, scale) in units where text.hasSuffix(suffix) {
        guard let value = Double(text.dropLast(suffix.count)), value >= 0 else { return nil }
        return .milliseconds(Int64(value * scale * 1000))
    }
    return nil
}
