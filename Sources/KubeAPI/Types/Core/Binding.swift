// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// Assigns a pod to a node; POSTed by the scheduler to `pods/{name}/binding`.
public struct Binding: KubeObject {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var target: ObjectReference

    public init(
        apiVersion: String? = Binding.apiVersion,
        kind: String? = Binding.kind,
        metadata: ObjectMeta = ObjectMeta(),
        target: ObjectReference = ObjectReference()
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.target = target
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case target
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        self.target = try c.decodeIfPresent(ObjectReference.self, forKey: .target) ?? ObjectReference()
    }
}

extension Binding {
    public static var apiVersion: String { "v1" }
    public static var kind: String { "Binding" }
    public static var group: String { "" }
    public static var version: String { "v1" }
    public static var resource: String { "bindings" }
    public static var namespaced: Bool { true }
}
