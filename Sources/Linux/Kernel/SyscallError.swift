import CLinux
import Glibc

/// A failed system call: the stage names what was being done and with which input
/// (`mount(overlay → /var/lib/…/rootfs)`), the errno says why.
public struct SyscallError: Error, Sendable, Equatable, CustomStringConvertible {
    public let stage: String
    public let errno: Int32

    public init(stage: String, errno: Int32) {
        self.stage = stage
        self.errno = errno
    }

    /// The error for the current `errno`.
    public static func current(_ stage: String) -> SyscallError {
        SyscallError(stage: stage, errno: Glibc.errno)
    }

    public var description: String { "\(stage): \(Errno.name(errno))" }
}

public enum Errno {
    /// The symbolic name (`EINVAL`), falling back to the number.
    public static func name(_ code: Int32) -> String {
        if let name = ks_errno_name(code) { return String(cString: name) }
        return "errno \(code)"
    }
}

/// Runs a system call, retrying on EINTR; throws `SyscallError` for a -1 result.
@discardableResult
public func retryingEINTR<T: BinaryInteger>(_ stage: @autoclosure () -> String, _ call: () -> T) throws(SyscallError) -> T {
    while true {
        let result = call()
        if result != -1 { return result }
        if errno == EINTR { continue }
        throw SyscallError.current(stage())
    }
}
