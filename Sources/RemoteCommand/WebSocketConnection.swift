import Crypto
import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL
import NIOWebSocket
import Synchronization

/// A websocket client connection (RFC 6455) for the channel protocol's clients and relays.
///
/// ```swift
/// let code = try await WebSocketConnection.connect(url: url, subprotocols: ["v5.channel.k8s.io"]) { connection in
///     try await connection.send(.binary(frame))
///     for try await message in connection.messages { … }
/// }
/// ```
///
/// The opening handshake is done here rather than by NIO's typed HTTP client upgrader (which
/// swift-websocket's client uses): when a server's whole session arrives at once — the 101
/// response, the frames, the close frame and FIN, as a short exec or attach produces — that
/// upgrader never completes and the session hangs. Here the bytes after the response head go
/// straight to the frame decoder, and FIN ends `messages`.
public struct WebSocketConnection: Sendable {
    /// A data message (continuation frames already joined).
    public enum Message: Sendable, Equatable {
        case binary(ByteBuffer)
        case text(String)
    }

    /// The subprotocol the server chose (Sec-WebSocket-Protocol), if it named one.
    public let subprotocol: String?
    /// The server's messages, until its close frame or the end of the connection. Iterate once.
    public let messages: Messages
    private let writer: FrameWriter

    /// Connects, runs `body` with the open connection, then closes it: a close frame unless one
    /// was sent, a short wait for the server's reply, and the TCP connection.
    public static func connect<Result: Sendable>(
        url: String,
        subprotocols: [String],
        headers: [(String, String)] = [],
        tls: TLSConfiguration? = nil,
        maxFrameSize: Int = 1 << 20,
        handshakeTimeout: TimeAmount = .seconds(30),
        body: (WebSocketConnection) async throws -> Result
    ) async throws -> Result {
        let target = try WebSocketTarget(url)
        let key = Data((0..<16).map { _ in UInt8.random(in: 0...255) }).base64EncodedString()
        let request = WebSocketHandshake.request(target: target, key: key, subprotocols: subprotocols, headers: headers)
        let sslContext: NIOSSLContext?
        if target.secure {
            do { sslContext = try NIOSSLContext(configuration: tls ?? .makeClientConfiguration()) } catch {
                throw RemoteCommandError.connection("TLS setup for \(url): \(error)")
            }
        } else {
            sslContext = nil
        }

        let (channel, handshake): (NIOAsyncChannel<WebSocketFrame, WebSocketFrame>, EventLoopFuture<WebSocketHandshake.Response>)
        do {
            (channel, handshake) = try await ClientBootstrap(group: MultiThreadedEventLoopGroup.singleton)
                .channelOption(ChannelOptions.allowRemoteHalfClosure, value: true)
                .connectTimeout(handshakeTimeout)
                .connect(host: target.host, port: target.port) { channel in
                    channel.eventLoop.makeCompletedFuture {
                        let pipeline = channel.pipeline.syncOperations
                        if let sslContext {
                            // An IP address is not a server name (SNI); the certificate is then checked against the address.
                            let name = target.hostIsAddress ? nil : target.host
                            try pipeline.addHandler(try NIOSSLClientHandler(context: sslContext, serverHostname: name))
                        }
                        let promise = channel.eventLoop.makePromise(of: WebSocketHandshake.Response.self)
                        try pipeline.addHandler(WebSocketHandshakeHandler(request: request, key: key, timeout: handshakeTimeout, promise: promise))
                        try pipeline.addHandler(ByteToMessageHandler(WebSocketFrameDecoder(maxFrameSize: maxFrameSize)))
                        try pipeline.addHandler(WebSocketFrameEncoder())
                        let wrapped = try NIOAsyncChannel<WebSocketFrame, WebSocketFrame>(wrappingChannelSynchronously: channel)
                        return (wrapped, promise.futureResult)
                    }
                }
        } catch let error as RemoteCommandError {
            throw error
        } catch {
            throw RemoteCommandError.connection("\(url): \(error)")
        }
        let response: WebSocketHandshake.Response
        do {
            response = try await handshake.get()
        } catch {
            try? await channel.channel.close()
            if let refused = error as? WebSocketHandshake.Refusal { throw refused.error(url: url) }
            throw RemoteCommandError.connection("\(url): \(error)")
        }
        return try await channel.executeThenClose { inbound, outbound in
            let writer = FrameWriter(outbound: outbound)
            let connection = WebSocketConnection(
                subprotocol: response.subprotocol, messages: Messages(inbound: inbound, writer: writer), writer: writer)
            let result: Result
            do {
                result = try await body(connection)
            } catch {
                await connection.finish()
                throw error
            }
            await connection.finish()
            return result
        }
    }

    /// Sends a data message.
    public func send(_ message: Message) async throws {
        switch message {
        case .binary(let data): try await writer.write(.binary, data)
        case .text(let text): try await writer.write(.text, ByteBuffer(string: text))
        }
    }

    /// Starts the closing handshake (once); `messages` ends when the server replies.
    public func close(_ code: WebSocketErrorCode = .normalClosure) async {
        await writer.sendClose(code)
    }

    /// After the body: close if nobody did, and give the server a moment to answer before the
    /// connection goes (a client should let the server close TCP first, RFC 6455 §7.1.1).
    private func finish() async {
        await writer.sendClose(.normalClosure)
        guard messages.claim() else { return }  // the body iterated: the server's reply has been seen or never comes
        let drained = Task { [messages] in
            var iterator = messages.makeIteratorUnchecked()
            while (try? await iterator.next()) != nil {}
        }
        let timer = Task {
            try? await Task.sleep(for: .seconds(2))
            drained.cancel()
        }
        _ = await drained.value
        timer.cancel()
    }

    /// The server's data messages; ping is answered, close is answered and ends the sequence.
    public struct Messages: AsyncSequence, Sendable {
        public typealias Element = Message
        let inbound: NIOAsyncChannelInboundStream<WebSocketFrame>
        let writer: FrameWriter
        private let iterated = IterationFlag()

        init(inbound: NIOAsyncChannelInboundStream<WebSocketFrame>, writer: FrameWriter) {
            self.inbound = inbound
            self.writer = writer
        }

        /// Marks the sequence as iterated; false if it already was.
        func claim() -> Bool { iterated.claim() }

        final class IterationFlag: Sendable {
            private let iterated = Mutex(false)
            func claim() -> Bool { iterated.withLock { was in defer { was = true }; return !was } }
        }

        public func makeAsyncIterator() -> Iterator {
            precondition(claim(), "WebSocketConnection.messages can be iterated once")
            return makeIteratorUnchecked()
        }

        func makeIteratorUnchecked() -> Iterator { Iterator(frames: inbound.makeAsyncIterator(), writer: writer) }

        public struct Iterator: AsyncIteratorProtocol {
            var frames: NIOAsyncChannelInboundStream<WebSocketFrame>.AsyncIterator
            let writer: FrameWriter
            var partial: (opcode: WebSocketOpcode, data: ByteBuffer)?
            var ended = false

            public mutating func next() async throws -> Message? {
                guard !ended else { return nil }
                while let frame = try await frames.next() {
                    switch frame.opcode {
                    case .binary, .text:
                        if frame.fin { return Self.message(frame.opcode, frame.unmaskedData) }
                        partial = (frame.opcode, frame.unmaskedData)
                    case .continuation:
                        guard var joined = partial else { continue }
                        var data = frame.unmaskedData
                        joined.data.writeBuffer(&data)
                        partial = frame.fin ? nil : joined
                        if frame.fin { return Self.message(joined.opcode, joined.data) }
                    case .ping:
                        try? await writer.write(.pong, frame.unmaskedData)
                    case .connectionClose:
                        var data = frame.unmaskedData
                        await writer.sendClose(data.readWebSocketErrorCode() ?? .normalClosure)
                        ended = true
                        return nil
                    default:
                        continue  // pong, reserved opcodes
                    }
                }
                ended = true
                return nil
            }

            static func message(_ opcode: WebSocketOpcode, _ data: ByteBuffer) -> Message {
                opcode == .text ? .text(String(buffer: data)) : .binary(data)
            }
        }
    }

    /// Writes masked frames (a client must mask) and sends at most one close frame.
    final class FrameWriter: Sendable {
        let outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>
        private let closeSent = Mutex(false)

        init(outbound: NIOAsyncChannelOutboundWriter<WebSocketFrame>) { self.outbound = outbound }

        func write(_ opcode: WebSocketOpcode, _ data: ByteBuffer) async throws {
            try await outbound.write(WebSocketFrame(fin: true, opcode: opcode, maskKey: .random(), data: data))
        }

        func sendClose(_ code: WebSocketErrorCode) async {
            guard closeSent.withLock({ sent in defer { sent = true }; return !sent }) else { return }
            var data = ByteBuffer()
            data.write(webSocketErrorCode: code)
            try? await write(.connectionClose, data)
        }
    }
}

/// Where a ws/wss (or http/https) URL points.
struct WebSocketTarget: Equatable {
    var secure: Bool
    var host: String
    var port: Int
    /// Path and query, as the request line carries them.
    var requestTarget: String

    var hostIsAddress: Bool { host.contains(":") || host.split(separator: ".").count == 4 && host.allSatisfy { $0.isNumber || $0 == "." } }
    /// The Host header: brackets around IPv6, the port unless it is the scheme's default.
    var hostHeader: String {
        let name = host.contains(":") ? "[\(host)]" : host
        return port == (secure ? 443 : 80) ? name : "\(name):\(port)"
    }

    init(_ url: String) throws(RemoteCommandError) {
        guard let components = URLComponents(string: url), let scheme = components.scheme?.lowercased(),
              let host = components.host, !host.isEmpty
        else { throw .connection("invalid URL \(url)") }
        switch scheme {
        case "http", "ws": secure = false
        case "https", "wss": secure = true
        default: throw .connection("unsupported URL scheme in \(url)")
        }
        self.host = host.hasPrefix("[") ? String(host.dropFirst().dropLast()) : host
        port = components.port ?? (secure ? 443 : 80)
        let path = components.percentEncodedPath.isEmpty ? "/" : components.percentEncodedPath
        requestTarget = components.percentEncodedQuery.map { path + "?" + $0 } ?? path
    }
}

/// The opening handshake's request and response (RFC 6455 §4).
enum WebSocketHandshake {
    static let guid = "258EAFA5-E914-47DA-95CA-C5AB0DC85B11"

    struct Response: Sendable {
        var subprotocol: String?
    }

    /// The server answered with something other than a websocket upgrade.
    struct Refusal: Error {
        var status: Int
        var reason: String
        var body: String

        /// A Kubernetes Status body becomes its message, as kubectl reports it; anything else is
        /// a connection error naming the response.
        func error(url: String) -> RemoteCommandError {
            if let json = try? JSONSerialization.jsonObject(with: Data(body.utf8)) as? [String: Any],
               json["kind"] as? String == "Status", let message = json["message"] as? String {
                return .remoteFailure(message)
            }
            let detail = body.trimmingCharacters(in: .whitespacesAndNewlines)
            return .connection("\(url): upgrade refused: \(status) \(reason)\(detail.isEmpty ? "" : ": \(detail.prefix(500))")")
        }
    }

    static func request(target: WebSocketTarget, key: String, subprotocols: [String], headers: [(String, String)]) -> ByteBuffer {
        var lines = [
            "GET \(target.requestTarget) HTTP/1.1", "Host: \(target.hostHeader)", "Upgrade: websocket", "Connection: Upgrade",
            "Sec-WebSocket-Key: \(key)", "Sec-WebSocket-Version: 13",
        ]
        if !subprotocols.isEmpty { lines.append("Sec-WebSocket-Protocol: \(subprotocols.joined(separator: ", "))") }
        lines += headers.map { "\($0.0): \($0.1)" }
        return ByteBuffer(string: lines.joined(separator: "\r\n") + "\r\n\r\n")
    }

    static func acceptValue(key: String) -> String {
        Data(Insecure.SHA1.hash(data: Data((key + guid).utf8))).base64EncodedString()
    }

    /// The response head: status code, reason, headers (names lowercased).
    static func parseHead(_ text: String) -> (status: Int, reason: String, headers: [String: String])? {
        let lines = text.components(separatedBy: "\r\n")
        let statusLine = lines[0].split(separator: " ", maxSplits: 2).map(String.init)
        guard statusLine.count >= 2, statusLine[0].hasPrefix("HTTP/1."), let status = Int(statusLine[1]) else { return nil }
        var headers: [String: String] = [:]
        for line in lines.dropFirst() {
            guard let colon = line.firstIndex(of: ":") else { continue }
            headers[line[..<colon].trimmingCharacters(in: .whitespaces).lowercased()] = line[line.index(after: colon)...]
                .trimmingCharacters(in: .whitespaces)
        }
        return (status, statusLine.count > 2 ? statusLine[2] : "", headers)
    }
}

/// Sends the upgrade request, reads the response head, and then gets out of the way: the bytes
/// after the head go on to the frame decoder in the same read, nothing is held back.
final class WebSocketHandshakeHandler: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer

    private let request: ByteBuffer
    private let key: String
    private let timeout: TimeAmount
    private let promise: EventLoopPromise<WebSocketHandshake.Response>
    private var received = ByteBuffer()
    /// Set once a non-101 head arrived: the body is collected until its length or EOF.
    private var refusal: (status: Int, reason: String, bodyLength: Int?)?
    private var timer: Scheduled<Void>?
    private var done = false

    init(request: ByteBuffer, key: String, timeout: TimeAmount, promise: EventLoopPromise<WebSocketHandshake.Response>) {
        self.request = request
        self.key = key
        self.timeout = timeout
        self.promise = promise
    }

    func handlerAdded(context: ChannelHandlerContext) {
        if context.channel.isActive { start(context: context) }
    }

    func channelActive(context: ChannelHandlerContext) {
        start(context: context)
        context.fireChannelActive()
    }

    private func start(context: ChannelHandlerContext) {
        guard timer == nil else { return }
        let loopBound = NIOLoopBound((self, context), eventLoop: context.eventLoop)
        timer = context.eventLoop.scheduleTask(in: timeout) {
            let (handler, context) = loopBound.value
            handler.fail(context: context, RemoteCommandError.connection("no websocket upgrade response within \(handler.timeout)"))
        }
        context.writeAndFlush(NIOAny(request), promise: nil)
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var bytes = unwrapInboundIn(data)
        received.writeBuffer(&bytes)
        if refusal != nil { return finishRefusalIfComplete(context: context, eof: false) }
        guard let end = received.readableBytesView.firstRange(of: Array("\r\n\r\n".utf8)) else {
            if received.readableBytes > 64 << 10 { fail(context: context, RemoteCommandError.connection("websocket upgrade response head too large")) }
            return
        }
        let headLength = end.upperBound - received.readerIndex
        let head = received.readString(length: headLength) ?? ""
        guard let (status, reason, headers) = WebSocketHandshake.parseHead(head) else {
            return fail(context: context, RemoteCommandError.connection("malformed websocket upgrade response: \(head.prefix(200))"))
        }
        guard status == 101 else {
            refusal = (status, reason, headers["content-length"].flatMap { Int($0) })
            return finishRefusalIfComplete(context: context, eof: false)
        }
        guard headers["upgrade"]?.lowercased() == "websocket",
              headers["sec-websocket-accept"] == WebSocketHandshake.acceptValue(key: key)
        else {
            return fail(context: context, RemoteCommandError.connection("websocket upgrade response without a valid Upgrade/Sec-WebSocket-Accept"))
        }
        done = true
        timer?.cancel()
        promise.succeed(WebSocketHandshake.Response(subprotocol: headers["sec-websocket-protocol"]))
        let rest = received
        received = ByteBuffer()
        if rest.readableBytes > 0 { context.fireChannelRead(wrapInboundOut(rest)) }
        context.pipeline.syncOperations.removeHandler(context: context, promise: nil)
    }

    func userInboundEventTriggered(context: ChannelHandlerContext, event: Any) {
        if !done, let event = event as? ChannelEvent, event == .inputClosed {
            if refusal != nil { return finishRefusalIfComplete(context: context, eof: true) }
            return fail(context: context, RemoteCommandError.connection("connection closed before the websocket upgrade response"))
        }
        context.fireUserInboundEventTriggered(event)
    }

    func channelInactive(context: ChannelHandlerContext) {
        if !done {
            if refusal != nil { finishRefusalIfComplete(context: context, eof: true) } else {
                fail(context: context, RemoteCommandError.connection("connection closed before the websocket upgrade response"))
            }
        }
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        if !done { fail(context: context, error) } else { context.fireErrorCaught(error) }
    }

    private func finishRefusalIfComplete(context: ChannelHandlerContext, eof: Bool) {
        guard let refusal, !done else { return }
        if let length = refusal.bodyLength, received.readableBytes < length, !eof { return }
        if refusal.bodyLength == nil && !eof && received.readableBytes < 64 << 10 { return }
        let body = received.readString(length: min(received.readableBytes, refusal.bodyLength ?? Int.max)) ?? ""
        fail(context: context, WebSocketHandshake.Refusal(status: refusal.status, reason: refusal.reason, body: body))
    }

    private func fail(context: ChannelHandlerContext, _ error: any Error) {
        guard !done else { return }
        done = true
        timer?.cancel()
        promise.fail(error)
        context.close(promise: nil)
    }
}
