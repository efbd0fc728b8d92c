@testable import ContainerRuntime
import CRI
import Foundation
import Glibc
import Logging
import NIOCore
import Synchronization
import KubeswiftTestSupport
import Testing
import RemoteCommand

/// Port forwarding over the streaming server's websocket, upstream's channel layout: the port
/// prefix on both channels, data relayed to a TCP listener on loopback and back.
@Suite(.serialized) struct PortForwardTests {
    /// A one-connection TCP server on a free loopback port: answers "pong:<what it read>" once
    /// it has read a newline, then closes. It blocks in accept/recv, so it runs on a thread of
    /// its own, never on the cooperative pool; `done` yields what it read.
    static func pongServer() throws -> (port: UInt16, done: AsyncStream<String>) {
        let (listener, port) = try loopbackListener()
        let (done, finished) = AsyncStream.makeStream(of: String.self)
        Thread.detachNewThread {
            let connection = acceptConnection(listener)
            close(listener)
            var received: [UInt8] = []
            var buffer = [UInt8](repeating: 0, count: 1024)
            while !received.contains(UInt8(ascii: "\n")) {
                let count = buffer.withUnsafeMutableBytes { recv(connection, $0.baseAddress, $0.count, 0) }
                if count <= 0 { break }
                received += buffer[0..<count]
            }
            let reply = Array("pong:".utf8) + received
            _ = reply.withUnsafeBytes { send(connection, $0.baseAddress, $0.count, Int32(MSG_NOSIGNAL)) }
            close(connection)
            finished.yield(String(decoding: received, as: UTF8.self))
            finished.finish()
        }
        return (port, done)
    }

    @Test func forwardsOnePortBothWays() async throws {
        let harness = try await StreamingHarness()
        defer { harness.stop() }
        let (port, served) = try Self.pongServer()
        var request = Runtime_V1_PortForwardRequest()
        request.podSandboxID = "p1"
        request.port = [Int32(port)]
        let url = try harness.server.url(for: .portForward(request))
        #expect(url.contains("/portforward/"))

        let frames = Mutex<[[UInt8]]>([])
        try await WebSocketConnection.connect(url: url, subprotocols: ["v4.channel.k8s.io"]) { socket in
            try await socket.send(.binary(ByteBuffer(bytes: [0] + Array("ping\n".utf8))))
            for try await message in socket.messages {
                if case .binary(let buffer) = message { frames.withLock { $0.append(Array(buffer.readableBytesView)) } }
            }
        }
        var read: String?
        for await text in served { read = text }
        #expect(read == "ping\n")
        let received = frames.withLock { $0 }
        let prefix = [UInt8(port & 0xff), UInt8(port >> 8)]
        #expect(received.prefix(2) == [[0] + prefix, [1] + prefix], "port number first on the data and error channels")
        let data = received.dropFirst(2).filter { $0.first == 0 }.flatMap { $0.dropFirst() }
        #expect(String(decoding: data, as: UTF8.self) == "pong:ping\n")
        #expect(!received.contains { $0.first == 1 && $0.count > 3 }, "no error on the error channel")
    }

    @Test func refusedPortsReportOnTheErrorChannel() async throws {
        let harness = try await StreamingHarness()
        defer { harness.stop() }
        var request = Runtime_V1_PortForwardRequest()
        request.podSandboxID = "p1"
        request.port = [9]  // discard: nothing listens on loopback here
        let url = try harness.server.url(for: .portForward(request))
        let errors = Mutex<String>("")
        try await WebSocketConnection.connect(url: url, subprotocols: ["v4.channel.k8s.io"]) { socket in
            for try await message in socket.messages {
                if case .binary(let buffer) = message, buffer.readableBytesView.first == 1, buffer.readableBytes > 3 {
                    errors.withLock { $0 += String(decoding: buffer.readableBytesView.dropFirst(), as: UTF8.self) }
                }
            }
        }
        #expect(errors.withLock { $0 }.contains("connect 127.0.0.1:9"), "\(errors.withLock { $0 })")
    }

    @Test func queryPortsWinOverTheRequestsPorts() throws {
        #expect(try PortForwardSession.ports(query: ["80,443", "8080"], requested: [1]) == [80, 443, 8080])
        #expect(try PortForwardSession.ports(query: [], requested: [5432]) == [5432])
        #expect(throws: PortForwardError.self) { try PortForwardSession.ports(query: ["http"], requested: []) }
        #expect(throws: PortForwardError.self) { try PortForwardSession.ports(query: [], requested: []) }
    }
}
