import ArgumentParser
import Foundation
import KubeAPIServer
import KubeStore
import Logging

/// `kubeswift apiserver`: the Kubernetes API over an embedded store, flags as upstream's.
struct APIServerCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "apiserver",
        abstract: "Serve the Kubernetes API over an embedded store or etcd.")

    enum StorageBackend: String, ExpressibleByArgument, CaseIterable {
        case sqlite, memory, etcd
    }

    @Option(help: "Directory for the state database; nothing is written outside it.")
    var dataDir: String = "/var/lib/kubeswift/apiserver"

    @Option(help: "Address to listen on. Plain HTTP binds to loopback unless told otherwise.")
    var bindAddress: String = "127.0.0.1"

    @Option(help: "Port to serve on (0 picks a free port and prints it).")
    var port: Int = 6443

    @Option(help: "Storage backend: sqlite (durable, in --data-dir), memory, or etcd (implied by --etcd-servers).")
    var storage: StorageBackend?

    @Option(help: "etcd client URLs, comma-separated (http://HOST:PORT,...); selects the etcd backend.")
    var etcdServers: String?

    @Option(help: "CIDR from which Service ClusterIPs are allocated.")
    var serviceClusterIPRange: String = "10.96.0.0/12"

    @Option(help: "Port range reserved for NodePort Services, as FROM-TO.")
    var serviceNodePortRange: String = "30000-32767"

    @Option(help: "tolerationSeconds of the not-ready:NoExecute toleration added to every pod that has none.")
    var defaultNotReadyTolerationSeconds: Int64 = 300

    @Option(help: "tolerationSeconds of the unreachable:NoExecute toleration added to every pod that has none.")
    var defaultUnreachableTolerationSeconds: Int64 = 300

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        guard parseRange(serviceNodePortRange) != nil else {
            throw ValidationError("invalid --service-node-port-range \"\(serviceNodePortRange)\": expected FROM-TO, e.g. 30000-32767")
        }
        guard (0...65535).contains(port) else { throw ValidationError("invalid --port \(port): must be 0-65535") }
        if let etcdServers {
            if let storage, storage != .etcd {
                throw ValidationError("--etcd-servers needs --storage etcd (or no --storage), not --storage \(storage.rawValue)")
            }
            do { _ = try EtcdEndpoint.parseList(etcdServers) } catch {
                throw ValidationError("invalid --etcd-servers \"\(etcdServers)\": \(error)")
            }
        } else if storage == .etcd {
            throw ValidationError("--storage etcd needs --etcd-servers http://HOST:PORT[,...]")
        }
    }

    /// The backend in force: etcd whenever --etcd-servers is given, as upstream's apiserver.
    var backend: StorageBackend { etcdServers != nil ? .etcd : storage ?? .sqlite }

    func parseRange(_ s: String) -> ClosedRange<Int>? {
        let parts = s.split(separator: "-").compactMap { Int($0) }
        guard parts.count == 2, parts[0] > 0, parts[0] <= parts[1], parts[1] <= 65535 else { return nil }
        return parts[0]...parts[1]
    }

    func run() async throws {
        let logger = componentLogger("kubeswift.apiserver", level: logLevel)
        let store: any Store
        switch backend {
        case .memory:
            store = MemoryStore()
        case .sqlite:
            try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
            store = try SQLiteStore(path: (dataDir as NSString).appendingPathComponent("state.db"))
        case .etcd:
            do {
                store = try await EtcdStore.connect(endpoints: try EtcdEndpoint.parseList(etcdServers ?? ""))
            } catch {
                // Upstream's apiserver also refuses to start without its storage; say which and why.
                FileHandle.standardError.write(Data("kubeswift apiserver: \(error)\n".utf8))
                throw ExitCode(1)
            }
        }
        var options = APIServerCore.Options()
        options.serviceClusterIPRange = serviceClusterIPRange
        options.serviceNodePortRange = parseRange(serviceNodePortRange)!
        options.defaultNotReadyTolerationSeconds = defaultNotReadyTolerationSeconds
        options.defaultUnreachableTolerationSeconds = defaultUnreachableTolerationSeconds
        options.logger = logger
        let core: APIServerCore
        do {
            core = try APIServerCore(store: store, options: options)
        } catch {
            throw ValidationError("\(error)")
        }
        try await core.bootstrap()
        var config = APIServer.Configuration()
        config.bindAddress = bindAddress
        config.port = port
        let server = APIServer(core: core, configuration: config)
        let log = logger
        let (bind, backend) = (bindAddress, etcdServers.map { "etcd \($0)" } ?? self.backend.rawValue)
        try await server.run { port in
            log.notice("serving the Kubernetes API on http://\(bind):\(port) (storage: \(backend))")
            print("kubeswift apiserver listening on http://\(bind):\(port)")
            fflush(nil)
        }
    }
}
