import Foundation
import KubeAPI
import HummingbirdWebSocket
import WSClient
import Logging
import NIOCore

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

    /// A channel-3 frame carrying a Status.
    static func errorFrame(status: JSONValue) -> ByteBuffer {
        var buffer = ByteBuffer(bytes: [3])
        buffer.writeBytes(status.serializedBytes())
        return buffer
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
