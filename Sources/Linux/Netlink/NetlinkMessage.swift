/// One netlink message: the 16-byte nlmsghdr and its payload (a family header such as
/// ifinfomsg, then attributes).
public struct NetlinkMessage: Equatable, Sendable {
    public var type: UInt16
    public var flags: NetlinkFlags
    public var sequence: UInt32
    public var portID: UInt32
    public var payload: [UInt8]

    public init(type: UInt16, flags: NetlinkFlags, sequence: UInt32, portID: UInt32 = 0, payload: [UInt8]) {
        self.type = type
        self.flags = flags
        self.sequence = sequence
        self.portID = portID
        self.payload = payload
    }

    static let headerLength = 16

    public func encode() -> [UInt8] {
        var bytes = NetlinkBytes.u32(UInt32(Self.headerLength + payload.count))
        bytes += NetlinkBytes.u16(type)
        bytes += NetlinkBytes.u16(flags.rawValue)
        bytes += NetlinkBytes.u32(sequence)
        bytes += NetlinkBytes.u32(portID)
        bytes += payload
        bytes += [UInt8](repeating: 0, count: NetlinkBytes.padding(payload.count))
        return bytes
    }

    /// Splits one received datagram into its messages; nil if a length is inconsistent.
    public static func decode(datagram bytes: [UInt8]) -> [NetlinkMessage]? {
        var messages: [NetlinkMessage] = []
        var offset = 0
        let all = bytes[...]
        while offset + headerLength <= bytes.count {
            let length = Int(NetlinkBytes.readU32(all, at: offset))
            guard length >= headerLength, offset + length <= bytes.count else { return nil }
            messages.append(NetlinkMessage(
                type: NetlinkBytes.readU16(all, at: offset + 4),
                flags: NetlinkFlags(rawValue: NetlinkBytes.readU16(all, at: offset + 6)),
                sequence: NetlinkBytes.readU32(all, at: offset + 8),
                portID: NetlinkBytes.readU32(all, at: offset + 12),
                payload: Array(all[(offset + headerLength)..<(offset + length)])))
            offset += length + NetlinkBytes.padding(length)
        }
        return messages
    }

    /// For NLMSG_ERROR / NLMSG_DONE: the (negative) errno the kernel put first; 0 is an ack.
    var errorCode: Int32? {
        guard payload.count >= 4 else { return nil }
        return Int32(bitPattern: NetlinkBytes.readU32(payload[...], at: 0))
    }
}
