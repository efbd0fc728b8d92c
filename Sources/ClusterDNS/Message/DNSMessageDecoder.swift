/// Parses wire-format DNS messages, following compression pointers (only backwards, so a
/// crafted loop cannot spin) and checking every length against the buffer.
public struct DNSMessageDecoder {
    let bytes: [UInt8]
    var offset = 0

    public static func decode(_ bytes: [UInt8]) throws(DNSDecodingError) -> DNSMessage {
        var decoder = DNSMessageDecoder(bytes: bytes)
        return try decoder.message()
    }

    mutating func message() throws(DNSDecodingError) -> DNSMessage {
        let id = try u16()
        let flags = try u16()
        let counts = [try u16(), try u16(), try u16(), try u16()]
        var message = DNSMessage(
            id: id, isResponse: flags & 0x8000 != 0, opcode: UInt8((flags >> 11) & 0x0f), authoritative: flags & 0x0400 != 0,
            truncated: flags & 0x0200 != 0, recursionDesired: flags & 0x0100 != 0, recursionAvailable: flags & 0x0080 != 0,
            responseCode: DNSResponseCode(rawValue: UInt8(flags & 0x0f)))
        for _ in 0..<counts[0] {
            let name = try name()
            message.questions.append(DNSQuestion(name: name, type: DNSRecordType(rawValue: try u16()), class: try u16()))
        }
        for _ in 0..<counts[1] { message.answers.append(try record()) }
        for _ in 0..<counts[2] { message.authorities.append(try record()) }
        for _ in 0..<counts[3] { message.additionals.append(try record()) }
        return message
    }

    mutating func record() throws(DNSDecodingError) -> DNSResourceRecord {
        let owner = try name()
        let type = DNSRecordType(rawValue: try u16())
        let cls = try u16()
        let ttl = try u32()
        let length = Int(try u16())
        guard offset + length <= bytes.count else { throw .truncated(at: offset, needed: length) }
        let end = offset + length
        let data: DNSRecordData
        switch type {
        case .a where length == 4: data = .a(IPv4Address(octets: Array(bytes[offset..<end])))
        case .aaaa where length == 16: data = .aaaa(Array(bytes[offset..<end]))
        case .cname: data = .cname(try name())
        case .ptr: data = .ptr(try name())
        case .ns: data = .ns(try name())
        case .srv: data = .srv(priority: try u16(), weight: try u16(), port: try u16(), target: try name())
        case .soa:
            data = .soa(mname: try name(), rname: try name(), serial: try u32(), refresh: try u32(), retry: try u32(), expire: try u32(), minimum: try u32())
        case .txt:
            var strings: [String] = []
            var at = offset
            while at < end {
                let count = Int(bytes[at])
                guard at + 1 + count <= end else { throw .truncated(at: at, needed: count) }
                strings.append(String(decoding: bytes[(at + 1)..<(at + 1 + count)], as: UTF8.self))
                at += 1 + count
            }
            data = .txt(strings)
        default: data = .other(type: type, bytes: Array(bytes[offset..<end]))
        }
        guard offset <= end else { throw .badRecordLength(type: type, at: end) }
        offset = end
        return DNSResourceRecord(name: owner, class: cls, ttl: ttl, data: data)
    }

    mutating func name() throws(DNSDecodingError) -> DNSName {
        var labels: [String] = []
        var at = offset
        var jumped = false
        var lowestJump = offset
        var total = 0
        while true {
            guard at < bytes.count else { throw .truncated(at: at, needed: 1) }
            let length = Int(bytes[at])
            if length & 0xC0 == 0xC0 {
                guard at + 1 < bytes.count else { throw .truncated(at: at, needed: 2) }
                let target = (length & 0x3F) << 8 | Int(bytes[at + 1])
                guard target < lowestJump else { throw .badPointer(at: at, target: target) }
                if !jumped { offset = at + 2 }
                jumped = true
                lowestJump = target
                at = target
                continue
            }
            guard length & 0xC0 == 0 else { throw .badLabel(at: at) }
            if length == 0 {
                if !jumped { offset = at + 1 }
                return DNSName(labels: labels)
            }
            guard at + 1 + length <= bytes.count else { throw .truncated(at: at, needed: length) }
            total += length + 1
            guard total <= 255 else { throw .nameTooLong(at: at) }
            labels.append(String(decoding: bytes[(at + 1)..<(at + 1 + length)], as: UTF8.self))
            at += 1 + length
        }
    }

    mutating func u16() throws(DNSDecodingError) -> UInt16 {
        guard offset + 2 <= bytes.count else { throw .truncated(at: offset, needed: 2) }
        defer { offset += 2 }
        return UInt16(bytes[offset]) << 8 | UInt16(bytes[offset + 1])
    }

    mutating func u32() throws(DNSDecodingError) -> UInt32 {
        UInt32(try u16()) << 16 | UInt32(try u16())
    }
}

public enum DNSDecodingError: Error, Equatable, Sendable, CustomStringConvertible {
    case truncated(at: Int, needed: Int)
    case badPointer(at: Int, target: Int)
    case badLabel(at: Int)
    case nameTooLong(at: Int)
    case badRecordLength(type: DNSRecordType, at: Int)

    public var description: String {
        switch self {
        case .truncated(let at, let needed): "DNS message truncated at byte \(at) (\(needed) more needed)"
        case .badPointer(let at, let target): "DNS name pointer at byte \(at) to \(target) does not point backwards"
        case .badLabel(let at): "DNS label type at byte \(at) is reserved"
        case .nameTooLong(let at): "DNS name longer than 255 bytes at byte \(at)"
        case .badRecordLength(let type, let at): "\(type) record data overruns its length at byte \(at)"
        }
    }
}
