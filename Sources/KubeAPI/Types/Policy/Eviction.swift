// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// A PodDisruptionBudget-respecting delete, POSTed to `pods/{name}/eviction`
/// (there is no top-level `evictions` collection).
public struct Eviction: KubeObject {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var deleteOptions: DeleteOptions?

    public init(
        apiVersion: String? = Eviction.apiVersion,
        kind: String? = Eviction.kind,
        metadata: ObjectMeta = ObjectMeta(),
        deleteOptions: DeleteOptions? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.deleteOptions = deleteOptions
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case deleteOptions
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        self.deleteOptions = try c.decodeIfPresent(DeleteOptions.self, forKey: .deleteOptions)
    }
}

extension Eviction {
    public static var apiVersion: String { "policy/v1" }
    public static var kind: String { "Eviction" }
    public static var group: String { "policy" }
    public static var version: String { "v1" }
    public static var resource: String { "evictions" }
    public static var namespaced: Bool { true }
}
