/// One binary websocket message of the channel protocol: a channel byte, then the payload.
/// v5 close frames are `[255, channel]` and decode to `.close(channel)`.
public enum RemoteCommandFrame: Sendable, Equatable {
    case data(RemoteCommandChannel, [UInt8])
    /// v5: the peer will send nothing more on this channel (stdin EOF).
    case close(RemoteCommandChannel)

    /// The bytes of the websocket message.
    public func encoded() -> [UInt8] {
        switch self {
        case .data(let channel, let payload): return [channel.rawValue] + payload
        case .close(let channel): return [RemoteCommandChannel.close, channel.rawValue]
        }
    }

    /// Decodes one websocket message. An empty message, an unknown channel, or a close frame
    /// naming an unknown channel throws: upstream ignores those, callers decide whether to.
    public init(decoding message: some Collection<UInt8>) throws(RemoteCommandError) {
        guard let first = message.first else { throw .malformedFrame("empty message") }
        let payload = Array(message.dropFirst())
        if first == RemoteCommandChannel.close {
            guard payload.count == 1, let channel = RemoteCommandChannel(rawValue: payload[0]) else {
                throw .malformedFrame("close frame with payload \(payload)")
            }
            self = .close(channel)
            return
        }
        guard let channel = RemoteCommandChannel(rawValue: first) else {
            throw .malformedFrame("unknown channel \(first)")
        }
        self = .data(channel, payload)
    }
}
