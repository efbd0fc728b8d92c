import Foundation

/// Raw bytes that travel as a base64 string, like Go's `[]byte` in JSON
/// (Secret and ConfigMap `binaryData` values).
public struct Base64Bytes: Hashable, Sendable, CustomStringConvertible {
    public var data: Data

    public init(_ data: Data) { self.data = data }
    public init(_ bytes: [UInt8]) { self.data = Data(bytes) }
    /// The UTF-8 bytes of a string, the common case for secret values.
    public init(utf8 string: String) { self.data = Data(string.utf8) }

    /// The bytes as UTF-8 text, or nil if they are not valid UTF-8.
    public var utf8String: String? { String(data: data, encoding: .utf8) }

    public var base64: String { data.base64EncodedString() }

    /// Never prints the bytes themselves: these are usually secrets.
    public var description: String { "<\(data.count) bytes>" }
}

extension Base64Bytes: ExpressibleByStringLiteral {
    public init(stringLiteral value: String) { self.init(utf8: value) }
}

extension Base64Bytes: Codable {
    public init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() {
            data = Data()
            return
        }
        let text = try c.decode(String.self)
        // Go's decoder skips CR and LF inside the string; otherwise standard, padded base64.
        let cleaned = text.filter { $0 != "\r" && $0 != "\n" }
        guard let decoded = Data(base64Encoded: cleaned) else {
            throw DecodingError.dataCorruptedError(in: c, debugDescription: "illegal base64 data: \"\(text.prefix(32))\"")
        }
        data = decoded
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(base64)
    }
}
