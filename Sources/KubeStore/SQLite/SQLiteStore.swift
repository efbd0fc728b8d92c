import Foundation
import Logging
import Synchronization

/// The embedded default `Store`: one SQLite file in WAL mode with `synchronous=FULL`, laid out as
/// kine lays out etcd's model (see `SQLiteSchema`). An acknowledged write has been fsynced.
///
/// Threads: one writer (group commit, see `SQLiteWriter`), `readers` reader threads each with its
/// own connection, and one watch loop (`SQLiteWatchLoop`). Async callers wait on continuations;
/// no sqlite call runs on Swift's cooperative pool. Only one process may open the file at a time.
public final class SQLiteStore: Store {
    public struct Options: Sendable {
        /// How often each watcher gets a `.progress` event (the apiserver's bookmarks).
        public var progressInterval: Duration = .seconds(5)
        /// How often the watch loop looks for new rows when no local commit woke it.
        public var pollInterval: Duration = .seconds(1)
        /// How often keys past their TTL are deleted.
        public var ttlSweepInterval: Duration = .seconds(1)
        /// Events a watcher may have waiting (a replay included) before it is ended as too slow.
        public var watchBufferSize = 10_000
        /// Reader threads (each with its own connection).
        public var readers = 2
        /// Most write requests in one transaction.
        public var maxBatch = 1_000

        public init() {}
    }

    public let path: String
    let writer: SQLiteWriter
    private let readers: [SQLiteThread<ReadJob>]
    private let nextReader = Atomic<Int>(0)
    private let watchLoop: SQLiteWatchLoop
    private let options: Options
    private let revision: CommittedRevision
    private let closed = Atomic<Bool>(false)
    private let sweeper = Mutex<Task<Void, Never>?>(nil)
    private let logger = Logger(label: "kubeswift.store.sqlite")

    typealias ReadJob = @Sendable (SQLiteConnection) -> Void

    /// Opens (creating the file and its directories if needed) the store at `path`.
    public init(path: String, options: Options = Options()) throws(StoreError) {
        self.path = path
        self.options = options
        let directory = (path as NSString).deletingLastPathComponent
        if !directory.isEmpty {
            do {
                try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
            } catch {
                throw .unavailable("create directory \(directory) for \(path): \(error)")
            }
        }
        let writeConnection = try SQLiteConnection(path: path)
        try writeConnection.execute(SQLiteSchema.pragmas)
        try writeConnection.execute(SQLiteSchema.tables)
        let current = try writeConnection.currentRevision()
        let revision = CommittedRevision(current)
        self.revision = revision

        let watchConnection = try SQLiteConnection(path: path)
        try watchConnection.execute("PRAGMA query_only = 1")
        var readConnections: [ThreadConfined<SQLiteConnection>] = []
        for _ in 0..<max(options.readers, 1) {
            let connection = try SQLiteConnection(path: path)
            try connection.execute("PRAGMA query_only = 1")
            readConnections.append(ThreadConfined(connection))
        }
        // Every connection is open; from here on nothing throws, so no thread is left running by a failed init.
        let watchLoop = SQLiteWatchLoop(
            connection: watchConnection, position: current,
            options: .init(pollInterval: options.pollInterval, progressInterval: options.progressInterval))
        self.watchLoop = watchLoop

        writer = SQLiteWriter(connection: writeConnection, revision: current, maxBatch: options.maxBatch) { newest in
            revision.value.store(newest, ordering: .releasing)
            watchLoop.wake()
        }

        var readers: [SQLiteThread<ReadJob>] = []
        for (index, confined) in readConnections.enumerated() {
            readers.append(
                SQLiteThread<ReadJob>(
                    name: "kubestore-sqlite-reader-\(index)", maxBatch: 64,
                    process: { batch in for job in batch { job(confined.value) } },
                    finally: { confined.value.close() }))
        }
        self.readers = readers
        startSweeper()
    }

    deinit {
        // Without close() the threads would outlive the store; ask them to finish and do not wait.
        sweeper.withLock { $0?.cancel() }
        watchLoop.requestStop()
        writer.requestStop()
        for reader in readers { reader.requestStop() }
    }

    public func currentRevision() async throws(StoreError) -> Int64 {
        try checkOpen()
        return revision.value.load(ordering: .acquiring)
    }

    public func get(_ key: String) async throws(StoreError) -> KeyValue? {
        try await read { connection throws(StoreError) in try connection.get(key) }
    }

    public func list(prefix: String, startAfter: String?, limit: Int, revision: Int64) async throws(StoreError) -> ListResult {
        try await read { connection throws(StoreError) in
            try connection.list(prefix: prefix, startAfter: startAfter, limit: limit, revision: revision)
        }
    }

    public func count(prefix: String) async throws(StoreError) -> Int {
        try await read { connection throws(StoreError) in try connection.count(prefix: prefix) }
    }

    public func create(_ key: String, value: [UInt8], ttl: Int64?) async throws(StoreError) -> Int64 {
        let expiresAt = Self.expiry(ttl)
        return try await writer.write { context throws(StoreError) in
            try context.create(key, value: value, expiresAt: expiresAt)
        }
    }

    public func update(_ key: String, value: [UInt8], expectedRevision: Int64?, ttl: Int64?) async throws(StoreError) -> Int64 {
        let expiresAt = Self.expiry(ttl)
        return try await writer.write { context throws(StoreError) in
            try context.update(key, value: value, expectedRevision: expectedRevision, expiresAt: expiresAt)
        }
    }

    public func delete(_ key: String, expectedRevision: Int64?) async throws(StoreError) -> (deleted: KeyValue, revision: Int64) {
        let result = try await writer.write { context throws(StoreError) in
            let (deleted, revision) = try context.delete(key, expectedRevision: expectedRevision)
            return DeleteResult(deleted: deleted, revision: revision)
        }
        return (result.deleted, result.revision)
    }

    public func watch(prefix: String, afterRevision: Int64) -> AsyncThrowingStream<StoreWatchEvent, any Error> {
        let (channel, stream) = WatchChannel.make(prefix: prefix, bufferSize: options.watchBufferSize)
        watchLoop.register(channel, afterRevision: afterRevision)
        return stream
    }

    /// Records `revision` as compacted, then deletes the rows no read at or after it can see, in
    /// chunks so writes interleave. Compacting at or below the current compact revision does nothing.
    @discardableResult
    public func compact(revision target: Int64) async throws(StoreError) -> Int64 {
        try checkOpen()
        let current = revision.value.load(ordering: .acquiring)
        if target > current { throw .futureRevision(requested: target, current: current) }
        // Watchers must have been sent every change up to `target` before its rows can go.
        await watchLoop.waitUntilSent(target)
        let previous = try await writer.write { context throws(StoreError) in
            if target > context.revision { throw .futureRevision(requested: target, current: context.revision) }
            let previous = try context.connection.compactRevision()
            if target > previous {
                try context.connection.run(SQLiteSchema.setCompactRevision, [.integer(target)])
            }
            return previous
        }
        guard target > previous else { return previous }
        let chunk: Int64 = 10_000
        var low = previous
        while low < target {
            let high = min(low + chunk, target)
            try await writer.write { [low] context throws(StoreError) in
                try context.connection.run(SQLiteSchema.compactRange, [.integer(low), .integer(high)])
            }
            low = high
        }
        logger.debug("compacted", metadata: ["path": "\(path)", "revision": "\(target)", "from": "\(previous)"])
        return target
    }

    public func close() async {
        guard closed.compareExchange(expected: false, desired: true, ordering: .acquiringAndReleasing).exchanged else { return }
        sweeper.withLock { $0?.cancel() }
        await watchLoop.stop()
        await writer.stop()
        for reader in readers { await reader.stop() }
    }

    private func checkOpen() throws(StoreError) {
        if closed.load(ordering: .acquiring) { throw .unavailable("sqlite store \(path) is closed") }
    }

    private func read<T: Sendable>(_ body: @escaping @Sendable (SQLiteConnection) throws(StoreError) -> T) async throws(StoreError) -> T {
        try checkOpen()
        let reader = readers[nextReader.wrappingAdd(1, ordering: .relaxed).oldValue % readers.count]
        let result: Result<T, StoreError> = await withCheckedContinuation { continuation in
            let submitted = reader.submit { connection in
                do throws(StoreError) {
                    continuation.resume(returning: .success(try body(connection)))
                } catch {
                    continuation.resume(returning: .failure(error))
                }
            }
            if !submitted { continuation.resume(returning: .failure(.unavailable("sqlite store \(path) is closed"))) }
        }
        return try result.get()
    }

    private func startSweeper() {
        let interval = options.ttlSweepInterval
        let task = Task { [weak self] in
            while !Task.isCancelled {
                try? await Task.sleep(for: interval)
                guard let self, !self.closed.load(ordering: .acquiring) else { return }
                await self.sweepExpired()
            }
        }
        sweeper.withLock { $0 = task }
    }

    private func sweepExpired() async {
        let batch = 500
        while !closed.load(ordering: .acquiring) {
            let now = Self.nowMillis()
            do {
                let expired = try await writer.write { context throws(StoreError) in
                    try context.expire(now: now, limit: batch)
                }
                if expired < batch { return }
            } catch {
                logger.warning("TTL sweep failed", metadata: ["path": "\(path)", "error": "\(error)"])
                return
            }
        }
    }

    private static func expiry(_ ttl: Int64?) -> Int64? {
        ttl.map { nowMillis() + $0 * 1000 }
    }

    private static func nowMillis() -> Int64 {
        Int64((Date().timeIntervalSince1970 * 1000).rounded())
    }
}

private struct DeleteResult: Sendable {
    var deleted: KeyValue
    var revision: Int64
}

/// The newest committed revision, set by the writer thread after each commit.
private final class CommittedRevision: Sendable {
    let value: Atomic<Int64>
    init(_ initial: Int64) { value = Atomic(initial) }
}
