/// Upstream's `ParseQuantity`, step for step: split into sign, integer digits, fraction digits
/// and suffix; interpret the suffix; then either the exact "fast path" (which also decides
/// whether the input is already canonical and may be kept verbatim) or the general path,
/// which rounds up to nano precision and caps binary amounts at 2^63-1.
enum QuantityParser {
    struct Parts {
        var positive = true
        /// Integer digits without leading zeros; "0" when there were none.
        var num: [UInt8] = Array("0".utf8)
        var denom: [UInt8] = []
        var suffix: [UInt8] = []
        /// Whether any digit at all was written ("." alone has none).
        var sawDigit = false
    }

    static func parse(_ string: String) throws(QuantityError) -> Quantity {
        if string.isEmpty { throw .formatWrong(string) }
        if string == "0" { return Quantity(amount: .zero, format: .decimalSI, written: string) }
        let parts = try split(Array(string.utf8), original: string)
        guard let (base, exponent, suffixFormat) = interpret(parts.suffix) else { throw .suffix(string) }

        if let fast = fastPath(parts, base: base, exponent: exponent, format: suffixFormat, original: string) {
            return fast
        }

        if !parts.sawDigit { throw .numeric(string) }
        var amount = ExactDecimal(
            negative: false, digits: (parts.num + parts.denom).map { $0 - 48 }, exponent: -parts.denom.count)
        if base == 10 {
            amount = ExactDecimal(negative: false, digits: amount.digits, exponent: amount.exponent + exponent)
        } else {
            amount = amount.timesPowerOfTwo(exponent)
        }
        // Non-zero amounts round up to the smallest representable value rather than to zero:
        // asking for some resource should get some.
        amount = amount.roundedAwayFromZero(toScale: -9).value
        var format = suffixFormat
        if format == .binarySI {
            if ExactDecimal.compare(amount, maxBinary) > 0 { amount = maxBinary }
            if ExactDecimal.compare(amount, ExactDecimal(1)) < 0 && !amount.isZero { format = .decimalSI }
        }
        return Quantity(amount: parts.positive ? amount : amount.negated, format: format)
    }

    static let maxBinary = ExactDecimal(Int64.max)

    /// Upstream's int64 path. Returns nil where upstream falls through to the general path.
    private static func fastPath(
        _ parts: Parts, base: Int, exponent: Int, format: Quantity.Format, original: String
    ) -> Quantity? {
        var precision: Int
        var scale = 0
        var multiplier: Int64 = 1
        switch format {
        case .decimalSI, .decimalExponent:
            scale = exponent
            precision = 18 - (parts.num.count + parts.denom.count)
        case .binarySI:
            guard exponent >= 0, parts.denom.isEmpty else { return nil }
            multiplier = 1 << Int64(exponent)
            precision = 15 - parts.num.count - exponent * 3 / 10 - 1
        }
        guard precision >= 0 else { return nil }
        scale -= parts.denom.count
        guard scale >= -9 else { return nil }
        let shifted = parts.num + parts.denom
        guard let value = Int64(String(decoding: shifted, as: UTF8.self)) else { return nil }
        let (product, overflow) = value.multipliedReportingOverflow(by: multiplier)
        guard !overflow else { return nil }
        let amount = ExactDecimal(parts.positive ? product : -product, exponent: scale)

        let canonical: Bool
        switch format {
        case .binarySI:
            canonical = exponent % 10 == 0 && value & 0x07 != 0
        default:
            canonical = scale % 3 == 0 && !shifted.ends(with: Array("000".utf8)) && shifted.first != UInt8(ascii: "0")
        }
        return Quantity(amount: amount, format: format, written: canonical ? original : nil)
    }

    /// Upstream's `parseQuantityString`.
    static func split(_ s: [UInt8], original: String) throws(QuantityError) -> Parts {
        var parts = Parts()
        var pos = 0
        let end = s.count
        func isDigit(_ c: UInt8) -> Bool { c >= 48 && c <= 57 }

        if pos < end {
            if s[0] == UInt8(ascii: "-") {
                parts.positive = false
                pos += 1
            } else if s[0] == UInt8(ascii: "+") {
                pos += 1
            }
        }
        while pos < end, s[pos] == UInt8(ascii: "0") {
            pos += 1
            parts.sawDigit = true
        }
        if pos >= end {
            parts.sawDigit = true
            return parts
        }
        let numStart = pos
        while pos < end, isDigit(s[pos]) { pos += 1 }
        if pos > numStart {
            parts.num = Array(s[numStart..<pos])
            parts.sawDigit = true
        }
        if pos >= end { return parts }

        if s[pos] == UInt8(ascii: ".") {
            pos += 1
            let denomStart = pos
            while pos < end, isDigit(s[pos]) { pos += 1 }
            parts.denom = Array(s[denomStart..<pos])
            if !parts.denom.isEmpty { parts.sawDigit = true }
            if pos >= end { return parts }
        }

        let suffixStart = pos
        while pos < end, isSuffixLetter(s[pos]) { pos += 1 }
        if pos < end, s[pos] == UInt8(ascii: "-") || s[pos] == UInt8(ascii: "+") { pos += 1 }
        while pos < end, isDigit(s[pos]) { pos += 1 }
        guard pos >= end else { throw .formatWrong(original) }
        parts.suffix = Array(s[suffixStart..<end])
        return parts
    }

    /// The letters a suffix is made of: `eEinumkKMGTP`.
    static func isSuffixLetter(_ c: UInt8) -> Bool {
        switch c {
        case UInt8(ascii: "e"), UInt8(ascii: "E"), UInt8(ascii: "i"), UInt8(ascii: "n"), UInt8(ascii: "u"), UInt8(ascii: "m"),
             UInt8(ascii: "k"), UInt8(ascii: "K"), UInt8(ascii: "M"), UInt8(ascii: "G"), UInt8(ascii: "T"), UInt8(ascii: "P"):
            return true
        default:
            return false
        }
    }

    static let decimalSuffixes: [String: Int] = [
        "n": -9, "u": -6, "m": -3, "": 0, "k": 3, "M": 6, "G": 9, "T": 12, "P": 15, "E": 18,
    ]
    static let binarySuffixes: [String: Int] = ["Ki": 10, "Mi": 20, "Gi": 30, "Ti": 40, "Pi": 50, "Ei": 60]

    /// Upstream's `suffixHandler.interpret`: (base, exponent, format).
    static func interpret(_ suffix: [UInt8]) -> (Int, Int, Quantity.Format)? {
        let text = String(decoding: suffix, as: UTF8.self)
        if let e = decimalSuffixes[text] { return (10, e, .decimalSI) }
        if let e = binarySuffixes[text] { return (2, e, .binarySI) }
        if suffix.count > 1, suffix[0] == UInt8(ascii: "e") || suffix[0] == UInt8(ascii: "E") {
            // The exponent must fit a negatable int32, as upstream's scale does.
            guard let e = Int64(text.dropFirst()), e <= Int64(Int32.max), e >= -Int64(Int32.max) else { return nil }
            return (10, Int(e), .decimalExponent)
        }
        return nil
    }
}

extension Array where Element == UInt8 {
    fileprivate func ends(with tail: [UInt8]) -> Bool {
        count >= tail.count && Array(self[(count - tail.count)...]) == tail
    }
}
