import Foundation
import KubeStore
import Testing

/// One backend the conformance suite runs against. Add etcd here and every check runs against it.
struct StoreBackend: Sendable, CustomTestStringConvertible {
    let name: String
    let open: @Sendable () async throws -> any Store
    var testDescription: String { name }

    static let all: [StoreBackend] = [.memory, .sqlite]

    static let memory = StoreBackend(name: "memory") {
        var options = MemoryStore.Options()
        options.progressInterval = .milliseconds(300)
        options.ttlSweepInterval = .milliseconds(100)
        return MemoryStore(options: options)
    }

    static let sqlite = StoreBackend(name: "sqlite") {
        var options = SQLiteStore.Options()
        options.progressInterval = .milliseconds(300)
        options.ttlSweepInterval = .milliseconds(100)
        options.pollInterval = .milliseconds(200)
        return try SQLiteStore(path: TemporaryDirectory.make() + "/state/kubeswift.db", options: options)
    }
}

enum TemporaryDirectory {
    /// A fresh directory under the system temp dir (left behind for post-mortems; /tmp is cleaned by the OS).
    static func make() -> String {
        let path = NSTemporaryDirectory() + "kubestore-test-" + UUID().uuidString
        try! FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }
}

/// Opens a store from `backend`, runs `body`, and closes the store whatever happens.
func withStore<T>(_ backend: StoreBackend, _ body: (any Store) async throws -> T) async throws -> T {
    let store = try await backend.open()
    do {
        let result = try await body(store)
        await store.close()
        return result
    } catch {
        await store.close()
        throw error
    }
}

extension String {
    var bytes: [UInt8] { Array(utf8) }
}
