import ArgumentParser
import ContainerRuntime
import CRI
import Foundation
import Logging

/// `kubeswift runtime`: the container runtime daemon, serving CRI v1 on a unix socket.
struct RuntimeCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runtime",
        abstract: "Run the container runtime, serving the CRI v1 API (RuntimeService, ImageService) on a unix socket.")

    @Option(help: "CRI endpoint to serve, unix:///path.")
    var listen: String = CRIEndpoint.defaultEndpoint.description

    @Option(help: "State that survives reboots: container records and writable layers, images.")
    var rootDir: String = "/var/lib/kubeswift/runtime"

    @Option(help: "Runtime state that does not outlive a reboot: pinned pod namespaces, pod /etc files.")
    var stateDir: String = "/run/kubeswift"

    @Option(help: "cgroup (under the cgroup2 mount) that holds every container; must start with kubeswift.")
    var cgroupBase: String = "kubeswift"

    @Option(help: "host:port of the streaming server that serves Exec/Attach URLs (port 0: any free port).")
    var streamingAddress: String = "127.0.0.1:0"

    @Option(help: "CNI network configurations for pod sandboxes (the first by name is used).")
    var cniConfDir: String = "/etc/cni/net.d"

    @Option(help: "Directories (comma-separated) searched for CNI plugins.")
    var cniBinDir: String = "/opt/cni/bin"

    @Option(help: "A registry (host or host:port) pulled from over plain HTTP; repeatable.")
    var insecureRegistry: [String] = []

    @Option(help: "PEM file of extra CA certificates trusted for HTTPS registries.")
    var registryCAFile: String?

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        do { _ = try CRIEndpoint(parsing: listen) } catch { throw ValidationError("invalid --listen: \(error)") }
        guard cgroupBase == "kubeswift" || cgroupBase.hasPrefix("kubeswift/") else {
            throw ValidationError("invalid --cgroup-base \"\(cgroupBase)\": must be kubeswift or under kubeswift/")
        }
    }

    func run() async throws {
        var logger = Logger(label: "kubeswift.runtime")
        logger.logLevel = Logger.Level(rawValue: logLevel) ?? .info
        let endpoint = try CRIEndpoint(parsing: listen)
        let configuration = RuntimeConfiguration(
            rootDirectory: URL(fileURLWithPath: rootDir).standardizedFileURL.path,
            runDirectory: URL(fileURLWithPath: stateDir).standardizedFileURL.path,
            cgroupBase: cgroupBase, streamingAddress: streamingAddress, cniConfigDirectory: cniConfDir,
            cniBinDirectories: cniBinDir.split(separator: ",").map(String.init))
        let puller = RegistryImagePuller(
            configuration: configuration,
            registry: RegistryConfiguration(caBundlePath: registryCAFile, insecureRegistries: Set(insecureRegistry)))
        let log = logger
        try await RuntimeDaemon.run(endpoint: endpoint, configuration: configuration, puller: puller, logger: logger) {
            log.notice("serving CRI on \(endpoint)")
            print("kubeswift runtime listening on \(endpoint)")
            fflush(nil)
        }
    }
}
