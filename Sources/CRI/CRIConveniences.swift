import Foundation

extension Runtime_V1_PodSandboxStatusResponse {
    /// The `info` key under which kubeswift's runtime gives the pod's network namespace path
    /// (a JSON string; empty for hostNetwork pods), for the kubelet to run CNI in.
    public static let networkNamespacePathKey = "netNamespacePath"

    /// The pod's pinned network namespace (nil: the host's network, or not reported).
    public var networkNamespacePath: String? {
        guard let json = info[Self.networkNamespacePathKey],
              let path = try? JSONDecoder().decode(String.self, from: Data(json.utf8)), !path.isEmpty else { return nil }
        return path
    }
}
