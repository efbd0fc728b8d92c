/// Upstream's `CanonicalizeBytes`: the one string each amount prints as in a given format.
enum QuantityFormatter {
    static func canonical(_ amount: ExactDecimal, format: Quantity.Format) -> String {
        if amount.isZero { return "0" }
        var format = format
        if format == .binarySI {
            let small = ExactDecimal.compare(amount.magnitude, ExactDecimal(1024)) < 0
            // Small or fractional binary amounts print in decimal so nothing is rounded.
            if small || !amount.isInteger { format = .decimalSI }
        }
        switch format {
        case .decimalSI, .decimalExponent:
            let (mantissa, exponent) = amount.canonicalDecimal
            return mantissa + decimalSuffix(exponent, format: format)
        case .binarySI:
            guard let value = amount.exactInt64 else {
                let (mantissa, exponent) = amount.canonicalDecimal
                return mantissa + decimalSuffix(exponent, format: .decimalExponent)
            }
            var magnitude = value.magnitude
            var power = 0
            while magnitude % 1024 == 0 {
                magnitude /= 1024
                power += 1
            }
            let suffixes = ["", "Ki", "Mi", "Gi", "Ti", "Pi", "Ei"]
            return (value < 0 ? "-" : "") + String(magnitude) + suffixes[power]
        }
    }

    static func decimalSuffix(_ exponent: Int, format: Quantity.Format) -> String {
        if exponent == 0 { return "" }
        if format == .decimalSI {
            let table = [-9: "n", -6: "u", -3: "m", 3: "k", 6: "M", 9: "G", 12: "T", 15: "P", 18: "E"]
            // Past "E" (or below "n") DecimalSI falls back to exponent notation, never dropping magnitude.
            if let suffix = table[exponent] { return suffix }
        }
        return "e\(exponent)"
    }
}
