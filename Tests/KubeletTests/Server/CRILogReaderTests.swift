import Foundation
import KubeswiftTestSupport
import Testing

@testable import Kubelet

/// The CRI log format as the runtime writes it and the kubelet serves it.
@Suite struct CRILogRecordTests {
    @Test func parsesFullAndPartialRecords() throws {
        let full = try CRILogRecord(parsing: Array("2026-11-24T09:00:00.5Z stdout F hello world".utf8)[...])
        #expect(full.stream == .stdout)
        #expect(!full.partial)
        #expect(String(decoding: full.content, as: UTF8.self) == "hello world")
        #expect(full.time == LogTimestamp(seconds: 1_795_510_800, nanoseconds: 500_000_000))

        let partial = try CRILogRecord(parsing: Array("2026-11-24T09:00:00.123456789Z stderr P part ".utf8)[...])
        #expect(partial.stream == .stderr)
        #expect(partial.partial)
        #expect(String(decoding: partial.content, as: UTF8.self) == "part ")

        // An empty line is a record with empty content.
        let empty = try CRILogRecord(parsing: Array("2026-11-24T09:00:00Z stdout F ".utf8)[...])
        #expect(empty.content.isEmpty)
    }

    @Test func rejectsMalformedLines() {
        #expect(throws: CRILogParseError.self) { try CRILogRecord(parsing: Array("garbage".utf8)[...]) }
        #expect(throws: CRILogParseError.self) { try CRILogRecord(parsing: Array("2026-11-24T09:00:00Z stdin F x".utf8)[...]) }
        #expect(throws: CRILogParseError.self) { try CRILogRecord(parsing: Array("yesterday stdout F x".utf8)[...]) }
    }

    @Test func timestampsRoundTripWithFixedNanoseconds() throws {
        let t = try #require(LogTimestamp(rfc3339: Array("2026-11-24T09:00:00.12Z".utf8)))
        #expect(t.rfc3339NanoFixed == "2026-11-24T09:00:00.120000000Z")
        let offset = try #require(LogTimestamp(rfc3339: Array("2026-11-24T11:00:00+02:00".utf8)))
        #expect(offset.rfc3339NanoFixed == "2026-11-24T09:00:00.000000000Z")
        let early = try #require(LogTimestamp(rfc3339: Array("1969-12-31T23:59:59.000000001Z".utf8)))
        #expect(early.seconds == -1)
        #expect(early.rfc3339NanoFixed == "1969-12-31T23:59:59.000000001Z")
        #expect(LogTimestamp(rfc3339: Array("2026-13-01T00:00:00Z".utf8)) == nil)
    }
}

/// A real CRI log file written by the test, read through `ContainerLogStreamer`.
@Suite struct ContainerLogStreamerTests {
    let dir: URL
    let path: String

    init() throws {
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ks-logs-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        path = dir.appendingPathComponent("0.log").path
        let lines = [
            "2026-11-24T09:00:01.000000001Z stdout F first",
            "2026-11-24T09:00:02Z stderr F second (stderr)",
            "2026-11-24T09:00:03.5Z stdout P a long line ",
            "2026-11-24T09:00:03.6Z stdout P split in ",
            "2026-11-24T09:00:03.7Z stdout F three records",
            "not a CRI line",
            "2026-11-24T09:00:04Z stdout F last",
        ]
        try (lines.joined(separator: "\n") + "\n").write(toFile: path, atomically: true, encoding: .utf8)
    }

    func read(_ query: [(String, String)] = [], now: Date = Date()) async throws -> String {
        let options = try ContainerLogOptions(query: QueryParameters(query), now: now)
        let collected = Collected()
        try await ContainerLogStreamer(path: path, options: options, isRunning: { false }).stream { collected.append($0) }
        return collected.text
    }

    @Test func stripsThePrefixAndJoinsPartialLines() async throws {
        #expect(try await read() == "first\nsecond (stderr)\na long line split in three records\nlast\n")
    }

    @Test func timestampsPrefixEachLogicalLineOnce() async throws {
        #expect(try await read([("timestamps", "true")]) == """
            2026-11-24T09:00:01.000000001Z first
            2026-11-24T09:00:02.000000000Z second (stderr)
            2026-11-24T09:00:03.500000000Z a long line split in three records
            2026-11-24T09:00:04.000000000Z last

            """)
    }

    @Test func tailCountsFileLinesFromTheEnd() async throws {
        #expect(try await read([("tailLines", "1")]) == "last\n")
        // Upstream counts file lines: the last three records of the split line plus the garbage line.
        #expect(try await read([("tailLines", "3")]) == "three records\nlast\n")
        #expect(try await read([("tailLines", "0")]) == "")
        #expect(try await read([("tailLines", "100")]) == "first\nsecond (stderr)\na long line split in three records\nlast\n")
    }

    @Test func sinceSkipsOlderRecords() async throws {
        #expect(try await read([("sinceTime", "2026-11-24T09:00:03.6Z")]) == "split in three records\nlast\n")
        // sinceSeconds is relative to now.
        let now = Date(timeIntervalSince1970: 1_795_510_805)  // 09:00:05
        #expect(try await read([("sinceSeconds", "1")], now: now) == "last\n")
        #expect(try await read([("sinceSeconds", "2")], now: now) == "a long line split in three records\nlast\n")
    }

    @Test func limitBytesCutsTheOutput() async throws {
        #expect(try await read([("limitBytes", "8")]) == "first\nse")
    }

    @Test func invalidOptionsAreRejectedAsUpstreamDoes() async throws {
        await #expect(throws: KubeletServerError.self) { try await read([("tailLines", "x")]) }
        do {
            _ = try ContainerLogOptions(query: QueryParameters([("tailLines", "-1")]))
            Issue.record("negative tailLines accepted")
        } catch {
            #expect(error.status == 422)
            #expect(error.message == "tailLines: Invalid value: -1: must be greater than or equal to 0")
        }
        do {
            _ = try ContainerLogOptions(query: QueryParameters([("sinceSeconds", "5"), ("sinceTime", "2026-11-24T09:00:00Z")]))
            Issue.record("both since forms accepted")
        } catch {
            #expect(error.message.contains("at most one of `sinceTime` or `sinceSeconds` may be specified"))
        }
    }

    @Test func followSeesAppendedLinesUntilTheContainerStops() async throws {
        let options = try ContainerLogOptions(query: QueryParameters([("follow", "true"), ("tailLines", "1")]))
        let running = Flag(true)
        let collected = Collected()
        let streamer = ContainerLogStreamer(
            path: path, options: options, isRunning: { running.value }, pollInterval: .milliseconds(20),
            runningCheckInterval: .milliseconds(50))
        let task = Task { try await streamer.stream { collected.append($0) } }
        try await waitUntil { collected.text == "last\n" }

        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("2026-11-24T09:00:05Z stdout P appended \n".utf8))
        try await Task.sleep(for: .milliseconds(100))
        // A partial record is shown as it arrives; its line ends with the next full record.
        #expect(collected.text == "last\nappended ")
        handle.write(Data("2026-11-24T09:00:05Z stdout F line\n2026-11-24T09:00:06Z stdout F and one more\n".utf8))
        try await waitUntil { collected.text == "last\nappended line\nand one more\n" }
        #expect(!task.isCancelled)

        // The container stops: what it wrote last is still delivered, then the stream ends.
        handle.write(Data("2026-11-24T09:00:07Z stdout F bye\n".utf8))
        running.value = false
        try handle.close()
        try await within(.seconds(5)) { try await task.value }
        #expect(collected.text == "last\nappended line\nand one more\nbye\n")
    }

    @Test func followEndsWhenTheClientGoesAway() async throws {
        let options = try ContainerLogOptions(query: QueryParameters([("follow", "true")]))
        let streamer = ContainerLogStreamer(path: path, options: options, isRunning: { true }, pollInterval: .milliseconds(20))
        let task = Task { try await streamer.stream { _ in throw CancellationError() } }
        await #expect(throws: CancellationError.self) { try await within(.seconds(5)) { try await task.value } }
    }

    @Test func followContinuesIntoARotatedFile() async throws {
        let options = try ContainerLogOptions(query: QueryParameters([("follow", "true"), ("tailLines", "0")]))
        let running = Flag(true)
        let collected = Collected()
        let streamer = ContainerLogStreamer(
            path: path, options: options, isRunning: { running.value }, pollInterval: .milliseconds(20),
            runningCheckInterval: .milliseconds(50))
        let task = Task { try await streamer.stream { collected.append($0) } }
        try await Task.sleep(for: .milliseconds(100))
        try FileManager.default.moveItem(atPath: path, toPath: path + ".1")
        try "2026-11-24T09:01:00Z stdout F after rotation\n".write(toFile: path, atomically: false, encoding: .utf8)
        try await waitUntil { collected.text == "after rotation\n" }
        running.value = false
        try await within(.seconds(5)) { try await task.value }
    }
}

final class Collected: @unchecked Sendable {
    private let lock = NSLock()
    private var bytes: [UInt8] = []
    func append(_ more: [UInt8]) { lock.withLock { bytes += more } }
    var text: String { lock.withLock { String(decoding: bytes, as: UTF8.self) } }
}

final class Flag: @unchecked Sendable {
    private let lock = NSLock()
    private var current: Bool
    init(_ value: Bool) { current = value }
    var value: Bool {
        get { lock.withLock { current } }
        set { lock.withLock { current = newValue } }
    }
}

struct TimedOut: Error {}

func waitUntil(timeout: Duration = .seconds(5), _ condition: @Sendable () -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while !condition() {
        if ContinuousClock.now > deadline { throw TimedOut() }
        try await Task.sleep(for: .milliseconds(10))
    }
}

