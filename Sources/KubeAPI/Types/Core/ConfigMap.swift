// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

public struct ConfigMap: KubeObject {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var immutable: Bool?
    public var data: [String: String]?
    /// Non-UTF-8 values, base64 on the wire.
    public var binaryData: [String: Base64Bytes]?

    public init(
        apiVersion: String? = ConfigMap.apiVersion,
        kind: String? = ConfigMap.kind,
        metadata: ObjectMeta = ObjectMeta(),
        immutable: Bool? = nil,
        data: [String: String]? = nil,
        binaryData: [String: Base64Bytes]? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.immutable = immutable
        self.data = data
        self.binaryData = binaryData
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case immutable
        case data
        case binaryData
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        self.immutable = try c.decodeIfPresent(Bool.self, forKey: .immutable)
        self.data = try c.decodeIfPresent([String: String].self, forKey: .data)
        self.binaryData = try c.decodeIfPresent([String: Base64Bytes].self, forKey: .binaryData)
    }
}

extension ConfigMap {
    public static var apiVersion: String { "v1" }
    public static var kind: String { "ConfigMap" }
    public static var group: String { "" }
    public static var version: String { "v1" }
    public static var resource: String { "configmaps" }
    public static var namespaced: Bool { true }
}

public typealias ConfigMapList = KubeList<ConfigMap>
