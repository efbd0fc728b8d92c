import ArgumentParser
import Dispatch
import Foundation
import Glibc
import Kubelet
import LocalCluster

/// `kubeswift up`: a whole single-node cluster on this machine (apiserver, controller-manager,
/// scheduler, runtime, kubelet, kube-proxy, DNS) as child processes, until Ctrl-C.
struct UpCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "up",
        abstract: "Run a single-node cluster on this machine until interrupted (needs root).",
        discussion: """
            With --netns NAME the cluster's network (node address, pod bridge, Service rules) lives in a
            network namespace of its own, deleted on exit, and the apiserver is relayed to this machine's
            127.0.0.1:<port>: nothing on the host's network changes.
            """)

    @Option(help: "Keep all state, sockets, CNI files and the admin kubeconfig under this directory (default: the system paths: /var/lib/kubeswift, /run/kubeswift, /etc/cni/net.d, /opt/cni/bin, /etc/kubeswift).")
    var root: String?

    @Option(help: "The apiserver's port (on 127.0.0.1).")
    var port: Int = 6443

    @Option(help: "The node's name (default: the host name).")
    var nodeName: String?

    @Option(help: "The node's IP address (default: 10.200.0.1 with --netns, else the first non-loopback IPv4 address).")
    var nodeIP: String?

    @Option(help: "Run the cluster's network in a new network namespace of this name (removed on exit).")
    var netns: String?

    @Option(name: .customLong("import-image"), help: ArgumentHelp(
        "Import an OCI image layout or docker-archive before starting, as PATH[=NAME] (repeatable).", valueName: "path[=name]"))
    var importImage: [String] = []

    @Option(help: "Store the cluster in these etcd servers instead of the embedded store.")
    var etcdServers: String?

    @Option(name: .customLong("kubelet-arg"), help: ArgumentHelp("An extra flag for the kubelet (repeatable).", valueName: "flag"))
    var kubeletArguments: [String] = []

    @Option(help: "Log level of every component: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard (1...65535).contains(port) else { throw ValidationError("invalid --port \(port): expected 1-65535") }
        for spec in importImage where Self.imageSpec(spec).path.isEmpty {
            throw ValidationError("invalid --import-image \"\(spec)\": expected PATH[=NAME]")
        }
        if let netns, netns.isEmpty || netns.contains("/") {
            throw ValidationError("invalid --netns \"\(netns)\": expected a name")
        }
    }

    func run() async throws {
        guard getuid() == 0 else {
            throw ValidationError("kubeswift up runs containers and sets up their network: run it as root")
        }
        let layout = root.map { ClusterLayout.rooted(at: URL(fileURLWithPath: $0).standardizedFileURL.path) } ?? ClusterLayout()
        let isolated = netns.map { IsolatedNetwork(name: $0, nodeIP: nodeIP ?? "10.200.0.1") }
        let nodeName = (self.nodeName ?? KubeletOptions.defaultNodeName()).lowercased()
        var options = SingleNodeOptions(layout: layout, binary: Self.executablePath(), nodeName: nodeName,
                                        nodeIP: isolated?.nodeIP ?? nodeIP ?? NodeAddresses.defaultNodeIP())
        options.apiserverPort = port
        options.images = importImage.map(Self.imageSpec)
        options.etcdServers = etcdServers
        options.kubeletArguments = kubeletArguments
        options.logLevel = logLevel
        options.launchPrefix = isolated?.launchPrefix ?? []

        let say: @Sendable (String) -> Void = { message in
            print("kubeswift up: \(message)")
            fflush(nil)
        }
        let signals = SignalWatcher([SIGINT, SIGTERM])
        var relay: LoopbackRelay?
        if let isolated {
            say("creating network namespace \(isolated.name) (node address \(isolated.nodeIP))")
            try isolated.create()
            do {
                relay = try LoopbackRelay(port: UInt16(port), netns: isolated.path)
            } catch {
                isolated.delete()
                throw error
            }
        }
        let cluster = SingleNodeCluster(options: options, progress: say)
        var failure: Error?
        do {
            try await withTaskCancellationOnSignal(signals) { try await cluster.start() }
            print("""

                Kubernetes (kubeswift) is running: node \(nodeName), apiserver \(options.apiserverURL)
                  export KUBECONFIG=\(layout.kubeconfigPath)
                  kubeswift kubectl get nodes        (or the standard kubectl)
                Component logs: \(layout.logsDir). Ctrl-C stops the cluster.

                """)
            fflush(nil)
            while !signals.received {
                for message in try cluster.restartExited() { say(message) }
                try? await Task.sleep(for: .milliseconds(250))
            }
        } catch {
            failure = signals.received ? nil : error
        }
        say("stopping")
        await cluster.stop()
        relay?.stop()
        if let isolated {
            say("deleting network namespace \(isolated.name)")
            isolated.delete()
        }
        if let failure {
            FileHandle.standardError.write(Data("error: \(failure)\n".utf8))
            throw ExitCode(1)
        }
        say("stopped")
    }

    static func imageSpec(_ spec: String) -> (path: String, name: String) {
        guard let equals = spec.lastIndex(of: "=") else {
            let base = URL(fileURLWithPath: spec).deletingPathExtension().lastPathComponent
            return (spec, base)
        }
        return (String(spec[..<equals]), String(spec[spec.index(after: equals)...]))
    }

    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }
}

/// SIGINT/SIGTERM noted instead of ending the process, so `up` can stop its children first.
final class SignalWatcher: @unchecked Sendable {
    private let lock = NSLock()
    private var flag = false
    private var handlers: [@Sendable () -> Void] = []
    private var sources: [DispatchSourceSignal] = []

    init(_ numbers: [Int32]) {
        for number in numbers {
            signal(number, SIG_IGN)
            let source = DispatchSource.makeSignalSource(signal: number, queue: .global())
            source.setEventHandler { [weak self] in self?.fire() }
            source.resume()
            sources.append(source)
        }
    }

    var received: Bool { lock.withLock { flag } }

    func onSignal(_ handler: @escaping @Sendable () -> Void) {
        let already = lock.withLock { () -> Bool in
            if flag { return true }
            handlers.append(handler)
            return false
        }
        if already { handler() }
    }

    private func fire() {
        let run = lock.withLock { () -> [@Sendable () -> Void] in
            flag = true
            defer { handlers = [] }
            return handlers
        }
        for handler in run { handler() }
    }
}

/// Runs `body`, cancelling it when a signal arrives.
func withTaskCancellationOnSignal<T: Sendable>(_ signals: SignalWatcher, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    let task = Task { try await body() }
    signals.onSignal { task.cancel() }
    return try await task.value
}
