import NIOCore
import NIOEmbedded
import NIOHTTP2
import Testing

@testable import KubeStore

/// The byte-level PING filter in front of the etcd connection's HTTP/2 handler: everything but the
/// server's PINGs passes through unchanged, however the bytes are cut into reads.
@Suite struct HTTP2PingFilterTests {
    static func frame(type: UInt8, flags: UInt8 = 0, stream: UInt32 = 0, payload: [UInt8]) -> [UInt8] {
        let length = UInt32(payload.count)
        return [UInt8(length >> 16 & 0xff), UInt8(length >> 8 & 0xff), UInt8(length & 0xff), type, flags]
            + [UInt8(stream >> 24), UInt8(stream >> 16 & 0xff), UInt8(stream >> 8 & 0xff), UInt8(stream & 0xff)] + payload
    }
    static func ping(_ value: UInt64, ack: Bool = false) -> [UInt8] {
        frame(type: 0x6, flags: ack ? 1 : 0, payload: (0..<8).map { UInt8(value >> (56 - 8 * UInt64($0)) & 0xff) })
    }

    /// A server's bytes: SETTINGS, HEADERS and DATA on streams, PINGs (one an ACK) among them, a
    /// DATA frame whose payload looks like a PING frame, a frame with a 70 KiB payload.
    static let settings = frame(type: 0x4, payload: [0, 3, 0, 0, 0, 100])
    static let headers = frame(type: 0x1, flags: 0x4, stream: 1, payload: Array(repeating: 0x88, count: 30))
    static let pingLookalikeData = frame(type: 0x0, stream: 1, payload: ping(0xdead))
    static let bigData = frame(type: 0x0, flags: 0x1, stream: 3, payload: (0..<70_000).map { UInt8($0 % 251) })
    static let frames: [[UInt8]] = [
        settings, ping(1), headers, pingLookalikeData, ping(2), ping(3), ping(99, ack: true), bigData, ping(4),
        frame(type: 0x3, stream: 5, payload: [0, 0, 0, 8]),
    ]
    static let expectedForwarded = frames.filter { $0 != ping(1) && $0 != ping(2) && $0 != ping(3) && $0 != ping(4) }.flatMap { $0 }

    func run(_ bytes: [UInt8], cuts: [Int]) -> (forwarded: [UInt8], pings: [UInt64]) {
        var filter = HTTP2PingFilter()
        var forwarded: [UInt8] = [], pings: [UInt64] = []
        var start = 0
        for end in cuts + [bytes.count] where end >= start {
            filter.filter(ByteBuffer(bytes: bytes[start..<end]), forward: { forwarded += Array($0.readableBytesView) }, ping: { pings.append($0) })
            start = end
        }
        return (forwarded, pings)
    }

    /// Where two byte arrays first differ (nil when equal): failures name an offset instead of
    /// printing 70 KiB arrays.
    func firstDifference(_ a: [UInt8], _ b: [UInt8]) -> String? {
        if a == b { return nil }
        let index = (0..<min(a.count, b.count)).first { a[$0] != b[$0] } ?? min(a.count, b.count)
        return "lengths \(a.count) and \(b.count), first difference at \(index): \(a[index..<min(index + 12, a.count)]) vs \(b[index..<min(index + 12, b.count)])"
    }

    @Test func pingsAreTakenOutAndEverythingElsePassesInOneRead() {
        let result = run(Self.frames.flatMap { $0 }, cuts: [])
        #expect(result.pings == [1, 2, 3, 4])
        #expect(firstDifference(result.forwarded, Self.expectedForwarded) == nil)
    }

    @Test func everyCutOfTheBytesGivesTheSameResult() {
        let bytes = Self.frames.flatMap { $0 }
        // Every single cut in the first 200 bytes (inside headers, payloads and PINGs), then cuts
        // around the end of the big frame and the PING after it.
        let bigEnd = Self.frames.prefix(8).map(\.count).reduce(0, +)
        for cut in Array(0...200) + Array(bigEnd - 20...bytes.count) {
            let result = run(bytes, cuts: [cut])
            #expect(result.pings == [1, 2, 3, 4], "cut at \(cut)")
            #expect(firstDifference(result.forwarded, Self.expectedForwarded) == nil, "cut at \(cut)")
        }
    }

    @Test func byteByByteReadsGiveTheSameResult() {
        let bytes = Self.frames.flatMap { $0 }
        let result = run(bytes, cuts: Array(1..<bytes.count))
        #expect(result.pings == [1, 2, 3, 4])
        #expect(firstDifference(result.forwarded, Self.expectedForwarded) == nil)
    }

    @Test func aMalformedPingIsLeftToTheHTTP2Handler() {
        let onStream = Self.frame(type: 0x6, stream: 1, payload: Array(repeating: 0, count: 8))
        let short = Self.frame(type: 0x6, payload: [1, 2, 3])
        let result = run(onStream + short + Self.ping(7), cuts: [])
        #expect(result.pings == [7])
        #expect(result.forwarded == onStream + short)
    }

    @Test func theAckEchoesThePayload() {
        let ack = HTTP2PingFilter.ack(0x0102_0304_0506_0708, allocator: ByteBufferAllocator())
        #expect(Array(ack.readableBytesView) == Self.ping(0x0102_0304_0506_0708, ack: true))
    }
}

/// The responder in a client pipeline in front of swift-nio-http2's handler, as on the store's
/// connections: a server's PINGs beyond the handler's limit (200 in 30 s) neither reach the
/// handler nor close the connection, and each is ACKed once.
@Suite struct HTTP2PingResponderTests {
    @Test func aThousandServerPingsAreAnsweredAndTheConnectionStays() throws {
        let channel = EmbeddedChannel()
        try channel.pipeline.syncOperations.addHandler(NIOHTTP2Handler(mode: .client))
        try HTTP2PingResponder.install(on: channel).wait()
        try channel.connect(to: SocketAddress(ipAddress: "127.0.0.1", port: 2379)).wait()
        while try channel.readOutbound(as: ByteBuffer.self) != nil {}  // the client preface and SETTINGS

        try channel.writeInbound(ByteBuffer(bytes: HTTP2PingFilterTests.settings))
        for value in 1...1_000 { try channel.writeInbound(ByteBuffer(bytes: HTTP2PingFilterTests.ping(UInt64(value)))) }
        #expect(channel.isActive)

        var acks: [UInt64] = [], other = 0
        while var frame = try channel.readOutbound(as: ByteBuffer.self) {
            let bytes = Array(frame.readableBytesView)
            if bytes.count == 17, bytes[0...4] == [0, 0, 8, 6, 1] {
                frame.moveReaderIndex(forwardBy: 9)
                acks.append(frame.readInteger(as: UInt64.self)!)
            } else {
                other += 1  // the SETTINGS ACK
            }
        }
        #expect(acks == (1...1_000).map { UInt64($0) })
        #expect(other == 1)
        _ = try? channel.finish()
    }
}
