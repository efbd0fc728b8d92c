import Foundation
import Testing

@testable import KubeStore

/// What only the SQLite backend promises: the file survives the process, and compaction shrinks it.
@Suite("SQLiteStore")
struct SQLiteStoreTests {
    @Test func dataRevisionsAndCompactionSurviveReopening() async throws {
        let path = TemporaryDirectory.make() + "/nested/dir/kubeswift.db"
        let first = try SQLiteStore(path: path)
        let r1 = try await first.create("/a", value: "1".bytes, ttl: nil)
        let r2 = try await first.update("/a", value: "2".bytes, expectedRevision: r1, ttl: nil)
        let r3 = try await first.create("/b", value: [], ttl: nil)
        let (_, r4) = try await first.delete("/b", expectedRevision: r3)
        try await first.compact(revision: r4)
        await first.close()

        let second = try SQLiteStore(path: path)
        #expect(try await second.currentRevision() == r4)
        #expect(try await second.get("/a") == KeyValue(key: "/a", value: "2".bytes, createRevision: r1, modRevision: r2))
        #expect(try await second.get("/b") == nil)
        await #expect(throws: StoreError.compacted(requested: r2, compactedRevision: r4)) {
            try await second.list(prefix: "/", startAfter: nil, limit: 0, revision: r2)
        }
        // The newest revision was a compacted-away tombstone; revisions still never repeat.
        #expect(try await second.create("/c", value: [], ttl: nil) == r4 + 1)
        await second.close()
    }

    @Test func concurrentWritesShareCommits() async throws {
        let path = TemporaryDirectory.make() + "/kubeswift.db"
        let store = try SQLiteStore(path: path)
        let before = store.writer.counters.commits.load(ordering: .relaxed)
        await withTaskGroup(of: Void.self) { group in
            for client in 0..<64 {
                group.addTask {
                    for index in 0..<10 { _ = try? await store.create("/c\(client)/\(index)", value: [], ttl: nil) }
                }
            }
        }
        let commits = store.writer.counters.commits.load(ordering: .relaxed) - before
        #expect(try await store.count(prefix: "/c") == 640)
        #expect(commits < 640 / 4, "640 concurrent creates took \(commits) transactions")
        // The file is in WAL mode (synchronous=FULL is per connection and set on the writer's).
        let connection = try SQLiteConnection(path: path)
        var mode = ""
        try connection.query("PRAGMA journal_mode") { mode = $0.text(0) }
        connection.close()
        #expect(mode == "wal")
        await store.close()
    }

    @Test func compactionDeletesSupersededRowsOnly() async throws {
        let path = TemporaryDirectory.make() + "/kubeswift.db"
        let store = try SQLiteStore(path: path)
        var revision: Int64 = 0
        for index in 0..<10 {
            revision = try await store.create("/k\(index)", value: [], ttl: nil)
            for _ in 0..<4 { revision = try await store.update("/k\(index)", value: [1], expectedRevision: nil, ttl: nil) }
        }
        for index in 0..<3 { revision = try await store.delete("/k\(index)", expectedRevision: nil).revision }
        let beforeCompaction = try rowCount(path)
        #expect(beforeCompaction == 53)
        try await store.compact(revision: revision)
        #expect(try rowCount(path) == 7)
        #expect(try await store.count(prefix: "/") == 7)
        // A later write and a later compaction that has nothing to delete.
        let next = try await store.update("/k5", value: [2], expectedRevision: nil, ttl: nil)
        #expect(try await store.compact(revision: next) == next)
        let afterSecond = try rowCount(path)
        #expect(afterSecond == 7)
        #expect(try await store.compact(revision: revision) == next)
        await store.close()
    }

    @Test func listPagesThroughManyKeysWithHistory() async throws {
        let store = try SQLiteStore(path: TemporaryDirectory.make() + "/kubeswift.db")
        for index in 0..<300 {
            let key = "/pods/" + String(format: "%04d", index)
            _ = try await store.create(key, value: [], ttl: nil)
            if index % 3 == 0 { _ = try await store.update(key, value: [1], expectedRevision: nil, ttl: nil) }
            if index % 10 == 0 { _ = try await store.delete(key, expectedRevision: nil) }
        }
        var seen: [String] = []
        var startAfter: String?
        var more = true
        while more {
            let page = try await store.list(prefix: "/pods/", startAfter: startAfter, limit: 50, revision: 0)
            #expect(page.remaining == (page.more ? 270 - seen.count - page.items.count : 0))
            seen += page.items.map(\.key)
            startAfter = page.items.last?.key
            more = page.more
        }
        #expect(seen.count == 270)
        #expect(seen == seen.sorted())
        await store.close()
    }

    /// A child process writes with 16 concurrent clients and prints each key once its create has
    /// returned; it is SIGKILLed mid-stream. Every acknowledged key must be there after reopening.
    @Test func acknowledgedWritesSurviveSIGKILL() async throws {
        let path = TemporaryDirectory.make() + "/kubeswift.db"
        let child = Process()
        child.executableURL = helperExecutable
        child.arguments = ["write", path, "16"]
        let output = Pipe()
        // Other tests spawn children concurrently; close-on-exec keeps them from inheriting
        // this pipe, whose read end must see EOF when the child dies.
        _ = fcntl(output.fileHandleForReading.fileDescriptor, F_SETFD, FD_CLOEXEC)
        _ = fcntl(output.fileHandleForWriting.fileDescriptor, F_SETFD, FD_CLOEXEC)
        child.standardOutput = output
        try child.run()
        // A child that stops writing would block the read below forever; kill it after a minute.
        let watchdog = Task {
            try await Task.sleep(for: .seconds(60))
            if child.isRunning { kill(child.processIdentifier, SIGKILL) }
        }
        defer { watchdog.cancel() }

        let acknowledged = try await Task.detached {
            let reader = output.fileHandleForReading
            var data = Data()
            var killed = false
            while true {
                let chunk = reader.availableData
                if chunk.isEmpty { break }  // EOF: the child is gone
                data.append(chunk)
                if !killed, data.count(where: { $0 == UInt8(ascii: "\n") }) >= 1_500 {
                    kill(child.processIdentifier, SIGKILL)
                    killed = true
                }
            }
            child.waitUntilExit()
            guard killed else { throw CrashTestFailure(message: "child exited by itself: status \(child.terminationStatus)") }
            // Only whole lines are acknowledgements.
            let text = String(decoding: data, as: UTF8.self)
            return text.split(separator: "\n", omittingEmptySubsequences: true).dropLast(text.hasSuffix("\n") ? 0 : 1).map { Int($0)! }
        }.value
        #expect(child.terminationReason == .uncaughtSignal)
        #expect(acknowledged.count >= 1_500)

        let reopened = try SQLiteStore(path: path)
        var missing: [Int] = []
        for n in acknowledged {
            if try await reopened.get("/crash/\(n)")?.value != "value-\(n)".bytes { missing.append(n) }
        }
        #expect(missing.isEmpty, "acknowledged but lost: \(missing.prefix(20))")
        #expect(try await reopened.count(prefix: "/crash/") >= acknowledged.count)
        #expect(try await reopened.currentRevision() >= Int64(acknowledged.count))
        await reopened.close()
    }

    private var helperExecutable: URL {
        // The test binary and the helper are built into the same directory.
        let testBinary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        return testBinary.deletingLastPathComponent().appendingPathComponent("kubestore-crash-helper")
    }

    private func rowCount(_ path: String) throws -> Int64 {
        let connection = try SQLiteConnection(path: path)
        defer { connection.close() }
        return try connection.scalar("SELECT COUNT(*) FROM kv") ?? -1
    }
}

struct CrashTestFailure: Error, CustomStringConvertible {
    var message: String
    var description: String { message }
}
