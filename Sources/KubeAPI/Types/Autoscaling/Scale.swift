// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// The `scale` subresource of Deployments, ReplicaSets, StatefulSets and ReplicationControllers
/// (there is no top-level `scales` collection).
public struct Scale: KubeObject, HasStatus {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ScaleSpec
    public var status: ScaleStatus

    public init(
        apiVersion: String? = Scale.apiVersion,
        kind: String? = Scale.kind,
        metadata: ObjectMeta = ObjectMeta(),
        spec: ScaleSpec = ScaleSpec(),
        status: ScaleStatus = ScaleStatus()
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case spec
        case status
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        self.spec = try c.decodeIfPresent(ScaleSpec.self, forKey: .spec) ?? ScaleSpec()
        self.status = try c.decodeIfPresent(ScaleStatus.self, forKey: .status) ?? ScaleStatus()
    }
}

extension Scale {
    public static var apiVersion: String { "autoscaling/v1" }
    public static var kind: String { "Scale" }
    public static var group: String { "autoscaling" }
    public static var version: String { "v1" }
    public static var resource: String { "scales" }
    public static var namespaced: Bool { true }
}

public struct ScaleSpec: Codable, Hashable, Sendable {
    public var replicas: Int32?

    public init(replicas: Int32? = nil) {
        self.replicas = replicas
    }
}

public struct ScaleStatus: Codable, Hashable, Sendable {
    public var replicas: Int32
    /// The label selector in string form (`app=web`).
    public var selector: String?

    public init(replicas: Int32 = 0, selector: String? = nil) {
        self.replicas = replicas
        self.selector = selector
    }

    enum CodingKeys: String, CodingKey {
        case replicas
        case selector
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.replicas = try c.decodeIfPresent(Int32.self, forKey: .replicas) ?? 0
        self.selector = try c.decodeIfPresent(String.self, forKey: .selector)
    }
}
