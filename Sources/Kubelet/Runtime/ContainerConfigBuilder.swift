import CRI
import Foundation
import KubeAPI

/// The CRI container config for one container of a pod, as upstream's generateContainerConfig:
/// image, command and args with $(VAR) expanded, env, mounts, working dir, labels and
/// annotations (restart count, hash), log path `<name>/<restartCount>.log`, Linux resources
/// and security context.
public struct ContainerConfigBuilder: Sendable {
    /// The node's memory, for a Burstable container's OOM score.
    public var memoryCapacity: Int64

    public init(memoryCapacity: Int64) { self.memoryCapacity = memoryCapacity }

    public func config(pod: Pod, container: Container, imageRef: String, restartCount: Int32,
                       environment: [(name: String, value: String)], mounts: [Runtime_V1_Mount],
                       expand: (String, [String: String]) -> String) -> Runtime_V1_ContainerConfig {
        var config = Runtime_V1_ContainerConfig()
        config.metadata.name = container.name
        config.metadata.attempt = UInt32(max(restartCount, 0))
        // The image as the pod names it: the runtime resolves names, ids and (kubeswift's) layout
        // paths alike, and a layout path has no id in the runtime's store.
        config.image.image = container.image ?? imageRef
        config.image.userSpecifiedImage = container.image ?? ""
        let variables = Dictionary(environment.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
        config.command = (container.command ?? []).map { expand($0, variables) }
        config.args = (container.args ?? []).map { expand($0, variables) }
        config.workingDir = container.workingDir ?? ""
        config.envs = environment.map { variable in
            var keyValue = Runtime_V1_KeyValue()
            keyValue.key = variable.name
            keyValue.value = variable.value
            return keyValue
        }
        config.mounts = mounts
        config.labels = KubeletLabels.containerLabels(pod, container)
        config.annotations = KubeletLabels.containerAnnotations(pod, container, restartCount: restartCount)
        config.logPath = "\(container.name)/\(restartCount).log"
        config.stdin = container.stdin ?? false
        config.stdinOnce = container.stdinOnce ?? false
        config.tty = container.tty ?? false
        config.linux.resources = resources(pod: pod, container: container)
        config.linux.securityContext = securityContext(pod: pod, container: container)
        return config
    }

    // MARK: Resources (upstream kuberuntime_container_linux.go)

    static let quotaPeriod: Int64 = 100_000
    static let minShares: Int64 = 2
    static let minQuota: Int64 = 1000

    func resources(pod: Pod, container: Container) -> Runtime_V1_LinuxContainerResources {
        var resources = Runtime_V1_LinuxContainerResources()
        let requests = container.resources.requests ?? [:]
        let limits = container.resources.limits ?? [:]
        // A limit without a request means request = limit (the apiserver defaults it so, too).
        let cpuRequest = requests["cpu"] ?? limits["cpu"]
        resources.cpuShares = Self.milliCPUToShares(cpuRequest?.milliValue ?? 0)
        if let cpuLimit = limits["cpu"], !cpuLimit.isZero {
            resources.cpuPeriod = Self.quotaPeriod
            resources.cpuQuota = max(cpuLimit.milliValue * Self.quotaPeriod / 1000, Self.minQuota)
        }
        if let memoryLimit = limits["memory"], !memoryLimit.isZero {
            resources.memoryLimitInBytes = memoryLimit.value
        }
        resources.oomScoreAdj = oomScoreAdjust(pod: pod, container: container)
        return resources
    }

    static func milliCPUToShares(_ milliCPU: Int64) -> Int64 {
        if milliCPU == 0 { return minShares }
        return max(milliCPU * 1024 / 1000, minShares)
    }

    /// Upstream's GetContainerOOMScoreAdjust: Guaranteed -997, BestEffort 1000, Burstable by
    /// its memory request's share of the node.
    func oomScoreAdjust(pod: Pod, container: Container) -> Int64 {
        switch QOSClass.of(pod) {
        case .guaranteed: return -997
        case .bestEffort: return 1000
        case .burstable:
            let request = (container.resources.requests ?? [:])["memory"]?.value ?? 0
            guard memoryCapacity > 0 else { return 999 }
            let score = 1000 - (1000 * request) / memoryCapacity
            if score < 3 { return 3 }
            return min(score, 999)
        }
    }

    // MARK: Security context (upstream security_context.go)

    func securityContext(pod: Pod, container: Container) -> Runtime_V1_LinuxContainerSecurityContext {
        var security = Runtime_V1_LinuxContainerSecurityContext()
        let podContext = pod.spec.securityContext
        let context = container.securityContext
        security.namespaceOptions = PodSandboxConfigBuilder.namespaceOptions(pod)
        if let user = context?.runAsUser ?? podContext?.runAsUser { security.runAsUser.value = user }
        if let group = context?.runAsGroup ?? podContext?.runAsGroup { security.runAsGroup.value = group }
        security.supplementalGroups = podContext?.supplementalGroups ?? []
        if let fsGroup = podContext?.fsGroup { security.supplementalGroups.append(fsGroup) }
        security.privileged = context?.privileged ?? false
        security.readonlyRootfs = context?.readOnlyRootFilesystem ?? false
        if let capabilities = context?.capabilities {
            security.capabilities.addCapabilities = capabilities.add ?? []
            security.capabilities.dropCapabilities = capabilities.drop ?? []
        }
        // allowPrivilegeEscalation false → no_new_privs (upstream: unless privileged or CAP_SYS_ADMIN).
        if let allow = context?.allowPrivilegeEscalation { security.noNewPrivs = !allow }
        if let profile = context?.seccompProfile ?? podContext?.seccompProfile {
            security.seccomp = PodSandboxConfigBuilder.seccomp(profile)
        } else {
            security.seccomp.profileType = .unconfined
        }
        if !security.privileged && context?.procMount != "Unmasked" {
            security.maskedPaths = Self.defaultMaskedPaths
            security.readonlyPaths = Self.defaultReadonlyPaths
        }
        return security
    }

    /// Upstream's securitycontext.defaultMaskedPaths / defaultReadonlyPaths.
    static let defaultMaskedPaths = [
        "/proc/asound", "/proc/acpi", "/proc/kcore", "/proc/keys", "/proc/latency_stats", "/proc/timer_list",
        "/proc/timer_stats", "/proc/sched_debug", "/proc/scsi", "/sys/firmware", "/sys/devices/virtual/powercap",
    ]
    static let defaultReadonlyPaths = ["/proc/bus", "/proc/fs", "/proc/irq", "/proc/sys", "/proc/sysrq-trigger"]
}
