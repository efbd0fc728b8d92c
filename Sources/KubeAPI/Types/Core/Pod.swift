// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// The smallest deployable unit: containers sharing a network namespace and volumes.
public struct Pod: KubeObject, HasStatus {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: PodSpec
    public var status: PodStatus

    public init(
        apiVersion: String? = Pod.apiVersion,
        kind: String? = Pod.kind,
        metadata: ObjectMeta = ObjectMeta(),
        spec: PodSpec = PodSpec(),
        status: PodStatus = PodStatus()
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
        self.spec = try c.decodeIfPresent(PodSpec.self, forKey: .spec) ?? PodSpec()
        self.status = try c.decodeIfPresent(PodStatus.self, forKey: .status) ?? PodStatus()
    }
}

extension Pod {
    public static var apiVersion: String { "v1" }
    public static var kind: String { "Pod" }
    public static var group: String { "" }
    public static var version: String { "v1" }
    public static var resource: String { "pods" }
    public static var namespaced: Bool { true }
}

public typealias PodList = KubeList<Pod>

/// What the kubelet last observed about a pod.
public struct PodStatus: Codable, Hashable, Sendable {
    public var observedGeneration: Int64?
    /// Pending, Running, Succeeded, Failed, Unknown.
    public var phase: String?
    public var conditions: [PodCondition]?
    public var message: String?
    public var reason: String?
    public var nominatedNodeName: String?
    public var hostIP: String?
    public var hostIPs: [HostIP]?
    public var podIP: String?
    public var podIPs: [PodIP]?
    public var startTime: Time?
    public var initContainerStatuses: [ContainerStatus]?
    public var containerStatuses: [ContainerStatus]?
    /// Guaranteed, Burstable, BestEffort.
    public var qosClass: String?
    public var ephemeralContainerStatuses: [ContainerStatus]?
    public var resize: String?
    public var resourceClaimStatuses: [PodResourceClaimStatus]?

    public init(
        observedGeneration: Int64? = nil,
        phase: String? = nil,
        conditions: [PodCondition]? = nil,
        message: String? = nil,
        reason: String? = nil,
        nominatedNodeName: String? = nil,
        hostIP: String? = nil,
        hostIPs: [HostIP]? = nil,
        podIP: String? = nil,
        podIPs: [PodIP]? = nil,
        startTime: Time? = nil,
        initContainerStatuses: [ContainerStatus]? = nil,
        containerStatuses: [ContainerStatus]? = nil,
        qosClass: String? = nil,
        ephemeralContainerStatuses: [ContainerStatus]? = nil,
        resize: String? = nil,
        resourceClaimStatuses: [PodResourceClaimStatus]? = nil
    ) {
        self.observedGeneration = observedGeneration
        self.phase = phase
        self.conditions = conditions
        self.message = message
        self.reason = reason
        self.nominatedNodeName = nominatedNodeName
        self.hostIP = hostIP
        self.hostIPs = hostIPs
        self.podIP = podIP
        self.podIPs = podIPs
        self.startTime = startTime
        self.initContainerStatuses = initContainerStatuses
        self.containerStatuses = containerStatuses
        self.qosClass = qosClass
        self.ephemeralContainerStatuses = ephemeralContainerStatuses
        self.resize = resize
        self.resourceClaimStatuses = resourceClaimStatuses
    }
}

public struct PodResourceClaimStatus: Codable, Hashable, Sendable {
    public var name: String
    public var resourceClaimName: String?

    public init(name: String = "", resourceClaimName: String? = nil) {
        self.name = name
        self.resourceClaimName = resourceClaimName
    }

    enum CodingKeys: String, CodingKey {
        case name
        case resourceClaimName
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.resourceClaimName = try c.decodeIfPresent(String.self, forKey: .resourceClaimName)
    }
}

public struct PodCondition: Codable, Hashable, Sendable {
    /// PodScheduled, Initialized, ContainersReady, Ready, PodReadyToStartContainers, ...
    public var type: String
    public var observedGeneration: Int64?
    public var status: String
    public var lastProbeTime: Time?
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: String = "",
        observedGeneration: Int64? = nil,
        status: String = "",
        lastProbeTime: Time? = nil,
        lastTransitionTime: Time? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.observedGeneration = observedGeneration
        self.status = status
        self.lastProbeTime = lastProbeTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case type
        case observedGeneration
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
        self.observedGeneration = try c.decodeIfPresent(Int64.self, forKey: .observedGeneration)
        self.status = try c.decodeIfPresent(String.self, forKey: .status) ?? ""
        self.lastProbeTime = try c.decodeIfPresent(Time.self, forKey: .lastProbeTime)
        self.lastTransitionTime = try c.decodeIfPresent(Time.self, forKey: .lastTransitionTime)
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encodeIfPresent(observedGeneration, forKey: .observedGeneration)
        try c.encode(status, forKey: .status)
        try c.encode(lastProbeTime, forKey: .lastProbeTime)
        try c.encode(lastTransitionTime, forKey: .lastTransitionTime)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(message, forKey: .message)
    }
}

public struct HostIP: Codable, Hashable, Sendable {
    public var ip: String

    public init(ip: String = "") {
        self.ip = ip
    }

    enum CodingKeys: String, CodingKey {
        case ip
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.ip = try c.decodeIfPresent(String.self, forKey: .ip) ?? ""
    }
}

public struct PodIP: Codable, Hashable, Sendable {
    public var ip: String

    public init(ip: String = "") {
        self.ip = ip
    }

    enum CodingKeys: String, CodingKey {
        case ip
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.ip = try c.decodeIfPresent(String.self, forKey: .ip) ?? ""
    }
}

public struct ContainerStatus: Codable, Hashable, Sendable {
    public var name: String
    public var state: ContainerState
    public var lastState: ContainerState
    public var ready: Bool
    public var restartCount: Int32
    public var image: String
    public var imageID: String
    public var containerID: String?
    public var started: Bool?
    public var allocatedResources: [String: Quantity]?
    public var resources: ResourceRequirements?
    public var volumeMounts: [VolumeMountStatus]?
    public var user: ContainerUser?
    /// Device health per resource (DRA / device plugins); kept as free-form JSON.
    public var allocatedResourcesStatus: [JSONValue]?
    public var stopSignal: String?

    public init(
        name: String = "",
        state: ContainerState = ContainerState(),
        lastState: ContainerState = ContainerState(),
        ready: Bool = false,
        restartCount: Int32 = 0,
        image: String = "",
        imageID: String = "",
        containerID: String? = nil,
        started: Bool? = nil,
        allocatedResources: [String: Quantity]? = nil,
        resources: ResourceRequirements? = nil,
        volumeMounts: [VolumeMountStatus]? = nil,
        user: ContainerUser? = nil,
        allocatedResourcesStatus: [JSONValue]? = nil,
        stopSignal: String? = nil
    ) {
        self.name = name
        self.state = state
        self.lastState = lastState
        self.ready = ready
        self.restartCount = restartCount
        self.image = image
        self.imageID = imageID
        self.containerID = containerID
        self.started = started
        self.allocatedResources = allocatedResources
        self.resources = resources
        self.volumeMounts = volumeMounts
        self.user = user
        self.allocatedResourcesStatus = allocatedResourcesStatus
        self.stopSignal = stopSignal
    }

    enum CodingKeys: String, CodingKey {
        case name
        case state
        case lastState
        case ready
        case restartCount
        case image
        case imageID
        case containerID
        case started
        case allocatedResources
        case resources
        case volumeMounts
        case user
        case allocatedResourcesStatus
        case stopSignal
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.state = try c.decodeIfPresent(ContainerState.self, forKey: .state) ?? ContainerState()
        self.lastState = try c.decodeIfPresent(ContainerState.self, forKey: .lastState) ?? ContainerState()
        self.ready = try c.decodeIfPresent(Bool.self, forKey: .ready) ?? false
        self.restartCount = try c.decodeIfPresent(Int32.self, forKey: .restartCount) ?? 0
        self.image = try c.decodeIfPresent(String.self, forKey: .image) ?? ""
        self.imageID = try c.decodeIfPresent(String.self, forKey: .imageID) ?? ""
        self.containerID = try c.decodeIfPresent(String.self, forKey: .containerID)
        self.started = try c.decodeIfPresent(Bool.self, forKey: .started)
        self.allocatedResources = try c.decodeIfPresent([String: Quantity].self, forKey: .allocatedResources)
        self.resources = try c.decodeIfPresent(ResourceRequirements.self, forKey: .resources)
        self.volumeMounts = try c.decodeIfPresent([VolumeMountStatus].self, forKey: .volumeMounts)
        self.user = try c.decodeIfPresent(ContainerUser.self, forKey: .user)
        self.allocatedResourcesStatus = try c.decodeIfPresent([JSONValue].self, forKey: .allocatedResourcesStatus)
        self.stopSignal = try c.decodeIfPresent(String.self, forKey: .stopSignal)
    }
}

/// At most one of the three is set; none means the state is not known yet.
public struct ContainerState: Codable, Hashable, Sendable {
    public var waiting: ContainerStateWaiting?
    public var running: ContainerStateRunning?
    public var terminated: ContainerStateTerminated?

    public init(
        waiting: ContainerStateWaiting? = nil,
        running: ContainerStateRunning? = nil,
        terminated: ContainerStateTerminated? = nil
    ) {
        self.waiting = waiting
        self.running = running
        self.terminated = terminated
    }
}

public struct ContainerStateWaiting: Codable, Hashable, Sendable {
    /// ContainerCreating, CrashLoopBackOff, ErrImagePull, ImagePullBackOff, ...
    public var reason: String?
    public var message: String?

    public init(reason: String? = nil, message: String? = nil) {
        self.reason = reason
        self.message = message
    }
}

public struct ContainerStateRunning: Codable, Hashable, Sendable {
    public var startedAt: Time?

    public init(startedAt: Time? = nil) {
        self.startedAt = startedAt
    }

    enum CodingKeys: String, CodingKey {
        case startedAt
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(startedAt, forKey: .startedAt)
    }
}

public struct ContainerStateTerminated: Codable, Hashable, Sendable {
    public var exitCode: Int32
    public var signal: Int32?
    public var reason: String?
    public var message: String?
    public var startedAt: Time?
    public var finishedAt: Time?
    public var containerID: String?

    public init(
        exitCode: Int32 = 0,
        signal: Int32? = nil,
        reason: String? = nil,
        message: String? = nil,
        startedAt: Time? = nil,
        finishedAt: Time? = nil,
        containerID: String? = nil
    ) {
        self.exitCode = exitCode
        self.signal = signal
        self.reason = reason
        self.message = message
        self.startedAt = startedAt
        self.finishedAt = finishedAt
        self.containerID = containerID
    }

    enum CodingKeys: String, CodingKey {
        case exitCode
        case signal
        case reason
        case message
        case startedAt
        case finishedAt
        case containerID
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.exitCode = try c.decodeIfPresent(Int32.self, forKey: .exitCode) ?? 0
        self.signal = try c.decodeIfPresent(Int32.self, forKey: .signal)
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
        self.startedAt = try c.decodeIfPresent(Time.self, forKey: .startedAt)
        self.finishedAt = try c.decodeIfPresent(Time.self, forKey: .finishedAt)
        self.containerID = try c.decodeIfPresent(String.self, forKey: .containerID)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(exitCode, forKey: .exitCode)
        try c.encodeIfPresent(signal, forKey: .signal)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(message, forKey: .message)
        try c.encode(startedAt, forKey: .startedAt)
        try c.encode(finishedAt, forKey: .finishedAt)
        try c.encodeIfPresent(containerID, forKey: .containerID)
    }
}

public struct VolumeMountStatus: Codable, Hashable, Sendable {
    public var name: String
    public var mountPath: String
    public var readOnly: Bool?
    public var recursiveReadOnly: String?

    public init(
        name: String = "",
        mountPath: String = "",
        readOnly: Bool? = nil,
        recursiveReadOnly: String? = nil
    ) {
        self.name = name
        self.mountPath = mountPath
        self.readOnly = readOnly
        self.recursiveReadOnly = recursiveReadOnly
    }

    enum CodingKeys: String, CodingKey {
        case name
        case mountPath
        case readOnly
        case recursiveReadOnly
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.mountPath = try c.decodeIfPresent(String.self, forKey: .mountPath) ?? ""
        self.readOnly = try c.decodeIfPresent(Bool.self, forKey: .readOnly)
        self.recursiveReadOnly = try c.decodeIfPresent(String.self, forKey: .recursiveReadOnly)
    }
}

public struct ContainerUser: Codable, Hashable, Sendable {
    public var linux: LinuxContainerUser?

    public init(linux: LinuxContainerUser? = nil) {
        self.linux = linux
    }
}

public struct LinuxContainerUser: Codable, Hashable, Sendable {
    public var uid: Int64
    public var gid: Int64
    public var supplementalGroups: [Int64]?

    public init(
        uid: Int64 = 0,
        gid: Int64 = 0,
        supplementalGroups: [Int64]? = nil
    ) {
        self.uid = uid
        self.gid = gid
        self.supplementalGroups = supplementalGroups
    }

    enum CodingKeys: String, CodingKey {
        case uid
        case gid
        case supplementalGroups
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.uid = try c.decodeIfPresent(Int64.self, forKey: .uid) ?? 0
        self.gid = try c.decodeIfPresent(Int64.self, forKey: .gid) ?? 0
        self.supplementalGroups = try c.decodeIfPresent([Int64].self, forKey: .supplementalGroups)
    }
}
