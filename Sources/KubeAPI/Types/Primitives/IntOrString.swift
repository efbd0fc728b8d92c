/// A value that is either an integer or a string on the wire: `targetPort: 8080` or
/// `targetPort: http`, `maxSurge: 1` or `maxSurge: "25%"`.
public enum IntOrString: Hashable, Sendable {
    case int(Int32)
    case string(String)

    public var intValue: Int32? { if case .int(let i) = self { return i } else { return nil } }
    public var stringValue: String? { if case .string(let s) = self { return s } else { return nil } }
}

extension IntOrString: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let s = try? c.decode(String.self) {
            self = .string(s)
        } else if let i = try? c.decode(Int32.self) {
            self = .int(i)
        } else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "expected an int32 or a string")
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        switch self {
        case .int(let i): try c.encode(i)
        case .string(let s): try c.encode(s)
        }
    }
}

extension IntOrString: ExpressibleByIntegerLiteral, ExpressibleByStringLiteral, CustomStringConvertible {
    public init(integerLiteral value: Int32) { self = .int(value) }
    public init(stringLiteral value: String) { self = .string(value) }

    public var description: String {
        switch self {
        case .int(let i): return String(i)
        case .string(let s): return s
        }
    }
}

/// An IntOrString that is neither an integer nor a percentage (`"25%"`), with the value given.
public struct InvalidIntOrPercent: Error, CustomStringConvertible {
    public var value: IntOrString
    public var description: String { "invalid value for IntOrString: \"\(value)\" is not an integer or a percentage" }
}

extension IntOrString {
    /// Resolves an absolute count or a percentage of `total` (upstream's
    /// `GetScaledValueFromIntOrPercent`), rounding a percentage up or down.
    /// `maxSurge: "25%"` of 10 replicas is 3 rounded up; `maxUnavailable: "25%"` is 2 rounded down.
    public func scaledValue(of total: Int32, roundUp: Bool) throws(InvalidIntOrPercent) -> Int32 {
        switch self {
        case .int(let i):
            return i
        case .string(let s):
            guard s.hasSuffix("%"), let percent = Int64(s.dropLast()) else { throw InvalidIntOrPercent(value: self) }
            let product = percent * Int64(total)
            let value = roundUp ? (product + 99) / 100 : product / 100
            return Int32(clamping: value)
        }
    }
}
