/// Writes a DNSMessage in wire format, compressing names (RFC 1035 §4.1.4): each name
/// suffix written once is referred to by a pointer to its offset afterwards.
public struct DNSMessageEncoder {
    private var bytes: [UInt8] = []
    private var offsets: [String: Int] = [:]

    public init() {}

    public static func encode(_ message: DNSMessage) -> [UInt8] {
        var encoder = DNSMessageEncoder()
        encoder.write(message)
        return encoder.bytes
    }

    /// Encodes `message`, dropping records from the end of the answer/authority/additional
    /// sections until it fits `limit` (512 for plain UDP); sets TC if answers had to go.
    public static func encode(_ message: DNSMessage, limit: Int) -> [UInt8] {
        var encoded = encode(message)
        guard encoded.count > limit else { return encoded }
        var trimmed = message
        trimmed.additionals = []
        encoded = encode(trimmed)
        if encoded.count <= limit { return encoded }
        trimmed.authorities = []
        trimmed.truncated = true
        while encoded.count > limit, !trimmed.answers.isEmpty {
            trimmed.answers.removeLast()
            encoded = encode(trimmed)
        }
        return encode(trimmed)
    }

    mutating func write(_ m: DNSMessage) {
        u16(m.id)
        var flags: UInt16 = 0
        if m.isResponse { flags |= 0x8000 }
        flags |= UInt16(m.opcode & 0x0f) << 11
        if m.authoritative { flags |= 0x0400 }
        if m.truncated { flags |= 0x0200 }
        if m.recursionDesired { flags |= 0x0100 }
        if m.recursionAvailable { flags |= 0x0080 }
        flags |= UInt16(m.responseCode.rawValue & 0x0f)
        u16(flags)
        u16(UInt16(m.questions.count))
        u16(UInt16(m.answers.count))
        u16(UInt16(m.authorities.count))
        u16(UInt16(m.additionals.count))
        for q in m.questions {
            name(q.name)
            u16(q.type.rawValue)
            u16(q.class)
        }
        for record in m.answers + m.authorities + m.additionals { write(record) }
    }

    mutating func write(_ r: DNSResourceRecord) {
        name(r.name)
        u16(r.type.rawValue)
        u16(r.class)
        u32(r.ttl)
        let lengthAt = bytes.count
        u16(0)
        switch r.data {
        case .a(let address): bytes += address.octets
        case .aaaa(let octets): bytes += octets
        case .cname(let target), .ptr(let target), .ns(let target): name(target)
        case .srv(let priority, let weight, let port, let target):
            u16(priority)
            u16(weight)
            u16(port)
            // RFC 2782: the SRV target is not compressed.
            name(target, compress: false)
        case .soa(let mname, let rname, let serial, let refresh, let retry, let expire, let minimum):
            name(mname)
            name(rname)
            for value in [serial, refresh, retry, expire, minimum] { u32(value) }
        case .txt(let strings):
            for string in strings {
                let utf8 = Array(string.utf8.prefix(255))
                bytes.append(UInt8(utf8.count))
                bytes += utf8
            }
        case .other(_, let raw): bytes += raw
        }
        let length = bytes.count - lengthAt - 2
        bytes[lengthAt] = UInt8(length >> 8)
        bytes[lengthAt + 1] = UInt8(length & 0xff)
    }

    mutating func name(_ n: DNSName, compress: Bool = true) {
        for i in n.labels.indices {
            let suffix = DNSName(labels: Array(n.labels[i...])).key
            if compress, let offset = offsets[suffix] {
                u16(0xC000 | UInt16(offset))
                return
            }
            if bytes.count < 0x3FFF, offsets[suffix] == nil { offsets[suffix] = bytes.count }
            let label = Array(n.labels[i].utf8.prefix(63))
            bytes.append(UInt8(label.count))
            bytes += label
        }
        bytes.append(0)
    }

    mutating func u16(_ v: UInt16) {
        bytes.append(UInt8(v >> 8))
        bytes.append(UInt8(v & 0xff))
    }

    mutating func u32(_ v: UInt32) {
        u16(UInt16(v >> 16))
        u16(UInt16(v & 0xffff))
    }
}
