import Foundation
import Linux

public enum ContainerPlanError: Error, Sendable, Equatable, CustomStringConvertible {
    case runAsNonRoot(String)
    case invalidImageUser(String)
    case capabilities(CapabilityError)
    case seccomp(SeccompError)

    public var description: String {
        switch self {
        case .runAsNonRoot(let reason): "runAsNonRoot: \(reason)"
        case .invalidImageUser(let user): "image user \"\(user)\": only numeric uid[:gid] users are supported"
        case .capabilities(let error): "\(error)"
        case .seccomp(let error): "\(error)"
        }
    }
}

/// Where one container's files live, and what its pod provides.
public struct ContainerPlacement: Sendable, Equatable {
    public var lowerDirs: [String]
    public var upperDir: String
    public var workDir: String
    public var rootfsPath: String
    public var cgroupPath: String?
    /// Namespaces of the pod sandbox; nil creates the container's own net, ipc and uts.
    public var podNamespaces: [NamespacePath]?
    public var hostname: String
    /// Per-pod /etc/hosts, /etc/hostname, /etc/resolv.conf (nil: not mounted).
    public var etcFiles: [String: String]
    /// The pod uses the host's pid namespace (hostPID): no pid namespace of its own.
    public var hostPID: Bool

    public init(lowerDirs: [String], upperDir: String, workDir: String, rootfsPath: String, cgroupPath: String?,
                podNamespaces: [NamespacePath]?, hostname: String, etcFiles: [String: String] = [:], hostPID: Bool = false) {
        self.lowerDirs = lowerDirs
        self.upperDir = upperDir
        self.workDir = workDir
        self.rootfsPath = rootfsPath
        self.cgroupPath = cgroupPath
        self.podNamespaces = podNamespaces
        self.hostname = hostname
        self.etcFiles = etcFiles
        self.hostPID = hostPID
    }
}

/// ContainerSpec + image config + placement → the setup plan (pure, unit-tested).
public enum ContainerPlanner {
    public static let maskedPaths = [
        "/proc/acpi", "/proc/asound", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ]
    public static let readonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]
    public static let devices = [
        DeviceNode(path: "/dev/null", major: 1, minor: 3), DeviceNode(path: "/dev/zero", major: 1, minor: 5),
        DeviceNode(path: "/dev/full", major: 1, minor: 7), DeviceNode(path: "/dev/random", major: 1, minor: 8),
        DeviceNode(path: "/dev/urandom", major: 1, minor: 9), DeviceNode(path: "/dev/tty", major: 5, minor: 0),
    ]

    public static func plan(_ spec: ContainerSpec, image: OCIImageConfig, placement: ContainerPlacement) throws(ContainerPlanError) -> ContainerSetup {
        let security = spec.security
        let imageConfig = image.config ?? OCIImageConfig.Config()
        let user = try resolveUser(security: security, imageUser: imageConfig.User ?? "")

        let capabilities: CapabilitySet
        do {
            capabilities = try CapabilitySet.resolve(privileged: security.privileged, add: security.addCapabilities,
                                                     drop: security.dropCapabilities)
        } catch { throw .capabilities(error) }

        let seccomp = try seccompProfile(security, capabilities: capabilities)

        var newNamespaces: [NamespaceKind] = placement.hostPID ? [.mnt, .cgroup] : [.pid, .mnt, .cgroup]
        if placement.podNamespaces == nil { newNamespaces = [.net, .ipc, .uts] + newNamespaces }

        return ContainerSetup(
            joinNamespaces: (placement.podNamespaces ?? []).sorted { $0.kind < $1.kind },
            newNamespaces: newNamespaces.sorted(),
            cgroupPath: placement.cgroupPath,
            rootfs: Rootfs(lowerDirs: placement.lowerDirs.reversed(), upperDir: placement.upperDir,
                           workDir: placement.workDir, path: placement.rootfsPath,
                           readOnly: security.readOnlyRootFilesystem),
            mounts: mounts(spec, placement: placement),
            devices: devices,
            maskedPaths: security.privileged ? [] : maskedPaths,
            readonlyPaths: security.privileged ? [] : readonlyPaths,
            hostname: placement.podNamespaces == nil ? placement.hostname : nil,
            rlimits: Rlimit.containerDefaults,
            user: user,
            capabilities: capabilities,
            noNewPrivileges: !(security.allowPrivilegeEscalation ?? true) && !security.privileged,
            seccomp: seccomp,
            process: ProcessSpec(args: arguments(spec, image: imageConfig),
                                 env: environment(spec, image: imageConfig, hostname: placement.hostname),
                                 cwd: workingDirectory(spec, image: imageConfig)))
    }

    /// Kubernetes: command replaces Entrypoint (and drops Cmd); args replace Cmd.
    public static func arguments(_ spec: ContainerSpec, image: OCIImageConfig.Config) -> [String] {
        if let command = spec.command, !command.isEmpty { return command + (spec.args ?? []) }
        if let args = spec.args, !args.isEmpty { return (image.Entrypoint ?? []) + args }
        return (image.Entrypoint ?? []) + (image.Cmd ?? [])
    }

    /// Image Env, then the container's env overriding by name; PATH and HOSTNAME always set.
    public static func environment(_ spec: ContainerSpec, image: OCIImageConfig.Config, hostname: String) -> [String] {
        var names: [String] = []
        var values: [String: String] = [:]
        func set(_ name: String, _ value: String) {
            if values[name] == nil { names.append(name) }
            values[name] = value
        }
        set("PATH", ContainerSetupRunner<KernelSyscalls>.defaultPath)
        set("HOSTNAME", hostname)
        for entry in image.Env ?? [] {
            let parts = entry.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            set(String(parts[0]), parts.count > 1 ? String(parts[1]) : "")
        }
        for variable in spec.env { set(variable.name, variable.value) }
        return names.map { "\($0)=\(values[$0]!)" }
    }

    public static func workingDirectory(_ spec: ContainerSpec, image: OCIImageConfig.Config) -> String {
        for candidate in [spec.workingDir, image.WorkingDir] {
            if let candidate, !candidate.isEmpty { return candidate }
        }
        return "/"
    }

    /// kubelet's verifyRunAsNonRoot, then uid/gid selection.
    public static func resolveUser(security: SecurityContext, imageUser: String) throws(ContainerPlanError) -> ProcessUser {
        var imageUID: UInt32? = 0
        var imageGID: UInt32? = nil
        if !imageUser.isEmpty {
            let parts = imageUser.split(separator: ":", maxSplits: 1)
            imageUID = UInt32(parts[0])
            imageGID = parts.count > 1 ? UInt32(parts[1]) : nil
            if imageUID == nil && security.runAsUser == nil {
                if security.runAsNonRoot {
                    throw .runAsNonRoot("image has non-numeric user (\(imageUser)), cannot verify user is non-root")
                }
                throw .invalidImageUser(imageUser)
            }
        }
        let uid = security.runAsUser ?? imageUID ?? 0
        if security.runAsNonRoot && uid == 0 {
            throw .runAsNonRoot(security.runAsUser == 0
                ? "container's runAsUser breaks non-root policy"
                : "image will run as root (user \"\(imageUser)\")")
        }
        return ProcessUser(uid: uid, gid: security.runAsGroup ?? imageGID ?? 0,
                           additionalGids: security.supplementalGroups)
    }

    static func seccompProfile(_ security: SecurityContext, capabilities: CapabilitySet) throws(ContainerPlanError) -> SeccompProfile? {
        if security.privileged { return nil }
        switch security.seccomp {
        case .unconfined: return nil
        case .runtimeDefault: return .runtimeDefault(capabilities: Set(capabilities.bounding))
        case .localhost(let path):
            let data: Data
            do { data = try Data(contentsOf: URL(fileURLWithPath: path)) } catch {
                throw .seccomp(.unreadableProfile(path: path, reason: "\(error.localizedDescription)"))
            }
            do { return try JSONDecoder().decode(SeccompProfile.self, from: data) } catch {
                throw .seccomp(.invalidProfile(path: path, reason: "\(error)"))
            }
        }
    }

    static func mounts(_ spec: ContainerSpec, placement: ContainerPlacement) -> [Mount] {
        let privileged = spec.security.privileged
        var mounts = [
            Mount(destination: "/proc", type: "proc", source: "proc", options: ["nosuid", "noexec", "nodev"]),
            Mount(destination: "/dev", type: "tmpfs", source: "tmpfs", options: ["nosuid", "strictatime", "mode=755", "size=65536k"]),
            Mount(destination: "/dev/pts", type: "devpts", source: "devpts",
                  options: ["nosuid", "noexec", "newinstance", "ptmxmode=0666", "mode=0620", "gid=5"]),
            Mount(destination: "/dev/shm", type: "tmpfs", source: "shm", options: ["nosuid", "noexec", "nodev", "mode=1777", "size=65536k"]),
            Mount(destination: "/dev/mqueue", type: "mqueue", source: "mqueue", options: ["nosuid", "noexec", "nodev"]),
            Mount(destination: "/sys", type: "sysfs", source: "sysfs", options: ["nosuid", "noexec", "nodev", privileged ? "rw" : "ro"]),
        ]
        let etcReadOnly = spec.security.readOnlyRootFilesystem
        for name in ["hosts", "hostname", "resolv.conf"] {
            if let source = placement.etcFiles[name] {
                mounts.append(.bind(source, to: "/etc/" + name, readOnly: etcReadOnly))
            }
        }
        for volume in spec.mounts {
            mounts.append(.bind(volume.hostPath, to: volume.containerPath, readOnly: volume.readOnly))
        }
        return mounts
    }
}
