import CLinux
import Glibc

/// An open network namespace file (/var/run/netns/NAME, a pinned sandbox namespace,
/// /proc/PID/ns/net). Sockets and sysctl files for it are opened on a short-lived thread
/// that joins it; no long-lived thread ever changes namespace.
public final class NetworkNamespace: Sendable {
    public let path: String
    public let descriptor: Int32

    public init(path: String) throws(SyscallError) {
        self.path = path
        descriptor = try retryingEINTR("open(netns \(path))") { ks_open(path, O_RDONLY | O_CLOEXEC, 0) }
    }

    deinit { close(descriptor) }

    public func routeNetlink() throws(SyscallError) -> RouteNetlink {
        RouteNetlink(transport: try NetlinkSocket(namespace: descriptor))
    }
}

/// net.* sysctls, in the caller's network namespace or another one.
public enum Sysctl {
    /// Writes `value` to /proc/sys/`name` (`net/ipv4/ip_forward`), opened inside `namespace`.
    public static func write(_ name: String, _ value: String, in namespace: NetworkNamespace? = nil) throws(SyscallError) {
        let path = "/proc/sys/" + name
        let fd = try open(path, O_WRONLY, namespace)
        defer { close(fd) }
        try FileIO.writeAll(fd: fd, Array(value.utf8), stage: "write(\(path) ← \(value))")
    }

    public static func read(_ name: String, in namespace: NetworkNamespace? = nil) throws(SyscallError) -> String {
        let path = "/proc/sys/" + name
        let fd = try open(path, O_RDONLY, namespace)
        defer { close(fd) }
        var buffer = [UInt8](repeating: 0, count: 256)
        let count = try retryingEINTR("read(\(path))") { buffer.withUnsafeMutableBytes { Glibc.read(fd, $0.baseAddress, $0.count) } }
        return String(decoding: buffer[0..<count], as: UTF8.self).trimmingNewline.description
    }

    public static func exists(_ name: String) -> Bool { FileIO.exists("/proc/sys/" + name) }

    private static func open(_ path: String, _ flags: Int32, _ namespace: NetworkNamespace?) throws(SyscallError) -> Int32 {
        var stage: UnsafePointer<CChar>? = nil
        let fd = ks_open_in_netns(namespace?.descriptor ?? -1, path, flags, &stage)
        guard fd >= 0 else {
            let what = stage.map { String(cString: $0) } ?? "open"
            throw SyscallError.current(what == "open" ? "open(\(path))" : "\(what) for \(path) in \(namespace?.path ?? "")")
        }
        return fd
    }
}
