// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// One pod per eligible node.
public struct DaemonSet: KubeObject, HasStatus {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: DaemonSetSpec
    public var status: DaemonSetStatus

    public init(
        apiVersion: String? = DaemonSet.apiVersion,
        kind: String? = DaemonSet.kind,
        metadata: ObjectMeta = ObjectMeta(),
        spec: DaemonSetSpec = DaemonSetSpec(),
        status: DaemonSetStatus = DaemonSetStatus()
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
        self.spec = try c.decodeIfPresent(DaemonSetSpec.self, forKey: .spec) ?? DaemonSetSpec()
        self.status = try c.decodeIfPresent(DaemonSetStatus.self, forKey: .status) ?? DaemonSetStatus()
    }
}

extension DaemonSet {
    public static var apiVersion: String { "apps/v1" }
    public static var kind: String { "DaemonSet" }
    public static var group: String { "apps" }
    public static var version: String { "v1" }
    public static var resource: String { "daemonsets" }
    public static var namespaced: Bool { true }
}

public typealias DaemonSetList = KubeList<DaemonSet>

public struct DaemonSetSpec: Codable, Hashable, Sendable {
    public var selector: LabelSelector?
    public var template: PodTemplateSpec
    public var updateStrategy: DaemonSetUpdateStrategy
    public var minReadySeconds: Int32?
    public var revisionHistoryLimit: Int32?

    public init(
        selector: LabelSelector? = nil,
        template: PodTemplateSpec = PodTemplateSpec(),
        updateStrategy: DaemonSetUpdateStrategy = DaemonSetUpdateStrategy(),
        minReadySeconds: Int32? = nil,
        revisionHistoryLimit: Int32? = nil
    ) {
        self.selector = selector
        self.template = template
        self.updateStrategy = updateStrategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
    }

    enum CodingKeys: String, CodingKey {
        case selector
        case template
        case updateStrategy
        case minReadySeconds
        case revisionHistoryLimit
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.selector = try c.decodeIfPresent(LabelSelector.self, forKey: .selector)
        self.template = try c.decodeIfPresent(PodTemplateSpec.self, forKey: .template) ?? PodTemplateSpec()
        self.updateStrategy = try c.decodeIfPresent(DaemonSetUpdateStrategy.self, forKey: .updateStrategy) ?? DaemonSetUpdateStrategy()
        self.minReadySeconds = try c.decodeIfPresent(Int32.self, forKey: .minReadySeconds)
        self.revisionHistoryLimit = try c.decodeIfPresent(Int32.self, forKey: .revisionHistoryLimit)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(selector, forKey: .selector)
        try c.encode(template, forKey: .template)
        try c.encode(updateStrategy, forKey: .updateStrategy)
        try c.encodeIfPresent(minReadySeconds, forKey: .minReadySeconds)
        try c.encodeIfPresent(revisionHistoryLimit, forKey: .revisionHistoryLimit)
    }
}

public struct DaemonSetUpdateStrategy: Codable, Hashable, Sendable {
    /// RollingUpdate (the default) or OnDelete.
    public var type: String?
    public var rollingUpdate: RollingUpdateDaemonSet?

    public init(type: String? = nil, rollingUpdate: RollingUpdateDaemonSet? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

public struct RollingUpdateDaemonSet: Codable, Hashable, Sendable {
    public var maxUnavailable: IntOrString?
    public var maxSurge: IntOrString?

    public init(maxUnavailable: IntOrString? = nil, maxSurge: IntOrString? = nil) {
        self.maxUnavailable = maxUnavailable
        self.maxSurge = maxSurge
    }
}

public struct DaemonSetStatus: Codable, Hashable, Sendable {
    public var currentNumberScheduled: Int32
    public var numberMisscheduled: Int32
    public var desiredNumberScheduled: Int32
    public var numberReady: Int32
    public var observedGeneration: Int64?
    public var updatedNumberScheduled: Int32?
    public var numberAvailable: Int32?
    public var numberUnavailable: Int32?
    public var collisionCount: Int32?
    public var conditions: [DaemonSetCondition]?

    public init(
        currentNumberScheduled: Int32 = 0,
        numberMisscheduled: Int32 = 0,
        desiredNumberScheduled: Int32 = 0,
        numberReady: Int32 = 0,
        observedGeneration: Int64? = nil,
        updatedNumberScheduled: Int32? = nil,
        numberAvailable: Int32? = nil,
        numberUnavailable: Int32? = nil,
        collisionCount: Int32? = nil,
        conditions: [DaemonSetCondition]? = nil
    ) {
        self.currentNumberScheduled = currentNumberScheduled
        self.numberMisscheduled = numberMisscheduled
        self.desiredNumberScheduled = desiredNumberScheduled
        self.numberReady = numberReady
        self.observedGeneration = observedGeneration
        self.updatedNumberScheduled = updatedNumberScheduled
        self.numberAvailable = numberAvailable
        self.numberUnavailable = numberUnavailable
        self.collisionCount = collisionCount
        self.conditions = conditions
    }

    enum CodingKeys: String, CodingKey {
        case currentNumberScheduled
        case numberMisscheduled
        case desiredNumberScheduled
        case numberReady
        case observedGeneration
        case updatedNumberScheduled
        case numberAvailable
        case numberUnavailable
        case collisionCount
        case conditions
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.currentNumberScheduled = try c.decodeIfPresent(Int32.self, forKey: .currentNumberScheduled) ?? 0
        self.numberMisscheduled = try c.decodeIfPresent(Int32.self, forKey: .numberMisscheduled) ?? 0
        self.desiredNumberScheduled = try c.decodeIfPresent(Int32.self, forKey: .desiredNumberScheduled) ?? 0
        self.numberReady = try c.decodeIfPresent(Int32.self, forKey: .numberReady) ?? 0
        self.observedGeneration = try c.decodeIfPresent(Int64.self, forKey: .observedGeneration)
        self.updatedNumberScheduled = try c.decodeIfPresent(Int32.self, forKey: .updatedNumberScheduled)
        self.numberAvailable = try c.decodeIfPresent(Int32.self, forKey: .numberAvailable)
        self.numberUnavailable = try c.decodeIfPresent(Int32.self, forKey: .numberUnavailable)
        self.collisionCount = try c.decodeIfPresent(Int32.self, forKey: .collisionCount)
        self.conditions = try c.decodeIfPresent([DaemonSetCondition].self, forKey: .conditions)
    }
}

public struct DaemonSetCondition: Codable, Hashable, Sendable {
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
