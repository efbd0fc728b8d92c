import Foundation
import Glibc
import KubeswiftTestSupport
import Testing

/// SIGTERM ends the apiserver promptly whatever its clients hold open: a connection that never sent
/// a request (a client that gave up mid-connect), an idle keep-alive connection, and a watch. Each
/// of them used to keep it running until the client closed the connection.
@Suite(.enabled(if: ServerProcess.available, "needs a built kubeswift binary"))
struct ShutdownTests {
    @Test func sigtermEndsTheServerDespiteOpenConnections() async throws {
        let server = try await ServerProcess(extraArguments: ["--storage", "memory"])
        defer { server.removeData() }
        guard let port = URL(string: server.url)?.port else { throw TestFailure("no port in \(server.url)") }

        let silent = try LoopbackConnection(port: port)
        let keepAlive = try LoopbackConnection(port: port)
        try keepAlive.send("GET /api/v1/namespaces HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(try keepAlive.receive().hasPrefix("HTTP/1.1 200"))
        let watch = try LoopbackConnection(port: port)
        try watch.send("GET /api/v1/pods?watch=true HTTP/1.1\r\nHost: localhost\r\n\r\n")
        #expect(try watch.receive().hasPrefix("HTTP/1.1 200"))
        defer { [silent, keepAlive, watch].forEach { $0.close() } }

        let pid = server.process.processIdentifier
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(15)
        while server.process.isRunning && ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(100))
        }
        let stillRunning = server.process.isRunning
        if stillRunning { server.kill9() }
        #expect(!stillRunning, "the apiserver was still running 15 s after SIGTERM")
    }
}

/// A blocking TCP connection to 127.0.0.1 with a receive timeout.
final class LoopbackConnection: Sendable {
    let fd: Int32

    init(port: Int) throws {
        fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0)
        guard fd >= 0 else { throw TestFailure("socket: errno \(errno)") }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = in_port_t(UInt16(port).bigEndian)
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let result = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { connect(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard result == 0 else {
            Glibc.close(fd)
            throw TestFailure("connect to 127.0.0.1:\(port): errno \(errno)")
        }
    }

    func send(_ text: String) throws {
        let bytes = Array(text.utf8)
        guard Glibc.send(fd, bytes, bytes.count, Int32(MSG_NOSIGNAL)) == bytes.count else { throw TestFailure("send: errno \(errno)") }
    }

    /// Whatever the server has sent so far (at least one read).
    func receive() throws -> String {
        var buffer = [UInt8](repeating: 0, count: 65536)
        let n = recv(fd, &buffer, buffer.count, 0)
        guard n > 0 else { throw TestFailure("recv: \(n == 0 ? "closed" : "errno \(errno)")") }
        return String(decoding: buffer[..<n], as: UTF8.self)
    }

    func close() { Glibc.close(fd) }
}
