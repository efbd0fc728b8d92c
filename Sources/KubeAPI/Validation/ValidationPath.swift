/// A field path as upstream's `field.Path` prints it: `spec.containers[0].ports[1].name`,
/// `metadata.labels[app]`.
public struct ValidationPath: Hashable, Sendable, CustomStringConvertible {
    public private(set) var description: String

    public init(_ names: String...) { description = names.joined(separator: ".") }

    public func child(_ names: String...) -> ValidationPath {
        var p = self
        for name in names { p.description += p.description.isEmpty ? name : "." + name }
        return p
    }

    public func index(_ i: Int) -> ValidationPath {
        var p = self
        p.description += "[\(i)]"
        return p
    }

    public func key(_ k: String) -> ValidationPath {
        var p = self
        p.description += "[\(k)]"
        return p
    }
}

extension FieldError {
    static func required(_ path: ValidationPath, _ detail: String = "") -> FieldError {
        FieldError(.required, field: path.description, detail: detail)
    }
    static func invalid(_ path: ValidationPath, _ value: JSONValue?, _ detail: String) -> FieldError {
        FieldError(.invalid, field: path.description, badValue: value ?? .null, detail: detail)
    }
    /// `supported values: "A", "B"` as upstream prints the list it is given.
    static func notSupported(_ path: ValidationPath, _ value: JSONValue?, _ supported: [String]) -> FieldError {
        let list = supported.map { "\"\($0)\"" }.joined(separator: ", ")
        return FieldError(.notSupported, field: path.description, badValue: value ?? .string(""),
                          detail: "supported values: \(list)")
    }
    static func duplicate(_ path: ValidationPath, _ value: JSONValue) -> FieldError {
        FieldError(.duplicate, field: path.description, badValue: value)
    }
    static func forbidden(_ path: ValidationPath, _ detail: String) -> FieldError {
        FieldError(.forbidden, field: path.description, detail: detail)
    }
    static func notFound(_ path: ValidationPath, _ value: JSONValue) -> FieldError {
        FieldError(.notFound, field: path.description, badValue: value)
    }
    static func tooLong(_ path: ValidationPath, maxBytes: Int) -> FieldError {
        FieldError(.tooLong, field: path.description, detail: "may not be more than \(maxBytes) bytes")
    }
    static func tooMany(_ path: ValidationPath, actual: Int, max: Int) -> FieldError {
        FieldError(.tooMany, field: path.description, badValue: .int(Int64(actual)), detail: "must have at most \(max) items")
    }
    static func immutable(_ path: ValidationPath, _ value: JSONValue?) -> FieldError {
        invalid(path, value, "field is immutable")
    }

    /// Upstream `ValidateNonnegativeField`.
    static func nonNegative(_ value: JSONValue?, _ path: ValidationPath) -> [FieldError] {
        guard let v = value?.intValue, v < 0 else { return [] }
        return [invalid(path, .int(v), "must be greater than or equal to 0")]
    }
}
