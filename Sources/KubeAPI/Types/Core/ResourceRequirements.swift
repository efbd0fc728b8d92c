// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// Requests and limits, keyed by resource name (`cpu`, `memory`, `ephemeral-storage`, ...).
public struct ResourceRequirements: Codable, Hashable, Sendable {
    public var limits: [String: Quantity]?
    public var requests: [String: Quantity]?
    public var claims: [ResourceClaim]?

    public init(
        limits: [String: Quantity]? = nil,
        requests: [String: Quantity]? = nil,
        claims: [ResourceClaim]? = nil
    ) {
        self.limits = limits
        self.requests = requests
        self.claims = claims
    }
}

public struct ResourceClaim: Codable, Hashable, Sendable {
    public var name: String
    public var request: String?

    public init(name: String = "", request: String? = nil) {
        self.name = name
        self.request = request
    }

    enum CodingKeys: String, CodingKey {
        case name
        case request
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.request = try c.decodeIfPresent(String.self, forKey: .request)
    }
}
