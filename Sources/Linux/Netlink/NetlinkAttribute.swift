/// One rtattr: a 16-bit length (header included, padding excluded), a 16-bit type, the
/// payload, then zero padding to a 4-byte boundary. Nested attributes carry attributes.
public struct NetlinkAttribute: Equatable, Sendable {
    public var type: UInt16
    public var payload: [UInt8]

    public init(type: UInt16, payload: [UInt8]) {
        self.type = type
        self.payload = payload
    }

    static func u8(_ type: UInt16, _ value: UInt8) -> NetlinkAttribute { .init(type: type, payload: [value]) }
    static func u32(_ type: UInt16, _ value: UInt32) -> NetlinkAttribute { .init(type: type, payload: NetlinkBytes.u32(value)) }
    /// Strings go NUL-terminated, as the kernel's nla_strscpy expects.
    static func string(_ type: UInt16, _ value: String) -> NetlinkAttribute { .init(type: type, payload: Array(value.utf8) + [0]) }
    static func address(_ type: UInt16, _ value: IPv4Address) -> NetlinkAttribute { .init(type: type, payload: value.bytes) }
    static func nested(_ type: UInt16, _ children: [NetlinkAttribute]) -> NetlinkAttribute {
        .init(type: type, payload: NetlinkAttribute.encode(children))
    }

    public static func encode(_ attributes: [NetlinkAttribute]) -> [UInt8] {
        var bytes: [UInt8] = []
        for attribute in attributes {
            bytes += NetlinkBytes.u16(UInt16(4 + attribute.payload.count))
            bytes += NetlinkBytes.u16(attribute.type)
            bytes += attribute.payload
            bytes += [UInt8](repeating: 0, count: NetlinkBytes.padding(attribute.payload.count))
        }
        return bytes
    }

    /// Parses a run of attributes; stops at the first truncated one.
    public static func decode(_ bytes: ArraySlice<UInt8>) -> [NetlinkAttribute] {
        var attributes: [NetlinkAttribute] = []
        var offset = bytes.startIndex
        while offset + 4 <= bytes.endIndex {
            let length = Int(NetlinkBytes.readU16(bytes, at: offset))
            guard length >= 4, offset + length <= bytes.endIndex else { break }
            let type = NetlinkBytes.readU16(bytes, at: offset + 2) & ~nestedAttributeFlag
            attributes.append(NetlinkAttribute(type: type, payload: Array(bytes[(offset + 4)..<(offset + length)])))
            offset += length + NetlinkBytes.padding(length)
        }
        return attributes
    }

    var u8: UInt8? { payload.first }
    var u32: UInt32? { payload.count >= 4 ? NetlinkBytes.readU32(payload[...], at: 0) : nil }
    var string: String { String(decoding: payload.prefix { $0 != 0 }, as: UTF8.self) }
    var ipv4: IPv4Address? { IPv4Address(bytes: payload) }
    var children: [NetlinkAttribute] { NetlinkAttribute.decode(payload[...]) }
}

extension [NetlinkAttribute] {
    func first(_ type: UInt16) -> NetlinkAttribute? { first { $0.type == type } }
}

/// Host-order integers (netlink is native-endian) and alignment.
enum NetlinkBytes {
    static func u16(_ value: UInt16) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
    static func u32(_ value: UInt32) -> [UInt8] { withUnsafeBytes(of: value.littleEndian, Array.init) }
    static func i32(_ value: Int32) -> [UInt8] { u32(UInt32(bitPattern: value)) }

    static func readU16(_ bytes: ArraySlice<UInt8>, at offset: Int) -> UInt16 {
        UInt16(bytes[offset]) | UInt16(bytes[offset + 1]) << 8
    }

    static func readU32(_ bytes: ArraySlice<UInt8>, at offset: Int) -> UInt32 {
        (0..<4).reduce(0) { $0 | UInt32(bytes[offset + $1]) << (8 * $1) }
    }

    static func padding(_ length: Int) -> Int { (4 - length % 4) % 4 }
}
