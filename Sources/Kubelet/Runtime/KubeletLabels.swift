import Foundation
import KubeAPI

/// The labels and annotations the kubelet puts on sandboxes and containers, named as upstream's
/// (pkg/kubelet/kuberuntime/labels.go), so a restarted kubelet (or crictl) can tell which pod
/// and container a runtime object is, which attempt it was, and from which spec.
public enum KubeletLabels {
    public static let podName = "io.kubernetes.pod.name"
    public static let podNamespace = "io.kubernetes.pod.namespace"
    public static let podUID = "io.kubernetes.pod.uid"
    public static let containerName = "io.kubernetes.container.name"
    public static let containerHash = "io.kubernetes.container.hash"
    public static let containerRestartCount = "io.kubernetes.container.restartCount"
    public static let terminationMessagePath = "io.kubernetes.container.terminationMessagePath"
    public static let terminationMessagePolicy = "io.kubernetes.container.terminationMessagePolicy"
    public static let podTerminationGracePeriod = "io.kubernetes.pod.terminationGracePeriod"
    public static let containerPorts = "io.kubernetes.container.ports"
    /// Where the pod came from (api, file), as upstream annotates it.
    public static let configSource = "kubernetes.io/config.source"

    /// Sandbox labels: the pod's labels plus the three identifying ones.
    public static func sandboxLabels(_ pod: Pod) -> [String: String] {
        var labels = pod.metadata.labels ?? [:]
        labels[podName] = pod.metadata.name ?? ""
        labels[podNamespace] = pod.metadata.namespace ?? ""
        labels[podUID] = pod.metadata.uid ?? ""
        return labels
    }

    public static func sandboxAnnotations(_ pod: Pod) -> [String: String] {
        var annotations = pod.metadata.annotations ?? [:]
        annotations[configSource] = "api"
        return annotations
    }

    public static func containerLabels(_ pod: Pod, _ container: Container) -> [String: String] {
        [podName: pod.metadata.name ?? "", podNamespace: pod.metadata.namespace ?? "", podUID: pod.metadata.uid ?? "",
         containerName: container.name]
    }

    public static func containerAnnotations(_ pod: Pod, _ container: Container, restartCount: Int32) -> [String: String] {
        var annotations = [
            containerHash: ContainerHash.of(container),
            containerRestartCount: String(restartCount),
            terminationMessagePath: container.terminationMessagePath ?? "/dev/termination-log",
            terminationMessagePolicy: container.terminationMessagePolicy ?? "File",
            podTerminationGracePeriod: String(pod.spec.terminationGracePeriodSeconds ?? 30),
        ]
        if let ports = container.ports, !ports.isEmpty,
           let data = try? JSONEncoder().encode(ports), let json = String(data: data, encoding: .utf8) {
            annotations[containerPorts] = json
        }
        return annotations
    }
}

/// A short stable hash of a container's spec (upstream's HashContainer: FNV-32a over its JSON),
/// stored on the runtime container so a changed spec (a new image) restarts it.
public enum ContainerHash {
    public static func of(_ container: Container) -> String {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys]
        let bytes = (try? encoder.encode(container)) ?? Data(container.name.utf8)
        var hash: UInt32 = 2_166_136_261
        for byte in bytes {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        return String(hash, radix: 16)
    }
}
