/// A failed netlink operation, naming what was being done and to which link
/// (`add veth veth1234 → eth0: EEXIST`).
public struct NetlinkError: Error, Sendable, Equatable, CustomStringConvertible {
    public let operation: String
    /// The kernel's (or the socket's) errno; 0 when the reply itself was unusable.
    public let errno: Int32
    public let detail: String?

    public init(operation: String, errno: Int32, detail: String? = nil) {
        self.operation = operation
        self.errno = errno
        self.detail = detail
    }

    public var description: String {
        if let detail { return "\(operation): \(detail)" }
        return "\(operation): \(Errno.name(errno))"
    }
}
