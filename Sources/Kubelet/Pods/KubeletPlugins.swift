import CRI
import Foundation
import KubeAPI

// The seams through which the kubelet core uses the parts other engineers build (volumes,
// environment, probes, lifecycle hooks). Each protocol's requirements are spelled exactly as
// that part's contract, so its type conforms with an empty extension:
//
//   extension VolumeManager: PodVolumeProvider {}
//   extension PodVolumes: ContainerMountProvider {}
//   extension ProbeManager: PodProber {}
//   extension LifecycleHookRunner: ContainerLifecycleHooks {}
//
// and `ContainerEnvironment` is wrapped by a two-line resolver. The defaults here let the
// kubelet run pods without them: no volumes, literal env values only, ready = running, no hooks.

/// Mounts for one container (kubelet-volumes' PodVolumes).
public protocol ContainerMountProvider: Sendable {
    func mounts(for container: Container, environment: [String: String]) throws -> [Runtime_V1_Mount]
}

/// Pod volumes (kubelet-volumes' VolumeManager).
public protocol PodVolumeProvider: Sendable {
    associatedtype Volumes: ContainerMountProvider
    /// Idempotent; throws with the FailedMount message.
    func setUpPod(_ pod: Pod) async throws -> Volumes
    func tearDownPod(uid: String) async throws
    func podUIDsOnDisk() -> [String]
}

/// Container environment (kubelet-volumes' ContainerEnvironment.resolve/expand).
public protocol ContainerEnvironmentResolver: Sendable {
    func resolve(container: Container, pod: Pod, podIP: String?, podIPs: [String], hostIP: String?, nodeName: String)
        async throws -> [(name: String, value: String)]
    func expand(_ input: String, with environment: [String: String]) -> String
}

/// Probe results (kubelet-probes' ProbeManager).
public protocol PodProber: Sendable {
    func update(pod: Pod, statuses: [ContainerStatus], podIP: String?)
    func removePod(uid: String)
    func isReady(podUID: String, containerName: String) -> Bool?
    func isStarted(podUID: String, containerName: String) -> Bool?
}

/// postStart / preStop handlers (kubelet-probes' LifecycleHookRunner).
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
/// spec.serviceAccountName, status.podIP(s), status.hostIP). kubelet-volumes' ContainerEnvironment
/// replaces it (configMap/secret refs, envFrom, service links).
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
        VariableExpansion.expand(input, with: environment)
    }
}

/// Upstream's third_party/forked/golang/expansion: `$(VAR)` becomes VAR's value when defined
/// (else stays as written), `$$` is a literal `$`, any other `$` is kept.
enum VariableExpansion {
    static func expand(_ input: String, with environment: [String: String]) -> String {
        let chars = Array(input)
        var output = ""
        var i = 0
        while i < chars.count {
            guard chars[i] == "$", i + 1 < chars.count else {
                output.append(chars[i])
                i += 1
                continue
            }
            let next = chars[i + 1]
            if next == "$" {
                output.append("$")
                i += 2
            } else if next == "(", let close = chars[(i + 2)...].firstIndex(of: ")") {
                let name = String(chars[(i + 2)..<close])
                if let value = environment[name] {
                    output += value
                } else {
                    output += "$(" + name + ")"
                }
                i = close + 1
            } else {
                output.append("$")
                i += 1
            }
        }
        return output
    }
}
