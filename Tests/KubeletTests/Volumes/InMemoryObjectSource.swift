import Foundation
import KubeAPI
import Synchronization

@testable import Kubelet

/// A `KubeletObjectSource` over dictionaries; objects can be replaced between calls (updates).
final class InMemoryObjectSource: KubeletObjectSource {
    private struct State {
        var configMaps: [String: ConfigMap] = [:]
        var secrets: [String: Secret] = [:]
        var services: [String: [Service]] = [:]
        var ca: Data?
        var tokenRequests: [(namespace: String, serviceAccount: String, audiences: [String], expirationSeconds: Int64)] = []
        var tokenCounter = 0
    }

    private let state = Mutex(State())

    init() {}

    func put(_ configMap: ConfigMap) {
        state.withLock { $0.configMaps["\(configMap.metadata.namespace ?? "default")/\(configMap.metadata.name ?? "")"] = configMap }
    }

    func put(_ secret: Secret) {
        state.withLock { $0.secrets["\(secret.metadata.namespace ?? "default")/\(secret.metadata.name ?? "")"] = secret }
    }

    func put(_ service: Service) {
        state.withLock { $0.services[service.metadata.namespace ?? "default", default: []].append(service) }
    }

    func removeConfigMap(namespace: String, name: String) {
        _ = state.withLock { $0.configMaps.removeValue(forKey: "\(namespace)/\(name)") }
    }

    func setClusterCA(_ data: Data?) { state.withLock { $0.ca = data } }

    var tokenRequests: [(namespace: String, serviceAccount: String, audiences: [String], expirationSeconds: Int64)] {
        state.withLock { $0.tokenRequests }
    }

    func configMap(namespace: String, name: String) async throws -> ConfigMap? {
        state.withLock { $0.configMaps["\(namespace)/\(name)"] }
    }

    func secret(namespace: String, name: String) async throws -> Secret? {
        state.withLock { $0.secrets["\(namespace)/\(name)"] }
    }

    func services(namespace: String) async throws -> [Service] {
        state.withLock { $0.services[namespace] ?? [] }
    }

    func serviceAccountToken(namespace: String, serviceAccountName: String, audiences: [String],
                             expirationSeconds: Int64, pod: Pod) async throws -> String {
        state.withLock {
            $0.tokenRequests.append((namespace, serviceAccountName, audiences, expirationSeconds))
            $0.tokenCounter += 1
            return "token-\(serviceAccountName)-\($0.tokenCounter)"
        }
    }

    func clusterCA() async throws -> Data? { state.withLock { $0.ca } }
}
