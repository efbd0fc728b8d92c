import Foundation
import Synchronization

/// The single writer: one connection on one thread. Concurrent write requests are GROUP COMMITTED —
/// everything queued while the previous transaction was syncing goes into the next one, each request
/// in its own SAVEPOINT, and no request is acknowledged before COMMIT (and its fsync) returns.
final class SQLiteWriter: Sendable {
    struct Job: Sendable {
        /// Runs inside the batch's transaction; returns false to roll its own changes back.
        let apply: @Sendable (SQLiteWriteContext) -> Bool
        /// Called after COMMIT with nil, or with why the batch did not commit.
        let finish: @Sendable (StoreError?) -> Void
    }

    private let thread: SQLiteThread<Job>
    let path: String
    /// Transactions committed and requests they carried, so group commit can be observed.
    let counters: WriterCounters

    /// - Parameter committed: called on the writer thread after each commit with the newest revision.
    init(connection: SQLiteConnection, revision: Int64, maxBatch: Int, committed: @escaping @Sendable (Int64) -> Void) {
        let context = SQLiteWriteContext(connection: connection, revision: revision)
        path = connection.path
        let counters = WriterCounters()
        self.counters = counters
        thread = SQLiteThread(
            name: "kubestore-sqlite-writer", maxBatch: maxBatch,
            process: { batch in
                let failure = Self.commit(batch, in: context)
                if failure == nil {
                    counters.commits.add(1, ordering: .relaxed)
                    counters.requests.add(batch.count, ordering: .relaxed)
                    committed(context.revision)
                }
                for job in batch { job.finish(failure) }
            },
            finally: { connection.close() })
    }

    /// Runs `body` in the next group commit and returns its result once that commit is durable.
    func write<T: Sendable>(_ body: @escaping @Sendable (SQLiteWriteContext) throws(StoreError) -> T) async throws(StoreError) -> T {
        let result: Result<T, StoreError> = await withCheckedContinuation { continuation in
            let outcome = OutcomeBox<T>()
            let job = Job(
                apply: { context in
                    do throws(StoreError) {
                        outcome.result = .success(try body(context))
                        return true
                    } catch {
                        outcome.result = .failure(error)
                        return false
                    }
                },
                finish: { failure in
                    if let failure, case .success = outcome.result {
                        continuation.resume(returning: .failure(failure))
                    } else {
                        continuation.resume(returning: outcome.result ?? .failure(.internal("write to \(self.path) was never applied")))
                    }
                })
            if !thread.submit(job) {
                continuation.resume(returning: .failure(.unavailable("sqlite store \(path) is closed")))
            }
        }
        return try result.get()
    }

    func stop() async { await thread.stop() }
    func requestStop() { thread.requestStop() }

    /// Applies `batch` in one transaction. Returns nil when it committed.
    private static func commit(_ batch: [Job], in context: SQLiteWriteContext) -> StoreError? {
        let startRevision = context.revision
        do throws(StoreError) {
            try context.connection.execute("BEGIN IMMEDIATE")
        } catch {
            return error
        }
        for job in batch {
            let before = context.revision
            do throws(StoreError) {
                try context.connection.execute("SAVEPOINT request")
                if !job.apply(context) {
                    try context.connection.execute("ROLLBACK TO request")
                    context.revision = before
                }
                try context.connection.execute("RELEASE request")
            } catch {
                try? context.connection.execute("ROLLBACK")
                context.revision = startRevision
                return error
            }
        }
        do throws(StoreError) {
            try context.connection.execute("COMMIT")
            return nil
        } catch {
            try? context.connection.execute("ROLLBACK")
            context.revision = startRevision
            return error
        }
    }
}

/// Where a job's result waits for its batch to commit; touched only by the writer thread until then.
private final class OutcomeBox<T: Sendable>: @unchecked Sendable {
    var result: Result<T, StoreError>?
}

/// What a write job sees: the writer's connection inside an open transaction, and the last revision
/// assigned. Revisions are assigned here (not left to AUTOINCREMENT) so a request knows its own.
final class SQLiteWriteContext {
    let connection: SQLiteConnection
    var revision: Int64

    init(connection: SQLiteConnection, revision: Int64) {
        self.connection = connection
        self.revision = revision
    }

    struct Latest {
        var id: Int64
        var deleted: Bool
        var createRevision: Int64
        var value: [UInt8]
        var hasExpiry: Bool
    }

    func latest(_ key: String) throws(StoreError) -> Latest? {
        var latest: Latest?
        try connection.query(SQLiteSchema.latest, [.text(key)]) { row in
            latest = Latest(
                id: row.integer(0), deleted: row.integer(1) != 0, createRevision: row.integer(2),
                value: row.bytes(3), hasExpiry: row.integer(4) != 0)
        }
        return latest
    }

    func create(_ key: String, value: [UInt8], expiresAt: Int64?) throws(StoreError) -> Int64 {
        let previous = try latest(key)
        if let previous, !previous.deleted { throw .keyExists(key: key) }
        let revision = self.revision + 1
        try insert(
            key, created: true, deleted: false, createRevision: revision, previous: previous,
            expiresAt: expiresAt, value: value, oldValue: nil)
        return revision
    }

    func update(_ key: String, value: [UInt8], expectedRevision: Int64?, expiresAt: Int64?) throws(StoreError) -> Int64 {
        let current = try live(key, expectedRevision: expectedRevision)
        try insert(
            key, created: false, deleted: false, createRevision: current.createRevision, previous: current,
            expiresAt: expiresAt, value: value, oldValue: current.value)
        return revision
    }

    func delete(_ key: String, expectedRevision: Int64?) throws(StoreError) -> (deleted: KeyValue, revision: Int64) {
        let current = try live(key, expectedRevision: expectedRevision)
        try insert(
            key, created: false, deleted: true, createRevision: current.createRevision, previous: current,
            expiresAt: nil, value: nil, oldValue: current.value)
        let deleted = KeyValue(key: key, value: current.value, createRevision: current.createRevision, modRevision: current.id)
        return (deleted, revision)
    }

    /// Deletes up to `limit` keys whose TTL ran out at `now` (unix ms). Returns how many.
    func expire(now: Int64, limit: Int) throws(StoreError) -> Int {
        var due: [String] = []
        try connection.query(SQLiteSchema.due, [.integer(now), .integer(Int64(limit))]) { row in
            due.append(row.text(0))
        }
        for key in due { _ = try delete(key, expectedRevision: nil) }
        return due.count
    }

    private func live(_ key: String, expectedRevision: Int64?) throws(StoreError) -> Latest {
        guard let current = try latest(key), !current.deleted else { throw .keyNotFound(key: key) }
        if let expectedRevision, expectedRevision != current.id {
            throw .conflict(
                key: key, current: KeyValue(key: key, value: current.value, createRevision: current.createRevision, modRevision: current.id)
            )
        }
        return current
    }

    private func insert(
        _ key: String, created: Bool, deleted: Bool, createRevision: Int64, previous: Latest?,
        expiresAt: Int64?, value: [UInt8]?, oldValue: [UInt8]?
    ) throws(StoreError) {
        let revision = self.revision + 1
        try connection.run(
            SQLiteSchema.insert,
            [
                .integer(revision), .text(key), .integer(created ? 1 : 0), .integer(deleted ? 1 : 0),
                .integer(createRevision), .integer(previous?.id ?? 0), expiresAt.map { .integer($0) } ?? .null,
                value.map { .blob($0) } ?? .null, oldValue.map { .blob($0) } ?? .null,
            ])
        // Only a key's newest row may carry an expiry, so the sweeper's index finds live keys only.
        if let previous, previous.hasExpiry { try connection.run(SQLiteSchema.clearExpiry, [.integer(previous.id)]) }
        self.revision = revision
    }
}

final class WriterCounters: Sendable {
    let commits = Atomic<Int>(0)
    let requests = Atomic<Int>(0)
}
