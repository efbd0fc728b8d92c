import Foundation
import KubeAPI

/// What volumes, environment variables, probes and the server read from the API. The kubelet
/// implements it over the REST client; tests over dictionaries.
public protocol KubeletObjectSource: Sendable {
    /// nil: not found.
    func configMap(namespace: String, name: String) async throws -> ConfigMap?
    /// nil: not found.
    func secret(namespace: String, name: String) async throws -> Secret?
    /// The Services a pod's environment links to.
    func services(namespace: String) async throws -> [Service]
    /// A TokenRequest for the pod's service account (projected serviceAccountToken sources).
    func serviceAccountToken(namespace: String, serviceAccountName: String, audiences: [String],
                             expirationSeconds: Int64, pod: Pod) async throws -> String
    /// The cluster CA bundle (`kube-root-ca.crt`), nil when the cluster has none.
    func clusterCA() async throws -> Data?
}
