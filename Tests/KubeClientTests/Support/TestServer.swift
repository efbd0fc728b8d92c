import Foundation
import KubeAPI
import KubeAPIServer
import KubeClient
import KubeStore
import Synchronization

/// A real apiserver (APIServerCore behind Hummingbird) on a free loopback port, in this process,
/// over a MemoryStore the test can reach (e.g. to compact it). `stop()` ends it.
final class TestServer: Sendable {
    let store: MemoryStore
    let core: APIServerCore
    let client: RESTClient
    let url: String
    private let task: Task<Void, any Error>

    static func start(progressInterval: Duration = .seconds(5)) async throws -> TestServer {
        var options = MemoryStore.Options()
        options.progressInterval = progressInterval
        let store = MemoryStore(options: options)
        let core = try APIServerCore(store: store)
        try await core.bootstrap()
        var configuration = APIServer.Configuration()
        configuration.bindAddress = "127.0.0.1"
        configuration.port = 0
        let server = APIServer(core: core, configuration: configuration)
        let (ports, portContinuation) = AsyncStream<Int>.makeStream()
        let task = Task {
            try await server.run { port in portContinuation.yield(port) }
        }
        var port: Int? = nil
        for await p in ports {
            port = p
            break
        }
        guard let port, port > 0 else {
            task.cancel()
            throw TestServerError(message: "apiserver did not report a port")
        }
        return try TestServer(store: store, core: core, port: port, task: task)
    }

    private init(store: MemoryStore, core: APIServerCore, port: Int, task: Task<Void, any Error>) throws {
        self.store = store
        self.core = core
        self.url = "http://127.0.0.1:\(port)"
        self.client = try RESTClient(config: ClientConfig(server: url, timeout: .seconds(30)))
        self.task = task
    }

    func stop() async {
        task.cancel()
        _ = await task.result
        await store.close()
    }
}

struct TestServerError: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}

func makePod(_ name: String, namespace: String = "default", labels: [String: String]? = nil) -> Pod {
    var pod = Pod(metadata: ObjectMeta(name: name, namespace: namespace, labels: labels))
    pod.spec.containers = [Container(name: "c", image: "busybox")]
    return pod
}

/// Records what an informer's handler saw, in order.
final class EventLog<Object: KubeObject>: Sendable {
    enum Entry: Hashable, CustomStringConvertible {
        case add(String), update(String), delete(String)
        var description: String {
            switch self {
            case .add(let k): "add \(k)"
            case .update(let k): "update \(k)"
            case .delete(let k): "delete \(k)"
            }
        }
    }

    let entries = Mutex<[(Entry, Object?, Object)]>([])

    var handler: EventHandler<Object> {
        EventHandler(
            onAdd: { o in self.entries.withLock { $0.append((.add(objectKey(o)), nil, o)) } },
            onUpdate: { old, new in self.entries.withLock { $0.append((.update(objectKey(new)), old, new)) } },
            onDelete: { o in self.entries.withLock { $0.append((.delete(objectKey(o)), nil, o)) } })
    }

    var events: [Entry] { entries.withLock { $0.map(\.0) } }
    var objects: [Object] { entries.withLock { $0.map(\.2) } }
    var all: [(Entry, Object?, Object)] { entries.withLock { $0 } }
}

/// Polls `condition` until it holds or `timeout` passes; generous bounds, never a speed test.
func eventually(timeout: Duration = .seconds(20), _ condition: () async throws -> Bool) async rethrows -> Bool {
    let deadline = ContinuousClock.now + timeout
    while ContinuousClock.now < deadline {
        if try await condition() { return true }
        try? await Task.sleep(for: .milliseconds(20))
    }
    return try await condition()
}

/// A shared mutable value for tests (a Mutex in a class, so closures and tasks can capture it).
final class Locked<Value: Sendable>: Sendable {
    private let mutex: Mutex<Value>
    init(_ value: Value) { mutex = Mutex(value) }
    var value: Value { mutex.withLock { $0 } }
    func withLock<R: Sendable>(_ body: (inout Value) -> R) -> R { mutex.withLock { body(&$0) } }
}
