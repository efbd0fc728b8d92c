import CLinux
import Foundation
import Glibc
import Synchronization

/// One TCP connection to `127.0.0.1:<port>` as seen from inside a pod: the socket is created
/// in the pod's network namespace (by a short-lived thread, see ks_socket_in_netns), so the
/// runtime reaches what listens on the pod's loopback, as containerd's port forwarding does.
final class PodPortConnection: Sendable {
    let port: UInt16
    let fd: Int32
    let writer = DispatchQueue(label: "kubeswift.portforward.write")
    let shutDown = Mutex(false)

    /// `netns`: the pod's pinned network namespace; nil connects in the runtime's own (hostNetwork pods).
    static func connect(netns: String?, port: UInt16) throws(PortForwardError) -> PodPortConnection {
        var namespaceFD: Int32 = -1
        if let netns {
            namespaceFD = open(netns, O_RDONLY | O_CLOEXEC)
            guard namespaceFD >= 0 else { throw .connect(port: port, reason: "open \(netns): \(String(cString: strerror(errno)))") }
        }
        defer { if namespaceFD >= 0 { close(namespaceFD) } }
        var stage: UnsafePointer<CChar>?
        let fd = ks_socket_in_netns(namespaceFD, AF_INET, Int32(SOCK_STREAM.rawValue), 0, &stage)
        guard fd >= 0 else {
            throw .connect(port: port, reason: "\(stage.map { String(cString: $0) } ?? "socket"): \(String(cString: strerror(errno)))")
        }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            let reason = String(cString: strerror(errno))
            close(fd)
            throw .connect(port: port, reason: "connect 127.0.0.1:\(port): \(reason)")
        }
        return PodPortConnection(port: port, fd: fd)
    }

    private init(port: UInt16, fd: Int32) {
        self.port = port
        self.fd = fd
    }

    /// What the pod sends, until it closes its side (or `shutdown()`); the socket is closed then.
    func received() -> AsyncStream<[UInt8]> {
        let (stream, continuation) = AsyncStream.makeStream(of: [UInt8].self)
        let thread = Thread { [self] in
            var buffer = [UInt8](repeating: 0, count: 32768)
            while true {
                let count = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
                if count > 0 {
                    continuation.yield(Array(buffer[0..<count]))
                } else if count < 0 && errno == EINTR {
                    continue
                } else {
                    break
                }
            }
            continuation.finish()
            // Writes queued behind this close see EBADF-free ordering: the queue runs it last.
            writer.async { [self] in
                shutDown.withLock { $0 = true }
                close(fd)
            }
        }
        thread.name = "kubeswift-portforward-\(port)"
        thread.start()
        return stream
    }

    /// Sends to the pod; dropped once the connection is shut down.
    func send(_ bytes: [UInt8]) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            writer.async { [self] in
                if !shutDown.withLock({ $0 }) {
                    var offset = 0
                    while offset < bytes.count {
                        let sent = bytes[offset...].withUnsafeBytes { Glibc.send(fd, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
                        if sent < 0 {
                            if errno == EINTR { continue }
                            break
                        }
                        offset += sent
                    }
                }
                continuation.resume()
            }
        }
    }

    /// Ends both directions; the reader then sees EOF and closes the socket.
    func shutdown() {
        writer.async { [self] in
            if !shutDown.withLock({ $0 }) { _ = Glibc.shutdown(fd, Int32(SHUT_RDWR)) }
        }
    }
}

public enum PortForwardError: Error, Sendable, Equatable, CustomStringConvertible {
    case connect(port: UInt16, reason: String)
    case invalidPorts(String)

    public var description: String {
        switch self {
        case .connect(let port, let reason): "port forward to port \(port): \(reason)"
        case .invalidPorts(let reason): "port forward: \(reason)"
        }
    }
}
