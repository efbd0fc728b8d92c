import Crypto
import Foundation

/// A content digest, `sha256:<64 lowercase hex>`: the only algorithm the store accepts
/// (as containerd, which registers sha256 alone for content it verifies).
public struct Digest: Hashable, Sendable, Codable, CustomStringConvertible, Comparable {
    public let hex: String
    public var algorithm: String { "sha256" }
    public var string: String { "sha256:" + hex }
    public var description: String { string }

    public init(parsing text: String) throws(ImageReferenceError) {
        guard let colon = text.firstIndex(of: ":") else { throw .invalidDigest(text) }
        let algorithm = text[..<colon]
        let hex = text[text.index(after: colon)...]
        guard !algorithm.isEmpty, algorithm.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || "+._-".contains($0)) }),
              hex.count >= 32, hex.allSatisfy(\.isHexDigit) else { throw .invalidDigest(text) }
        guard algorithm == "sha256" else { throw .unsupportedDigestAlgorithm(text) }
        guard hex.count == 64, hex.allSatisfy({ $0.isNumber || ("a"..."f").contains($0) }) else { throw .invalidDigest(text) }
        self.hex = String(hex)
    }

    /// `hex` must already be 64 lowercase hex characters (as `SHA256` produces).
    init(verifiedHex hex: String) { self.hex = hex }

    public static func of(_ data: some DataProtocol) -> Digest {
        Digest(verifiedHex: SHA256.hash(data: data).hexString)
    }

    public static func < (lhs: Digest, rhs: Digest) -> Bool { lhs.hex < rhs.hex }

    public init(from decoder: any Decoder) throws {
        let text = try decoder.singleValueContainer().decode(String.self)
        do { self = try Digest(parsing: text) } catch {
            throw DecodingError.dataCorrupted(.init(codingPath: decoder.codingPath, debugDescription: "\(error)"))
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(string)
    }
}

extension SHA256.Digest {
    var hexString: String { map { String(format: "%02x", $0) }.joined() }
}
