import Foundation
import KubeAPI
import KubeClient

/// `KubeletObjectSource` over the REST client: each read goes to the apiserver (upstream's
/// kubelet reads ConfigMaps and Secrets through its object managers the same way, by GET).
public struct APIObjectSource: KubeletObjectSource {
    let client: RESTClient

    public init(client: RESTClient) { self.client = client }

    public func configMap(namespace: String, name: String) async throws -> ConfigMap? {
        try await notFoundAsNil { try await client.resource(ConfigMap.self, namespace: namespace).get(name) }
    }

    public func secret(namespace: String, name: String) async throws -> Secret? {
        try await notFoundAsNil { try await client.resource(Secret.self, namespace: namespace).get(name) }
    }

    public func services(namespace: String) async throws -> [Service] {
        try await client.resource(Service.self, namespace: namespace).list().items
    }

    public func serviceAccountToken(namespace: String, serviceAccountName: String, audiences: [String],
                                    expirationSeconds: Int64, pod: Pod) async throws -> String {
        let request: JSONValue = [
            "apiVersion": "authentication.k8s.io/v1", "kind": "TokenRequest",
            "spec": [
                "audiences": .array(audiences.map(JSONValue.string)), "expirationSeconds": .int(expirationSeconds),
                "boundObjectRef": ["apiVersion": "v1", "kind": "Pod", "name": .string(pod.metadata.name ?? ""),
                                   "uid": .string(pod.metadata.uid ?? "")],
            ],
        ]
        let path = ResourcePath(group: "", version: "v1", resource: "serviceaccounts", namespace: namespace, name: serviceAccountName,
                                subresource: "token")
        let response = try await client.create(path, body: request)
        guard let token = response[path: ["status", "token"]]?.stringValue else {
            throw TokenRequestError(namespace: namespace, serviceAccount: serviceAccountName)
        }
        return token
    }

    public func clusterCA() async throws -> Data? {
        // Every namespace has the same kube-root-ca.crt; kube-system exists from the start.
        guard let configMap = try await configMap(namespace: "kube-system", name: "kube-root-ca.crt"),
              let ca = configMap.data?["ca.crt"] else { return nil }
        return Data(ca.utf8)
    }

    func notFoundAsNil<T>(_ body: () async throws -> T) async throws -> T? {
        do {
            return try await body()
        } catch let error as APIError where error.code == 404 {
            return nil
        }
    }
}

public struct TokenRequestError: Error, CustomStringConvertible, Sendable {
    public var namespace: String
    public var serviceAccount: String
    public var description: String { "TokenRequest for \(namespace)/\(serviceAccount): the response has no status.token" }
}
