import Foundation
import HTTPTypes
import HummingbirdWebSocket
import Logging
import RemoteCommand
import NIOCore

/// `/exec/{ns}/{pod}/{container}` and `/attach/…` as websockets: asks the runtime (CRI Exec/Attach)
/// for its one-shot streaming URL and relays frames both ways, so the client speaks the channel
/// protocol (v5/v4.channel.k8s.io) with the runtime's streaming server through the kubelet.
/// Parameters as upstream's kubelet reads them (`input`/`output`/`error`/`tty` = "1", repeated
/// `command`), plus `stdin`/`stdout`/`stderr` = true as the contract's short form.
struct ContainerStreamProxy: Sendable {
    static let subprotocols = ["v5.channel.k8s.io", "v4.channel.k8s.io"]
    let server: KubeletServer

    func shouldUpgrade(_ head: HTTPRequest) async -> ShouldUpgradeResult<WebSocketDataHandler<HTTP1WebSocketUpgradeChannel.Context>> {
        let target = head.path ?? "/"
        let (path, rawQuery) = Self.split(target)
        let parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard parts.count == 4, let kind = ContainerStreamRequest.Kind(rawValue: parts[0]),
              let subprotocol = Self.negotiate(head.headerFields[values: .secWebSocketProtocol])
        else { return .dontUpgrade }
        server.metrics.recordRequest(method: "GET", path: parts[0])
        let query = QueryParameters(raw: rawQuery)
        let server = server
        return .upgrade([.secWebSocketProtocol: subprotocol]) { inbound, outbound, _ in
            do {
                let request = try await Self.resolve(kind: kind, namespace: parts[1], pod: parts[2], container: parts[3], query: query, backend: server.backend)
                let url = try await server.backend.streamingURL(for: request)
                try await WebSocketRelay.run(inbound: inbound, outbound: outbound, backendURL: url, subprotocol: subprotocol)
            } catch {
                // The client learns why on the error channel, as upstream's streaming server reports failures.
                await WebSocketRelay.fail(WebSocketRelay.errorFrame(message: "\(error)"), inbound: inbound, outbound: outbound)
            }
        }
    }

    static func resolve(kind: ContainerStreamRequest.Kind, namespace: String, pod: String, container: String, query: QueryParameters,
                        backend: any KubeletServerBackend) async throws -> ContainerStreamRequest {
        func flag(_ long: String, _ short: String) -> Bool { query[long] == "1" || query.bool(short) == true }
        let request = ContainerStreamRequest(
            kind: kind, containerID: try await backend.containerID(namespace: namespace, pod: pod, container: container),
            command: query.all("command"), stdin: flag("input", "stdin"), stdout: flag("output", "stdout"),
            stderr: flag("error", "stderr"), tty: flag("tty", "tty"))
        if kind == .exec && request.command.isEmpty { throw KubeletServerError(status: 400, "you must specify at least one command for the container") }
        if !request.stdin && !request.stdout && !request.stderr {
            throw KubeletServerError(status: 400, "you must specify at least 1 of stdin, stdout, stderr")
        }
        return request
    }

    /// The first protocol the client offers that is spoken here (the client lists its preference first).
    static func negotiate(_ offered: [String]) -> String? {
        let names = offered.flatMap { $0.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) } }
        return names.first { subprotocols.contains($0) }
    }

    static func split(_ target: String) -> (path: String, query: String?) {
        guard let q = target.firstIndex(of: "?") else { return (target, nil) }
        return (String(target[..<q]), String(target[target.index(after: q)...]))
    }
}
