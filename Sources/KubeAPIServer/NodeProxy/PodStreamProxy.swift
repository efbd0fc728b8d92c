import Foundation
import HTTPTypes
import HummingbirdWebSocket
import KubeAPI
import Logging
import RemoteCommand

/// `pods/{name}/exec` and `pods/{name}/attach` as websockets (kubectl ≥ 1.30 speaks v5.channel.k8s.io):
/// the apiserver accepts the upgrade, connects to the kubelet's `/exec|attach/{ns}/{pod}/{container}`
/// with the negotiated subprotocol and relays frames both ways. Upstream proxies the raw upgraded
/// connection (UpgradeAwareHandler) or translates to SPDY; relaying whole messages gives the client
/// the same bytes.
///
/// A request that cannot be resolved (no such container, pod not scheduled, node unknown) is still
/// upgraded and gets its error as the channel-3 Status, so kubectl prints `error: <message>`.
/// Upstream answers such requests before upgrading (kubectl: `Error from server (BadRequest): …`),
/// but a refused upgrade here can only be an empty 400, on which kubectl falls back to SPDY, and the
/// NIO upgrade handler closes a connection whose Upgrade header names another protocol.
extension APIServerCore {
    static let streamSubprotocols = ["v5.channel.k8s.io", "v4.channel.k8s.io"]

    public func shouldUpgrade(_ head: HTTPRequest) async -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        let target = head.path ?? "/"
        let path = target.firstIndex(of: "?").map { String(target[..<$0]) } ?? target
        let rawQuery = target.firstIndex(of: "?").map { String(target[target.index(after: $0)...]) }
        let pairs = Self.queryPairs(rawQuery)
        var firstValues: [String: String] = [:]
        for (k, v) in pairs where firstValues[k] == nil { firstValues[k] = v }
        guard let info = RequestInfo.parse(method: head.method.rawValue, path: path, query: firstValues),
              info.group.isEmpty, info.resource == "pods", let namespace = info.namespace, let name = info.name,
              let kind = info.subresource, kind == "exec" || kind == "attach",
              let resource = registry.lookup(group: "", version: info.version, resource: "pods"),
              let subprotocol = Self.negotiateSubprotocol(head.headerFields[values: .secWebSocketProtocol])
        else { return .dontUpgrade }
        var headers: [String: String] = [:]
        for field in head.headerFields { headers[field.name.canonicalName] = field.value }
        let request = APIRequest(method: head.method.rawValue, path: path, query: firstValues, headers: headers)
        let resolved: Result<String, APIError>
        do throws(APIError) {
            let user = try authenticator.authenticate(request)
            try authorizer.authorize(user: user, info: info, resource: resource)
            resolved = .success(try await streamLocation(kind: kind, namespace: namespace, name: name, query: pairs))
        } catch {
            resolved = .failure(error)
        }
        return .upgrade([.secWebSocketProtocol: subprotocol]) { inbound, outbound, _ in
            let url: String
            switch resolved {
            case .success(let location): url = location
            case .failure(let error):
                await WebSocketRelay.fail(WebSocketRelay.errorFrame(status: error.status), inbound: inbound, outbound: outbound)
                return
            }
            do {
                try await WebSocketRelay.run(inbound: inbound, outbound: outbound, backendURL: url, subprotocol: subprotocol)
            } catch {
                await WebSocketRelay.fail(WebSocketRelay.errorFrame(message: "error dialing backend: \(error)"), inbound: inbound, outbound: outbound)
            }
        }
    }

    /// The plain (non-websocket) form of pods/exec and pods/attach: resolves, so the client sees why
    /// it cannot connect, then refuses, as SPDY is not spoken here.
    func podStreamWithoutUpgrade(_ request: APIRequest, kind: String, namespace: String, name: String) async throws(APIError) -> APIResponse {
        _ = try await streamLocation(kind: kind, namespace: namespace, name: name, query: request.query.map { ($0.key, $0.value) })
        throw APIError.badRequest("Upgrade request required: \(kind) is served over websockets (\(Self.streamSubprotocols.joined(separator: ", ")))")
    }

    static func negotiateSubprotocol(_ offered: [String]) -> String? {
        let names = offered.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        return names.first { streamSubprotocols.contains($0) }
    }

    /// Repeated keys kept (`command=a&command=b`), `+` as space, as Go's url.ParseQuery.
    static func queryPairs(_ raw: String?) -> [(String, String)] {
        guard let raw, !raw.isEmpty else { return [] }
        return raw.split(separator: "&").map { part in
            let kv = part.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false).map {
                let spaced = $0.replacingOccurrences(of: "+", with: " ")
                return spaced.removingPercentEncoding ?? spaced
            }
            return (kv[0], kv.count > 1 ? kv[1] : "")
        }
    }
}
