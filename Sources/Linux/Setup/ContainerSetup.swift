/// Everything the single-threaded init helper needs to turn itself into a container
/// process: a plain, serialisable plan. Building it is pure (and unit-tested);
/// `ContainerSetupRunner` executes it against a `ContainerSyscalls`.
public struct ContainerSetup: Codable, Sendable, Equatable {
    /// Pod namespaces to join (pinned nsfs files), before creating new ones.
    public var joinNamespaces: [NamespacePath]
    /// Namespaces created for this container (pid, mnt, cgroup, and any not joined).
    public var newNamespaces: [NamespaceKind]
    /// The container's cgroup directory; the helper moves itself there before forking.
    public var cgroupPath: String?
    public var rootfs: Rootfs
    /// In order: /proc, /dev, …, then volumes. Destinations are container paths.
    public var mounts: [Mount]
    public var devices: [DeviceNode]
    public var maskedPaths: [String]
    public var readonlyPaths: [String]
    public var hostname: String?
    public var rlimits: [Rlimit]
    public var user: ProcessUser
    /// nil: keep every capability (only for tests of the runner itself).
    public var capabilities: CapabilitySet?
    public var noNewPrivileges: Bool
    /// nil: Unconfined.
    public var seccomp: SeccompProfile?
    /// `seccomp` compiled to BPF by the runtime (compiled once per profile, not per container);
    /// when set, the helper loads it instead of compiling the profile.
    public var seccompProgram: SeccompProgram? = nil
    public var process: ProcessSpec

    public init(joinNamespaces: [NamespacePath], newNamespaces: [NamespaceKind], cgroupPath: String?, rootfs: Rootfs,
                mounts: [Mount], devices: [DeviceNode], maskedPaths: [String], readonlyPaths: [String],
                hostname: String?, rlimits: [Rlimit], user: ProcessUser, capabilities: CapabilitySet?,
                noNewPrivileges: Bool, seccomp: SeccompProfile?, process: ProcessSpec) {
        self.joinNamespaces = joinNamespaces
        self.newNamespaces = newNamespaces
        self.cgroupPath = cgroupPath
        self.rootfs = rootfs
        self.mounts = mounts
        self.devices = devices
        self.maskedPaths = maskedPaths
        self.readonlyPaths = readonlyPaths
        self.hostname = hostname
        self.rlimits = rlimits
        self.user = user
        self.capabilities = capabilities
        self.noNewPrivileges = noNewPrivileges
        self.seccomp = seccomp
        self.process = process
    }
}

/// The container's root: an overlay of read-only image layers (topmost first) with the
/// container's own upper and work dirs, mounted at `path`.
public struct Rootfs: Codable, Sendable, Equatable {
    public var lowerDirs: [String]
    public var upperDir: String
    public var workDir: String
    public var path: String
    public var readOnly: Bool

    public init(lowerDirs: [String], upperDir: String, workDir: String, path: String, readOnly: Bool) {
        self.lowerDirs = lowerDirs
        self.upperDir = upperDir
        self.workDir = workDir
        self.path = path
        self.readOnly = readOnly
    }

    public var overlayMount: Mount {
        Mount(destination: path, type: "overlay", source: "overlay",
              options: ["lowerdir=\(lowerDirs.joined(separator: ":"))", "upperdir=\(upperDir)", "workdir=\(workDir)"])
    }
}

public struct ProcessSpec: Codable, Sendable, Equatable {
    public var args: [String]
    public var env: [String]
    public var cwd: String

    public init(args: [String], env: [String], cwd: String) {
        self.args = args
        self.env = env
        self.cwd = cwd
    }
}

/// A character device created in the container's /dev tmpfs.
public struct DeviceNode: Codable, Sendable, Equatable {
    public var path: String
    public var major: UInt32
    public var minor: UInt32
    public var mode: UInt32

    public init(path: String, major: UInt32, minor: UInt32, mode: UInt32 = 0o666) {
        self.path = path
        self.major = major
        self.minor = minor
        self.mode = mode
    }
}

/// A step of container setup; failures name it.
public enum SetupStep: String, Codable, Sendable, Equatable {
    case output = "open output"
    case joinCgroup = "join cgroup"
    case joinNamespaces = "join namespaces"
    case newNamespaces = "new namespaces"
    case rootfs
    case mounts
    case pivotRoot = "pivot_root"
    case hostname
    case rlimits
    case user
    case capabilities
    case noNewPrivileges = "no_new_privs"
    case seccomp
    case exec
}

/// A setup failure as it crosses the helper pipe: the step and what failed within it.
public struct ContainerSetupError: Error, Codable, Sendable, Equatable, CustomStringConvertible {
    public var step: SetupStep
    public var message: String
    public var errno: Int32?

    public init(step: SetupStep, message: String, errno: Int32? = nil) {
        self.step = step
        self.message = message
        self.errno = errno
    }

    public init(step: SetupStep, _ error: any Error) {
        self.step = step
        self.message = String(describing: error)
        self.errno = (error as? SyscallError)?.errno
    }

    public var description: String { "container setup failed at \(step.rawValue): \(message)" }
}
