import EtcdTestSupport
import Foundation
import KubeStore
import Testing

/// One backend the conformance suite runs against. Add etcd here and every check runs against it.
struct StoreBackend: Sendable, CustomTestStringConvertible {
    let name: String
    let open: @Sendable () async throws -> any Store
    var testDescription: String { name }

    /// etcd joins when its binary is installed (the etcd suites say so when it is not).
    static let all: [StoreBackend] = EtcdTestCluster.available ? [.memory, .sqlite, .etcd] : [.memory, .sqlite]

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

    /// A single-member etcd of its own per store (tests compact, and read at old revisions, so they
    /// cannot share one), with 300 ms progress notifications; closing the store ends it.
    static let etcd = StoreBackend(name: "etcd") {
        let cluster = try await EtcdTestCluster.start()
        do {
            let endpoints = try EtcdEndpoint.parseList(cluster.servers)
            return OwningStore(try await EtcdStore.connect(endpoints: endpoints, options: .patient), owner: cluster)
        } catch {
            await cluster.shutdown()
            throw error
        }
    }
}

/// A store that shuts its etcd down when closed.
final class OwningStore: Store {
    let store: any Store
    let owner: EtcdTestCluster

    init(_ store: any Store, owner: EtcdTestCluster) {
        self.store = store
        self.owner = owner
    }

    func currentRevision() async throws(StoreError) -> Int64 { try await store.currentRevision() }
    func get(_ key: String) async throws(StoreError) -> KeyValue? { try await store.get(key) }
    func list(prefix: String, startAfter: String?, limit: Int, revision: Int64) async throws(StoreError) -> ListResult {
        try await store.list(prefix: prefix, startAfter: startAfter, limit: limit, revision: revision)
    }
    func count(prefix: String) async throws(StoreError) -> Int { try await store.count(prefix: prefix) }
    func create(_ key: String, value: [UInt8], ttl: Int64?) async throws(StoreError) -> Int64 {
        try await store.create(key, value: value, ttl: ttl)
    }
    func update(_ key: String, value: [UInt8], expectedRevision: Int64?, ttl: Int64?) async throws(StoreError) -> Int64 {
        try await store.update(key, value: value, expectedRevision: expectedRevision, ttl: ttl)
    }
    func delete(_ key: String, expectedRevision: Int64?) async throws(StoreError) -> (deleted: KeyValue, revision: Int64) {
        try await store.delete(key, expectedRevision: expectedRevision)
    }
    func watch(prefix: String, afterRevision: Int64) -> AsyncThrowingStream<StoreWatchEvent, any Error> {
        store.watch(prefix: prefix, afterRevision: afterRevision)
    }
    func compact(revision: Int64) async throws(StoreError) -> Int64 { try await store.compact(revision: revision) }
    func close() async {
        await store.close()
        await owner.shutdown()
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
