import Foundation
import KubeAPI
import KubeClient
import KubeSchedulerCore

/// `SchedulerAPI` over the REST client: bindings, status patches, deletes and events as
/// upstream's scheduler sends them.
public struct RESTSchedulerAPI: SchedulerAPI {
    public let client: RESTClient

    public init(client: RESTClient) {
        self.client = client
    }

    func pods(_ namespace: String, _ name: String, _ sub: String? = nil) -> ResourcePath {
        ResourcePath(resource: "pods", namespace: namespace, name: name, subresource: sub)
    }

    public func bind(namespace: String, name: String, uid: String, node: String) async throws {
        var meta: JSONValue = ["name": .string(name), "namespace": .string(namespace)]
        if !uid.isEmpty { meta["uid"] = .string(uid) }
        let binding: JSONValue = [
            "apiVersion": "v1", "kind": "Binding", "metadata": meta,
            "target": ["apiVersion": "v1", "kind": "Node", "name": .string(node)],
        ]
        do {
            try await post(pods(namespace, name, "binding"), binding)
        } catch let error as APIError {
            throw SchedulerError.bindRejected(pod: "\(namespace)/\(name)", node: node, detail: error.message)
        }
    }

    /// A strategic merge patch of status: conditions merge by type, as upstream's `PatchPodStatus`.
    public func patchPodStatus(namespace: String, name: String, condition: PodCondition?, nominatedNodeName: String?) async throws {
        var status: JSONValue = [:]
        if let c = condition {
            var cond: JSONValue = ["type": .string(c.type), "status": .string(c.status), "lastProbeTime": nil]
            if let t = c.lastTransitionTime { cond["lastTransitionTime"] = .string(t.rfc3339) }
            if let r = c.reason { cond["reason"] = .string(r) }
            if let m = c.message { cond["message"] = .string(m) }
            status["conditions"] = [cond]
        }
        if let n = nominatedNodeName { status["nominatedNodeName"] = n.isEmpty ? .null : .string(n) }
        _ = try await client.patch(pods(namespace, name, "status"), type: .strategic, body: ["status": status] as JSONValue)
    }

    public func deletePod(namespace: String, name: String, uid: String) async throws {
        let options: JSONValue = ["kind": "DeleteOptions", "apiVersion": "v1", "preconditions": ["uid": .string(uid)]]
        _ = try await client.delete(pods(namespace, name), options: uid.isEmpty ? nil : options)
    }

    public func createEvent(_ event: Event) async throws {
        let body = try JSONValue(encoding: event)
        let namespace = event.metadata.namespace ?? "default"
        try await post(ResourcePath(resource: "events", namespace: namespace), body)
    }

    /// A POST whose answer only matters when it is an error: one binding and one event per pod,
    /// so their response bodies are not parsed.
    func post(_ path: ResourcePath, _ body: JSONValue) async throws {
        let (status, bytes) = try await client.raw(
            method: .POST, path: path.urlPath, query: [:], body: body.serializedBytes(), contentType: "application/json",
            accept: "application/json")
        guard status < 300 else { throw APIError.from(statusCode: status, body: bytes) }
    }
}
