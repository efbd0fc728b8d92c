import KubeAPI

/// Where the kubelet's pod events go: core/v1 Events with source component "kubelet" and the
/// node as host. `fieldPath` names the container (`spec.containers{web}`), as upstream.
public protocol KubeletEventRecorder: Sendable {
    func event(_ pod: Pod, type: String, reason: String, message: String, fieldPath: String?)
}

extension KubeletEventRecorder {
    public func normal(_ pod: Pod, _ reason: String, _ message: String, fieldPath: String? = nil) {
        event(pod, type: "Normal", reason: reason, message: message, fieldPath: fieldPath)
    }

    public func warning(_ pod: Pod, _ reason: String, _ message: String, fieldPath: String? = nil) {
        event(pod, type: "Warning", reason: reason, message: message, fieldPath: fieldPath)
    }
}
