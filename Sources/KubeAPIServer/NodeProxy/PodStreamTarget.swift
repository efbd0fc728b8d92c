import Foundation
import KubeAPI

/// Resolves `pods/{name}/log|exec|attach` to a URL on the pod's kubelet, as upstream's
/// pkg/registry/core/pod (LogLocation, streamLocation): the pod must exist, the container is
/// defaulted when the pod has exactly one and must otherwise be named and exist.
extension APIServerCore {
    func pod(namespace: String, name: String) async throws(APIError) -> JSONValue {
        let pods = registry.lookup(group: "", version: "v1", resource: "pods")!
        guard let pod = try await storage.get(pods, namespace: namespace, name: name) else { throw APIError.notFound(pods, name: name) }
        return pod
    }

    func kubeletLocation(nodeName: String) async throws(APIError) -> KubeletLocation {
        let nodes = registry.lookup(group: "", version: "v1", resource: "nodes")!
        guard let node = try await storage.get(nodes, namespace: nil, name: nodeName) else { throw APIError.notFound(nodes, name: nodeName) }
        return try KubeletLocation(node: node)
    }

    /// Upstream's validateContainer.
    static func validateContainer(_ requested: String?, pod: JSONValue, podName: String) throws(APIError) -> String {
        func names(_ key: String) -> [String] {
            (pod[path: ["spec", key]]?.arrayValue ?? []).compactMap { $0["name"]?.stringValue }
        }
        let containers = names("containers"), initContainers = names("initContainers"), ephemeral = names("ephemeralContainers")
        guard let requested, !requested.isEmpty else {
            switch containers.count {
            case 1: return containers[0]
            case 0: throw APIError.badRequest("a container name must be specified for pod \(podName)")
            default:
                var message = "a container name must be specified for pod \(podName), choose one of: [\(containers.joined(separator: " "))]"
                if !initContainers.isEmpty { message += " or one of the init containers: [\(initContainers.joined(separator: " "))]" }
                throw APIError.badRequest(message)
            }
        }
        guard (containers + initContainers + ephemeral).contains(requested) else {
            throw APIError.badRequest("container \(requested) is not valid for pod \(podName)")
        }
        return requested
    }

    /// The kubelet URL for an exec or attach (upstream's streamLocation: an unscheduled pod is a 400).
    func streamLocation(kind: String, namespace: String, name: String, query: [(String, String)]) async throws(APIError) -> String {
        let pod = try await pod(namespace: namespace, name: name)
        let container = try Self.validateContainer(query.first { $0.0 == "container" }?.1, pod: pod, podName: name)
        guard let nodeName = pod[path: ["spec", "nodeName"]]?.stringValue, !nodeName.isEmpty else {
            throw APIError.badRequest("pod \(name) does not have a host assigned")
        }
        let location = try await kubeletLocation(nodeName: nodeName)
        func flag(_ key: String) -> Bool {
            guard let v = query.first(where: { $0.0 == key })?.1 else { return false }
            return ["1", "t", "T", "true", "TRUE", "True"].contains(v)
        }
        // PodExecOptions → the kubelet's parameters (upstream's streamParams).
        var params: [(String, String)] = []
        if flag("stdin") { params.append(("input", "1")) }
        if flag("stdout") { params.append(("output", "1")) }
        if flag("stderr") { params.append(("error", "1")) }
        if flag("tty") { params.append(("tty", "1")) }
        if kind == "exec" { for c in query where c.0 == "command" { params.append(("command", c.1)) } }
        return location.baseURL + "/\(kind)/\(namespace)/\(name)/\(container)?" + KubeletLocation.encodeQuery(params)
    }
}
