// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

public struct Node: KubeObject, HasStatus {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: NodeSpec
    public var status: NodeStatus

    public init(
        apiVersion: String? = Node.apiVersion,
        kind: String? = Node.kind,
        metadata: ObjectMeta = ObjectMeta(),
        spec: NodeSpec = NodeSpec(),
        status: NodeStatus = NodeStatus()
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
        self.spec = try c.decodeIfPresent(NodeSpec.self, forKey: .spec) ?? NodeSpec()
        self.status = try c.decodeIfPresent(NodeStatus.self, forKey: .status) ?? NodeStatus()
    }
}

extension Node {
    public static var apiVersion: String { "v1" }
    public static var kind: String { "Node" }
    public static var group: String { "" }
    public static var version: String { "v1" }
    public static var resource: String { "nodes" }
    public static var namespaced: Bool { false }
}

public typealias NodeList = KubeList<Node>

public struct NodeSpec: Codable, Hashable, Sendable {
    public var podCIDR: String?
    public var podCIDRs: [String]?
    public var providerID: String?
    public var unschedulable: Bool?
    public var taints: [Taint]?

    public init(
        podCIDR: String? = nil,
        podCIDRs: [String]? = nil,
        providerID: String? = nil,
        unschedulable: Bool? = nil,
        taints: [Taint]? = nil
    ) {
        self.podCIDR = podCIDR
        self.podCIDRs = podCIDRs
        self.providerID = providerID
        self.unschedulable = unschedulable
        self.taints = taints
    }
}

/// Repels pods that do not tolerate it.
public struct Taint: Codable, Hashable, Sendable {
    public var key: String
    public var value: String?
    /// NoSchedule, PreferNoSchedule, NoExecute.
    public var effect: String
    public var timeAdded: Time?

    public init(
        key: String = "",
        value: String? = nil,
        effect: String = "",
        timeAdded: Time? = nil
    ) {
        self.key = key
        self.value = value
        self.effect = effect
        self.timeAdded = timeAdded
    }

    enum CodingKeys: String, CodingKey {
        case key
        case value
        case effect
        case timeAdded
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
        self.value = try c.decodeIfPresent(String.self, forKey: .value)
        self.effect = try c.decodeIfPresent(String.self, forKey: .effect) ?? ""
        self.timeAdded = try c.decodeIfPresent(Time.self, forKey: .timeAdded)
    }
}

public struct NodeStatus: Codable, Hashable, Sendable {
    public var capacity: [String: Quantity]?
    public var allocatable: [String: Quantity]?
    public var phase: String?
    public var conditions: [NodeCondition]?
    public var addresses: [NodeAddress]?
    public var daemonEndpoints: NodeDaemonEndpoints
    public var nodeInfo: NodeSystemInfo
    public var images: [ContainerImage]?
    public var volumesInUse: [String]?
    public var volumesAttached: [AttachedVolume]?
    public var runtimeHandlers: [NodeRuntimeHandler]?
    public var features: NodeFeatures?

    public init(
        capacity: [String: Quantity]? = nil,
        allocatable: [String: Quantity]? = nil,
        phase: String? = nil,
        conditions: [NodeCondition]? = nil,
        addresses: [NodeAddress]? = nil,
        daemonEndpoints: NodeDaemonEndpoints = NodeDaemonEndpoints(),
        nodeInfo: NodeSystemInfo = NodeSystemInfo(),
        images: [ContainerImage]? = nil,
        volumesInUse: [String]? = nil,
        volumesAttached: [AttachedVolume]? = nil,
        runtimeHandlers: [NodeRuntimeHandler]? = nil,
        features: NodeFeatures? = nil
    ) {
        self.capacity = capacity
        self.allocatable = allocatable
        self.phase = phase
        self.conditions = conditions
        self.addresses = addresses
        self.daemonEndpoints = daemonEndpoints
        self.nodeInfo = nodeInfo
        self.images = images
        self.volumesInUse = volumesInUse
        self.volumesAttached = volumesAttached
        self.runtimeHandlers = runtimeHandlers
        self.features = features
    }

    enum CodingKeys: String, CodingKey {
        case capacity
        case allocatable
        case phase
        case conditions
        case addresses
        case daemonEndpoints
        case nodeInfo
        case images
        case volumesInUse
        case volumesAttached
        case runtimeHandlers
        case features
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.capacity = try c.decodeIfPresent([String: Quantity].self, forKey: .capacity)
        self.allocatable = try c.decodeIfPresent([String: Quantity].self, forKey: .allocatable)
        self.phase = try c.decodeIfPresent(String.self, forKey: .phase)
        self.conditions = try c.decodeIfPresent([NodeCondition].self, forKey: .conditions)
        self.addresses = try c.decodeIfPresent([NodeAddress].self, forKey: .addresses)
        self.daemonEndpoints = try c.decodeIfPresent(NodeDaemonEndpoints.self, forKey: .daemonEndpoints) ?? NodeDaemonEndpoints()
        self.nodeInfo = try c.decodeIfPresent(NodeSystemInfo.self, forKey: .nodeInfo) ?? NodeSystemInfo()
        self.images = try c.decodeIfPresent([ContainerImage].self, forKey: .images)
        self.volumesInUse = try c.decodeIfPresent([String].self, forKey: .volumesInUse)
        self.volumesAttached = try c.decodeIfPresent([AttachedVolume].self, forKey: .volumesAttached)
        self.runtimeHandlers = try c.decodeIfPresent([NodeRuntimeHandler].self, forKey: .runtimeHandlers)
        self.features = try c.decodeIfPresent(NodeFeatures.self, forKey: .features)
    }
}

public struct NodeCondition: Codable, Hashable, Sendable {
    /// Ready, MemoryPressure, DiskPressure, PIDPressure, NetworkUnavailable.
    public var type: String
    public var status: String
    public var lastHeartbeatTime: Time?
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: String = "",
        status: String = "",
        lastHeartbeatTime: Time? = nil,
        lastTransitionTime: Time? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastHeartbeatTime = lastHeartbeatTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case type
        case status
        case lastHeartbeatTime
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
        self.lastHeartbeatTime = try c.decodeIfPresent(Time.self, forKey: .lastHeartbeatTime)
        self.lastTransitionTime = try c.decodeIfPresent(Time.self, forKey: .lastTransitionTime)
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(status, forKey: .status)
        try c.encode(lastHeartbeatTime, forKey: .lastHeartbeatTime)
        try c.encode(lastTransitionTime, forKey: .lastTransitionTime)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(message, forKey: .message)
    }
}

public struct NodeAddress: Codable, Hashable, Sendable {
    /// Hostname, InternalIP, ExternalIP, InternalDNS, ExternalDNS.
    public var type: String
    public var address: String

    public init(type: String = "", address: String = "") {
        self.type = type
        self.address = address
    }

    enum CodingKeys: String, CodingKey {
        case type
        case address
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        self.address = try c.decodeIfPresent(String.self, forKey: .address) ?? ""
    }
}

public struct NodeDaemonEndpoints: Codable, Hashable, Sendable {
    public var kubeletEndpoint: DaemonEndpoint

    public init(kubeletEndpoint: DaemonEndpoint = DaemonEndpoint()) {
        self.kubeletEndpoint = kubeletEndpoint
    }

    enum CodingKeys: String, CodingKey {
        case kubeletEndpoint
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.kubeletEndpoint = try c.decodeIfPresent(DaemonEndpoint.self, forKey: .kubeletEndpoint) ?? DaemonEndpoint()
    }
}

public struct DaemonEndpoint: Codable, Hashable, Sendable {
    /// Upstream spells this key with a capital P.
    public var port: Int32

    public init(port: Int32 = 0) {
        self.port = port
    }

    enum CodingKeys: String, CodingKey {
        case port = "Port"
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.port = try c.decodeIfPresent(Int32.self, forKey: .port) ?? 0
    }
}

public struct NodeSystemInfo: Codable, Hashable, Sendable {
    public var machineID: String
    public var systemUUID: String
    public var bootID: String
    public var kernelVersion: String
    public var osImage: String
    public var containerRuntimeVersion: String
    public var kubeletVersion: String
    public var kubeProxyVersion: String
    public var operatingSystem: String
    public var architecture: String
    public var swap: NodeSwapStatus?

    public init(
        machineID: String = "",
        systemUUID: String = "",
        bootID: String = "",
        kernelVersion: String = "",
        osImage: String = "",
        containerRuntimeVersion: String = "",
        kubeletVersion: String = "",
        kubeProxyVersion: String = "",
        operatingSystem: String = "",
        architecture: String = "",
        swap: NodeSwapStatus? = nil
    ) {
        self.machineID = machineID
        self.systemUUID = systemUUID
        self.bootID = bootID
        self.kernelVersion = kernelVersion
        self.osImage = osImage
        self.containerRuntimeVersion = containerRuntimeVersion
        self.kubeletVersion = kubeletVersion
        self.kubeProxyVersion = kubeProxyVersion
        self.operatingSystem = operatingSystem
        self.architecture = architecture
        self.swap = swap
    }

    enum CodingKeys: String, CodingKey {
        case machineID
        case systemUUID
        case bootID
        case kernelVersion
        case osImage
        case containerRuntimeVersion
        case kubeletVersion
        case kubeProxyVersion
        case operatingSystem
        case architecture
        case swap
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.machineID = try c.decodeIfPresent(String.self, forKey: .machineID) ?? ""
        self.systemUUID = try c.decodeIfPresent(String.self, forKey: .systemUUID) ?? ""
        self.bootID = try c.decodeIfPresent(String.self, forKey: .bootID) ?? ""
        self.kernelVersion = try c.decodeIfPresent(String.self, forKey: .kernelVersion) ?? ""
        self.osImage = try c.decodeIfPresent(String.self, forKey: .osImage) ?? ""
        self.containerRuntimeVersion = try c.decodeIfPresent(String.self, forKey: .containerRuntimeVersion) ?? ""
        self.kubeletVersion = try c.decodeIfPresent(String.self, forKey: .kubeletVersion) ?? ""
        self.kubeProxyVersion = try c.decodeIfPresent(String.self, forKey: .kubeProxyVersion) ?? ""
        self.operatingSystem = try c.decodeIfPresent(String.self, forKey: .operatingSystem) ?? ""
        self.architecture = try c.decodeIfPresent(String.self, forKey: .architecture) ?? ""
        self.swap = try c.decodeIfPresent(NodeSwapStatus.self, forKey: .swap)
    }
}

public struct NodeSwapStatus: Codable, Hashable, Sendable {
    public var capacity: Int64?

    public init(capacity: Int64? = nil) {
        self.capacity = capacity
    }
}

public struct ContainerImage: Codable, Hashable, Sendable {
    public var names: [String]
    public var sizeBytes: Int64?

    public init(names: [String] = [], sizeBytes: Int64? = nil) {
        self.names = names
        self.sizeBytes = sizeBytes
    }

    enum CodingKeys: String, CodingKey {
        case names
        case sizeBytes
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.names = try c.decodeIfPresent([String].self, forKey: .names) ?? []
        self.sizeBytes = try c.decodeIfPresent(Int64.self, forKey: .sizeBytes)
    }
}

public struct AttachedVolume: Codable, Hashable, Sendable {
    public var name: String
    public var devicePath: String

    public init(name: String = "", devicePath: String = "") {
        self.name = name
        self.devicePath = devicePath
    }

    enum CodingKeys: String, CodingKey {
        case name
        case devicePath
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.devicePath = try c.decodeIfPresent(String.self, forKey: .devicePath) ?? ""
    }
}

public struct NodeRuntimeHandler: Codable, Hashable, Sendable {
    public var name: String
    public var features: NodeRuntimeHandlerFeatures?

    public init(name: String = "", features: NodeRuntimeHandlerFeatures? = nil) {
        self.name = name
        self.features = features
    }

    enum CodingKeys: String, CodingKey {
        case name
        case features
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.features = try c.decodeIfPresent(NodeRuntimeHandlerFeatures.self, forKey: .features)
    }
}

public struct NodeRuntimeHandlerFeatures: Codable, Hashable, Sendable {
    public var recursiveReadOnlyMounts: Bool?
    public var userNamespaces: Bool?

    public init(recursiveReadOnlyMounts: Bool? = nil, userNamespaces: Bool? = nil) {
        self.recursiveReadOnlyMounts = recursiveReadOnlyMounts
        self.userNamespaces = userNamespaces
    }
}

public struct NodeFeatures: Codable, Hashable, Sendable {
    public var supplementalGroupsPolicy: Bool?

    public init(supplementalGroupsPolicy: Bool? = nil) {
        self.supplementalGroupsPolicy = supplementalGroupsPolicy
    }
}

/// The well-known taint keys (k8s.io/api/core/v1 well_known_taints.go): set by the node
/// controllers and the kubelet, tolerated by default through DefaultTolerationSeconds.
public enum NodeTaintKey {
    public static let notReady = "node.kubernetes.io/not-ready"
    public static let unreachable = "node.kubernetes.io/unreachable"
    public static let unschedulable = "node.kubernetes.io/unschedulable"
    public static let memoryPressure = "node.kubernetes.io/memory-pressure"
    public static let diskPressure = "node.kubernetes.io/disk-pressure"
    public static let pidPressure = "node.kubernetes.io/pid-pressure"
    public static let networkUnavailable = "node.kubernetes.io/network-unavailable"
}
