import NIOCore
import NIOPosix
import Glibc

/// The DNS server: the same handler on UDP and TCP (2-byte length framing, RFC 1035 §4.2.2)
/// at one address. Zone answers are written from the event loop; forwarded queries complete
/// in a task.
public final class ClusterDNSServer: Sendable {
    public let handler: DNSQueryHandler
    public let host: String
    public let port: Int
    private let group: MultiThreadedEventLoopGroup

    public init(handler: DNSQueryHandler, host: String, port: Int, threads: Int = 1) {
        self.handler = handler
        self.host = host
        self.port = port
        group = MultiThreadedEventLoopGroup(numberOfThreads: threads)
    }

    /// Bound sockets; `udpPort`/`tcpPort` are the real ports when `port` was 0 (TCP then binds
    /// the port UDP got).
    public struct Bound: Sendable {
        public var udp: any Channel
        public var tcp: any Channel
        public var udpPort: Int
        public var tcpPort: Int

        public func close() async {
            try? await udp.close()
            try? await tcp.close()
        }
    }

    /// With port 0, UDP picks a free port and TCP binds the same number; that number may already be
    /// some TCP socket's (an outgoing connection's local port), so a clash picks again.
    public func bind() async throws -> Bound {
        let attempts = port == 0 ? 8 : 1
        for attempt in 1...attempts {
            let udp = try await bindUDP(port: port)
            let udpPort = udp.localAddress?.port ?? port
            do {
                let tcp = try await bindTCP(port: udpPort)
                return Bound(udp: udp, tcp: tcp, udpPort: udpPort, tcpPort: tcp.localAddress?.port ?? udpPort)
            } catch let error as IOError where error.errnoCode == EADDRINUSE && attempt < attempts {
                try? await udp.close()
            } catch {
                try? await udp.close()
                throw error
            }
        }
        preconditionFailure("unreachable: the last attempt returns or throws")
    }

    private func bindUDP(port: Int) async throws -> any Channel {
        let handler = self.handler
        return try await DatagramBootstrap(group: group)
            .channelOption(.socketOption(.so_reuseaddr), value: 1)
            .channelInitializer { channel in
                channel.eventLoop.makeCompletedFuture { try channel.pipeline.syncOperations.addHandler(UDPQueryHandler(handler: handler)) }
            }
            .bind(host: host, port: port).get()
    }

    private func bindTCP(port: Int) async throws -> any Channel {
        let handler = self.handler
        return try await ServerBootstrap(group: group)
            .serverChannelOption(.socketOption(.so_reuseaddr), value: 1)
            .childChannelInitializer { channel in
                channel.eventLoop.makeCompletedFuture {
                    try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(TCPFrameDecoder()))
                    try channel.pipeline.syncOperations.addHandler(TCPQueryHandler(handler: handler))
                }
            }
            .bind(host: host, port: port).get()
    }

    /// Serves until the task is cancelled.
    public func run(onBound: @Sendable (Bound) -> Void = { _ in }) async throws {
        let bound = try await bind()
        onBound(bound)
        await withTaskCancellationHandler {
            try? await bound.udp.closeFuture.get()
        } onCancel: {
            bound.udp.close(promise: nil)
            bound.tcp.close(promise: nil)
        }
        await bound.close()
    }

    public func shutdown() async {
        try? await group.shutdownGracefully()
    }
}

final class UDPQueryHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = AddressedEnvelope<ByteBuffer>
    typealias OutboundOut = AddressedEnvelope<ByteBuffer>
    let handler: DNSQueryHandler

    init(handler: DNSQueryHandler) { self.handler = handler }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let envelope = unwrapInboundIn(data)
        let bytes = Array(envelope.data.readableBytesView)
        switch handler.handleLocally(bytes, transport: .udp) {
        case .reply(let reply):
            context.writeAndFlush(wrapOutboundOut(AddressedEnvelope(remoteAddress: envelope.remoteAddress, data: context.channel.allocator.buffer(bytes: reply))), promise: nil)
        case .drop:
            break
        case .forward:
            let (channel, remote, handler) = (context.channel, envelope.remoteAddress, self.handler)
            Task {
                let reply = await handler.forward(bytes, transport: .udp)
                guard !reply.isEmpty else { return }
                channel.writeAndFlush(AddressedEnvelope(remoteAddress: remote, data: channel.allocator.buffer(bytes: reply)), promise: nil)
            }
        }
    }
}

/// Splits a TCP stream into DNS messages by their 2-byte length prefix.
struct TCPFrameDecoder: ByteToMessageDecoder {
    typealias InboundOut = ByteBuffer

    mutating func decode(context: ChannelHandlerContext, buffer: inout ByteBuffer) throws -> DecodingState {
        guard let length = buffer.getInteger(at: buffer.readerIndex, as: UInt16.self),
            buffer.readableBytes >= 2 + Int(length)
        else { return .needMoreData }
        buffer.moveReaderIndex(forwardBy: 2)
        context.fireChannelRead(wrapInboundOut(buffer.readSlice(length: Int(length))!))
        return .continue
    }
}

final class TCPQueryHandler: ChannelInboundHandler, Sendable {
    typealias InboundIn = ByteBuffer
    typealias OutboundOut = ByteBuffer
    let handler: DNSQueryHandler

    init(handler: DNSQueryHandler) { self.handler = handler }

    static func framed(_ reply: [UInt8], allocator: ByteBufferAllocator) -> ByteBuffer {
        var buffer = allocator.buffer(capacity: reply.count + 2)
        buffer.writeInteger(UInt16(reply.count))
        buffer.writeBytes(reply)
        return buffer
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let bytes = Array(unwrapInboundIn(data).readableBytesView)
        switch handler.handleLocally(bytes, transport: .tcp) {
        case .reply(let reply):
            context.writeAndFlush(wrapOutboundOut(Self.framed(reply, allocator: context.channel.allocator)), promise: nil)
        case .drop:
            context.close(promise: nil)
        case .forward:
            let (channel, handler) = (context.channel, self.handler)
            Task {
                let reply = await handler.forward(bytes, transport: .tcp)
                guard !reply.isEmpty else { return }
                channel.writeAndFlush(Self.framed(reply, allocator: channel.allocator), promise: nil)
            }
        }
    }
}
