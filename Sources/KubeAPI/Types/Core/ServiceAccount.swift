// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

public struct ServiceAccount: KubeObject {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var secrets: [ObjectReference]?
    public var imagePullSecrets: [LocalObjectReference]?
    public var automountServiceAccountToken: Bool?

    public init(
        apiVersion: String? = ServiceAccount.apiVersion,
        kind: String? = ServiceAccount.kind,
        metadata: ObjectMeta = ObjectMeta(),
        secrets: [ObjectReference]? = nil,
        imagePullSecrets: [LocalObjectReference]? = nil,
        automountServiceAccountToken: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.secrets = secrets
        self.imagePullSecrets = imagePullSecrets
        self.automountServiceAccountToken = automountServiceAccountToken
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case secrets
        case imagePullSecrets
        case automountServiceAccountToken
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        self.secrets = try c.decodeIfPresent([ObjectReference].self, forKey: .secrets)
        self.imagePullSecrets = try c.decodeIfPresent([LocalObjectReference].self, forKey: .imagePullSecrets)
        self.automountServiceAccountToken = try c.decodeIfPresent(Bool.self, forKey: .automountServiceAccountToken)
    }
}

extension ServiceAccount {
    public static var apiVersion: String { "v1" }
    public static var kind: String { "ServiceAccount" }
    public static var group: String { "" }
    public static var version: String { "v1" }
    public static var resource: String { "serviceaccounts" }
    public static var namespaced: Bool { true }
}

public typealias ServiceAccountList = KubeList<ServiceAccount>
