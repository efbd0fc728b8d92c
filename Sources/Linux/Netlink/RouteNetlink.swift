import Glibc

/// rtnetlink requests over one transport: every change is sent with NLM_F_ACK and its
/// NLMSG_ERROR mapped to a `NetlinkError` naming the operation. Not thread-safe: one per
/// task (sockets are cheap).
public final class RouteNetlink {
    let transport: any NetlinkTransport
    private var sequence: UInt32 = 0

    public init(transport: any NetlinkTransport) {
        self.transport = transport
    }

    /// A client on a new socket in the namespace pinned at `namespacePath` (nil: the caller's).
    public static func open(namespacePath: String? = nil) throws -> RouteNetlink {
        guard let namespacePath else { return RouteNetlink(transport: try NetlinkSocket()) }
        let namespace = try NetworkNamespace(path: namespacePath)
        return RouteNetlink(transport: try NetlinkSocket(namespace: namespace.descriptor))
    }

    /// Sends one request and collects the replies up to its ack (or NLMSG_DONE for dumps).
    @discardableResult
    func request(_ type: NetlinkMessageType, flags: NetlinkFlags, payload: [UInt8], operation: @autoclosure () -> String) throws -> [NetlinkMessage] {
        sequence &+= 1
        let message = NetlinkMessage(type: type.rawValue, flags: flags.union(.request), sequence: sequence, payload: payload)
        do {
            try transport.send(message.encode())
        } catch {
            throw NetlinkError(operation: operation(), errno: error.errno, detail: error.description)
        }
        var replies: [NetlinkMessage] = []
        while true {
            let datagram: [UInt8]
            do {
                datagram = try transport.receive()
            } catch {
                throw NetlinkError(operation: operation(), errno: error.errno, detail: error.description)
            }
            guard let messages = NetlinkMessage.decode(datagram: datagram) else {
                throw NetlinkError(operation: operation(), errno: EBADMSG, detail: "malformed reply of \(datagram.count) bytes")
            }
            for reply in messages where reply.sequence == sequence {
                switch reply.type {
                case NetlinkMessageType.error.rawValue:
                    guard let code = reply.errorCode else {
                        throw NetlinkError(operation: operation(), errno: EBADMSG, detail: "truncated NLMSG_ERROR")
                    }
                    if code == 0 { return replies }
                    let reason = Self.extendedAckMessage(reply)
                    throw NetlinkError(operation: operation(), errno: -code,
                                       detail: reason.map { "\(Errno.name(-code)) (\($0))" })
                case NetlinkMessageType.done.rawValue:
                    if let code = reply.errorCode, code < 0 { throw NetlinkError(operation: operation(), errno: -code) }
                    return replies
                case NetlinkMessageType.noop.rawValue:
                    continue
                default:
                    replies.append(reply)
                    // A single reply to a GET without ACK ends the exchange; we always ask
                    // for an ack or a dump, so keep reading.
                }
            }
        }
    }

    /// NLMSGERR_ATTR_MSG from an extended ack (NLM_F_ACK_TLVS), if the kernel sent one.
    static func extendedAckMessage(_ reply: NetlinkMessage) -> String? {
        guard reply.flags.rawValue & 0x200 != 0, reply.payload.count >= 4 + NetlinkMessage.headerLength else { return nil }
        let capped = reply.flags.rawValue & 0x100 != 0
        let originalLength = Int(NetlinkBytes.readU32(reply.payload[...], at: 4))
        let start = 4 + (capped ? NetlinkMessage.headerLength : originalLength)
        guard start <= reply.payload.count else { return nil }
        let text = NetlinkAttribute.decode(reply.payload[start...]).first(1)?.string
        return text?.isEmpty == false ? text : nil
    }

    static let change: NetlinkFlags = [.ack]
    static let createExclusive: NetlinkFlags = [.ack, .create, .exclusive]
}
