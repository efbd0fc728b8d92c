import Foundation
import Glibc

/// A listening TCP socket on a free 127.0.0.1 port (backlog 1), for tests' hand-rolled servers.
/// Close-on-exec, as sockets the server accepts should be (`accept4(…, SOCK_CLOEXEC)`): children
/// other tests spawn meanwhile must not keep a copy.
public func loopbackListener() throws -> (fd: Int32, port: UInt16) {
    let listener = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
    var length = socklen_t(MemoryLayout<sockaddr_in>.size)
    try withUnsafeMutablePointer(to: &address) { pointer in
        try pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { raw in
            guard bind(listener, raw, length) == 0, listen(listener, 1) == 0, getsockname(listener, raw, &length) == 0 else {
                close(listener)
                throw CocoaError(.fileWriteUnknown, userInfo: [NSLocalizedDescriptionKey: "loopback listener: \(String(cString: strerror(errno)))"])
            }
        }
    }
    return (listener, UInt16(bigEndian: address.sin_port))
}

/// `accept`, then close-on-exec (Glibc's module does not offer accept4).
public func acceptConnection(_ listener: Int32) -> Int32 {
    let connection = accept(listener, nil, nil)
    if connection >= 0 { _ = fcntl(connection, F_SETFD, FD_CLOEXEC) }
    return connection
}
