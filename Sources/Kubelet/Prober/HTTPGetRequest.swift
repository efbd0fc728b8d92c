import Foundation
import KubeAPI

/// The request an httpGet probe or hook sends (upstream's NewRequestForHTTPGetAction): scheme
/// lower-cased (default http), host defaulting to the pod IP, the port resolved against the
/// container, the path as given, the user's headers plus User-Agent `kube-<purpose>/1.32` and
/// `Accept: */*` unless the user set them (an empty Accept removes it).
struct HTTPGetRequest: Sendable {
    static let kubernetesVersion = "1.32"

    var scheme: String
    var host: String
    var port: Int
    var pathAndQuery: String
    var headers: [(name: String, value: String)]

    init(_ action: HTTPGetAction, container: Container, podIP: String?, purpose: String) throws(ProbeError) {
        scheme = (action.scheme ?? "").lowercased()
        if scheme.isEmpty { scheme = "http" }
        guard let host = action.host.flatMap({ $0.isEmpty ? nil : $0 }) ?? podIP.flatMap({ $0.isEmpty ? nil : $0 }) else {
            throw ProbeError(description: "no host to probe: the pod has no IP yet and httpGet.host is empty")
        }
        self.host = host
        port = try ContainerPortResolver.resolve(action.port, in: container)
        let path = action.path ?? ""
        pathAndQuery = path.hasPrefix("/") ? path : "/" + path

        var headers = (action.httpHeaders ?? []).map { (name: $0.name, value: $0.value) }
        if !headers.contains(where: { $0.name.caseInsensitiveCompare("User-Agent") == .orderedSame }) {
            headers.append((name: "User-Agent", value: "kube-\(purpose)/\(Self.kubernetesVersion)"))
        }
        if let accept = headers.firstIndex(where: { $0.name.caseInsensitiveCompare("Accept") == .orderedSame }) {
            if headers[accept].value.isEmpty { headers.remove(at: accept) }
        } else {
            headers.append((name: "Accept", value: "*/*"))
        }
        self.headers = headers
    }

    var url: String { "\(scheme)://\(HostPort.join(host: host, port: port))\(pathAndQuery)" }
}
