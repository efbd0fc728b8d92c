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
            try await withThrowingTaskGroup(of: Void.self) { group in
                group.addTask { try await pump(inbound, to: backendOut) }
                group.addTask { try await pump(backendIn, to: outbound) }
                // Either side ending ends the session (the backend closes after the exit status).
                _ = try? await group.next()
                group.cancelAll()
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

    /// A channel-3 frame carrying a Failure Status.
    static func errorFrame(message: String) -> ByteBuffer {
        let status: [String: Any] = ["metadata": [String: Any](), "status": "Failure", "message": message, "reason": "InternalError", "code": 500]
        var buffer = ByteBuffer(bytes: [3])
        buffer.writeBytes((try? JSONSerialization.data(withJSONObject: status, options: [.sortedKeys])) ?? Data())
        return buffer
    }
}
