import CRI
import Foundation
import Linux

/// CRI ContainerConfig → the runtime core's ContainerSpec, rejecting what the runtime cannot
/// honour with InvalidArgument (before anything is created).
enum ContainerConfigTranslation {
    static func spec(_ config: Runtime_V1_ContainerConfig, image: String) throws(CRIError) -> ContainerSpec {
        let name = config.metadata.name
        guard !name.isEmpty else { throw .invalidArgument("container config: metadata.name is required") }
        guard !config.image.image.isEmpty else { throw .invalidArgument("container \(name): image is required") }
        if config.tty || config.stdin {
            throw .invalidArgument("container \(name): tty and stdin containers need attach, which this runtime does not serve yet")
        }
        var mounts: [VolumeMount] = []
        for mount in config.mounts {
            guard mount.containerPath.hasPrefix("/") else {
                throw .invalidArgument("container \(name): mount destination \"\(mount.containerPath)\" must be absolute")
            }
            if mount.hasImage && !mount.image.image.isEmpty {
                throw .invalidArgument("container \(name): image volume mounts (\(mount.image.image)) are not supported")
            }
            guard FileManager.default.fileExists(atPath: mount.hostPath) else {
                throw .invalidArgument("container \(name): mount source \(mount.hostPath) → \(mount.containerPath) does not exist")
            }
            mounts.append(VolumeMount(hostPath: mount.hostPath, containerPath: mount.containerPath, readOnly: mount.readonly))
        }
        for device in config.devices {
            throw .invalidArgument("container \(name): device \(device.hostPath) requested; devices are not supported")
        }
        let linux = config.linux
        let context = linux.securityContext
        let runAsUser: UInt32?
        if context.hasRunAsUser {
            guard let uid = UInt32(exactly: context.runAsUser.value) else {
                throw .invalidArgument("container \(name): run_as_user \(context.runAsUser.value) out of range")
            }
            runAsUser = uid
        } else if !context.runAsUsername.isEmpty {
            guard let uid = UInt32(context.runAsUsername) else {
                throw .invalidArgument("container \(name): run_as_username \"\(context.runAsUsername)\": only numeric users are supported")
            }
            runAsUser = uid
        } else {
            runAsUser = nil
        }
        if context.hasRunAsGroup && runAsUser == nil {
            throw .invalidArgument("container \(name): run_as_group needs run_as_user")
        }
        var groups: [UInt32] = []
        for gid in context.supplementalGroups {
            guard let value = UInt32(exactly: gid) else { throw .invalidArgument("container \(name): supplemental group \(gid) out of range") }
            groups.append(value)
        }
        let security = SecurityContext(
            privileged: context.privileged,
            runAsUser: runAsUser,
            runAsGroup: context.hasRunAsGroup ? UInt32(exactly: context.runAsGroup.value) : nil,
            runAsNonRoot: false,
            supplementalGroups: groups,
            readOnlyRootFilesystem: context.readonlyRootfs,
            allowPrivilegeEscalation: context.noNewPrivs ? false : nil,
            addCapabilities: context.capabilities.addCapabilities,
            dropCapabilities: context.capabilities.dropCapabilities,
            seccomp: try seccomp(context, container: name))
        return ContainerSpec(
            name: name, image: image,
            command: config.command.isEmpty ? nil : config.command,
            args: config.args.isEmpty ? nil : config.args,
            env: config.envs.map { EnvVar(name: $0.key, value: $0.value) },
            workingDir: config.workingDir.isEmpty ? nil : config.workingDir,
            mounts: mounts,
            resources: resources(linux.resources),
            security: security)
    }

    /// The CRI's rule: no profile (and no deprecated path) means Unconfined; the kubelet sends
    /// RuntimeDefault explicitly when the pod asks for it or SeccompDefault is on.
    static func seccomp(_ context: Runtime_V1_LinuxContainerSecurityContext, container: String) throws(CRIError) -> SeccompChoice {
        if context.hasSeccomp {
            switch context.seccomp.profileType {
            case .runtimeDefault: return .runtimeDefault
            case .unconfined: return .unconfined
            case .localhost:
                let path = context.seccomp.localhostRef
                guard path.hasPrefix("/") else {
                    throw .invalidArgument("container \(container): seccomp localhost profile \"\(path)\" must be an absolute path")
                }
                return .localhost(path)
            case .UNRECOGNIZED(let value):
                throw .invalidArgument("container \(container): unknown seccomp profile type \(value)")
            }
        }
        switch context.seccompProfilePath {
        case "", "unconfined": return .unconfined
        case "runtime/default", "docker/default": return .runtimeDefault
        case let path where path.hasPrefix("localhost/"): return .localhost(String(path.dropFirst("localhost/".count)))
        case let path: throw .invalidArgument("container \(container): seccomp profile path \"\(path)\" not understood")
        }
    }

    /// CFS quota/period → CPU limit in millicores; shares → request (kubelet's MilliCPUToShares inverted).
    static func resources(_ linux: Runtime_V1_LinuxContainerResources) -> Resources {
        var resources = Resources()
        if linux.cpuQuota > 0 && linux.cpuPeriod > 0 {
            resources.cpuLimitMillis = linux.cpuQuota * 1000 / linux.cpuPeriod
        }
        if linux.cpuShares > 2 {
            resources.cpuRequestMillis = linux.cpuShares * 1000 / 1024
        }
        if linux.memoryLimitInBytes > 0 { resources.memoryLimitBytes = linux.memoryLimitInBytes }
        if let pids = linux.unified["pids.max"].flatMap({ Int64($0) }) { resources.pidsLimit = pids }
        return resources
    }
}
