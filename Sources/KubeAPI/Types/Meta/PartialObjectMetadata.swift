// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// An object reduced to its metadata (`as=PartialObjectMetadata`), for any kind.
public struct PartialObjectMetadata: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta

    public init(
        apiVersion: String? = PartialObjectMetadata.apiVersion,
        kind: String? = PartialObjectMetadata.kind,
        metadata: ObjectMeta = ObjectMeta()
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
    }
}

extension PartialObjectMetadata {
    public static var apiVersion: String { "meta.k8s.io/v1" }
    public static var kind: String { "PartialObjectMetadata" }
}

public struct PartialObjectMetadataList: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ListMeta
    public var items: [PartialObjectMetadata]

    public init(
        apiVersion: String? = PartialObjectMetadataList.apiVersion,
        kind: String? = PartialObjectMetadataList.kind,
        metadata: ListMeta = ListMeta(),
        items: [PartialObjectMetadata] = []
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.items = items
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case items
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        self.items = try c.decodeIfPresent([PartialObjectMetadata].self, forKey: .items) ?? []
    }
}

extension PartialObjectMetadataList {
    public static var apiVersion: String { "meta.k8s.io/v1" }
    public static var kind: String { "PartialObjectMetadataList" }
}
