import CNI
import CRI
import Foundation
import Logging

/// Pod networking inside the runtime, as containerd does it: RunPodSandbox runs the CNI chain
/// (ADD) in the sandbox's pinned network namespace, StopPodSandbox and RemovePodSandbox run
/// DEL. hostNetwork sandboxes have no namespace of their own and skip CNI.
///
/// Without any network configuration in the config directory, pods get only loopback and
/// Status reports NetworkReady=false (NetworkPluginNotReady), so the node shows why.
struct SandboxNetwork: Sendable {
    let plugin: CNIManager

    init(configuration: RuntimeConfiguration) {
        plugin = CNIManager(configDirectory: configuration.cniConfigDirectory, binDirectories: configuration.cniBinDirectories,
                            cacheDirectory: configuration.rootDirectory + "/cni")
    }

    /// nil when ready; otherwise why not (for the NetworkReady condition's message).
    func notReadyReason() -> String? {
        do {
            try plugin.status()
            return nil
        } catch {
            return "cni config uninitialized: \(error)"
        }
    }

    static func attachment(_ config: Runtime_V1_PodSandboxConfig, sandboxID: String, netns: String) -> PodNetworkAttachment {
        PodNetworkAttachment(podNamespace: config.metadata.namespace, podName: config.metadata.name, podUID: config.metadata.uid,
                             sandboxID: sandboxID, netnsPath: netns)
    }

    /// ADD; returns the pod IPs, or nil when no network is configured (loopback only).
    func setUp(_ config: Runtime_V1_PodSandboxConfig, sandboxID: String, netns: String, logger: Logger) async throws(CRIError) -> [String]? {
        if let reason = notReadyReason() {
            logger.warning("pod sandbox gets loopback only", metadata: ["id": "\(sandboxID)", "reason": "\(reason)"])
            return nil
        }
        do {
            let status = try await plugin.setUpPod(Self.attachment(config, sandboxID: sandboxID, netns: netns))
            return status.ips
        } catch {
            throw .internal("pod sandbox \(config.metadata.namespace)/\(config.metadata.name): failed to set up network "
                + "for sandbox \(sandboxID): \(error)")
        }
    }

    /// DEL (idempotent by the CNI contract).
    func tearDown(_ config: Runtime_V1_PodSandboxConfig, sandboxID: String, netns: String) async throws(CRIError) {
        do {
            try await plugin.tearDownPod(Self.attachment(config, sandboxID: sandboxID, netns: netns))
        } catch {
            throw .internal("pod sandbox \(sandboxID): failed to tear down network: \(error)")
        }
    }
}
