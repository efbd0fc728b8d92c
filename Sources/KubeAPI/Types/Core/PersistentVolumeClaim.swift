// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// A request for storage (also the shape of StatefulSet volumeClaimTemplates).
public struct PersistentVolumeClaim: KubeObject, HasStatus {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PersistentVolumeClaimSpec
    public var status: PersistentVolumeClaimStatus

    public init(
        apiVersion: String? = PersistentVolumeClaim.apiVersion,
        kind: String? = PersistentVolumeClaim.kind,
        metadata: ObjectMeta = ObjectMeta(),
        spec: PersistentVolumeClaimSpec = PersistentVolumeClaimSpec(),
        status: PersistentVolumeClaimStatus = PersistentVolumeClaimStatus()
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
        self.spec = try c.decodeIfPresent(PersistentVolumeClaimSpec.self, forKey: .spec) ?? PersistentVolumeClaimSpec()
        self.status = try c.decodeIfPresent(PersistentVolumeClaimStatus.self, forKey: .status) ?? PersistentVolumeClaimStatus()
    }
}

extension PersistentVolumeClaim {
    public static var apiVersion: String { "v1" }
    public static var kind: String { "PersistentVolumeClaim" }
    public static var group: String { "" }
    public static var version: String { "v1" }
    public static var resource: String { "persistentvolumeclaims" }
    public static var namespaced: Bool { true }
}

public typealias PersistentVolumeClaimList = KubeList<PersistentVolumeClaim>

public struct PersistentVolumeClaimSpec: Codable, Hashable, Sendable {
    public var accessModes: [String]?
    public var selector: LabelSelector?
    public var resources: VolumeResourceRequirements
    public var volumeName: String?
    public var storageClassName: String?
    public var volumeMode: String?
    public var dataSource: TypedLocalObjectReference?
    public var dataSourceRef: TypedObjectReference?
    public var volumeAttributesClassName: String?

    public init(
        accessModes: [String]? = nil,
        selector: LabelSelector? = nil,
        resources: VolumeResourceRequirements = VolumeResourceRequirements(),
        volumeName: String? = nil,
        storageClassName: String? = nil,
        volumeMode: String? = nil,
        dataSource: TypedLocalObjectReference? = nil,
        dataSourceRef: TypedObjectReference? = nil,
        volumeAttributesClassName: String? = nil
    ) {
        self.accessModes = accessModes
        self.selector = selector
        self.resources = resources
        self.volumeName = volumeName
        self.storageClassName = storageClassName
        self.volumeMode = volumeMode
        self.dataSource = dataSource
        self.dataSourceRef = dataSourceRef
        self.volumeAttributesClassName = volumeAttributesClassName
    }

    enum CodingKeys: String, CodingKey {
        case accessModes
        case selector
        case resources
        case volumeName
        case storageClassName
        case volumeMode
        case dataSource
        case dataSourceRef
        case volumeAttributesClassName
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.accessModes = try c.decodeIfPresent([String].self, forKey: .accessModes)
        self.selector = try c.decodeIfPresent(LabelSelector.self, forKey: .selector)
        self.resources = try c.decodeIfPresent(VolumeResourceRequirements.self, forKey: .resources) ?? VolumeResourceRequirements()
        self.volumeName = try c.decodeIfPresent(String.self, forKey: .volumeName)
        self.storageClassName = try c.decodeIfPresent(String.self, forKey: .storageClassName)
        self.volumeMode = try c.decodeIfPresent(String.self, forKey: .volumeMode)
        self.dataSource = try c.decodeIfPresent(TypedLocalObjectReference.self, forKey: .dataSource)
        self.dataSourceRef = try c.decodeIfPresent(TypedObjectReference.self, forKey: .dataSourceRef)
        self.volumeAttributesClassName = try c.decodeIfPresent(String.self, forKey: .volumeAttributesClassName)
    }
}

public struct VolumeResourceRequirements: Codable, Hashable, Sendable {
    public var limits: [String: Quantity]?
    public var requests: [String: Quantity]?

    public init(limits: [String: Quantity]? = nil, requests: [String: Quantity]? = nil) {
        self.limits = limits
        self.requests = requests
    }
}

public struct PersistentVolumeClaimStatus: Codable, Hashable, Sendable {
    public var phase: String?
    public var accessModes: [String]?
    public var capacity: [String: Quantity]?
    public var conditions: [PersistentVolumeClaimCondition]?
    public var allocatedResources: [String: Quantity]?
    public var allocatedResourceStatuses: [String: String]?
    public var currentVolumeAttributesClassName: String?
    public var modifyVolumeStatus: JSONValue?

    public init(
        phase: String? = nil,
        accessModes: [String]? = nil,
        capacity: [String: Quantity]? = nil,
        conditions: [PersistentVolumeClaimCondition]? = nil,
        allocatedResources: [String: Quantity]? = nil,
        allocatedResourceStatuses: [String: String]? = nil,
        currentVolumeAttributesClassName: String? = nil,
        modifyVolumeStatus: JSONValue? = nil
    ) {
        self.phase = phase
        self.accessModes = accessModes
        self.capacity = capacity
        self.conditions = conditions
        self.allocatedResources = allocatedResources
        self.allocatedResourceStatuses = allocatedResourceStatuses
        self.currentVolumeAttributesClassName = currentVolumeAttributesClassName
        self.modifyVolumeStatus = modifyVolumeStatus
    }
}

public struct PersistentVolumeClaimCondition: Codable, Hashable, Sendable {
    public var type: String
    public var status: String
    public var lastProbeTime: Time?
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: String = "",
        status: String = "",
        lastProbeTime: Time? = nil,
        lastTransitionTime: Time? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastProbeTime = lastProbeTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case type
        case status
        case lastProbeTime
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
        self.lastProbeTime = try c.decodeIfPresent(Time.self, forKey: .lastProbeTime)
        self.lastTransitionTime = try c.decodeIfPresent(Time.self, forKey: .lastTransitionTime)
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(status, forKey: .status)
        try c.encode(lastProbeTime, forKey: .lastProbeTime)
        try c.encode(lastTransitionTime, forKey: .lastTransitionTime)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(message, forKey: .message)
    }
}
