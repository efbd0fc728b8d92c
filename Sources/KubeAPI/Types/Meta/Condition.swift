// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// The standard condition shape (meta/v1 Condition) used by newer APIs.
public struct Condition: Codable, Hashable, Sendable {
    public var type: String
    /// True, False, Unknown.
    public var status: String
    public var observedGeneration: Int64?
    public var lastTransitionTime: Time?
    public var reason: String
    public var message: String

    public init(
        type: String = "",
        status: String = "",
        observedGeneration: Int64? = nil,
        lastTransitionTime: Time? = nil,
        reason: String = "",
        message: String = ""
    ) {
        self.type = type
        self.status = status
        self.observedGeneration = observedGeneration
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case type
        case status
        case observedGeneration
        case lastTransitionTime
        case reason
        case message
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        self.status = try c.decodeIfPresent(String.self, forKey: .status) ?? ""
        self.observedGeneration = try c.decodeIfPresent(Int64.self, forKey: .observedGeneration)
        self.lastTransitionTime = try c.decodeIfPresent(Time.self, forKey: .lastTransitionTime)
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason) ?? ""
        self.message = try c.decodeIfPresent(String.self, forKey: .message) ?? ""
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(status, forKey: .status)
        try c.encodeIfPresent(observedGeneration, forKey: .observedGeneration)
        try c.encode(lastTransitionTime, forKey: .lastTransitionTime)
        try c.encode(reason, forKey: .reason)
        try c.encode(message, forKey: .message)
    }
}
