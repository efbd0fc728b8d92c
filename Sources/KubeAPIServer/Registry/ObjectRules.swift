import KubeAPI

/// Defaulting and validation entry points the write path calls. Today: metadata rules only;
/// per-kind defaulting and validation from `KubeAPI` are wired here.
enum ObjectRules {
    static func applyDefaults(_ resource: ResourceInfo, _ object: inout JSONValue) {}

    static func validateCreate(_ resource: ResourceInfo, _ object: JSONValue) -> [FieldError] {
        validateMetadata(resource, object)
    }

    static func validateUpdate(_ resource: ResourceInfo, _ object: JSONValue, old: JSONValue) -> [FieldError] {
        var errors = validateMetadata(resource, object)
        for key in ["name", "namespace"] where object[path: ["metadata", key]] != old[path: ["metadata", key]] {
            errors.append(FieldError(.invalid, field: "metadata.\(key)", badValue: object[path: ["metadata", key]] ?? .null,
                                     detail: "field is immutable"))
        }
        return errors
    }

    static func validateMetadata(_ resource: ResourceInfo, _ object: JSONValue) -> [FieldError] {
        var errors: [FieldError] = []
        let name = object[path: ["metadata", "name"]]?.stringValue ?? ""
        if name.isEmpty {
            errors.append(FieldError(.required, field: "metadata.name", detail: "name or generateName is required"))
        } else if !isDNS1123Subdomain(name) {
            errors.append(FieldError(
                .invalid, field: "metadata.name", badValue: .string(name),
                detail: "a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"))
        }
        return errors
    }

    static func isDNS1123Subdomain(_ s: String) -> Bool {
        guard !s.isEmpty, s.count <= 253 else { return false }
        return s.split(separator: ".", omittingEmptySubsequences: false).allSatisfy { label in
            guard let first = label.first, let last = label.last else { return false }
            return label.allSatisfy { $0.isASCII && ($0.isLowercase || $0.isNumber || $0 == "-") }
                && first != "-" && last != "-"
        }
    }
}
