/// Protobuf wire types (https://protobuf.dev/programming-guides/encoding/).
public enum ProtobufWireType: UInt8, Sendable {
    case varint = 0
    case fixed64 = 1
    case lengthDelimited = 2
    case startGroup = 3
    case endGroup = 4
    case fixed32 = 5
}

/// One field as read off the wire, before the schema gives it meaning.
enum ProtobufWireValue {
    case varint(UInt64)
    case fixed64(UInt64)
    case fixed32(UInt32)
    case bytes(ArraySlice<UInt8>)
}

/// Reads `(field number, value)` pairs from one message's bytes.
struct ProtobufReader {
    let bytes: ArraySlice<UInt8>
    var index: Int

    init(_ bytes: ArraySlice<UInt8>) {
        self.bytes = bytes
        self.index = bytes.startIndex
    }

    var isAtEnd: Bool { index >= bytes.endIndex }
    var offset: Int { index - bytes.startIndex }

    mutating func readVarint() throws(ProtobufDecodingError) -> UInt64 {
        var result: UInt64 = 0
        var shift: UInt64 = 0
        let start = offset
        while true {
            guard index < bytes.endIndex else { throw .truncated(offset: start, what: "varint") }
            let byte = bytes[index]
            index += 1
            if shift == 63 && byte > 1 { throw .malformedVarint(offset: start) }
            result |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return result }
            shift += 7
            if shift > 63 { throw .malformedVarint(offset: start) }
        }
    }

    mutating func readFixed(_ size: Int) throws(ProtobufDecodingError) -> UInt64 {
        guard bytes.endIndex - index >= size else { throw .truncated(offset: offset, what: "fixed\(size * 8)") }
        var result: UInt64 = 0
        for i in 0..<size { result |= UInt64(bytes[index + i]) << (8 * UInt64(i)) }
        index += size
        return result
    }

    /// The next field, or nil at the end of the message. Groups (deprecated, unused by Kubernetes) are rejected.
    mutating func next() throws(ProtobufDecodingError) -> (number: Int, value: ProtobufWireValue)? {
        guard !isAtEnd else { return nil }
        let keyOffset = offset
        let key = try readVarint()
        let number = key >> 3
        guard number > 0, number <= 536_870_911 else { throw .invalidFieldNumber(offset: keyOffset) }
        guard let wireType = ProtobufWireType(rawValue: UInt8(key & 7)) else {
            throw .invalidWireType(offset: keyOffset, wireType: UInt8(key & 7))
        }
        switch wireType {
        case .varint: return (Int(number), .varint(try readVarint()))
        case .fixed64: return (Int(number), .fixed64(try readFixed(8)))
        case .fixed32: return (Int(number), .fixed32(UInt32(try readFixed(4))))
        case .lengthDelimited:
            let lengthOffset = offset
            let length = try readVarint()
            guard length <= UInt64(bytes.endIndex - index) else {
                throw .truncated(offset: lengthOffset, what: "field \(number) of \(length) bytes")
            }
            let value = bytes[index..<index + Int(length)]
            index += Int(length)
            return (Int(number), .bytes(value))
        case .startGroup, .endGroup:
            throw .invalidWireType(offset: keyOffset, wireType: UInt8(key & 7))
        }
    }
}

/// Appends protobuf fields to a byte buffer.
struct ProtobufWriter {
    var bytes: [UInt8] = []

    mutating func writeVarint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    mutating func writeKey(_ number: Int, _ wireType: ProtobufWireType) {
        writeVarint(UInt64(number) << 3 | UInt64(wireType.rawValue))
    }

    mutating func writeVarintField(_ number: Int, _ value: UInt64) {
        writeKey(number, .varint)
        writeVarint(value)
    }

    /// int32 and int64 are sign-extended to 64 bits, so negative values take ten bytes (as in Go).
    mutating func writeIntField(_ number: Int, _ value: Int64) {
        writeVarintField(number, UInt64(bitPattern: value))
    }

    mutating func writeBytesField<Bytes: Collection<UInt8>>(_ number: Int, _ value: Bytes) {
        writeKey(number, .lengthDelimited)
        writeVarint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    mutating func writeStringField(_ number: Int, _ value: String) {
        writeBytesField(number, Array(value.utf8))
    }

    mutating func writeDoubleField(_ number: Int, _ value: Double) {
        writeKey(number, .fixed64)
        let bits = value.bitPattern
        for i in 0..<8 { bytes.append(UInt8(truncatingIfNeeded: bits >> (8 * UInt64(i)))) }
    }
}
