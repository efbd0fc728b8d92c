import Foundation
import Testing

@testable import KubeAPI

@Suite struct TimeTests {
    @Test func timePrintsWholeSecondsInUTC() {
        #expect(Time(secondsSince1970: 1_704_164_645).rfc3339 == "2024-01-02T03:04:05Z")
        #expect(Time(secondsSince1970: 0).rfc3339 == "1970-01-01T00:00:00Z")
        #expect(Time(secondsSince1970: -1).rfc3339 == "1969-12-31T23:59:59Z")
        #expect(Time(secondsSince1970: 951_782_400).rfc3339 == "2000-02-29T00:00:00Z")
        #expect(Time(Date(timeIntervalSince1970: 1_704_164_645.999)).rfc3339 == "2024-01-02T03:04:05Z")
    }

    @Test func timeParsesOffsetsAndFractions() throws {
        let expected = Time(secondsSince1970: 1_704_164_645)
        #expect(try Time(rfc3339: "2024-01-02T03:04:05Z") == expected)
        #expect(try Time(rfc3339: "2024-01-02T05:04:05+02:00") == expected)
        #expect(try Time(rfc3339: "2024-01-01T22:34:05-04:30") == expected)
        #expect(try Time(rfc3339: "2024-01-02T03:04:05.999999999Z") == expected)
        #expect(try Time(rfc3339: "2024-02-29T00:00:00Z").rfc3339 == "2024-02-29T00:00:00Z")
    }

    @Test(arguments: [
        "", "2024-01-02", "2024-01-02T03:04:05", "2024-13-01T00:00:00Z", "2023-02-29T00:00:00Z",
        "2024-01-02T24:00:00Z", "2024-01-02T03:04:05.Z", "2024-01-02 03:04:05Z", "2024-01-02T03:04:05Zjunk",
        "2024-01-02T03:04:05+0200",
    ])
    func timeRejectsMalformedText(_ text: String) {
        #expect(throws: InvalidTimestamp.self) { try Time(rfc3339: text) }
    }

    @Test func timeCodableUsesTheStringForm() throws {
        let data = try JSONEncoder().encode([Time(secondsSince1970: 1_704_164_645)])
        #expect(String(decoding: data, as: UTF8.self) == #"["2024-01-02T03:04:05Z"]"#)
        #expect(try JSONDecoder().decode([Time].self, from: data) == [Time(secondsSince1970: 1_704_164_645)])
    }

    @Test func microTimePrintsSixFractionalDigits() {
        #expect(MicroTime(microsecondsSince1970: 1_704_164_645_123_456).rfc3339 == "2024-01-02T03:04:05.123456Z")
        #expect(MicroTime(microsecondsSince1970: 1_704_164_645_000_000).rfc3339 == "2024-01-02T03:04:05.000000Z")
        #expect(MicroTime(microsecondsSince1970: 7).rfc3339 == "1970-01-01T00:00:00.000007Z")
        #expect(MicroTime(microsecondsSince1970: -1).rfc3339 == "1969-12-31T23:59:59.999999Z")
        #expect(MicroTime(Time(secondsSince1970: 60)).rfc3339 == "1970-01-01T00:01:00.000000Z")
    }

    @Test func microTimeParsesAnyPrecision() throws {
        #expect(try MicroTime(rfc3339: "2024-01-02T03:04:05.123456Z").microsecondsSince1970 == 1_704_164_645_123_456)
        #expect(try MicroTime(rfc3339: "2024-01-02T03:04:05Z").microsecondsSince1970 == 1_704_164_645_000_000)
        #expect(try MicroTime(rfc3339: "2024-01-02T03:04:05.1Z").microsecondsSince1970 == 1_704_164_645_100_000)
        #expect(try MicroTime(rfc3339: "2024-01-02T03:04:05.1234569Z").microsecondsSince1970 == 1_704_164_645_123_456)
        #expect(try MicroTime(rfc3339: "2024-01-02T04:04:05.5+01:00").rfc3339 == "2024-01-02T03:04:05.500000Z")
    }

    @Test func timesOrder() throws {
        #expect(try Time(rfc3339: "2024-01-02T03:04:05Z") < Time(rfc3339: "2024-01-02T03:04:06Z"))
        #expect(MicroTime(microsecondsSince1970: 1) < MicroTime(microsecondsSince1970: 2))
    }
}
