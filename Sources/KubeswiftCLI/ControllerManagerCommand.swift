import ArgumentParser
import Foundation
import KubeControllers
import Logging

/// `kubeswift controller-manager`: the control loops that make workloads converge.
struct ControllerManagerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "controller-manager",
        abstract: "Run the controllers: replica sets, deployments, endpoints, endpoint slices, service accounts, garbage collection.")

    @OptionGroup var client: ClientOptions

    @Option(help: "Controllers to enable: '*' for all, 'foo' to enable, '-foo' to disable (comma-separated).")
    var controllers: String = "*"

    @Option(help: "Workers per controller.")
    var concurrentSyncs: Int = 5

    @Option(name: .customLong("leader-elect"), help: "Take the kube-controller-manager Lease in kube-system before running (--leader-elect=false to skip).")
    var leaderElect: Bool = true

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        do { _ = try ControllerManager.enabled(controllers.split(separator: ",").map(String.init)) } catch {
            throw ValidationError("invalid --controllers: \(error)")
        }
        guard concurrentSyncs > 0 else { throw ValidationError("--concurrent-syncs must be positive") }
    }

    func run() async throws {
        let logger = componentLogger("kubeswift.controller-manager", level: logLevel)
        var options = ControllerManagerOptions()
        options.controllers = controllers.split(separator: ",").map(String.init)
        options.workers = concurrentSyncs
        options.leaderElect = leaderElect
        let manager = ControllerManager(client: try client.restClient(userAgent: "kube-controller-manager/v1.32.0 (linux/amd64) kubeswift"), options: options, logger: logger)
        try await manager.run()
    }
}
