import KubeAPI

extension APIServerCore {
    /// The subresources answered by a kubelet: pods/log, pods/exec, pods/attach, nodes/proxy.
    /// nil: not one of them.
    func handleKubeletProxy(_ request: APIRequest, _ info: RequestInfo, namespace: String?) async throws(APIError) -> APIResponse? {
        guard info.group.isEmpty, let name = info.name, let sub = info.subresource else { return nil }
        switch (info.resource, sub) {
        case ("pods", "log"):
            guard request.method == "GET" || request.method == "HEAD" else {
                throw APIError.methodNotAllowed("the server does not allow this method on the requested resource")
            }
            return try await podLog(request, namespace: namespace ?? "default", name: name)
        case ("pods", "exec"), ("pods", "attach"):
            return try await podStreamWithoutUpgrade(request, kind: sub, namespace: namespace ?? "default", name: name)
        case ("nodes", "proxy"):
            return try await nodeProxy(request, name: name, remainder: info.remainder)
        default:
            return nil
        }
    }
}
