import ContainerRuntime
import Glibc
import Testing

@Suite struct CRILogFormatterTests {
    func text(_ bytes: [UInt8]) -> String { String(decoding: bytes, as: UTF8.self) }

    @Test func fullLinesArePassedWithTheirStreamAndTag() {
        var formatter = CRILogFormatter(stream: .stderr)
        #expect(text(formatter.feed(Array("one\ntwo\nthr".utf8), timestamp: "T")) == "T stderr F one\nT stderr F two\n")
        #expect(text(formatter.feed(Array("ee\n".utf8), timestamp: "U")) == "U stderr F three\n")
        #expect(formatter.finish(timestamp: "V").isEmpty)
    }

    @Test func longLinesAreSplitIntoPartialRecords() {
        var formatter = CRILogFormatter(stream: .stdout, maxLineLength: 4)
        #expect(text(formatter.feed(Array("abcdefghij\n".utf8), timestamp: "T")) == "T stdout P abcd\nT stdout P efgh\nT stdout F ij\n")
        // Exactly the limit is still one full line.
        #expect(text(formatter.feed(Array("wxyz\n".utf8), timestamp: "T")) == "T stdout F wxyz\n")
    }

    @Test func whatIsLeftAtEndOfStreamIsAFullRecord() {
        var formatter = CRILogFormatter(stream: .stdout)
        #expect(formatter.feed(Array("no newline".utf8), timestamp: "T").isEmpty)
        #expect(text(formatter.finish(timestamp: "T")) == "T stdout F no newline\n")
    }

    @Test func timestampsAreRFC3339NanoInUTCWithTrailingZerosTrimmed() {
        #expect(CRILogFormatter.timestamp(seconds: 1_475_713_029, nanoseconds: 669_794_202) == "2016-10-06T00:17:09.669794202Z")
        #expect(CRILogFormatter.timestamp(seconds: 1_475_713_029, nanoseconds: 500_000_000) == "2016-10-06T00:17:09.5Z")
        #expect(CRILogFormatter.timestamp(seconds: 0, nanoseconds: 0) == "1970-01-01T00:00:00Z")
    }

    @Test func processStartTimeIdentifiesThisProcess() {
        #expect(ProcessStartTime.of(getpid()) != nil)
        #expect(ProcessStartTime.of(getpid()) == ProcessStartTime.of(getpid()))
    }
}
