// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

public struct ReplicaSet: KubeObject, HasStatus, Scalable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ReplicaSetSpec
    public var status: ReplicaSetStatus

    public init(
        apiVersion: String? = ReplicaSet.apiVersion,
        kind: String? = ReplicaSet.kind,
        metadata: ObjectMeta = ObjectMeta(),
        spec: ReplicaSetSpec = ReplicaSetSpec(),
        status: ReplicaSetStatus = ReplicaSetStatus()
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
        self.spec = try c.decodeIfPresent(ReplicaSetSpec.self, forKey: .spec) ?? ReplicaSetSpec()
        self.status = try c.decodeIfPresent(ReplicaSetStatus.self, forKey: .status) ?? ReplicaSetStatus()
    }
}

extension ReplicaSet {
    public static var apiVersion: String { "apps/v1" }
    public static var kind: String { "ReplicaSet" }
    public static var group: String { "apps" }
    public static var version: String { "v1" }
    public static var resource: String { "replicasets" }
    public static var namespaced: Bool { true }
}

public typealias ReplicaSetList = KubeList<ReplicaSet>

public struct ReplicaSetSpec: Codable, Hashable, Sendable {
    public var replicas: Int32?
    public var minReadySeconds: Int32?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec

    public init(
        replicas: Int32? = nil,
        minReadySeconds: Int32? = nil,
        selector: LabelSelector? = nil,
        template: PodTemplateSpec = PodTemplateSpec()
    ) {
        self.replicas = replicas
        self.minReadySeconds = minReadySeconds
        self.selector = selector
        self.template = template
    }

    enum CodingKeys: String, CodingKey {
        case replicas
        case minReadySeconds
        case selector
        case template
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.replicas = try c.decodeIfPresent(Int32.self, forKey: .replicas)
        self.minReadySeconds = try c.decodeIfPresent(Int32.self, forKey: .minReadySeconds)
        self.selector = try c.decodeIfPresent(LabelSelector.self, forKey: .selector)
        self.template = try c.decodeIfPresent(PodTemplateSpec.self, forKey: .template) ?? PodTemplateSpec()
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(replicas, forKey: .replicas)
        try c.encodeIfPresent(minReadySeconds, forKey: .minReadySeconds)
        try c.encode(selector, forKey: .selector)
        try c.encode(template, forKey: .template)
    }
}

public struct ReplicaSetStatus: Codable, Hashable, Sendable {
    public var replicas: Int32
    public var fullyLabeledReplicas: Int32?
    public var readyReplicas: Int32?
    public var availableReplicas: Int32?
    public var terminatingReplicas: Int32?
    public var observedGeneration: Int64?
    public var conditions: [ReplicaSetCondition]?

    public init(
        replicas: Int32 = 0,
        fullyLabeledReplicas: Int32? = nil,
        readyReplicas: Int32? = nil,
        availableReplicas: Int32? = nil,
        terminatingReplicas: Int32? = nil,
        observedGeneration: Int64? = nil,
        conditions: [ReplicaSetCondition]? = nil
    ) {
        self.replicas = replicas
        self.fullyLabeledReplicas = fullyLabeledReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.terminatingReplicas = terminatingReplicas
        self.observedGeneration = observedGeneration
        self.conditions = conditions
    }

    enum CodingKeys: String, CodingKey {
        case replicas
        case fullyLabeledReplicas
        case readyReplicas
        case availableReplicas
        case terminatingReplicas
        case observedGeneration
        case conditions
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.replicas = try c.decodeIfPresent(Int32.self, forKey: .replicas) ?? 0
        self.fullyLabeledReplicas = try c.decodeIfPresent(Int32.self, forKey: .fullyLabeledReplicas)
        self.readyReplicas = try c.decodeIfPresent(Int32.self, forKey: .readyReplicas)
        self.availableReplicas = try c.decodeIfPresent(Int32.self, forKey: .availableReplicas)
        self.terminatingReplicas = try c.decodeIfPresent(Int32.self, forKey: .terminatingReplicas)
        self.observedGeneration = try c.decodeIfPresent(Int64.self, forKey: .observedGeneration)
        self.conditions = try c.decodeIfPresent([ReplicaSetCondition].self, forKey: .conditions)
    }
}

public struct ReplicaSetCondition: Codable, Hashable, Sendable {
    public var type: String
    public var status: String
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: String = "",
        status: String = "",
        lastTransitionTime: Time? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case type
        case status
        case lastTransitionTime
        case reason
        case message
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        self.status = try c.decodeIfPresent(String.self, forKey: .status) ?? ""
        self.lastTransitionTime = try c.decodeIfPresent(Time.self, forKey: .lastTransitionTime)
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(status, forKey: .status)
        try c.encode(lastTransitionTime, forKey: .lastTransitionTime)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(message, forKey: .message)
    }
}
