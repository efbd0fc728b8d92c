import KubeAPI
import NIOCore
import RemoteCommand

extension WebSocketRelay {
    /// A channel-3 frame carrying a Status.
    static func errorFrame(status: JSONValue) -> ByteBuffer {
        var buffer = ByteBuffer(bytes: [3])
        buffer.writeBytes(status.serializedBytes())
        return buffer
    }
}
