// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// Declarative updates for pods through ReplicaSets.
public struct Deployment: KubeObject, HasStatus, Scalable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: DeploymentSpec
    public var status: DeploymentStatus

    public init(
        apiVersion: String? = Deployment.apiVersion,
        kind: String? = Deployment.kind,
        metadata: ObjectMeta = ObjectMeta(),
        spec: DeploymentSpec = DeploymentSpec(),
        status: DeploymentStatus = DeploymentStatus()
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
        self.spec = try c.decodeIfPresent(DeploymentSpec.self, forKey: .spec) ?? DeploymentSpec()
        self.status = try c.decodeIfPresent(DeploymentStatus.self, forKey: .status) ?? DeploymentStatus()
    }
}

extension Deployment {
    public static var apiVersion: String { "apps/v1" }
    public static var kind: String { "Deployment" }
    public static var group: String { "apps" }
    public static var version: String { "v1" }
    public static var resource: String { "deployments" }
    public static var namespaced: Bool { true }
}

public typealias DeploymentList = KubeList<Deployment>

public struct DeploymentSpec: Codable, Hashable, Sendable {
    public var replicas: Int32?
    /// A pointer without omitempty upstream: unset prints as null.
    public var selector: LabelSelector?
    public var template: PodTemplateSpec
    public var strategy: DeploymentStrategy
    public var minReadySeconds: Int32?
    public var revisionHistoryLimit: Int32?
    public var paused: Bool?
    public var progressDeadlineSeconds: Int32?

    public init(
        replicas: Int32? = nil,
        selector: LabelSelector? = nil,
        template: PodTemplateSpec = PodTemplateSpec(),
        strategy: DeploymentStrategy = DeploymentStrategy(),
        minReadySeconds: Int32? = nil,
        revisionHistoryLimit: Int32? = nil,
        paused: Bool? = nil,
        progressDeadlineSeconds: Int32? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.strategy = strategy
        self.minReadySeconds = minReadySeconds
        self.revisionHistoryLimit = revisionHistoryLimit
        self.paused = paused
        self.progressDeadlineSeconds = progressDeadlineSeconds
    }

    enum CodingKeys: String, CodingKey {
        case replicas
        case selector
        case template
        case strategy
        case minReadySeconds
        case revisionHistoryLimit
        case paused
        case progressDeadlineSeconds
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.replicas = try c.decodeIfPresent(Int32.self, forKey: .replicas)
        self.selector = try c.decodeIfPresent(LabelSelector.self, forKey: .selector)
        self.template = try c.decodeIfPresent(PodTemplateSpec.self, forKey: .template) ?? PodTemplateSpec()
        self.strategy = try c.decodeIfPresent(DeploymentStrategy.self, forKey: .strategy) ?? DeploymentStrategy()
        self.minReadySeconds = try c.decodeIfPresent(Int32.self, forKey: .minReadySeconds)
        self.revisionHistoryLimit = try c.decodeIfPresent(Int32.self, forKey: .revisionHistoryLimit)
        self.paused = try c.decodeIfPresent(Bool.self, forKey: .paused)
        self.progressDeadlineSeconds = try c.decodeIfPresent(Int32.self, forKey: .progressDeadlineSeconds)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(replicas, forKey: .replicas)
        try c.encode(selector, forKey: .selector)
        try c.encode(template, forKey: .template)
        try c.encode(strategy, forKey: .strategy)
        try c.encodeIfPresent(minReadySeconds, forKey: .minReadySeconds)
        try c.encodeIfPresent(revisionHistoryLimit, forKey: .revisionHistoryLimit)
        try c.encodeIfPresent(paused, forKey: .paused)
        try c.encodeIfPresent(progressDeadlineSeconds, forKey: .progressDeadlineSeconds)
    }
}

public struct DeploymentStrategy: Codable, Hashable, Sendable {
    /// RollingUpdate (the default) or Recreate.
    public var type: String?
    public var rollingUpdate: RollingUpdateDeployment?

    public init(type: String? = nil, rollingUpdate: RollingUpdateDeployment? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

public struct RollingUpdateDeployment: Codable, Hashable, Sendable {
    public var maxUnavailable: IntOrString?
    public var maxSurge: IntOrString?

    public init(maxUnavailable: IntOrString? = nil, maxSurge: IntOrString? = nil) {
        self.maxUnavailable = maxUnavailable
        self.maxSurge = maxSurge
    }
}

public struct DeploymentStatus: Codable, Hashable, Sendable {
    public var observedGeneration: Int64?
    public var replicas: Int32?
    public var updatedReplicas: Int32?
    public var readyReplicas: Int32?
    public var availableReplicas: Int32?
    public var unavailableReplicas: Int32?
    public var terminatingReplicas: Int32?
    public var conditions: [DeploymentCondition]?
    public var collisionCount: Int32?

    public init(
        observedGeneration: Int64? = nil,
        replicas: Int32? = nil,
        updatedReplicas: Int32? = nil,
        readyReplicas: Int32? = nil,
        availableReplicas: Int32? = nil,
        unavailableReplicas: Int32? = nil,
        terminatingReplicas: Int32? = nil,
        conditions: [DeploymentCondition]? = nil,
        collisionCount: Int32? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.replicas = replicas
        self.updatedReplicas = updatedReplicas
        self.readyReplicas = readyReplicas
        self.availableReplicas = availableReplicas
        self.unavailableReplicas = unavailableReplicas
        self.terminatingReplicas = terminatingReplicas
        self.conditions = conditions
        self.collisionCount = collisionCount
    }
}

public struct DeploymentCondition: Codable, Hashable, Sendable {
    /// Available, Progressing, ReplicaFailure.
    public var type: String
    public var status: String
    public var lastUpdateTime: Time?
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: String = "",
        status: String = "",
        lastUpdateTime: Time? = nil,
        lastTransitionTime: Time? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastUpdateTime = lastUpdateTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case type
        case status
        case lastUpdateTime
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
        self.lastUpdateTime = try c.decodeIfPresent(Time.self, forKey: .lastUpdateTime)
        self.lastTransitionTime = try c.decodeIfPresent(Time.self, forKey: .lastTransitionTime)
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(status, forKey: .status)
        try c.encode(lastUpdateTime, forKey: .lastUpdateTime)
        try c.encode(lastTransitionTime, forKey: .lastTransitionTime)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(message, forKey: .message)
    }
}
