/// A label selector that could not be parsed or built, with upstream's message
/// (`unable to parse requirement: …`, `"Foo" is not a valid label selector operator`).
public struct LabelSelectorError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The selector text or expression that failed.
    public var input: String
    /// Upstream's error text.
    public var message: String

    public init(input: String, message: String) {
        self.input = input
        self.message = message
    }

    public var description: String { message }

    /// One `field.Invalid` line as upstream renders it (`values[0][app]: Invalid value: "x": …`).
    static func invalid(_ field: String, _ value: String, _ detail: String) -> String {
        "\(field): Invalid value: \(goQuoted(value)): \(detail)"
    }

    /// A `field.Invalid` line for a list of values, which upstream prints with `%#v`.
    static func invalid(_ field: String, _ values: [String], _ detail: String) -> String {
        "\(field): Invalid value: []string{\(values.map(goQuoted).joined(separator: ", "))}: \(detail)"
    }

    /// Several field errors as upstream's `ErrorList.ToAggregate().Error()` joins them.
    static func aggregate(_ errors: [String]) -> String {
        errors.count == 1 ? errors[0] : "[" + errors.joined(separator: ", ") + "]"
    }

    /// Go's `%q` for the characters a label can plausibly hold.
    static func goQuoted(_ s: String) -> String {
        var out = "\""
        for scalar in s.unicodeScalars {
            switch scalar {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\t": out += "\\t"
            case "\r": out += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F {
                    out += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
                } else {
                    out.unicodeScalars.append(scalar)
                }
            }
        }
        return out + "\""
    }
}
