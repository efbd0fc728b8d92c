import KubeAPI

/// A failed request, rendered as a meta/v1 `Status` with upstream's reason and code
/// (apimachinery/pkg/api/errors), so clients print exactly what users know:
/// `Error from server (NotFound): pods "x" not found`.
public struct APIError: Error, Sendable, CustomStringConvertible {
    public var code: Int
    public var reason: String
    public var message: String
    public var details: JSONValue?

    public init(code: Int, reason: String, message: String, details: JSONValue? = nil) {
        self.code = code
        self.reason = reason
        self.message = message
        self.details = details
    }

    public var description: String { "\(code) \(reason): \(message)" }

    public var status: JSONValue {
        var status: JSONValue = [
            "kind": "Status", "apiVersion": "v1", "metadata": [:], "status": "Failure",
            "message": .string(message), "reason": .string(reason),
        ]
        if let details { status["details"] = details }
        status["code"] = .int(Int64(code))
        return status
    }

    static func qualified(_ resource: ResourceInfo) -> String {
        resource.group.isEmpty ? resource.resource : "\(resource.resource).\(resource.group)"
    }

    static func detailsFor(_ resource: ResourceInfo, name: String) -> JSONValue {
        var d: JSONValue = ["name": .string(name)]
        if !resource.group.isEmpty { d["group"] = .string(resource.group) }
        d["kind"] = .string(resource.resource)
        return d
    }

    public static func notFound(_ resource: ResourceInfo, name: String) -> APIError {
        APIError(code: 404, reason: "NotFound", message: "\(qualified(resource)) \"\(name)\" not found",
                 details: detailsFor(resource, name: name))
    }

    public static func namespaceNotFound(_ namespace: String) -> APIError {
        APIError(code: 404, reason: "NotFound", message: "namespaces \"\(namespace)\" not found",
                 details: ["name": .string(namespace), "kind": "namespaces"])
    }

    public static func alreadyExists(_ resource: ResourceInfo, name: String) -> APIError {
        APIError(code: 409, reason: "AlreadyExists", message: "\(qualified(resource)) \"\(name)\" already exists",
                 details: detailsFor(resource, name: name))
    }

    public static func conflict(_ resource: ResourceInfo, name: String, detail: String) -> APIError {
        APIError(code: 409, reason: "Conflict",
                 message: "Operation cannot be fulfilled on \(qualified(resource)) \"\(name)\": \(detail)",
                 details: detailsFor(resource, name: name))
    }

    public static func modified(_ resource: ResourceInfo, name: String) -> APIError {
        conflict(resource, name: name,
                 detail: "the object has been modified; please apply your changes to the latest version and try again")
    }

    /// 422 Invalid with every cause, as upstream's `NewInvalid`.
    public static func invalid(kind: String, group: String, name: String, errors: [FieldError]) -> APIError {
        let list = errors.map(\.description)
        let summary = list.count == 1 ? list[0] : "[" + list.joined(separator: ", ") + "]"
        var details: JSONValue = ["name": .string(name)]
        if !group.isEmpty { details["group"] = .string(group) }
        details["kind"] = .string(kind)
        details["causes"] = .array(errors.map { e in
            ["reason": .string(e.kind.rawValue), "message": .string(e.message), "field": .string(e.field)]
        })
        let qualifiedKind = group.isEmpty ? kind : "\(kind).\(group)"
        return APIError(code: 422, reason: "Invalid", message: "\(qualifiedKind) \"\(name)\" is invalid: \(summary)",
                        details: details)
    }

    public static func badRequest(_ message: String) -> APIError {
        APIError(code: 400, reason: "BadRequest", message: message)
    }

    public static func methodNotAllowed(_ message: String) -> APIError {
        APIError(code: 405, reason: "MethodNotAllowed", message: message)
    }

    public static func gone(_ message: String) -> APIError {
        APIError(code: 410, reason: "Expired", message: message)
    }

    public static func tooLarge() -> APIError {
        APIError(code: 413, reason: "RequestEntityTooLarge", message: "Request entity too large: limit is 3145728")
    }

    public static func unsupportedMediaType(_ contentType: String) -> APIError {
        APIError(code: 415, reason: "UnsupportedMediaType", message: "the body of the request was in an unknown format - accepted media types include: application/json, application/yaml, application/vnd.kubernetes.protobuf")
    }

    public static func notAcceptable(_ accept: String) -> APIError {
        APIError(code: 406, reason: "NotAcceptable", message: "only the following media types are accepted: application/json, application/yaml")
    }

    public static func forbidden(_ resource: ResourceInfo, name: String, reason: String) -> APIError {
        let target = name.isEmpty ? qualified(resource) : "\(qualified(resource)) \"\(name)\""
        return APIError(code: 403, reason: "Forbidden", message: "\(target) is forbidden: \(reason)",
                        details: detailsFor(resource, name: name))
    }

    public static func internalError(_ message: String) -> APIError {
        APIError(code: 500, reason: "InternalError", message: "Internal error occurred: \(message)")
    }

    public static func serviceUnavailable(_ message: String) -> APIError {
        APIError(code: 503, reason: "ServiceUnavailable", message: message)
    }

    public static func pathNotFound() -> APIError {
        APIError(code: 404, reason: "NotFound", message: "the server could not find the requested resource")
    }
}
