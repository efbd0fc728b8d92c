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

    @OptionGroup var client: ClientOptions

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
        let logger = componentLogger("kubeswift.scheduler", level: logLevel)
        let client = try self.client.restClient(userAgent: "kube-scheduler/v1.32.0 (linux/amd64) kubeswift")
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
