import CRI
import Foundation
import KubeAPI

// The seams through which the kubelet core uses volumes, the environment, probes and lifecycle
// hooks. `KubeletPlugins.standard` is the real set (KubeletPlugins+Standard.swift); the defaults
// here let tests run pods without them: no volumes, literal env values only, ready = running,
// no hooks.

/// Mounts for one container (PodVolumes).
public protocol ContainerMountProvider: Sendable {
    func mounts(for container: Container, environment: [String: String]) throws -> [Runtime_V1_Mount]
}

/// Pod volumes (VolumeManager).
public protocol PodVolumeProvider: Sendable {
    associatedtype Volumes: ContainerMountProvider
    /// Idempotent; throws with the FailedMount message.
    func setUpPod(_ pod: Pod) async throws -> Volumes
    func tearDownPod(uid: String) async throws
    func podUIDsOnDisk() -> [String]
}

/// Container environment (APIEnvironment over ContainerEnvironment).
public protocol ContainerEnvironmentResolver: Sendable {
    func resolve(container: Container, pod: Pod, podIP: String?, podIPs: [String], hostIP: String?, nodeName: String)
        async throws -> [(name: String, value: String)]
    func expand(_ input: String, with environment: [String: String]) -> String
}

/// Probe results (ProbeManager).
public protocol PodProber: Sendable {
    func update(pod: Pod, statuses: [ContainerStatus], podIP: String?)
    func removePod(uid: String)
    func isReady(podUID: String, containerName: String) -> Bool?
    func isStarted(podUID: String, containerName: String) -> Bool?
}

/// postStart / preStop handlers (LifecycleHookRunner).
public protocol ContainerLifecycleHooks: Sendable {
    func run(_ handler: LifecycleHandler, pod: Pod, container: Container, containerID: String, podIP: String?) async throws
}

/// What the kubelet is built with. The prober is made by a factory because it calls back into
/// the kubelet (resync a pod, restart a container whose liveness probe failed).
public struct KubeletPlugins: Sendable {
    public struct ProberCallbacks: Sendable {
        public var runner: any ContainerCommandRunner
        public var events: any KubeletEventRecorder
        public var onResultChange: @Sendable (_ podUID: String) -> Void
        public var onLivenessFailure: @Sendable (_ podUID: String, _ containerName: String, _ message: String) -> Void
    }

    public var volumes: (any PodVolumeProvider)?
    public var environment: any ContainerEnvironmentResolver
    public var makeProber: (@Sendable (ProberCallbacks) -> any PodProber)?
    public var hooks: (any ContainerLifecycleHooks)?

    public init(volumes: (any PodVolumeProvider)? = nil, environment: any ContainerEnvironmentResolver = LiteralEnvironment(),
                makeProber: (@Sendable (ProberCallbacks) -> any PodProber)? = nil, hooks: (any ContainerLifecycleHooks)? = nil) {
        self.volumes = volumes
        self.environment = environment
        self.makeProber = makeProber
        self.hooks = hooks
    }
}

/// No volumes: no mounts.
struct NoMounts: ContainerMountProvider {
    func mounts(for container: Container, environment: [String: String]) throws -> [Runtime_V1_Mount] { [] }
}

/// No probes: every running container is ready and started.
struct NoProber: PodProber {
    func update(pod: Pod, statuses: [ContainerStatus], podIP: String?) {}
    func removePod(uid: String) {}
    func isReady(podUID: String, containerName: String) -> Bool? { nil }
    func isStarted(podUID: String, containerName: String) -> Bool? { nil }
}

/// The environment without the API: `value`s (with $(VAR) expansion of earlier ones) and the
/// fieldRefs that need no lookup (metadata.name/namespace/uid, spec.nodeName,
/// spec.serviceAccountName, status.podIP(s), status.hostIP). The kubelet command uses
/// `APIEnvironment` (configMap/secret refs, envFrom, service links); tests use this.
public struct LiteralEnvironment: ContainerEnvironmentResolver {
    public init() {}

    public func resolve(container: Container, pod: Pod, podIP: String?, podIPs: [String], hostIP: String?, nodeName: String)
        async throws -> [(name: String, value: String)]
    {
        var result: [(name: String, value: String)] = []
        var known: [String: String] = [:]
        for variable in container.env ?? [] {
            var value = ""
            if let literal = variable.value {
                value = expand(literal, with: known)
            } else if let field = variable.valueFrom?.fieldRef?.fieldPath {
                switch field {
                case "metadata.name": value = pod.metadata.name ?? ""
                case "metadata.namespace": value = pod.metadata.namespace ?? ""
                case "metadata.uid": value = pod.metadata.uid ?? ""
                case "spec.nodeName": value = nodeName
                case "spec.serviceAccountName": value = pod.spec.serviceAccountName ?? ""
                case "status.podIP": value = podIP ?? ""
                case "status.podIPs": value = podIPs.joined(separator: ",")
                case "status.hostIP": value = hostIP ?? ""
                default: continue
                }
            } else {
                continue
            }
            known[variable.name] = value
            result.append((variable.name, value))
        }
        return result
    }

    public func expand(_ input: String, with environment: [String: String]) -> String {
        ContainerEnvironment.expand(input, with: environment)
    }
}
