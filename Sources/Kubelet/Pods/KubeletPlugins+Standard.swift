import CRI
import KubeAPI
import KubeClient
import Logging

extension VolumeManager: PodVolumeProvider {}
extension PodVolumes: ContainerMountProvider {}
extension ProbeManager: PodProber {}
extension LifecycleHookRunner: ContainerLifecycleHooks {}
extension Kubelet: KubeletServerBackend {}

/// The environment as upstream's makeEnvironmentVariables builds it, reading ConfigMaps,
/// Secrets and Services through the API.
public struct APIEnvironment: ContainerEnvironmentResolver {
    let objects: any KubeletObjectSource

    public init(objects: any KubeletObjectSource) {
        self.objects = objects
    }

    public func resolve(container: Container, pod: Pod, podIP: String?, podIPs: [String], hostIP: String?, nodeName: String)
        async throws -> [(name: String, value: String)]
    {
        try await ContainerEnvironment.resolve(container: container, pod: pod, podIP: podIP, podIPs: podIPs, hostIP: hostIP,
                                               nodeName: nodeName, objects: objects)
    }

    public func expand(_ input: String, with environment: [String: String]) -> String {
        ContainerEnvironment.expand(input, with: environment)
    }
}

extension KubeletPlugins {
    /// What `kubeswift kubelet` runs with: volumes under `<root-dir>/pods`, the API-backed
    /// environment, probes and lifecycle hooks.
    public static func standard(options: KubeletOptions, client: RESTClient, cri: CRIClient, logger: Logger) -> KubeletPlugins {
        let objects = APIObjectSource(client: client)
        return KubeletPlugins(
            volumes: VolumeManager(rootDirectory: options.rootDirectory, objects: objects, logger: logger),
            environment: APIEnvironment(objects: objects),
            makeProber: { callbacks in
                ProbeManager(runner: callbacks.runner, events: callbacks.events, logger: logger,
                             onResultChange: callbacks.onResultChange, onLivenessFailure: callbacks.onLivenessFailure)
            },
            hooks: LifecycleHookRunner(runner: CRICommandRunner(cri: cri)))
    }
}
