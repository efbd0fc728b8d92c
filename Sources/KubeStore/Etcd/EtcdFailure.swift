import GRPCCore

/// What an error from one etcd call means for the store: etcd's own answers (compacted, future
/// revision) become `StoreError`s; failures another member (or the same one, later) may not have
/// are `.notSent` when the request surely was not applied, `.outcomeUnknown` when it may have been.
enum EtcdFailure: Error {
    /// "mvcc: required revision has been compacted" (gRPC OutOfRange).
    case compacted
    /// "mvcc: required revision is a future revision" (gRPC OutOfRange).
    case futureRevision
    /// The request never reached a member that could apply it (no connection, no leader, overloaded):
    /// safe to send again, writes included.
    case notSent(String)
    /// The call broke after the request left (connection dropped, timed out, leader changed): a write
    /// may or may not have been applied.
    case outcomeUnknown(String)
    /// Anything else, with etcd's message.
    case fatal(String)

    /// Transport messages (grpc-swift) and etcd answers given before a request is proposed.
    private static let notSentMarkers = [
        "transient failure", "Could not establish a connection", "subchannel isn't ready", "subchannel is unavailable",
        "Channel isn't ready", "etcdserver: no leader", "etcdserver: too many requests",
    ]

    init(_ error: any Error) {
        guard let rpc = error as? RPCError else {
            self = error is CancellationError ? .fatal("cancelled") : .fatal("\(error)")
            return
        }
        let message = rpc.message
        if message.contains("required revision has been compacted") {
            self = .compacted
        } else if message.contains("required revision is a future revision") {
            self = .futureRevision
        } else {
            switch rpc.code {
            case .unavailable, .deadlineExceeded, .resourceExhausted, .aborted:
                // etcd answers Unavailable for "no leader", "leader changed", "request timed out";
                // the transport for a refused or dropped connection.
                let sent = !Self.notSentMarkers.contains { message.contains($0) }
                self = sent ? .outcomeUnknown("\(rpc.code): \(message)") : .notSent("\(rpc.code): \(message)")
            case .unknown where message.lowercased().contains("connection") || message.lowercased().contains("stream"):
                self = .outcomeUnknown("\(rpc.code): \(message)")
            default:
                self = .fatal("\(rpc.code): \(message)")
            }
        }
    }
}
