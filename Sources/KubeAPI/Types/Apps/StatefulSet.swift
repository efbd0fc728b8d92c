// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// Pods with stable names (`web-0`, `web-1`) and per-pod storage.
public struct StatefulSet: KubeObject, HasStatus, Scalable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: StatefulSetSpec
    public var status: StatefulSetStatus

    public init(
        apiVersion: String? = StatefulSet.apiVersion,
        kind: String? = StatefulSet.kind,
        metadata: ObjectMeta = ObjectMeta(),
        spec: StatefulSetSpec = StatefulSetSpec(),
        status: StatefulSetStatus = StatefulSetStatus()
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
        self.spec = try c.decodeIfPresent(StatefulSetSpec.self, forKey: .spec) ?? StatefulSetSpec()
        self.status = try c.decodeIfPresent(StatefulSetStatus.self, forKey: .status) ?? StatefulSetStatus()
    }
}

extension StatefulSet {
    public static var apiVersion: String { "apps/v1" }
    public static var kind: String { "StatefulSet" }
    public static var group: String { "apps" }
    public static var version: String { "v1" }
    public static var resource: String { "statefulsets" }
    public static var namespaced: Bool { true }
}

public typealias StatefulSetList = KubeList<StatefulSet>

public struct StatefulSetSpec: Codable, Hashable, Sendable {
    public var replicas: Int32?
    public var selector: LabelSelector?
    public var template: PodTemplateSpec
    public var volumeClaimTemplates: [PersistentVolumeClaim]?
    public var serviceName: String?
    /// OrderedReady (the default) or Parallel.
    public var podManagementPolicy: String?
    public var updateStrategy: StatefulSetUpdateStrategy
    public var revisionHistoryLimit: Int32?
    public var minReadySeconds: Int32?
    public var persistentVolumeClaimRetentionPolicy: StatefulSetPersistentVolumeClaimRetentionPolicy?
    public var ordinals: StatefulSetOrdinals?

    public init(
        replicas: Int32? = nil,
        selector: LabelSelector? = nil,
        template: PodTemplateSpec = PodTemplateSpec(),
        volumeClaimTemplates: [PersistentVolumeClaim]? = nil,
        serviceName: String? = nil,
        podManagementPolicy: String? = nil,
        updateStrategy: StatefulSetUpdateStrategy = StatefulSetUpdateStrategy(),
        revisionHistoryLimit: Int32? = nil,
        minReadySeconds: Int32? = nil,
        persistentVolumeClaimRetentionPolicy: StatefulSetPersistentVolumeClaimRetentionPolicy? = nil,
        ordinals: StatefulSetOrdinals? = nil
    ) {
        self.replicas = replicas
        self.selector = selector
        self.template = template
        self.volumeClaimTemplates = volumeClaimTemplates
        self.serviceName = serviceName
        self.podManagementPolicy = podManagementPolicy
        self.updateStrategy = updateStrategy
        self.revisionHistoryLimit = revisionHistoryLimit
        self.minReadySeconds = minReadySeconds
        self.persistentVolumeClaimRetentionPolicy = persistentVolumeClaimRetentionPolicy
        self.ordinals = ordinals
    }

    enum CodingKeys: String, CodingKey {
        case replicas
        case selector
        case template
        case volumeClaimTemplates
        case serviceName
        case podManagementPolicy
        case updateStrategy
        case revisionHistoryLimit
        case minReadySeconds
        case persistentVolumeClaimRetentionPolicy
        case ordinals
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.replicas = try c.decodeIfPresent(Int32.self, forKey: .replicas)
        self.selector = try c.decodeIfPresent(LabelSelector.self, forKey: .selector)
        self.template = try c.decodeIfPresent(PodTemplateSpec.self, forKey: .template) ?? PodTemplateSpec()
        self.volumeClaimTemplates = try c.decodeIfPresent([PersistentVolumeClaim].self, forKey: .volumeClaimTemplates)
        self.serviceName = try c.decodeIfPresent(String.self, forKey: .serviceName)
        self.podManagementPolicy = try c.decodeIfPresent(String.self, forKey: .podManagementPolicy)
        self.updateStrategy = try c.decodeIfPresent(StatefulSetUpdateStrategy.self, forKey: .updateStrategy) ?? StatefulSetUpdateStrategy()
        self.revisionHistoryLimit = try c.decodeIfPresent(Int32.self, forKey: .revisionHistoryLimit)
        self.minReadySeconds = try c.decodeIfPresent(Int32.self, forKey: .minReadySeconds)
        self.persistentVolumeClaimRetentionPolicy = try c.decodeIfPresent(StatefulSetPersistentVolumeClaimRetentionPolicy.self, forKey: .persistentVolumeClaimRetentionPolicy)
        self.ordinals = try c.decodeIfPresent(StatefulSetOrdinals.self, forKey: .ordinals)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(replicas, forKey: .replicas)
        try c.encode(selector, forKey: .selector)
        try c.encode(template, forKey: .template)
        try c.encodeIfPresent(volumeClaimTemplates, forKey: .volumeClaimTemplates)
        try c.encodeIfPresent(serviceName, forKey: .serviceName)
        try c.encodeIfPresent(podManagementPolicy, forKey: .podManagementPolicy)
        try c.encode(updateStrategy, forKey: .updateStrategy)
        try c.encodeIfPresent(revisionHistoryLimit, forKey: .revisionHistoryLimit)
        try c.encodeIfPresent(minReadySeconds, forKey: .minReadySeconds)
        try c.encodeIfPresent(persistentVolumeClaimRetentionPolicy, forKey: .persistentVolumeClaimRetentionPolicy)
        try c.encodeIfPresent(ordinals, forKey: .ordinals)
    }
}

public struct StatefulSetUpdateStrategy: Codable, Hashable, Sendable {
    /// RollingUpdate (the default) or OnDelete.
    public var type: String?
    public var rollingUpdate: RollingUpdateStatefulSetStrategy?

    public init(type: String? = nil, rollingUpdate: RollingUpdateStatefulSetStrategy? = nil) {
        self.type = type
        self.rollingUpdate = rollingUpdate
    }
}

public struct RollingUpdateStatefulSetStrategy: Codable, Hashable, Sendable {
    public var partition: Int32?
    public var maxUnavailable: IntOrString?

    public init(partition: Int32? = nil, maxUnavailable: IntOrString? = nil) {
        self.partition = partition
        self.maxUnavailable = maxUnavailable
    }
}

public struct StatefulSetPersistentVolumeClaimRetentionPolicy: Codable, Hashable, Sendable {
    /// Retain or Delete.
    public var whenDeleted: String?
    public var whenScaled: String?

    public init(whenDeleted: String? = nil, whenScaled: String? = nil) {
        self.whenDeleted = whenDeleted
        self.whenScaled = whenScaled
    }
}

public struct StatefulSetOrdinals: Codable, Hashable, Sendable {
    public var start: Int32

    public init(start: Int32 = 0) {
        self.start = start
    }

    enum CodingKeys: String, CodingKey {
        case start
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.start = try c.decodeIfPresent(Int32.self, forKey: .start) ?? 0
    }
}

public struct StatefulSetStatus: Codable, Hashable, Sendable {
    public var observedGeneration: Int64?
    public var replicas: Int32
    public var readyReplicas: Int32?
    public var currentReplicas: Int32?
    public var updatedReplicas: Int32?
    public var currentRevision: String?
    public var updateRevision: String?
    public var collisionCount: Int32?
    public var conditions: [StatefulSetCondition]?
    public var availableReplicas: Int32

    public init(
        observedGeneration: Int64? = nil,
        replicas: Int32 = 0,
        readyReplicas: Int32? = nil,
        currentReplicas: Int32? = nil,
        updatedReplicas: Int32? = nil,
        currentRevision: String? = nil,
        updateRevision: String? = nil,
        collisionCount: Int32? = nil,
        conditions: [StatefulSetCondition]? = nil,
        availableReplicas: Int32 = 0
    ) {
        self.observedGeneration = observedGeneration
        self.replicas = replicas
        self.readyReplicas = readyReplicas
        self.currentReplicas = currentReplicas
        self.updatedReplicas = updatedReplicas
        self.currentRevision = currentRevision
        self.updateRevision = updateRevision
        self.collisionCount = collisionCount
        self.conditions = conditions
        self.availableReplicas = availableReplicas
    }

    enum CodingKeys: String, CodingKey {
        case observedGeneration
        case replicas
        case readyReplicas
        case currentReplicas
        case updatedReplicas
        case currentRevision
        case updateRevision
        case collisionCount
        case conditions
        case availableReplicas
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.observedGeneration = try c.decodeIfPresent(Int64.self, forKey: .observedGeneration)
        self.replicas = try c.decodeIfPresent(Int32.self, forKey: .replicas) ?? 0
        self.readyReplicas = try c.decodeIfPresent(Int32.self, forKey: .readyReplicas)
        self.currentReplicas = try c.decodeIfPresent(Int32.self, forKey: .currentReplicas)
        self.updatedReplicas = try c.decodeIfPresent(Int32.self, forKey: .updatedReplicas)
        self.currentRevision = try c.decodeIfPresent(String.self, forKey: .currentRevision)
        self.updateRevision = try c.decodeIfPresent(String.self, forKey: .updateRevision)
        self.collisionCount = try c.decodeIfPresent(Int32.self, forKey: .collisionCount)
        self.conditions = try c.decodeIfPresent([StatefulSetCondition].self, forKey: .conditions)
        self.availableReplicas = try c.decodeIfPresent(Int32.self, forKey: .availableReplicas) ?? 0
    }
}

public struct StatefulSetCondition: Codable, Hashable, Sendable {
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
