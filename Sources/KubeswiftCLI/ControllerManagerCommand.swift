import ArgumentParser
import Foundation
import KubeControllers
import Logging

/// `kubeswift controller-manager`: the control loops that make workloads converge.
struct ControllerManagerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controller-manager",
        abstract: "Run the controllers: replica sets, deployments, daemon sets, stateful sets, jobs, cron jobs, endpoints, endpoint slices, service accounts, nodes, garbage collection.")

    @OptionGroup var client: ClientOptions

    @Option(help: "Controllers to enable: '*' for all, 'foo' to enable, '-foo' to disable (comma-separated).")
    var controllers: String = "*"

    @Option(help: "Workers per controller.")
    var concurrentSyncs: Int = 5

    @Option(name: .customLong("leader-elect"), help: "Take the kube-controller-manager Lease in kube-system before running (--leader-elect=false to skip).")
    var leaderElect: Bool = true

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    @Option(help: "How often the node lifecycle controller checks node health (e.g. 5s).")
    var nodeMonitorPeriod: String = "5s"

    @Option(help: "How long a node's Lease may go unrenewed before it is marked Unknown (e.g. 40s).")
    var nodeMonitorGracePeriod: String = "40s"

    @Option(help: "How long a node that never reported may stay unreported before it is marked Unknown.")
    var nodeStartupGracePeriod: String = "60s"

    @Option(help: "Whether to allocate a pod CIDR to each node from --cluster-cidr (true/false).")
    var allocateNodeCidrs: Bool = true

    @Option(help: "CIDR range of pods in the cluster.")
    var clusterCidr: String = "10.244.0.0/16"

    @Option(help: "Mask size of each node's pod CIDR.")
    var nodeCidrMaskSize: Int = 24

    @Option(help: "Terminated pods kept before the pod garbage collector deletes the oldest; 0 disables.")
    var terminatedPodGcThreshold: Int = 12500

    func validate() throws {
        do { _ = try ControllerManager.enabled(controllers.split(separator: ",").map(String.init)) } catch {
            throw ValidationError("invalid --controllers: \(error)")
        }
        guard concurrentSyncs > 0 else { throw ValidationError("--concurrent-syncs must be positive") }
        for (flag, value) in [("--node-monitor-period", nodeMonitorPeriod), ("--node-monitor-grace-period", nodeMonitorGracePeriod),
                              ("--node-startup-grace-period", nodeStartupGracePeriod)] where Self.duration(value) == nil {
            throw ValidationError("invalid \(flag) \"\(value)\": expected a duration such as 40s, 1m30s or 500ms")
        }
        if allocateNodeCidrs {
            do { _ = try CIDRAllocator(clusterCIDR: clusterCidr, maskSize: nodeCidrMaskSize) } catch { throw ValidationError("invalid --cluster-cidr: \(error)") }
        }
    }

    func run() async throws {
        let logger = componentLogger("kubeswift.controller-manager", level: logLevel)
        var options = ControllerManagerOptions()
        options.controllers = controllers.split(separator: ",").map(String.init)
        options.workers = concurrentSyncs
        options.leaderElect = leaderElect
        options.nodeMonitorPeriod = Self.duration(nodeMonitorPeriod) ?? options.nodeMonitorPeriod
        options.nodeMonitorGracePeriod = Self.duration(nodeMonitorGracePeriod) ?? options.nodeMonitorGracePeriod
        options.nodeStartupGracePeriod = Self.duration(nodeStartupGracePeriod) ?? options.nodeStartupGracePeriod
        options.allocateNodeCIDRs = allocateNodeCidrs
        options.clusterCIDR = clusterCidr
        options.nodeCIDRMaskSize = nodeCidrMaskSize
        options.terminatedPodGCThreshold = terminatedPodGcThreshold
        let manager = ControllerManager(client: try client.restClient(userAgent: "kube-controller-manager/v1.32.0 (linux/amd64) kubeswift"), options: options, logger: logger)
        try await manager.run()
    }
}

extension ControllerManagerCommand {
    /// A Go-style duration ("40s", "1m30s", "500ms", "2h").
    static func duration(_ text: String) -> Duration? {
        var rest = Substring(text)
        var total = 0.0
        let units: [(String, Double)] = [("ms", 0.001), ("h", 3600), ("m", 60), ("s", 1)]
        guard !rest.isEmpty else { return nil }
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            guard let (unit, scale) = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
            rest = rest.dropFirst(unit.count)
            total += value * scale
        }
        return .milliseconds(Int64(total * 1000))
    }
}
