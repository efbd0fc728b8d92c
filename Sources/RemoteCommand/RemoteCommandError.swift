/// What failed in a remote-command session.
public enum RemoteCommandError: Error, Sendable, Equatable, CustomStringConvertible {
    /// A websocket message that is not a channel frame.
    case malformedFrame(String)
    /// The channel-3 payload is not a metav1 Status this protocol defines.
    case malformedStatus(String)
    /// The remote side reported a failure other than a non-zero exit code (Status message).
    case remoteFailure(String)
    /// The URL, TLS material or connection could not be used.
    case connection(String)

    public var description: String {
        switch self {
        case .malformedFrame(let detail): return "remote command: malformed frame: \(detail)"
        case .malformedStatus(let detail): return "remote command: error reading status: \(detail)"
        case .remoteFailure(let message): return message
        case .connection(let detail): return "remote command: \(detail)"
        }
    }
}
