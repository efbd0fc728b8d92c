// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// The body of every API error, and of some successful deletes.
public struct Status: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ListMeta
    public var status: String?
    public var message: String?
    public var reason: String?
    public var details: StatusDetails?
    public var code: Int32?

    public init(
        apiVersion: String? = Status.apiVersion,
        kind: String? = Status.kind,
        metadata: ListMeta = ListMeta(),
        status: String? = nil,
        message: String? = nil,
        reason: String? = nil,
        details: StatusDetails? = nil,
        code: Int32? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.status = status
        self.message = message
        self.reason = reason
        self.details = details
        self.code = code
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case status
        case message
        case reason
        case details
        case code
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        self.status = try c.decodeIfPresent(String.self, forKey: .status)
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        self.details = try c.decodeIfPresent(StatusDetails.self, forKey: .details)
        self.code = try c.decodeIfPresent(Int32.self, forKey: .code)
    }
}

extension Status {
    public static var apiVersion: String { "v1" }
    public static var kind: String { "Status" }
}

public struct StatusDetails: Codable, Hashable, Sendable {
    public var name: String?
    public var group: String?
    public var kind: String?
    public var uid: String?
    public var causes: [StatusCause]?
    public var retryAfterSeconds: Int32?

    public init(
        name: String? = nil,
        group: String? = nil,
        kind: String? = nil,
        uid: String? = nil,
        causes: [StatusCause]? = nil,
        retryAfterSeconds: Int32? = nil
    ) {
        self.name = name
        self.group = group
        self.kind = kind
        self.uid = uid
        self.causes = causes
        self.retryAfterSeconds = retryAfterSeconds
    }
}

public struct StatusCause: Codable, Hashable, Sendable {
    public var reason: String?
    public var message: String?
    public var field: String?

    public init(
        reason: String? = nil,
        message: String? = nil,
        field: String? = nil
    ) {
        self.reason = reason
        self.message = message
        self.field = field
    }
}
