/// A compiled seccomp filter (classic BPF, 8 bytes per instruction). Crosses the helper
/// pipe as a hex string: a JSON array of thousands of numbers decodes far slower.
public struct SeccompProgram: Codable, Sendable, Equatable {
    public var bytes: [UInt8]

    public init(_ bytes: [UInt8]) { self.bytes = bytes }

    static let digits = Array("0123456789abcdef".utf8)

    public func encode(to encoder: any Encoder) throws {
        var hex = [UInt8]()
        hex.reserveCapacity(bytes.count * 2)
        for byte in bytes {
            hex.append(Self.digits[Int(byte >> 4)])
            hex.append(Self.digits[Int(byte & 0xf)])
        }
        var container = encoder.singleValueContainer()
        try container.encode(String(decoding: hex, as: UTF8.self))
    }

    public init(from decoder: any Decoder) throws {
        let hex = Array(try decoder.singleValueContainer().decode(String.self).utf8)
        guard hex.count % 2 == 0 else {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "odd-length hex"))
        }
        func value(_ digit: UInt8) throws -> UInt8 {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): return digit - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): return digit - UInt8(ascii: "a") + 10
            default: throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "not hex"))
            }
        }
        var bytes = [UInt8]()
        bytes.reserveCapacity(hex.count / 2)
        var index = 0
        while index < hex.count {
            bytes.append(try value(hex[index]) << 4 | value(hex[index + 1]))
            index += 2
        }
        self.bytes = bytes
    }
}
