import Foundation

/// meta/v1 MicroTime: a timestamp with microsecond precision, printed as RFC 3339 in UTC with
/// exactly six fractional digits (`2024-01-02T03:04:05.123456Z`). Used by Lease and Event.
public struct MicroTime: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var microsecondsSince1970: Int64

    public init(microsecondsSince1970: Int64) {
        self.microsecondsSince1970 = microsecondsSince1970
    }

    /// Truncates to the whole microsecond (toward the past).
    public init(_ date: Date) {
        microsecondsSince1970 = Int64((date.timeIntervalSince1970 * 1_000_000).rounded(.down))
    }

    public init(rfc3339 text: String) throws(InvalidTimestamp) {
        guard let parsed = RFC3339.parse(text) else { throw InvalidTimestamp(text: text) }
        microsecondsSince1970 = parsed.seconds * 1_000_000 + parsed.nanoseconds / 1000
    }

    public init(_ time: Time) {
        microsecondsSince1970 = time.secondsSince1970 * 1_000_000
    }

    public static func now() -> MicroTime { MicroTime(Date()) }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(microsecondsSince1970) / 1_000_000) }

    public var rfc3339: String {
        let seconds = RFC3339.floorDiv(microsecondsSince1970, 1_000_000)
        let micros = microsecondsSince1970 - seconds * 1_000_000
        return RFC3339.format(seconds: seconds, nanoseconds: micros * 1000, fractionDigits: 6)
    }

    public var description: String { rfc3339 }

    public static func < (lhs: MicroTime, rhs: MicroTime) -> Bool {
        lhs.microsecondsSince1970 < rhs.microsecondsSince1970
    }
}

extension MicroTime: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let parsed = RFC3339.parse(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: InvalidTimestamp(text: text).description)
        }
        microsecondsSince1970 = parsed.seconds * 1_000_000 + parsed.nanoseconds / 1000
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rfc3339)
    }
}

extension meta.v1 {
    public typealias Time = KubeAPI.Time
    public typealias MicroTime = KubeAPI.MicroTime
}
