// Test and benchmark support, not part of the shipped binary: Debian's etcd (3.4) started on free
// loopback ports with data directories of its own, ended by PID.
import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import KubeStore
import Linux
import Synchronization

extension EtcdStore.Options {
    /// For tests on a machine running every suite at once: a first RPC can take longer than the
    /// default 5 s to be answered, which says nothing about the store.
    public static var patient: EtcdStore.Options {
        var options = EtcdStore.Options()
        options.startupTimeout = .seconds(30)
        options.attemptTimeout = .seconds(15)
        return options
    }
}

/// One etcd cluster (one or more members) on 127.0.0.1, each member a child process this object
/// started. `shutdown()` (or deinit) kills them by PID and removes their data.
public final class EtcdTestCluster: Sendable {
    /// The etcd binary: `$KUBESWIFT_ETCD`, else Debian's /usr/bin/etcd.
    public static var binary: String {
        ProcessInfo.processInfo.environment["KUBESWIFT_ETCD"] ?? "/usr/bin/etcd"
    }
    public static var available: Bool { FileManager.default.isExecutableFile(atPath: binary) }
    public static let skipReason = "needs etcd at /usr/bin/etcd (Debian's etcd-server) or $KUBESWIFT_ETCD"

    public struct Options: Sendable {
        /// etcd's per-watcher progress notification period (the store's `.progress` events).
        public var progressNotifyInterval = "300ms"
        /// Raft heartbeat and election timeout in ms; short ones make single-member start and
        /// fail-over quick (and etcd's minimum lease TTL 1 s).
        public var heartbeatMillis = 50
        public var electionMillis = 500
        /// Where data directories go; /dev/shm keeps fsyncs cheap for functional tests.
        public var dataRoot = FileManager.default.fileExists(atPath: "/dev/shm") ? "/dev/shm" : NSTemporaryDirectory()
        public init() {}
    }

    public struct Member: Sendable {
        public let name: String
        public let clientPort: Int
        public let peerPort: Int
        public let dataDir: String
        public var clientURL: String { "http://127.0.0.1:\(clientPort)" }
        var peerURL: String { "http://127.0.0.1:\(peerPort)" }
    }

    public let members: [Member]
    public let root: String
    private let options: Options
    private let initialCluster: String
    private let processes: Mutex<[Process?]>

    /// Starts a cluster, trying again (with new ports) when a member does not come up: another
    /// process may take a port between choosing it and etcd binding it.
    public static func start(size: Int = 1, options: Options = Options(), attempts: Int = 3) async throws -> EtcdTestCluster {
        var lastError: any Error = EtcdTestClusterError.noFreePort(errno: 0)
        for _ in 0..<attempts {
            do { return try await EtcdTestCluster(size: size, options: options) } catch { lastError = error }
        }
        throw lastError
    }

    /// Runs `body` with a fresh cluster and always waits for its shutdown, so no member outlives the
    /// test process (a fire-and-forget cleanup may not run before the process exits).
    public static func with<T>(size: Int = 1, options: Options = Options(), _ body: (EtcdTestCluster) async throws -> T) async throws -> T {
        let cluster = try await start(size: size, options: options)
        do {
            let result = try await body(cluster)
            await cluster.shutdown()
            return result
        } catch {
            await cluster.shutdown()
            throw error
        }
    }

    /// Starts `size` members and waits until the cluster has a leader (`/health` is true).
    public init(size: Int = 1, options: Options = Options()) async throws {
        self.options = options
        let root = (options.dataRoot as NSString).appendingPathComponent("kubeswift-etcd-\(UUID().uuidString.prefix(8))")
        self.root = root
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        let ports = try freePorts(2 * size)
        members = (0..<size).map { i in
            Member(name: "m\(i)", clientPort: ports[2 * i], peerPort: ports[2 * i + 1], dataDir: "\(root)/m\(i).etcd")
        }
        initialCluster = members.map { "\($0.name)=\($0.peerURL)" }.joined(separator: ",")
        processes = Mutex(Array(repeating: nil, count: size))
        for index in 0..<size { try launch(index) }
        try await waitHealthy(members.indices.map { $0 })
    }

    public var clientURLs: [String] { members.map(\.clientURL) }
    /// `--etcd-servers` for these members.
    public var servers: String { clientURLs.joined(separator: ",") }

    public func pid(_ index: Int) -> Int32? {
        processes.withLock { $0[index].map(\.processIdentifier) }
    }

    /// Kills member `index` (SIGKILL: no goodbye to its peers or clients) and waits for it.
    public func stop(_ index: Int) async {
        guard let process = processes.withLock({ p -> Process? in defer { p[index] = nil }; return p[index] }) else { return }
        kill(process.processIdentifier, SIGKILL)
        await waitForExit(process)
    }

    /// Starts member `index` again from its data directory and waits until it reports healthy.
    public func restart(_ index: Int) async throws {
        try launch(index)
        try await waitHealthy([index])
    }

    public func shutdown() async {
        for index in members.indices { await stop(index) }
        try? FileManager.default.removeItem(atPath: root)
    }

    deinit {
        for process in processes.withLock({ $0 }) {
            guard let process else { continue }
            kill(process.processIdentifier, SIGKILL)
            process.waitUntilExit()
        }
        try? FileManager.default.removeItem(atPath: root)
    }

    private func launch(_ index: Int) throws {
        let member = members[index]
        let process = Process()
        process.executableURL = URL(fileURLWithPath: Self.binary)
        process.arguments = [
            "--name", member.name, "--data-dir", member.dataDir,
            "--listen-client-urls", member.clientURL, "--advertise-client-urls", member.clientURL,
            "--listen-peer-urls", member.peerURL, "--initial-advertise-peer-urls", member.peerURL,
            "--initial-cluster", initialCluster, "--initial-cluster-state", "new",
            "--initial-cluster-token", (root as NSString).lastPathComponent,
            "--heartbeat-interval", "\(options.heartbeatMillis)", "--election-timeout", "\(options.electionMillis)",
            "--experimental-watch-progress-notify-interval", options.progressNotifyInterval,
            "--logger", "zap", "--log-level", "warn",
        ]
        // A log file, not a pipe: nothing has to drain it, and it is there for post-mortems.
        let log = "\(root)/\(member.name).log"
        if !FileManager.default.fileExists(atPath: log) { FileManager.default.createFile(atPath: log, contents: nil) }
        let handle = try FileHandle(forWritingTo: URL(fileURLWithPath: log))
        handle.seekToEndOfFile()
        process.standardOutput = handle
        process.standardError = handle
        process.standardInput = FileHandle.nullDevice
        try process.run()
        try? handle.close()
        processes.withLock { $0[index] = process }
    }

    private func waitHealthy(_ indices: [Int], timeout: Duration = .seconds(30)) async throws {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        for index in indices {
            let url = URL(string: "\(members[index].clientURL)/health")!
            while true {
                if let (data, _) = try? await URLSession.shared.data(from: url),
                    String(decoding: data, as: UTF8.self).contains("\"health\":\"true\"")
                {
                    break
                }
                if processes.withLock({ $0[index]?.isRunning }) != true || ContinuousClock.now > deadline {
                    let log = (try? String(contentsOfFile: "\(root)/\(members[index].name).log", encoding: .utf8)) ?? ""
                    throw EtcdTestClusterError.notHealthy(member: members[index].name, log: String(log.suffix(2000)))
                }
                try await Task.sleep(for: .milliseconds(50))
            }
        }
    }

    /// On a thread of its own: Swift's executor on Linux is libdispatch's pool, which grows only
    /// about once a second while its threads block.
    private func waitForExit(_ process: Process) async {
        let box = ProcessBox(process: process)
        await OwnThread.run { box.process.waitUntilExit() }
    }

    private struct ProcessBox: @unchecked Sendable { let process: Process }
}

public enum EtcdTestClusterError: Error, CustomStringConvertible {
    case notHealthy(member: String, log: String)
    case noFreePort(errno: Int32)

    public var description: String {
        switch self {
        case .notHealthy(let member, let log): return "etcd member \(member) did not become healthy; log tail:\n\(log)"
        case .noFreePort(let errno): return "cannot find a free loopback port: errno \(errno)"
        }
    }
}

/// `count` distinct free TCP ports on 127.0.0.1 (bound to port 0 together, then released).
public func freePorts(_ count: Int) throws -> [Int] {
    var sockets: [Int32] = []
    defer { for fd in sockets { close(fd) } }
    var ports: [Int] = []
    for _ in 0..<count {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw EtcdTestClusterError.noFreePort(errno: errno) }
        sockets.append(fd)
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        address.sin_port = 0
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        let bound = withUnsafeMutablePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                bind(fd, socketAddress, length) == 0 && getsockname(fd, socketAddress, &length) == 0
            }
        }
        guard bound else { throw EtcdTestClusterError.noFreePort(errno: errno) }
        ports.append(Int(UInt16(bigEndian: address.sin_port)))
    }
    return ports
}
