// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// An immutable snapshot of a DaemonSet's or StatefulSet's template, for rollback.
public struct ControllerRevision: KubeObject {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    /// A RawExtension upstream: the serialized patch of the owner's template.
    public var data: JSONValue?
    public var revision: Int64

    public init(
        apiVersion: String? = ControllerRevision.apiVersion,
        kind: String? = ControllerRevision.kind,
        metadata: ObjectMeta = ObjectMeta(),
        data: JSONValue? = nil,
        revision: Int64 = 0
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.data = data
        self.revision = revision
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case data
        case revision
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        self.data = try c.decodeIfPresent(JSONValue.self, forKey: .data)
        self.revision = try c.decodeIfPresent(Int64.self, forKey: .revision) ?? 0
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(apiVersion, forKey: .apiVersion)
        try c.encodeIfPresent(kind, forKey: .kind)
        try c.encode(metadata, forKey: .metadata)
        try c.encode(data, forKey: .data)
        try c.encode(revision, forKey: .revision)
    }
}

extension ControllerRevision {
    public static var apiVersion: String { "apps/v1" }
    public static var kind: String { "ControllerRevision" }
    public static var group: String { "apps" }
    public static var version: String { "v1" }
    public static var resource: String { "controllerrevisions" }
    public static var namespaced: Bool { true }
}

public typealias ControllerRevisionList = KubeList<ControllerRevision>
