// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// One line of a watch stream: ADDED, MODIFIED, DELETED, BOOKMARK or ERROR, with the object
/// (a Status for ERROR).
public struct WatchEvent: Codable, Hashable, Sendable {
    public var type: String
    public var object: JSONValue

    public init(type: String = "", object: JSONValue = .null) {
        self.type = type
        self.object = object
    }

    enum CodingKeys: String, CodingKey {
        case type
        case object
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        self.object = try c.decodeIfPresent(JSONValue.self, forKey: .object) ?? .null
    }
}
