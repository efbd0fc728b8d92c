import NIOCore
import NIOHTTP2

/// Answers the server's HTTP/2 PINGs below the HTTP/2 handler, so that they never reach it.
///
/// etcd's gRPC server (grpc-go) estimates bandwidth-delay by sending a PING after each burst of
/// data it receives: one per round trip, hundreds a second under a steady write load. swift-nio-http2
/// treats more than 200 inbound PING/SETTINGS frames in 30 s as an attack and closes the connection,
/// and grpc-swift leaves that limit at its default; so the store's connection to etcd was dropped
/// about once a second under load, failing every call on it. This handler sits between the socket
/// (or TLS) and `NIOHTTP2Handler`: it follows the frame boundaries of the inbound bytes, takes out
/// each PING that is not an ACK and writes its ACK (RFC 9113 §6.7), and forwards everything else
/// untouched. The ACKs to the client's own keepalive PINGs still reach grpc-swift.
final class HTTP2PingResponder: ChannelInboundHandler, RemovableChannelHandler {
    typealias InboundIn = ByteBuffer
    typealias InboundOut = ByteBuffer
    typealias OutboundOut = ByteBuffer

    private var frames = HTTP2PingFilter()

    /// Puts a responder in front of the HTTP/2 handler of a connection's pipeline.
    static func install(on channel: any Channel) -> EventLoopFuture<Void> {
        channel.eventLoop.makeCompletedFuture {
            let pipeline = channel.pipeline.syncOperations
            let http2 = try pipeline.handler(type: NIOHTTP2Handler.self)
            try pipeline.addHandler(HTTP2PingResponder(), position: .before(http2))
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        var answered = false
        frames.filter(unwrapInboundIn(data), forward: { context.fireChannelRead(wrapInboundOut($0)) }) { payload in
            context.write(wrapOutboundOut(HTTP2PingFilter.ack(payload, allocator: context.channel.allocator)), promise: nil)
            answered = true
        }
        if answered { context.flush() }
    }
}

/// The frame bookkeeping of `HTTP2PingResponder`, apart from any channel: feeds on the server's
/// bytes as they arrive, in chunks cut anywhere, and hands on every byte that is not a PING.
struct HTTP2PingFilter {
    static let frameHeaderLength = 9
    static let pingType: UInt8 = 0x6
    static let ackFlag: UInt8 = 0x1
    static let pingPayloadLength = 8

    /// Payload bytes of the frame being forwarded that are still to come.
    private var forwarding = 0
    /// The start of a frame cut off at the end of a chunk, kept until it is known not to be a PING.
    private var held = ByteBuffer()

    /// The PING ACK frame for a PING's payload.
    static func ack(_ payload: UInt64, allocator: ByteBufferAllocator) -> ByteBuffer {
        var frame = allocator.buffer(capacity: frameHeaderLength + pingPayloadLength)
        frame.writeInteger(UInt32(pingPayloadLength) << 8 | UInt32(pingType))  // 24-bit length, type
        frame.writeInteger(ackFlag)
        frame.writeInteger(UInt32(0))  // stream 0
        frame.writeInteger(payload)
        return frame
    }

    /// Calls `forward` with the bytes to pass on (whole chunks where no PING starts in them) and
    /// `ping` with the payload of each PING (not an ACK) taken out, in order.
    mutating func filter(_ newBytes: ByteBuffer, forward: (ByteBuffer) -> Void, ping: (UInt64) -> Void) {
        var chunk = newBytes
        if held.readableBytes > 0 {
            // Rare (a read ended inside a frame header or a PING): go on from the held bytes.
            var rest = newBytes
            held.writeBuffer(&rest)
            chunk = held
            held = ByteBuffer()
        }
        var input = chunk
        var runStart = input.readerIndex  // where the bytes not yet forwarded begin
        func forwardRun(upTo end: Int) {
            // `chunk`, not `input`: a buffer only gives out bytes at or after its reader index.
            if end > runStart, let run = chunk.getSlice(at: runStart, length: end - runStart) { forward(run) }
        }
        while input.readableBytes > 0 {
            if forwarding > 0 {
                let step = min(forwarding, input.readableBytes)
                input.moveReaderIndex(forwardBy: step)
                forwarding -= step
                continue
            }
            let frameStart = input.readerIndex
            let header = Self.header(in: input, at: frameStart)
            guard let header, !header.isPing || input.readableBytes >= Self.frameHeaderLength + Self.pingPayloadLength else {
                // Not yet known to be anything but a PING: keep it for the next read.
                forwardRun(upTo: frameStart)
                held = input.readSlice(length: input.readableBytes)!
                return
            }
            input.moveReaderIndex(forwardBy: Self.frameHeaderLength)
            if header.isPing {
                forwardRun(upTo: frameStart)
                ping(input.readInteger(as: UInt64.self)!)
                runStart = input.readerIndex
            } else {
                forwarding = header.length
            }
        }
        forwardRun(upTo: input.readerIndex)
    }

    private struct Header {
        var length: Int
        var isPing: Bool
    }

    /// The frame header at `index`, if all of it is there. Only a well-formed PING (stream 0,
    /// 8 bytes) is taken out; anything else, malformed PINGs included, is left to the HTTP/2 handler.
    private static func header(in buffer: ByteBuffer, at index: Int) -> Header? {
        guard buffer.writerIndex - index >= frameHeaderLength,
            let lengthAndType = buffer.getInteger(at: index, as: UInt32.self),
            let flags = buffer.getInteger(at: index + 4, as: UInt8.self),
            let stream = buffer.getInteger(at: index + 5, as: UInt32.self)
        else { return nil }
        let length = Int(lengthAndType >> 8)
        let isPing = UInt8(lengthAndType & 0xff) == pingType && flags & ackFlag == 0 && stream & 0x7fff_ffff == 0
            && length == pingPayloadLength
        return Header(length: length, isPing: isPing)
    }
}
