// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// Maps a priority class name to the integer priority pods of that class get
/// (scheduling.k8s.io/v1 PriorityClass). Cluster-scoped.
public struct PriorityClass: KubeObject {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var value: Int32
    public var globalDefault: Bool?
    public var description: String?
    /// PreemptLowerPriority (the default) or Never.
    public var preemptionPolicy: String?

    public init(
        apiVersion: String? = PriorityClass.apiVersion,
        kind: String? = PriorityClass.kind,
        metadata: ObjectMeta = ObjectMeta(),
        value: Int32 = 0,
        globalDefault: Bool? = nil,
        description: String? = nil,
        preemptionPolicy: String? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.value = value
        self.globalDefault = globalDefault
        self.description = description
        self.preemptionPolicy = preemptionPolicy
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case value
        case globalDefault
        case description
        case preemptionPolicy
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        self.value = try c.decodeIfPresent(Int32.self, forKey: .value) ?? 0
        self.globalDefault = try c.decodeIfPresent(Bool.self, forKey: .globalDefault)
        self.description = try c.decodeIfPresent(String.self, forKey: .description)
        self.preemptionPolicy = try c.decodeIfPresent(String.self, forKey: .preemptionPolicy)
    }
}

extension PriorityClass {
    public static var apiVersion: String { "scheduling.k8s.io/v1" }
    public static var kind: String { "PriorityClass" }
    public static var group: String { "scheduling.k8s.io" }
    public static var version: String { "v1" }
    public static var resource: String { "priorityclasses" }
    public static var namespaced: Bool { false }
}

public typealias PriorityClassList = KubeList<PriorityClass>
