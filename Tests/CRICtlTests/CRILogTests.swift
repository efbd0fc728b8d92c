@testable import CRICtl
import Foundation
import Testing

@Suite("crictl CRI log reading", .timeLimit(.minutes(5)))
struct CRILogTests {
    @Test func recordsParseAndRenderAsTheKubeletPrintsThem() throws {
        let full = try #require(CRILogRecord(line: Array("2024-01-02T03:04:05.123456789Z stdout F hello world".utf8)))
        #expect(full.stream == "stdout" && !full.partial && full.message == Array("hello world".utf8))
        #expect(full.rendered(timestamps: false) == Array("hello world\n".utf8))
        #expect(full.rendered(timestamps: true) == Array("2024-01-02T03:04:05.123456789Z hello world\n".utf8))
        let partial = try #require(CRILogRecord(line: Array("2024-01-02T03:04:05Z stderr P part".utf8)))
        #expect(partial.partial && partial.rendered(timestamps: false) == Array("part".utf8))
        let empty = try #require(CRILogRecord(line: Array("2024-01-02T03:04:05Z stdout F ".utf8)))
        #expect(empty.rendered(timestamps: false) == [0x0A])
        #expect(CRILogRecord(line: Array("garbage".utf8)) == nil)
        #expect(CRILogRecord(line: Array("2024 stdin F x".utf8)) == nil)
    }

    @Test func readerKeepsAnUnfinishedLineForTheNextRead() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("crictl-log-\(UUID().uuidString)").path
        try "T stdout F one\nT stderr F two\nT stdout P thr".write(toFile: path, atomically: false, encoding: .utf8)
        var reader = CRILogReader(path: path)
        #expect(try reader.readNew().map(\.message) == [Array("one".utf8), Array("two".utf8)])
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("ee\nT stdout F four\n".utf8))
        try handle.close()
        let next = try reader.readNew()
        #expect(next.map(\.message) == [Array("three".utf8), Array("four".utf8)])
        #expect(next[0].partial)
        #expect(try reader.readNew().isEmpty)
        #expect(CRILogReader.tail(next, 1).map(\.message) == [Array("four".utf8)])
        #expect(CRILogReader.tail(next, -1).count == 2)
        var missing = CRILogReader(path: path + ".gone")
        #expect(throws: CRICtlError.self) { try missing.readNew() }
    }
}
