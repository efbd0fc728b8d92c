import Foundation
import KubeAPI
import KubeAPIServer
import KubeClient
import KubeStore
import Logging

/// The apiserver in this process on a free loopback port, served over real HTTP, with the
/// storage `kubeswift apiserver` uses by default: SQLite (WAL, synchronous=FULL) in a fresh
/// temporary directory. `KUBESWIFT_BENCH_STORAGE=memory` swaps in the in-memory store, to
/// tell the store's share of the time from the rest.
final class InProcessAPIServer: Sendable {
    let core: APIServerCore
    let store: any Store
    let url: String
    let dataDir: String
    let storage: String
    private let task: Task<Void, any Error>

    private init(core: APIServerCore, store: any Store, url: String, dataDir: String, storage: String, task: Task<Void, any Error>) {
        self.core = core
        self.store = store
        self.url = url
        self.dataDir = dataDir
        self.storage = storage
        self.task = task
    }

    static func start() async throws -> InProcessAPIServer {
        var template = Array((NSTemporaryDirectory() as NSString).appendingPathComponent("ks-bench-sched.XXXXXX").utf8CString)
        guard let made = mkdtemp(&template) else { throw BenchError("mkdtemp failed: errno \(errno)") }
        let dataDir = String(cString: made)
        let storage = ProcessInfo.processInfo.environment["KUBESWIFT_BENCH_STORAGE"] ?? "sqlite"
        let store: any Store
        switch storage {
        case "memory": store = MemoryStore()
        case "sqlite": store = try SQLiteStore(path: (dataDir as NSString).appendingPathComponent("state.db"))
        default: throw BenchError("KUBESWIFT_BENCH_STORAGE must be sqlite or memory, not \(storage)")
        }
        var options = APIServerCore.Options()
        // Critical only: cancelling the server at the end logs Hummingbird's shutdown as errors.
        var logger = quietLogger("kubeswift.apiserver")
        logger.logLevel = .critical
        options.logger = logger
        let core = try APIServerCore(store: store, options: options)
        try await core.bootstrap()
        var configuration = APIServer.Configuration()
        configuration.port = 0
        let server = APIServer(core: core, configuration: configuration)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { continuation.yield($0) } }
        var port = 0
        for await p in ports { port = p; break }
        guard port != 0 else { throw BenchError("the apiserver did not start listening") }
        return InProcessAPIServer(core: core, store: store, url: "http://127.0.0.1:\(port)", dataDir: dataDir, storage: storage, task: task)
    }

    func client(userAgent: String) throws -> RESTClient {
        var config = ClientConfig(server: url)
        config.userAgent = userAgent
        return try RESTClient(config: config)
    }

    func stop() async {
        // Not awaited: a cancelled Hummingbird server waits for its open connections to close, and
        // the process-wide HTTP client keeps idle ones for 60 s. Nothing is in flight by now.
        task.cancel()
        await store.close()
        try? FileManager.default.removeItem(atPath: dataDir)
    }
}

struct BenchError: Error, CustomStringConvertible {
    var description: String
    init(_ description: String) { self.description = description }
}

/// Components log warnings and worse only: a benchmark's stderr is for what went wrong.
func quietLogger(_ label: String) -> Logger {
    var logger = Logger(label: label)
    logger.logLevel = .warning
    return logger
}

/// Runs `operation` for 0..<count with at most `width` in flight; the first error is rethrown.
func concurrently(_ count: Int, width: Int, _ operation: @escaping @Sendable (Int) async throws -> Void) async throws {
    try await withThrowingTaskGroup(of: Void.self) { group in
        var next = 0
        while next < min(width, count) {
            let i = next
            group.addTask { try await operation(i) }
            next += 1
        }
        while try await group.next() != nil {
            if next < count {
                let i = next
                group.addTask { try await operation(i) }
                next += 1
            }
        }
    }
}
