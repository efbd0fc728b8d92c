import GRPCCore

/// A failed crictl verb: printed as `error: <what failed>: <cause>` on stderr, exit status 1.
public struct CRICtlError: Error, Sendable, CustomStringConvertible {
    public let message: String

    public init(_ message: String) { self.message = message }

    /// `what` failed because of `error` (a gRPC status shows its message, as crictl does).
    public init(_ what: String, _ error: any Error) {
        message = what + ": " + Self.cause(error)
    }

    public var description: String { "error: " + message }

    static func cause(_ error: any Error) -> String {
        switch error {
        case let rpc as RPCError:
            rpc.code == .unavailable || rpc.code == .deadlineExceeded
                ? "rpc error: code = \(rpc.code) desc = \(rpc.message)" : rpc.message
        case let known as CRICtlError: known.message
        default: "\(error)"
        }
    }
}
