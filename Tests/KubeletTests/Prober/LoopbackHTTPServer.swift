import Foundation
import Synchronization
#if canImport(Glibc)
import Glibc
#endif

/// A tiny HTTP/1.1 server on 127.0.0.1:<ephemeral> for probe and hook tests: one thread, one request
/// per connection, answers from a handler the test can change while it runs, records every request.
final class LoopbackHTTPServer: Sendable {
    struct Request: Sendable {
        var method: String
        var target: String
        var headers: [(name: String, value: String)]

        func header(_ name: String) -> String? {
            headers.first { $0.name.lowercased() == name.lowercased() }?.value
        }
    }

    struct Response: Sendable {
        var status: Int
        var headers: [(String, String)] = []
        var body: String = ""
        /// Accept and read the request but never answer (a timeout).
        var hang = false
    }

    typealias Handler = @Sendable (Request) -> Response

    let port: Int
    private let listener: Int32
    private let handler: Mutex<Handler>
    private let recorded = Mutex<[Request]>([])
    private let accepted = Mutex(0)

    init(_ handler: @escaping Handler = { _ in Response(status: 200, body: "ok") }) throws {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw POSIXError(.init(rawValue: errno) ?? .EIO) }
        var one: Int32 = 1
        setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = 0
        address.sin_addr.s_addr = inet_addr("127.0.0.1")
        let bound = withUnsafePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0, listen(fd, 64) == 0 else {
            close(fd)
            throw POSIXError(.init(rawValue: errno) ?? .EIO)
        }
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        port = Int(UInt16(bigEndian: address.sin_port))
        listener = fd
        self.handler = Mutex(handler)
        let thread = Thread { [self] in acceptLoop() }
        thread.start()
    }

    func setHandler(_ handler: @escaping Handler) {
        self.handler.withLock { $0 = handler }
    }

    var requests: [Request] { recorded.withLock { $0 } }

    /// Connections accepted so far (a TCP probe connects and closes without a request).
    var acceptedConnections: Int { accepted.withLock { $0 } }

    /// Stops listening (connections are refused from now on). The accept thread closes the socket
    /// itself once it has left accept(): closing it here could hand the descriptor number to another
    /// test's socket while this thread still accepts on it.
    func stop() {
        shutdown(listener, Int32(SHUT_RDWR))
    }

    private func acceptLoop() {
        while true {
            let connection = accept(listener, nil, nil)
            if connection < 0 {
                if errno == EINTR { continue }
                close(listener)
                return
            }
            accepted.withLock { $0 += 1 }
            let server = self
            Thread { server.serve(connection) }.start()
        }
    }

    private func serve(_ connection: Int32) {
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while !data.containsHeaderEnd {
            let count = read(connection, &buffer, buffer.count)
            if count <= 0 { close(connection); return }
            data += buffer[0..<count]
            if data.first == 0x16 {
                // A TLS ClientHello: answer as a plain HTTP server does, with a 400 at once.
                _ = "HTTP/1.1 400 Bad Request\r\nConnection: close\r\n\r\n".withCString { write(connection, $0, strlen($0)) }
                close(connection)
                return
            }
        }
        let head = String(decoding: data, as: UTF8.self).components(separatedBy: "\r\n\r\n")[0]
        var lines = head.components(separatedBy: "\r\n")
        let requestLine = lines.removeFirst().split(separator: " ").map(String.init)
        let headers = lines.compactMap { line -> (name: String, value: String)? in
            guard let colon = line.firstIndex(of: ":") else { return nil }
            return (String(line[..<colon]), line[line.index(after: colon)...].trimmingCharacters(in: .whitespaces))
        }
        let request = Request(method: requestLine.first ?? "", target: requestLine.count > 1 ? requestLine[1] : "", headers: headers)
        recorded.withLock { $0.append(request) }
        let response = handler.withLock { $0 }(request)
        if response.hang {
            // Hold the connection until the client gives up.
            while read(connection, &buffer, buffer.count) > 0 {}
            close(connection)
            return
        }
        var text = "HTTP/1.1 \(response.status) Status\r\nContent-Length: \(response.body.utf8.count)\r\nConnection: close\r\n"
        for (name, value) in response.headers { text += "\(name): \(value)\r\n" }
        text += "\r\n" + response.body
        let bytes = Array(text.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes[offset...].withUnsafeBytes { write(connection, $0.baseAddress, $0.count) }
            if written <= 0 { break }
            offset += written
        }
        close(connection)
    }
}

private extension Array where Element == UInt8 {
    var containsHeaderEnd: Bool {
        guard count >= 4 else { return false }
        for i in 0...(count - 4) where self[i] == 13 && self[i + 1] == 10 && self[i + 2] == 13 && self[i + 3] == 10 {
            return true
        }
        return false
    }
}

extension LoopbackHTTPServer {
    /// A port on 127.0.0.1 nothing listens on: bound, then closed (connections are refused).
    static func closedPort() throws -> Int {
        let server = try LoopbackHTTPServer()
        server.stop()
        return server.port
    }
}
