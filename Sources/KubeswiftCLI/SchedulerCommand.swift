// Compiled once branch `informers` is merged: remove the `#if`/`#endif` below and add
// `SchedulerCommand.self` to `Kubeswift.subcommands` and "kube-scheduler": "scheduler" to the aliases.
#if KUBESWIFT_INFORMERS_LANDED
import ArgumentParser
import Foundation
import KubeClient
import KubeScheduler
import Logging

/// `kubeswift scheduler`: watches pending pods and binds them to nodes, flags as upstream's kube-scheduler.
struct SchedulerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "scheduler",
        abstract: "Assign pending pods to nodes (kube-scheduler).")

    @Option(help: "Path to a kubeconfig file with the apiserver's address and credentials.")
    var kubeconfig: String?

    @Option(help: "The address of the apiserver (overrides any value in --kubeconfig).")
    var master: String?

    @Option(name: .customLong("leader-elect"), help: "Take a Lease before scheduling, so only one replica is active.")
    var leaderElect: Bool = true

    @Option(help: "Name of the Lease used for leader election.")
    var leaderElectResourceName: String = "kube-scheduler"

    @Option(help: "Namespace of the leader-election Lease.")
    var leaderElectResourceNamespace: String = "kube-system"

    @Option(help: "Pods whose spec.schedulerName is this are scheduled by this process.")
    var schedulerName: String = "default-scheduler"

    @Option(help: "Bindings in flight at once.")
    var parallelBinds: Int = 16

    @Option(help: "Percentage of nodes to score (0: upstream's adaptive default).")
    var percentageOfNodesToScore: Int = 0

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func run() async throws {
        var logger = Logger(label: "kubeswift.scheduler")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let kubeconfigFile = try KubeconfigLoader(explicitPath: kubeconfig, allowMissingExplicit: master != nil).load()
        var overrides = ClientConfig.Overrides()
        overrides.server = master
        let client = try RESTClient(config: try ClientConfig.resolve(kubeconfigFile, overrides: overrides))
        var config = Scheduler.Configuration()
        config.schedulerName = schedulerName
        config.parallelBinds = parallelBinds
        config.percentageOfNodesToScore = percentageOfNodesToScore == 0 ? nil : percentageOfNodesToScore
        let scheduler = Scheduler(api: RESTSchedulerAPI(client: client), configuration: config, logger: logger)
        guard leaderElect else {
            logger.notice("scheduling pods for \(schedulerName) (no leader election)")
            await scheduler.run(client: client)
            return
        }
        let identity = "\(ProcessInfo.processInfo.hostName)_\(UUID().uuidString.lowercased())"
        let elector = LeaderElector(client: client, config: LeaderElectionConfig(
            leaseName: leaderElectResourceName, leaseNamespace: leaderElectResourceNamespace, identity: identity))
        logger.notice("waiting for the \(leaderElectResourceNamespace)/\(leaderElectResourceName) lease as \(identity)")
        try await elector.run {
            logger.notice("leading: scheduling pods for \(schedulerName)")
            await scheduler.run(client: client)
        }
    }
}
#endif
