/// What the server does with one query: answer it from the cluster zone, or hand it to the
/// upstream resolvers. Transport-independent, so UDP and TCP share it.
public struct DNSQueryHandler: Sendable {
    public enum Transport: Sendable { case udp, tcp }

    public enum Disposition: Sendable, Equatable {
        case reply([UInt8])
        case forward
        case drop
    }

    /// The local answer to a query, or nil to forward it.
    public var answer: @Sendable (DNSMessage) -> DNSMessage?
    public var forwarder: UpstreamForwarder?

    public init(zone: ClusterZone, forwarder: UpstreamForwarder?) {
        self.init(answer: { zone.answer($0) }, forwarder: forwarder)
    }

    public init(answer: @escaping @Sendable (DNSMessage) -> DNSMessage?, forwarder: UpstreamForwarder?) {
        self.answer = answer
        self.forwarder = forwarder
    }

    /// The synchronous part, run on the event loop: everything but forwarding.
    public func handleLocally(_ bytes: [UInt8], transport: Transport) -> Disposition {
        let query: DNSMessage
        do {
            query = try DNSMessageDecoder.decode(bytes)
        } catch {
            // Unparseable: FORMERR if at least the id is there (RFC 1035 §4.1.1).
            guard bytes.count >= 2 else { return .drop }
            var header = DNSMessageEncoder.encode(DNSMessage(id: UInt16(bytes[0]) << 8 | UInt16(bytes[1]), isResponse: true, responseCode: .formatError))
            header[3] |= 0x80
            return .reply(header)
        }
        guard !query.isResponse else { return .drop }
        guard query.opcode == 0, query.questions.count == 1 else {
            return .reply(DNSMessageEncoder.encode(DNSMessage.response(to: query, code: .notImplemented)))
        }
        if let answer = answer(query) {
            return .reply(DNSMessageEncoder.encode(answer, limit: transport == .udp ? Self.udpLimit(query) : 65535))
        }
        return forwarder == nil ? .reply(DNSMessageEncoder.encode(DNSMessage.response(to: query, code: .refused))) : .forward
    }

    /// The asynchronous part: the upstream answer, or SERVFAIL when no resolver answered.
    public func forward(_ bytes: [UInt8], transport: Transport) async -> [UInt8] {
        do {
            guard let forwarder else { throw ForwardingError.noAnswer(tried: []) }
            return try await forwarder.forward(bytes, overTCP: transport == .tcp)
        } catch {
            guard let query = try? DNSMessageDecoder.decode(bytes) else { return [] }
            return DNSMessageEncoder.encode(DNSMessage.response(to: query, code: .serverFailure))
        }
    }

    /// 512 bytes, or the payload size an EDNS0 OPT record advertises (RFC 6891), up to 4096.
    static func udpLimit(_ query: DNSMessage) -> Int {
        guard let opt = query.additionals.first(where: { $0.type == .opt }) else { return 512 }
        return min(4096, max(512, Int(opt.class)))
    }
}
