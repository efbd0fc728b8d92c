import Foundation
import NIOCore
import WSClient

/// Relays websocket messages between a client's connection (a Hummingbird websocket handler's
/// streams) and a backend URL until either side ends: the apiserver's exec/attach proxy to the
/// kubelet, the kubelet's to the runtime's streaming server.
public enum WebSocketRelay {
    static let maxMessage = 16 << 20

    /// Each direction, when its source ends, closes its destination; the close reply then ends
    /// the other direction. Should a reply not come, the other direction is cut after `grace`.
    public static func run(
        inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter, backendURL: String, subprotocol: String,
        grace: Duration = .seconds(5)
    ) async throws {
        try await WebSocketConnection.connect(url: backendURL, subprotocols: [subprotocol]) { backend in
            await withTaskGroup(of: Void.self) { group in
                group.addTask {
                    do {
                        for try await message in inbound.messages(maxSize: maxMessage) {
                            switch message {
                            case .binary(let bytes): try await backend.send(.binary(bytes))
                            case .text(let text): try await backend.send(.text(text))
                            }
                        }
                    } catch {}
                    await backend.close()
                }
                group.addTask {
                    do {
                        for try await message in backend.messages {
                            switch message {
                            case .binary(let bytes): try await outbound.write(.binary(bytes))
                            case .text(let text): try await outbound.write(.text(text))
                            }
                        }
                    } catch {}
                    try? await outbound.close(.normalClosure, reason: nil)
                }
                await group.next()
                group.addTask { try? await Task.sleep(for: grace) }
                await group.next()
                group.cancelAll()
            }
        }
    }

    /// Ends a session that failed before it was relayed: the error as the channel-3 Status, then the
    /// close handshake (the client's reply ends the inbound stream).
    ///
    /// client-go registers its streams only after the upgrade returns and discards a message for a
    /// stream it does not have yet ("Unknown stream id 3"), so an error sent the instant the session
    /// opens can be lost and kubectl says only "closed all streams". The frame waits `settle` first.
    public static func fail(
        _ frame: ByteBuffer, inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter,
        settle: Duration = .milliseconds(250)
    ) async {
        try? await Task.sleep(for: settle)
        try? await outbound.write(.binary(frame))
        try? await outbound.close(.normalClosure, reason: nil)
        do { for try await _ in inbound {} } catch {}
    }

    /// A channel-3 frame carrying a Failure Status.
    public static func errorFrame(message: String) -> ByteBuffer {
        let status: [String: Any] = ["metadata": [String: Any](), "status": "Failure", "message": message, "reason": "InternalError", "code": 500]
        var buffer = ByteBuffer(bytes: [3])
        buffer.writeBytes((try? JSONSerialization.data(withJSONObject: status, options: [.sortedKeys])) ?? Data())
        return buffer
    }
}
