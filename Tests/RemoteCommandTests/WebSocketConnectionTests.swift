import Foundation
import Glibc
@testable import RemoteCommand
import Synchronization
import KubeswiftTestSupport
import Testing

/// The websocket client against a hand-rolled server that sends its whole session in one write —
/// the 101 response, output, the exit Status, the close frame — and then FIN, as a short exec
/// does on a fast machine. The client must see all of it and return.
@Suite(.timeLimit(.minutes(1))) struct WebSocketConnectionTests {
    static let exitStatus = #"{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"3"}]}}"#

    @Test func aSessionArrivingAllAtOnceIsReadToTheEnd() async throws {
        for _ in 0..<20 {
            let server = try OneShotServer { request in
                let key = Self.header("Sec-WebSocket-Key", in: request) ?? ""
                var reply = Array((
                    "HTTP/1.1 101 Switching Protocols\r\nUpgrade: websocket\r\nConnection: Upgrade\r\n"
                    + "Sec-WebSocket-Accept: \(WebSocketHandshake.acceptValue(key: key))\r\nSec-WebSocket-Protocol: v5.channel.k8s.io\r\n\r\n").utf8)
                reply += Self.frame(0x2, [1] + Array("hello\n".utf8))
                reply += Self.frame(0x2, [3] + Array(Self.exitStatus.utf8))
                reply += Self.frame(0x8, [0x03, 0xe8])
                return reply
            }
            let out = Mutex<[UInt8]>([])
            let code = try await RemoteCommandClient.run(
                url: "http://127.0.0.1:\(server.port)/exec/p/c?command=true&output=1", stdout: { bytes in out.withLock { $0 += bytes } })
            #expect(code == 3)
            #expect(String(decoding: out.withLock { $0 }, as: UTF8.self) == "hello\n")
            let request = await server.request()
            #expect(request.hasPrefix("GET /exec/p/c?command=true&output=1 HTTP/1.1\r\n"))
            #expect(Self.header("Sec-WebSocket-Protocol", in: request) == "v5.channel.k8s.io, v4.channel.k8s.io")
        }
    }

    @Test func aRefusedUpgradeReportsTheStatusMessage() async throws {
        let body = #"{"kind":"Status","apiVersion":"v1","metadata":{},"status":"Failure","message":"pods \"web\" not found","reason":"NotFound","code":404}"#
        let server = try OneShotServer { _ in
            Array("HTTP/1.1 404 Not Found\r\nContent-Type: application/json\r\nContent-Length: \(body.utf8.count)\r\n\r\n\(body)".utf8)
        }
        await #expect(throws: RemoteCommandError.remoteFailure("pods \"web\" not found")) {
            try await RemoteCommandClient.run(url: "http://127.0.0.1:\(server.port)/exec?command=ls&output=1", stdout: { _ in })
        }
        let plain = try OneShotServer { _ in Array("HTTP/1.1 403 Forbidden\r\nContent-Length: 6\r\n\r\nnope!\n".utf8) }
        await #expect(throws: RemoteCommandError.connection("http://127.0.0.1:\(plain.port)/x: upgrade refused: 403 Forbidden: nope!")) {
            try await RemoteCommandClient.run(url: "http://127.0.0.1:\(plain.port)/x", stdout: { _ in })
        }
    }

    @Test func targetsParseAsWebsocketURLs() throws {
        let target = try WebSocketTarget("https://[::1]:6443/api/v1/namespaces/default/pods/web/exec?command=ls&stdout=true")
        #expect(target.secure && target.host == "::1" && target.port == 6443 && target.hostIsAddress)
        #expect(target.hostHeader == "[::1]:6443")
        #expect(target.requestTarget == "/api/v1/namespaces/default/pods/web/exec?command=ls&stdout=true")
        #expect(try WebSocketTarget("ws://node-a/exec").port == 80)
        #expect(try !WebSocketTarget("wss://node-a/exec").hostIsAddress)
        #expect(throws: RemoteCommandError.self) { try WebSocketTarget("ftp://node-a/") }
    }

    /// An unmasked server frame (payload under 64 KiB).
    static func frame(_ opcode: UInt8, _ payload: [UInt8]) -> [UInt8] {
        let length = payload.count < 126 ? [UInt8(payload.count)] : [126, UInt8(payload.count >> 8), UInt8(payload.count & 0xff)]
        return [0x80 | opcode] + length + payload
    }

    static func header(_ name: String, in request: String) -> String? {
        for line in request.components(separatedBy: "\r\n") where line.lowercased().hasPrefix(name.lowercased() + ":") {
            return line.dropFirst(name.count + 1).trimmingCharacters(in: .whitespaces)
        }
        return nil
    }
}

/// One connection on a loopback port: reads the request head, writes `reply(head)` in one send,
/// shuts down its write side (FIN), reads until the client closes (or 10 s pass). On a thread of its own.
final class OneShotServer: Sendable {
    let port: UInt16
    private let received: AsyncStream<String>

    init(reply: @escaping @Sendable (String) -> [UInt8]) throws {
        let (listener, boundPort) = try loopbackListener()
        port = boundPort
        let (received, continuation) = AsyncStream.makeStream(of: String.self)
        self.received = received
        Thread.detachNewThread {
            let connection = acceptConnection(listener)
            close(listener)
            // Never wait on the client for good: 10 s per read at most.
            var limit = timeval(tv_sec: 10, tv_usec: 0)
            setsockopt(connection, SOL_SOCKET, SO_RCVTIMEO, &limit, socklen_t(MemoryLayout<timeval>.size))
            var head: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 4096)
            while !head.reversed().starts(with: Array("\n\r\n\r".utf8)) {
                let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                head += buffer[0..<count]
            }
            let request = String(decoding: head, as: UTF8.self)
            let bytes = reply(request)
            _ = bytes.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            shutdown(connection, Int32(SHUT_WR))
            while buffer.withUnsafeMutableBytes({ recv(connection, $0.baseAddress, $0.count, 0) }) > 0 {}
            close(connection)
            continuation.yield(request)
            continuation.finish()
        }
    }

    /// The request head the client sent (once the client has closed).
    func request() async -> String {
        for await text in received { return text }
        return ""
    }
}
