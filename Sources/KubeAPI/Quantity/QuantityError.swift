/// Why a quantity string was rejected; `description` is upstream's message for the same input.
public enum QuantityError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The text does not have the shape `<number><suffix>` (upstream `ErrFormatWrong`).
    case formatWrong(String)
    /// The suffix is not one of upstream's (upstream `ErrSuffix`).
    case suffix(String)
    /// The number part is not a number (upstream `ErrNumeric`).
    case numeric(String)

    public var description: String {
        switch self {
        case .formatWrong:
            return "quantities must match the regular expression '^([+-]?[0-9.]+)([eEinumkKMGTP]*[-+]?[0-9]*)$'"
        case .suffix: return "unable to parse quantity's suffix"
        case .numeric: return "unable to parse numeric part of quantity"
        }
    }

    /// The rejected input.
    public var input: String {
        switch self {
        case .formatWrong(let s), .suffix(let s), .numeric(let s): return s
        }
    }
}
