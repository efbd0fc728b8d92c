import CLinux
import Glibc

/// Where netlink datagrams go: the kernel (`NetlinkSocket`) or a recording fake in tests.
public protocol NetlinkTransport: AnyObject {
    func send(_ datagram: [UInt8]) throws(SyscallError)
    /// Blocks for the next datagram.
    func receive() throws(SyscallError) -> [UInt8]
}

/// A NETLINK_ROUTE socket, bound in the network namespace it was opened for.
public final class NetlinkSocket: NetlinkTransport {
    public let descriptor: Int32
    public let portID: UInt32
    private var buffer = [UInt8](repeating: 0, count: 1 << 16)

    /// `namespace`: an open nsfs descriptor (/var/run/netns/x, /proc/<pid>/ns/net); nil for
    /// the caller's namespace. The socket is made on a short-lived thread that joins the
    /// namespace, so no caller thread ever changes namespace.
    public init(namespace: Int32? = nil) throws(SyscallError) {
        var port: UInt32 = 0
        var stage: UnsafePointer<CChar>? = nil
        let fd = ks_netlink_open(namespace ?? -1, 0 /* NETLINK_ROUTE */, &port, &stage)
        guard fd >= 0 else {
            throw SyscallError.current("netlink socket: \(stage.map { String(cString: $0) } ?? "open")")
        }
        descriptor = fd
        portID = port
        // Extended acks carry the kernel's reason text; strict checking rejects bad dumps.
        _ = ks_netlink_setsockopt(fd, 11 /* NETLINK_EXT_ACK */, 1)
    }

    deinit { close(descriptor) }

    public func send(_ datagram: [UInt8]) throws(SyscallError) {
        // Unconnected netlink sockets send to the kernel (port 0) by default.
        let sent = try retryingEINTR("send(netlink)") {
            datagram.withUnsafeBytes { Glibc.send(descriptor, $0.baseAddress, $0.count, 0) }
        }
        guard sent == datagram.count else { throw SyscallError(stage: "sendto(netlink): short write", errno: EIO) }
    }

    public func receive() throws(SyscallError) -> [UInt8] {
        let count = try retryingEINTR("recv(netlink)") {
            buffer.withUnsafeMutableBytes { recv(descriptor, $0.baseAddress, $0.count, 0) }
        }
        return Array(buffer[0..<count])
    }
}
