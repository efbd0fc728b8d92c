// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// A container in a pod (core/v1 Container).
public struct Container: Codable, Hashable, Sendable {
    public var name: String
    public var image: String?
    public var command: [String]?
    public var args: [String]?
    public var workingDir: String?
    public var ports: [ContainerPort]?
    public var envFrom: [EnvFromSource]?
    public var env: [EnvVar]?
    public var resources: ResourceRequirements
    public var resizePolicy: [ContainerResizePolicy]?
    /// Only `Always`, for init containers that run as sidecars.
    public var restartPolicy: String?
    public var volumeMounts: [VolumeMount]?
    public var volumeDevices: [VolumeDevice]?
    public var livenessProbe: Probe?
    public var readinessProbe: Probe?
    public var startupProbe: Probe?
    public var lifecycle: Lifecycle?
    public var terminationMessagePath: String?
    public var terminationMessagePolicy: String?
    public var imagePullPolicy: String?
    public var securityContext: SecurityContext?
    public var stdin: Bool?
    public var stdinOnce: Bool?
    public var tty: Bool?

    public init(
        name: String = "",
        image: String? = nil,
        command: [String]? = nil,
        args: [String]? = nil,
        workingDir: String? = nil,
        ports: [ContainerPort]? = nil,
        envFrom: [EnvFromSource]? = nil,
        env: [EnvVar]? = nil,
        resources: ResourceRequirements = ResourceRequirements(),
        resizePolicy: [ContainerResizePolicy]? = nil,
        restartPolicy: String? = nil,
        volumeMounts: [VolumeMount]? = nil,
        volumeDevices: [VolumeDevice]? = nil,
        livenessProbe: Probe? = nil,
        readinessProbe: Probe? = nil,
        startupProbe: Probe? = nil,
        lifecycle: Lifecycle? = nil,
        terminationMessagePath: String? = nil,
        terminationMessagePolicy: String? = nil,
        imagePullPolicy: String? = nil,
        securityContext: SecurityContext? = nil,
        stdin: Bool? = nil,
        stdinOnce: Bool? = nil,
        tty: Bool? = nil
    ) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.workingDir = workingDir
        self.ports = ports
        self.envFrom = envFrom
        self.env = env
        self.resources = resources
        self.resizePolicy = resizePolicy
        self.restartPolicy = restartPolicy
        self.volumeMounts = volumeMounts
        self.volumeDevices = volumeDevices
        self.livenessProbe = livenessProbe
        self.readinessProbe = readinessProbe
        self.startupProbe = startupProbe
        self.lifecycle = lifecycle
        self.terminationMessagePath = terminationMessagePath
        self.terminationMessagePolicy = terminationMessagePolicy
        self.imagePullPolicy = imagePullPolicy
        self.securityContext = securityContext
        self.stdin = stdin
        self.stdinOnce = stdinOnce
        self.tty = tty
    }

    enum CodingKeys: String, CodingKey {
        case name
        case image
        case command
        case args
        case workingDir
        case ports
        case envFrom
        case env
        case resources
        case resizePolicy
        case restartPolicy
        case volumeMounts
        case volumeDevices
        case livenessProbe
        case readinessProbe
        case startupProbe
        case lifecycle
        case terminationMessagePath
        case terminationMessagePolicy
        case imagePullPolicy
        case securityContext
        case stdin
        case stdinOnce
        case tty
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.image = try c.decodeIfPresent(String.self, forKey: .image)
        self.command = try c.decodeIfPresent([String].self, forKey: .command)
        self.args = try c.decodeIfPresent([String].self, forKey: .args)
        self.workingDir = try c.decodeIfPresent(String.self, forKey: .workingDir)
        self.ports = try c.decodeIfPresent([ContainerPort].self, forKey: .ports)
        self.envFrom = try c.decodeIfPresent([EnvFromSource].self, forKey: .envFrom)
        self.env = try c.decodeIfPresent([EnvVar].self, forKey: .env)
        self.resources = try c.decodeIfPresent(ResourceRequirements.self, forKey: .resources) ?? ResourceRequirements()
        self.resizePolicy = try c.decodeIfPresent([ContainerResizePolicy].self, forKey: .resizePolicy)
        self.restartPolicy = try c.decodeIfPresent(String.self, forKey: .restartPolicy)
        self.volumeMounts = try c.decodeIfPresent([VolumeMount].self, forKey: .volumeMounts)
        self.volumeDevices = try c.decodeIfPresent([VolumeDevice].self, forKey: .volumeDevices)
        self.livenessProbe = try c.decodeIfPresent(Probe.self, forKey: .livenessProbe)
        self.readinessProbe = try c.decodeIfPresent(Probe.self, forKey: .readinessProbe)
        self.startupProbe = try c.decodeIfPresent(Probe.self, forKey: .startupProbe)
        self.lifecycle = try c.decodeIfPresent(Lifecycle.self, forKey: .lifecycle)
        self.terminationMessagePath = try c.decodeIfPresent(String.self, forKey: .terminationMessagePath)
        self.terminationMessagePolicy = try c.decodeIfPresent(String.self, forKey: .terminationMessagePolicy)
        self.imagePullPolicy = try c.decodeIfPresent(String.self, forKey: .imagePullPolicy)
        self.securityContext = try c.decodeIfPresent(SecurityContext.self, forKey: .securityContext)
        self.stdin = try c.decodeIfPresent(Bool.self, forKey: .stdin)
        self.stdinOnce = try c.decodeIfPresent(Bool.self, forKey: .stdinOnce)
        self.tty = try c.decodeIfPresent(Bool.self, forKey: .tty)
    }
}

/// A debugging container added to a running pod through the `ephemeralcontainers` subresource.
/// Same fields as `Container` (ports and probes are rejected by validation) plus the target.
public struct EphemeralContainer: Codable, Hashable, Sendable {
    public var name: String
    public var image: String?
    public var command: [String]?
    public var args: [String]?
    public var workingDir: String?
    public var ports: [ContainerPort]?
    public var envFrom: [EnvFromSource]?
    public var env: [EnvVar]?
    public var resources: ResourceRequirements
    public var resizePolicy: [ContainerResizePolicy]?
    public var restartPolicy: String?
    public var volumeMounts: [VolumeMount]?
    public var volumeDevices: [VolumeDevice]?
    public var livenessProbe: Probe?
    public var readinessProbe: Probe?
    public var startupProbe: Probe?
    public var lifecycle: Lifecycle?
    public var terminationMessagePath: String?
    public var terminationMessagePolicy: String?
    public var imagePullPolicy: String?
    public var securityContext: SecurityContext?
    public var stdin: Bool?
    public var stdinOnce: Bool?
    public var tty: Bool?
    public var targetContainerName: String?

    public init(
        name: String = "",
        image: String? = nil,
        command: [String]? = nil,
        args: [String]? = nil,
        workingDir: String? = nil,
        ports: [ContainerPort]? = nil,
        envFrom: [EnvFromSource]? = nil,
        env: [EnvVar]? = nil,
        resources: ResourceRequirements = ResourceRequirements(),
        resizePolicy: [ContainerResizePolicy]? = nil,
        restartPolicy: String? = nil,
        volumeMounts: [VolumeMount]? = nil,
        volumeDevices: [VolumeDevice]? = nil,
        livenessProbe: Probe? = nil,
        readinessProbe: Probe? = nil,
        startupProbe: Probe? = nil,
        lifecycle: Lifecycle? = nil,
        terminationMessagePath: String? = nil,
        terminationMessagePolicy: String? = nil,
        imagePullPolicy: String? = nil,
        securityContext: SecurityContext? = nil,
        stdin: Bool? = nil,
        stdinOnce: Bool? = nil,
        tty: Bool? = nil,
        targetContainerName: String? = nil
    ) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.workingDir = workingDir
        self.ports = ports
        self.envFrom = envFrom
        self.env = env
        self.resources = resources
        self.resizePolicy = resizePolicy
        self.restartPolicy = restartPolicy
        self.volumeMounts = volumeMounts
        self.volumeDevices = volumeDevices
        self.livenessProbe = livenessProbe
        self.readinessProbe = readinessProbe
        self.startupProbe = startupProbe
        self.lifecycle = lifecycle
        self.terminationMessagePath = terminationMessagePath
        self.terminationMessagePolicy = terminationMessagePolicy
        self.imagePullPolicy = imagePullPolicy
        self.securityContext = securityContext
        self.stdin = stdin
        self.stdinOnce = stdinOnce
        self.tty = tty
        self.targetContainerName = targetContainerName
    }

    enum CodingKeys: String, CodingKey {
        case name
        case image
        case command
        case args
        case workingDir
        case ports
        case envFrom
        case env
        case resources
        case resizePolicy
        case restartPolicy
        case volumeMounts
        case volumeDevices
        case livenessProbe
        case readinessProbe
        case startupProbe
        case lifecycle
        case terminationMessagePath
        case terminationMessagePolicy
        case imagePullPolicy
        case securityContext
        case stdin
        case stdinOnce
        case tty
        case targetContainerName
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.image = try c.decodeIfPresent(String.self, forKey: .image)
        self.command = try c.decodeIfPresent([String].self, forKey: .command)
        self.args = try c.decodeIfPresent([String].self, forKey: .args)
        self.workingDir = try c.decodeIfPresent(String.self, forKey: .workingDir)
        self.ports = try c.decodeIfPresent([ContainerPort].self, forKey: .ports)
        self.envFrom = try c.decodeIfPresent([EnvFromSource].self, forKey: .envFrom)
        self.env = try c.decodeIfPresent([EnvVar].self, forKey: .env)
        self.resources = try c.decodeIfPresent(ResourceRequirements.self, forKey: .resources) ?? ResourceRequirements()
        self.resizePolicy = try c.decodeIfPresent([ContainerResizePolicy].self, forKey: .resizePolicy)
        self.restartPolicy = try c.decodeIfPresent(String.self, forKey: .restartPolicy)
        self.volumeMounts = try c.decodeIfPresent([VolumeMount].self, forKey: .volumeMounts)
        self.volumeDevices = try c.decodeIfPresent([VolumeDevice].self, forKey: .volumeDevices)
        self.livenessProbe = try c.decodeIfPresent(Probe.self, forKey: .livenessProbe)
        self.readinessProbe = try c.decodeIfPresent(Probe.self, forKey: .readinessProbe)
        self.startupProbe = try c.decodeIfPresent(Probe.self, forKey: .startupProbe)
        self.lifecycle = try c.decodeIfPresent(Lifecycle.self, forKey: .lifecycle)
        self.terminationMessagePath = try c.decodeIfPresent(String.self, forKey: .terminationMessagePath)
        self.terminationMessagePolicy = try c.decodeIfPresent(String.self, forKey: .terminationMessagePolicy)
        self.imagePullPolicy = try c.decodeIfPresent(String.self, forKey: .imagePullPolicy)
        self.securityContext = try c.decodeIfPresent(SecurityContext.self, forKey: .securityContext)
        self.stdin = try c.decodeIfPresent(Bool.self, forKey: .stdin)
        self.stdinOnce = try c.decodeIfPresent(Bool.self, forKey: .stdinOnce)
        self.tty = try c.decodeIfPresent(Bool.self, forKey: .tty)
        self.targetContainerName = try c.decodeIfPresent(String.self, forKey: .targetContainerName)
    }
}

public struct ContainerPort: Codable, Hashable, Sendable {
    public var name: String?
    public var hostPort: Int32?
    public var containerPort: Int32
    /// TCP (the default), UDP, SCTP.
    public var `protocol`: String?
    public var hostIP: String?

    public init(
        name: String? = nil,
        hostPort: Int32? = nil,
        containerPort: Int32 = 0,
        `protocol`: String? = nil,
        hostIP: String? = nil
    ) {
        self.name = name
        self.hostPort = hostPort
        self.containerPort = containerPort
        self.`protocol` = `protocol`
        self.hostIP = hostIP
    }

    enum CodingKeys: String, CodingKey {
        case name
        case hostPort
        case containerPort
        case `protocol`
        case hostIP
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.hostPort = try c.decodeIfPresent(Int32.self, forKey: .hostPort)
        self.containerPort = try c.decodeIfPresent(Int32.self, forKey: .containerPort) ?? 0
        self.`protocol` = try c.decodeIfPresent(String.self, forKey: .`protocol`)
        self.hostIP = try c.decodeIfPresent(String.self, forKey: .hostIP)
    }
}

public struct ContainerResizePolicy: Codable, Hashable, Sendable {
    public var resourceName: String
    public var restartPolicy: String

    public init(resourceName: String = "", restartPolicy: String = "") {
        self.resourceName = resourceName
        self.restartPolicy = restartPolicy
    }

    enum CodingKeys: String, CodingKey {
        case resourceName
        case restartPolicy
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.resourceName = try c.decodeIfPresent(String.self, forKey: .resourceName) ?? ""
        self.restartPolicy = try c.decodeIfPresent(String.self, forKey: .restartPolicy) ?? ""
    }
}

public struct VolumeMount: Codable, Hashable, Sendable {
    public var name: String
    public var readOnly: Bool?
    public var recursiveReadOnly: String?
    public var mountPath: String
    public var subPath: String?
    /// None, HostToContainer, Bidirectional.
    public var mountPropagation: String?
    public var subPathExpr: String?

    public init(
        name: String = "",
        readOnly: Bool? = nil,
        recursiveReadOnly: String? = nil,
        mountPath: String = "",
        subPath: String? = nil,
        mountPropagation: String? = nil,
        subPathExpr: String? = nil
    ) {
        self.name = name
        self.readOnly = readOnly
        self.recursiveReadOnly = recursiveReadOnly
        self.mountPath = mountPath
        self.subPath = subPath
        self.mountPropagation = mountPropagation
        self.subPathExpr = subPathExpr
    }

    enum CodingKeys: String, CodingKey {
        case name
        case readOnly
        case recursiveReadOnly
        case mountPath
        case subPath
        case mountPropagation
        case subPathExpr
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.readOnly = try c.decodeIfPresent(Bool.self, forKey: .readOnly)
        self.recursiveReadOnly = try c.decodeIfPresent(String.self, forKey: .recursiveReadOnly)
        self.mountPath = try c.decodeIfPresent(String.self, forKey: .mountPath) ?? ""
        self.subPath = try c.decodeIfPresent(String.self, forKey: .subPath)
        self.mountPropagation = try c.decodeIfPresent(String.self, forKey: .mountPropagation)
        self.subPathExpr = try c.decodeIfPresent(String.self, forKey: .subPathExpr)
    }
}

public struct VolumeDevice: Codable, Hashable, Sendable {
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
