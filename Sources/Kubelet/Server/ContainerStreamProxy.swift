import Foundation
import HTTPTypes
import HummingbirdWebSocket
import WSClient
import Logging
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
        let logger = server.logger
        return .upgrade([.secWebSocketProtocol: subprotocol]) { inbound, outbound, _ in
            do {
                let request = try await Self.resolve(kind: kind, namespace: parts[1], pod: parts[2], container: parts[3], query: query, backend: server.backend)
                let url = try await server.backend.streamingURL(for: request)
                try await WebSocketRelay.run(inbound: inbound, outbound: outbound, backendURL: url, subprotocol: subprotocol, logger: logger)
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

/// Relays websocket messages between a client connection and a backend URL until either side ends.
enum WebSocketRelay {
    static let maxMessage = 16 << 20

    static func run(inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, backendURL: String, subprotocol: String, logger: Logger) async throws {
        var configuration = WebSocketClientConfiguration()
        configuration.additionalHeaders[.secWebSocketProtocol] = subprotocol
        configuration.maxFrameSize = 1 << 20
        try await WebSocketClient.connect(url: backendURL, configuration: configuration, logger: logger) { backendIn, backendOut, _ in
            // Each direction, when its source closes, closes its destination; the close reply
            // then ends the other direction, so both finish without cancelling a read.
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    try? await pump(inbound, to: backendOut)
                    try? await backendOut.close(.normalClosure, reason: nil)
                }
                group.addTask {
                    try? await pump(backendIn, to: outbound)
                    try? await outbound.close(.normalClosure, reason: nil)
                }
            }
        }
    }

    static func pump(_ inbound: WebSocketInboundStream, to outbound: WebSocketOutboundWriter) async throws {
        for try await message in inbound.messages(maxSize: maxMessage) {
            switch message {
            case .binary(let bytes): try await outbound.write(.binary(bytes))
            case .text(let text): try await outbound.write(.text(text))
            }
        }
    }

    /// Ends a session that failed before it was relayed: the error as the channel-3 Status, then the
    /// close handshake (the client's reply ends the inbound stream).
    static func fail(_ frame: ByteBuffer, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async {
        try? await outbound.write(.binary(frame))
        try? await outbound.close(.normalClosure, reason: nil)
        do { for try await _ in inbound {} } catch {}
    }

    /// A channel-3 frame carrying a Failure Status.
    static func errorFrame(message: String) -> ByteBuffer {
        let status: [String: Any] = ["metadata": [String: Any](), "status": "Failure", "message": message, "reason": "InternalError", "code": 500]
        var buffer = ByteBuffer(bytes: [3])
        buffer.writeBytes((try? JSONSerialization.data(withJSONObject: status, options: [.sortedKeys])) ?? Data())
        return buffer
    }
}
