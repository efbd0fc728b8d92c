/// One validation failure, as upstream's `field.Error`; becomes a `StatusCause` in a 422 Invalid.
///
/// `field` is the JSON path as upstream writes it: `metadata.name`, `spec.containers[0].image`,
/// `metadata.labels[app.kubernetes.io/name]`.
public struct FieldError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable {
        case required = "FieldValueRequired"
        case invalid = "FieldValueInvalid"
        case notSupported = "FieldValueNotSupported"
        case duplicate = "FieldValueDuplicate"
        case forbidden = "FieldValueForbidden"
        case tooLong = "FieldValueTooLong"
        case tooMany = "FieldValueTooMany"
        case notFound = "FieldValueNotFound"
        case typeInvalid = "FieldValueTypeInvalid"
        case internalError = "InternalError"
    }

    public var kind: Kind
    public var field: String
    /// The offending value as upstream prints it (strings quoted), when there is one.
    public var badValue: JSONValue?
    /// Why it is wrong ("must be no more than 63 characters").
    public var detail: String

    public init(_ kind: Kind, field: String, badValue: JSONValue? = nil, detail: String = "") {
        self.kind = kind
        self.field = field
        self.badValue = badValue
        self.detail = detail
    }

    /// The cause message as upstream's `field.Error.ErrorBody()` renders it.
    public var message: String {
        switch kind {
        case .required, .forbidden, .tooLong, .tooMany, .internalError:
            return detail.isEmpty ? kindDescription : "\(kindDescription): \(detail)"
        default:
            var s = kindDescription
            if let badValue { s += ": \(FieldError.render(badValue))" }
            if !detail.isEmpty { s += ": \(detail)" }
            return s
        }
    }

    /// The full one-line message: `metadata.name: Invalid value: "A": a lowercase RFC 1123 …`.
    public var description: String { "\(field): \(message)" }

    var kindDescription: String {
        switch kind {
        case .required: return "Required value"
        case .invalid: return "Invalid value"
        case .notSupported: return "Unsupported value"
        case .duplicate: return "Duplicate value"
        case .forbidden: return "Forbidden"
        case .tooLong: return "Too long"
        case .tooMany: return "Too many"
        case .notFound: return "Not found"
        case .typeInvalid: return "Invalid value"
        case .internalError: return "Internal error"
        }
    }

    static func render(_ value: JSONValue) -> String {
        switch value {
        case .string(let s): return "\"\(s)\""
        case .int(let i): return String(i)
        case .double, .bool, .null: return value.serialized()
        case .array, .object: return value.serialized()
        }
    }
}
