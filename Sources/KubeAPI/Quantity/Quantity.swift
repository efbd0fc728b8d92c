/// A fixed-point amount with a unit suffix, as upstream's `resource.Quantity`: `500m`, `1.5Gi`, `1e3`.
///
/// Parsing rounds up to nano precision, binary amounts are capped at 2^63-1, and the string
/// form is upstream's canonical one ("1024Mi" → "1Gi", "0.5" → "500m"). Like upstream, a
/// string that was already canonical when parsed is kept as written.
/// Equality and ordering compare amounts, so `1Gi == 1024Mi`.
///
/// Note: `Quantity("500m")` with a string *literal* resolves to the literal initializer
/// (SE-0213), which traps on invalid text; parse untrusted input with `try Quantity(text)`
/// where `text` is a `String` value.
public struct Quantity: Sendable {
    /// How the amount is written back out.
    public enum Format: String, Sendable, Hashable {
        case decimalSI = "DecimalSI"
        case binarySI = "BinarySI"
        case decimalExponent = "DecimalExponent"
    }

    var amount: ExactDecimal
    public private(set) var format: Format
    /// The string as parsed, when upstream would reuse it verbatim.
    private var written: String?

    init(amount: ExactDecimal, format: Format, written: String? = nil) {
        self.amount = amount
        self.format = format
        self.written = written
    }

    /// `value × 10^scale` in DecimalSI (upstream `NewScaledQuantity`).
    public init(value: Int64, scale: Int = 0, format: Format = .decimalSI) {
        self.init(amount: ExactDecimal(value, exponent: scale), format: format)
    }

    /// `milliValue / 1000` (upstream `NewMilliQuantity`).
    public init(milliValue: Int64, format: Format = .decimalSI) {
        self.init(amount: ExactDecimal(milliValue, exponent: -3), format: format)
    }

    /// Parses a quantity string as upstream's `ParseQuantity`.
    public init(_ string: String) throws(QuantityError) {
        self = try QuantityParser.parse(string)
    }

    public var isZero: Bool { amount.isZero }
    /// -1, 0 or 1.
    public var sign: Int { amount.sign }

    /// The value rounded up (away from zero) to an integer; saturates at the Int64 range.
    public var value: Int64 { amount.scaledInt64(0) }

    /// ceil(value × 1000); saturates at the Int64 range.
    public var milliValue: Int64 { amount.scaledInt64(3) }

    /// ceil(value × 10^scale), e.g. `scaledValue(-6)` for mega-units.
    public func scaledValue(_ scale: Int) -> Int64 { amount.scaledInt64(-scale) }

    public static func + (a: Quantity, b: Quantity) -> Quantity {
        Quantity(amount: ExactDecimal.add(a.amount, b.amount), format: a.isZero ? b.format : a.format)
    }

    public static prefix func - (q: Quantity) -> Quantity {
        Quantity(amount: q.amount.negated, format: q.format)
    }

    public static func - (a: Quantity, b: Quantity) -> Quantity { a + (-b) }
}

extension Quantity: CustomStringConvertible {
    public var description: String { written ?? QuantityFormatter.canonical(amount, format: format) }
}

extension Quantity: Hashable, Comparable {
    public static func == (a: Quantity, b: Quantity) -> Bool { ExactDecimal.compare(a.amount, b.amount) == 0 }
    public static func < (a: Quantity, b: Quantity) -> Bool { ExactDecimal.compare(a.amount, b.amount) < 0 }
    public func hash(into hasher: inout Hasher) { hasher.combine(amount) }
}

extension Quantity: ExpressibleByStringLiteral {
    /// For literals in code and tests; an invalid literal is a programming error.
    public init(stringLiteral value: String) {
        do { try self.init(value) } catch { preconditionFailure("invalid Quantity literal \"\(value)\": \(error)") }
    }
}

extension Quantity: Codable {
    /// Decodes a JSON string, or a JSON number as upstream's `UnmarshalJSON` also accepts;
    /// surrounding whitespace is ignored.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text: String
        if let s = try? container.decode(String.self) {
            text = s
        } else if let i = try? container.decode(Int64.self) {
            text = String(i)
        } else {
            text = String(try container.decode(Double.self))
        }
        do {
            try self.init(text.trimmingGoSpace())
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}

extension Quantity {
    /// Reads a quantity from a generic JSON value: a string or a number, as the apiserver decodes it.
    public init(json: JSONValue) throws(QuantityError) {
        switch json {
        case .string(let s): try self.init(s.trimmingGoSpace())
        case .int(let i): try self.init(String(i))
        case .double(let d): try self.init(String(d))
        default: throw QuantityError.formatWrong(json.description)
        }
    }

    /// The JSON form: always a string.
    public var jsonValue: JSONValue { .string(description) }
}

extension String {
    /// Leading and trailing whitespace removed, as Go's `strings.TrimSpace`.
    func trimmingGoSpace() -> String {
        // Nearly every quantity starts and ends with a printable ASCII character: no Unicode
        // property lookups for those.
        if let first = utf8.first, let last = utf8.last, (0x21...0x7E).contains(first), (0x21...0x7E).contains(last) {
            return self
        }
        let scalars = unicodeScalars
        guard let start = scalars.firstIndex(where: { !$0.properties.isWhitespace }) else { return "" }
        let end = scalars.lastIndex(where: { !$0.properties.isWhitespace })!
        return String(scalars[start...end])
    }
}

extension ExactDecimal {
    /// Exact sum.
    static func add(_ a: ExactDecimal, _ b: ExactDecimal) -> ExactDecimal {
        if a.isZero { return b }
        if b.isZero { return a }
        let low = min(a.exponent, b.exponent)
        func aligned(_ x: ExactDecimal) -> [Int] {
            x.digits.reversed().map(Int.init).paddedAtLowEnd(zeros: x.exponent - low)
        }
        // Little-endian digit vectors aligned at the lowest exponent.
        let xa = aligned(a), xb = aligned(b)
        let n = max(xa.count, xb.count)
        func at(_ v: [Int], _ i: Int) -> Int { i < v.count ? v[i] : 0 }
        if a.negative == b.negative {
            var out: [Int] = []
            var carry = 0
            for i in 0..<n {
                let s = at(xa, i) + at(xb, i) + carry
                out.append(s % 10)
                carry = s / 10
            }
            if carry > 0 { out.append(carry) }
            return ExactDecimal(negative: a.negative, digits: out.reversed().map(UInt8.init), exponent: low)
        }
        // Opposite signs: subtract the smaller magnitude from the larger.
        let aBigger = compare(a.magnitude, b.magnitude) >= 0
        let (big, small) = aBigger ? (xa, xb) : (xb, xa)
        var out: [Int] = []
        var borrow = 0
        for i in 0..<n {
            var d = at(big, i) - at(small, i) - borrow
            borrow = 0
            if d < 0 {
                d += 10
                borrow = 1
            }
            out.append(d)
        }
        return ExactDecimal(
            negative: aBigger ? a.negative : b.negative, digits: out.reversed().map(UInt8.init), exponent: low)
    }
}

extension Array where Element == Int {
    /// Little-endian digits with `count` zeros added at the low end.
    fileprivate func paddedAtLowEnd(zeros count: Int) -> [Int] {
        Array(repeating: 0, count: count) + self
    }
}
