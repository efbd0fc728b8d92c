import Foundation

/// meta/v1 Time: a timestamp with whole-second precision, printed as RFC 3339 in UTC
/// (`2024-01-02T03:04:05Z`).
///
/// Stored as whole Unix seconds, because that is all the wire keeps: a `Time` made from
/// `Date()` equals itself after a JSON round trip.
public struct Time: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var secondsSince1970: Int64

    public init(secondsSince1970: Int64) {
        self.secondsSince1970 = secondsSince1970
    }

    /// Truncates to the whole second (toward the past), as upstream's serializer does.
    public init(_ date: Date) {
        secondsSince1970 = Int64(date.timeIntervalSince1970.rounded(.down))
    }

    public init(rfc3339 text: String) throws(InvalidTimestamp) {
        guard let parsed = RFC3339.parse(text) else { throw InvalidTimestamp(text: text) }
        secondsSince1970 = parsed.seconds
    }

    public static func now() -> Time { Time(Date()) }

    public var date: Date { Date(timeIntervalSince1970: TimeInterval(secondsSince1970)) }

    public var rfc3339: String { RFC3339.format(seconds: secondsSince1970, nanoseconds: 0, fractionDigits: 0) }

    public var description: String { rfc3339 }

    public static func < (lhs: Time, rhs: Time) -> Bool { lhs.secondsSince1970 < rhs.secondsSince1970 }
}

extension Time: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        let text = try c.decode(String.self)
        guard let parsed = RFC3339.parse(text) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: InvalidTimestamp(text: text).description)
        }
        secondsSince1970 = parsed.seconds
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(rfc3339)
    }
}
