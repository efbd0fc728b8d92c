// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

public struct Secret: KubeObject {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var immutable: Bool?
    /// Values are raw bytes, base64 on the wire.
    public var data: [String: Base64Bytes]?
    /// Write-only convenience: merged into `data` by the apiserver, never read back.
    public var stringData: [String: String]?
    /// Opaque (the default), kubernetes.io/service-account-token, kubernetes.io/dockerconfigjson, ...
    public var type: String?

    public init(
        apiVersion: String? = Secret.apiVersion,
        kind: String? = Secret.kind,
        metadata: ObjectMeta = ObjectMeta(),
        immutable: Bool? = nil,
        data: [String: Base64Bytes]? = nil,
        stringData: [String: String]? = nil,
        type: String? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.immutable = immutable
        self.data = data
        self.stringData = stringData
        self.type = type
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case immutable
        case data
        case stringData
        case type
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        self.immutable = try c.decodeIfPresent(Bool.self, forKey: .immutable)
        self.data = try c.decodeIfPresent([String: Base64Bytes].self, forKey: .data)
        self.stringData = try c.decodeIfPresent([String: String].self, forKey: .stringData)
        self.type = try c.decodeIfPresent(String.self, forKey: .type)
    }
}

extension Secret {
    public static var apiVersion: String { "v1" }
    public static var kind: String { "Secret" }
    public static var group: String { "" }
    public static var version: String { "v1" }
    public static var resource: String { "secrets" }
    public static var namespaced: Bool { true }
}

public typealias SecretList = KubeList<Secret>
