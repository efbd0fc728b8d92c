/// An exact signed decimal `±digits × 10^exponent`, big enough for any quantity a client can write.
///
/// Upstream keeps quantities in an `int64` fast path and falls back to `inf.Dec`; one small
/// arbitrary-precision type covers both here without ever going through floating point.
/// Normal form: `digits` (most significant first) has no leading or trailing zeros; zero is
/// `digits == []`, `exponent == 0`, not negative.
struct ExactDecimal: Hashable, Sendable {
    private(set) var negative: Bool
    private(set) var digits: [UInt8]
    private(set) var exponent: Int

    static let zero = ExactDecimal(negative: false, digits: [], exponent: 0)

    init(negative: Bool, digits: [UInt8], exponent: Int) {
        self.negative = negative
        self.digits = digits
        self.exponent = exponent
        normalize()
    }

    init(_ value: Int64, exponent: Int = 0) {
        let magnitude = value.magnitude
        self.init(negative: value < 0, digits: String(magnitude).utf8.map { $0 - 48 }, exponent: exponent)
    }

    var isZero: Bool { digits.isEmpty }
    var sign: Int { isZero ? 0 : (negative ? -1 : 1) }
    var magnitude: ExactDecimal { ExactDecimal(negative: false, digits: digits, exponent: exponent) }
    var negated: ExactDecimal { ExactDecimal(negative: !negative, digits: digits, exponent: exponent) }

    /// True when the value has no fractional part.
    var isInteger: Bool { exponent >= 0 }

    private mutating func normalize() {
        let firstNonZero = digits.firstIndex(where: { $0 != 0 }) ?? digits.endIndex
        if firstNonZero > 0 { digits.removeFirst(firstNonZero) }
        while let last = digits.last, last == 0 {
            digits.removeLast()
            exponent += 1
        }
        if digits.isEmpty {
            negative = false
            exponent = 0
        }
    }

    /// Multiplies the magnitude by 2^power (binary suffixes).
    func timesPowerOfTwo(_ power: Int) -> ExactDecimal {
        var result = digits
        for _ in 0..<max(power, 0) {
            var carry: UInt8 = 0
            for i in result.indices.reversed() {
                let d = result[i] * 2 + carry
                result[i] = d % 10
                carry = d / 10
            }
            if carry > 0 { result.insert(carry, at: 0) }
        }
        return ExactDecimal(negative: negative, digits: result, exponent: exponent)
    }

    /// Rounds the magnitude up (away from zero) so no digit is below 10^scale.
    /// Returns whether the value was already exact at that scale.
    func roundedAwayFromZero(toScale scale: Int) -> (value: ExactDecimal, exact: Bool) {
        guard !isZero, exponent < scale else { return (self, true) }
        let drop = scale - exponent
        if drop >= digits.count {
            // Every digit is below the scale: the smallest non-zero value there.
            return (ExactDecimal(negative: negative, digits: [1], exponent: scale), false)
        }
        var kept = Array(digits[0..<(digits.count - drop)])
        // Normal form has a non-zero last digit, so something non-zero was dropped.
        var i = kept.count - 1
        while i >= 0 {
            if kept[i] == 9 {
                kept[i] = 0
                i -= 1
            } else {
                kept[i] += 1
                break
            }
        }
        if i < 0 { kept.insert(1, at: 0) }
        return (ExactDecimal(negative: negative, digits: kept, exponent: scale), false)
    }

    /// Compares two values numerically.
    static func compare(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        if a.sign != b.sign { return a.sign < b.sign ? -1 : 1 }
        if a.isZero { return 0 }
        let m = compareMagnitudes(a, b)
        return a.negative ? -m : m
    }

    private static func compareMagnitudes(_ a: ExactDecimal, _ b: ExactDecimal) -> Int {
        // Position of the most significant digit decides first.
        let aTop = a.exponent + a.digits.count
        let bTop = b.exponent + b.digits.count
        if aTop != bTop { return aTop < bTop ? -1 : 1 }
        let n = max(a.digits.count, b.digits.count)
        for i in 0..<n {
            let x = i < a.digits.count ? a.digits[i] : 0
            let y = i < b.digits.count ? b.digits[i] : 0
            if x != y { return x < y ? -1 : 1 }
        }
        return 0
    }

    /// The value as an Int64 when it is an integer in range.
    var exactInt64: Int64? {
        guard isInteger, digits.count + exponent <= 19 else { return nil }
        var m: UInt64 = 0
        for d in digits {
            let (p, o1) = m.multipliedReportingOverflow(by: 10)
            let (s, o2) = p.addingReportingOverflow(UInt64(d))
            if o1 || o2 { return nil }
            m = s
        }
        for _ in 0..<exponent {
            let (p, o) = m.multipliedReportingOverflow(by: 10)
            if o { return nil }
            m = p
        }
        if negative {
            return m <= UInt64(Int64.max) + 1 ? Int64(truncatingIfNeeded: 0 &- m) : nil
        }
        return m <= UInt64(Int64.max) ? Int64(m) : nil
    }

    /// ceil-away-from-zero of `self × 10^scale`, saturated to the Int64 range.
    func scaledInt64(_ scale: Int) -> Int64 {
        let shifted = ExactDecimal(negative: negative, digits: digits, exponent: exponent + scale)
        let rounded = shifted.roundedAwayFromZero(toScale: 0).value
        if let v = rounded.exactInt64 { return v }
        return negative ? Int64.min : Int64.max
    }

    /// The canonical decimal mantissa and an exponent that is a multiple of 3
    /// (upstream's `AsCanonicalBytes`: strip trailing zeros, then lower the exponent to a multiple of 3).
    var canonicalDecimal: (mantissa: String, exponent: Int) {
        if isZero { return ("0", 0) }
        let remainder = ((exponent % 3) + 3) % 3
        var text = negative ? "-" : ""
        text += String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
        text += String(repeating: "0", count: remainder)
        return (text, exponent - remainder)
    }

    /// Plain decimal text, e.g. `-1.5`, `1000`.
    var plainString: String {
        if isZero { return "0" }
        var body = String(decoding: digits.map { $0 + 48 }, as: UTF8.self)
        if exponent >= 0 {
            body += String(repeating: "0", count: exponent)
        } else {
            let point = body.count + exponent
            if point > 0 {
                body.insert(".", at: body.index(body.startIndex, offsetBy: point))
            } else {
                body = "0." + String(repeating: "0", count: -point) + body
            }
        }
        return (negative ? "-" : "") + body
    }
}
