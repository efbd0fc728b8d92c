import GRPCCore

/// What an error from one etcd call means for the store: etcd's own answers (compacted, future
/// revision) become `StoreError`s; transport failures and "no leader"-style answers are
/// `.retryable` on another member (or the same one, later).
enum EtcdFailure: Error {
    /// "mvcc: required revision has been compacted" (gRPC OutOfRange).
    case compacted
    /// "mvcc: required revision is a future revision" (gRPC OutOfRange).
    case futureRevision
    /// The member is unreachable or cannot serve now (no leader, leader changed, timeout).
    case retryable(String)
    /// Anything else, with etcd's message.
    case fatal(String)

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
                self = .retryable("\(rpc.code): \(message)")
            case .unknown where message.lowercased().contains("connection") || message.lowercased().contains("stream"):
                self = .retryable("\(rpc.code): \(message)")
            default:
                self = .fatal("\(rpc.code): \(message)")
            }
        }
    }
}
