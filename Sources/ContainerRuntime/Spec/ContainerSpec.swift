import Linux

/// What the runtime is asked to run: the CRI ContainerConfig, in Kubernetes' vocabulary.
public struct ContainerSpec: Codable, Sendable, Equatable {
    public var name: String
    public var image: String
    /// Overrides the image Entrypoint (Kubernetes `command`).
    public var command: [String]?
    /// Overrides the image Cmd (Kubernetes `args`).
    public var args: [String]?
    public var env: [EnvVar]
    public var workingDir: String?
    public var mounts: [VolumeMount]
    public var resources: Resources
    public var security: SecurityContext

    public init(name: String, image: String, command: [String]? = nil, args: [String]? = nil, env: [EnvVar] = [],
                workingDir: String? = nil, mounts: [VolumeMount] = [], resources: Resources = Resources(),
                security: SecurityContext = SecurityContext()) {
        self.name = name
        self.image = image
        self.command = command
        self.args = args
        self.env = env
        self.workingDir = workingDir
        self.mounts = mounts
        self.resources = resources
        self.security = security
    }
}

public struct EnvVar: Codable, Sendable, Equatable {
    public var name: String
    public var value: String
    public init(name: String, value: String) {
        self.name = name
        self.value = value
    }
}

public struct VolumeMount: Codable, Sendable, Equatable {
    public var hostPath: String
    public var containerPath: String
    public var readOnly: Bool
    public init(hostPath: String, containerPath: String, readOnly: Bool = false) {
        self.hostPath = hostPath
        self.containerPath = containerPath
        self.readOnly = readOnly
    }
}

/// Requests and limits, already parsed from Quantities.
public struct Resources: Codable, Sendable, Equatable {
    public var cpuRequestMillis: Int64?
    public var cpuLimitMillis: Int64?
    public var memoryRequestBytes: Int64?
    public var memoryLimitBytes: Int64?
    public var pidsLimit: Int64?

    public init(cpuRequestMillis: Int64? = nil, cpuLimitMillis: Int64? = nil, memoryRequestBytes: Int64? = nil,
                memoryLimitBytes: Int64? = nil, pidsLimit: Int64? = nil) {
        self.cpuRequestMillis = cpuRequestMillis
        self.cpuLimitMillis = cpuLimitMillis
        self.memoryRequestBytes = memoryRequestBytes
        self.memoryLimitBytes = memoryLimitBytes
        self.pidsLimit = pidsLimit
    }

    public var limits: CgroupLimits {
        CgroupLimits(cpuRequestMillis: cpuRequestMillis, cpuLimitMillis: cpuLimitMillis,
                     memoryLimitBytes: memoryLimitBytes, pidsLimit: pidsLimit)
    }
}

public enum QOSClass: String, Codable, Sendable {
    case guaranteed = "Guaranteed", burstable = "Burstable", bestEffort = "BestEffort"

    /// The kubepods sub-path: Guaranteed pods sit directly under kubepods (as upstream).
    public var cgroupParent: String {
        switch self {
        case .guaranteed: "kubepods"
        case .burstable: "kubepods/burstable"
        case .bestEffort: "kubepods/besteffort"
        }
    }

    /// Upstream's rule, for a pod of these containers: no requests or limits at all →
    /// BestEffort; cpu and memory limits on every container equal to requests → Guaranteed.
    public static func of(_ resources: [Resources]) -> QOSClass {
        let anySet = resources.contains {
            $0.cpuRequestMillis != nil || $0.cpuLimitMillis != nil || $0.memoryRequestBytes != nil || $0.memoryLimitBytes != nil
        }
        if !anySet { return .bestEffort }
        let guaranteed = resources.allSatisfy {
            guard let cpu = $0.cpuLimitMillis, let memory = $0.memoryLimitBytes else { return false }
            return ($0.cpuRequestMillis ?? cpu) == cpu && ($0.memoryRequestBytes ?? memory) == memory
        }
        return guaranteed ? .guaranteed : .burstable
    }
}

public enum SeccompChoice: Codable, Sendable, Equatable {
    case runtimeDefault
    case unconfined
    /// A JSON profile file (already resolved to an absolute path).
    case localhost(String)
}

public struct SecurityContext: Codable, Sendable, Equatable {
    public var privileged: Bool
    public var runAsUser: UInt32?
    public var runAsGroup: UInt32?
    public var runAsNonRoot: Bool
    public var supplementalGroups: [UInt32]
    public var readOnlyRootFilesystem: Bool
    /// nil means true (Kubernetes' default).
    public var allowPrivilegeEscalation: Bool?
    public var addCapabilities: [String]
    public var dropCapabilities: [String]
    public var seccomp: SeccompChoice

    public init(privileged: Bool = false, runAsUser: UInt32? = nil, runAsGroup: UInt32? = nil, runAsNonRoot: Bool = false,
                supplementalGroups: [UInt32] = [], readOnlyRootFilesystem: Bool = false, allowPrivilegeEscalation: Bool? = nil,
                addCapabilities: [String] = [], dropCapabilities: [String] = [], seccomp: SeccompChoice = .runtimeDefault) {
        self.privileged = privileged
        self.runAsUser = runAsUser
        self.runAsGroup = runAsGroup
        self.runAsNonRoot = runAsNonRoot
        self.supplementalGroups = supplementalGroups
        self.readOnlyRootFilesystem = readOnlyRootFilesystem
        self.allowPrivilegeEscalation = allowPrivilegeEscalation
        self.addCapabilities = addCapabilities
        self.dropCapabilities = dropCapabilities
        self.seccomp = seccomp
    }
}
