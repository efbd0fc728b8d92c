import CLinux
import Foundation
import Glibc

/// Makes a port on the cluster namespace's loopback reachable on this machine's loopback: each
/// connection to 127.0.0.1:<port> here is relayed to 127.0.0.1:<port> inside the namespace (the
/// inner socket is created there, see ks_socket_in_netns). No link or route is made for it, so
/// kubectl on the host reaches the apiserver of a cluster in its own namespace.
public final class LoopbackRelay: Sendable {
    public let port: UInt16
    private let listener: Int32
    private let namespace: Int32

    public init(port: UInt16, netns: String) throws {
        self.port = port
        let namespace = open(netns, O_RDONLY | O_CLOEXEC)
        guard namespace >= 0 else { throw ClusterError.component("relay", "open \(netns): \(Self.errnoText())") }
        let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard listener >= 0 else {
            close(namespace)
            throw ClusterError.component("relay", "socket: \(Self.errnoText())")
        }
        var yes: Int32 = 1
        setsockopt(listener, SOL_SOCKET, SO_REUSEADDR, &yes, socklen_t(MemoryLayout<Int32>.size))
        var address = Self.loopback(port)
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(listener, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(listener, 128) == 0 else {
            let reason = Self.errnoText()
            close(listener)
            close(namespace)
            throw ClusterError.component("relay", "listen on 127.0.0.1:\(port): \(reason)")
        }
        self.listener = listener
        self.namespace = namespace
        Thread.detachNewThread {
            while true {
                let client = accept(listener, nil, nil)
                if client < 0 {
                    if errno == EINTR || errno == ECONNABORTED { continue }
                    return  // the listener was shut down
                }
                _ = fcntl(client, F_SETFD, FD_CLOEXEC)
                Self.relay(client: client, namespace: namespace, port: port)
            }
        }
    }

    /// Stops accepting; connections in flight end when either side closes.
    public func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
        close(listener)
        close(namespace)
    }

    private static func relay(client: Int32, namespace: Int32, port: UInt16) {
        var stage: UnsafePointer<CChar>?
        let inner = ks_socket_in_netns(namespace, AF_INET, Int32(SOCK_STREAM.rawValue), 0, &stage)
        guard inner >= 0 else {
            close(client)
            return
        }
        var address = loopback(port)
        let connected = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(inner, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard connected == 0 else {
            close(inner)
            close(client)
            return
        }
        let pair = SocketPair(client, inner)
        Thread.detachNewThread { copy(from: client, to: inner); pair.finishedOne() }
        Thread.detachNewThread { copy(from: inner, to: client); pair.finishedOne() }
    }

    /// Copies until `source` reaches end of file, then half-closes `destination`.
    private static func copy(from source: Int32, to destination: Int32) {
        var buffer = [UInt8](repeating: 0, count: 65536)
        loop: while true {
            let count = buffer.withUnsafeMutableBytes { recv(source, $0.baseAddress, $0.count, 0) }
            if count < 0 && errno == EINTR { continue }
            guard count > 0 else { break }
            var sent = 0
            while sent < count {
                let n = buffer.withUnsafeBytes { send(destination, $0.baseAddress! + sent, count - sent, Int32(MSG_NOSIGNAL)) }
                if n < 0 && errno == EINTR { continue }
                guard n > 0 else { break loop }
                sent += n
            }
        }
        shutdown(destination, Int32(SHUT_WR))
    }

    private static func loopback(_ port: UInt16) -> sockaddr_in {
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        return address
    }

    private static func errnoText() -> String { String(cString: strerror(errno)) }
}

/// The two sockets of one relayed connection, closed when both directions have finished.
private final class SocketPair: @unchecked Sendable {
    private let lock = NSLock()
    private var remaining = 2
    private let sockets: (Int32, Int32)

    init(_ a: Int32, _ b: Int32) { sockets = (a, b) }

    func finishedOne() {
        let last = lock.withLock { remaining -= 1; return remaining == 0 }
        if last {
            close(sockets.0)
            close(sockets.1)
        }
    }
}
