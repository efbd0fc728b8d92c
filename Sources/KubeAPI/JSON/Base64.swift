/// Standard padded base64 (Go's `base64.StdEncoding`), as `[]byte` fields travel in JSON.
enum Base64 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/".utf8)
    private static let table: [UInt8: UInt8] = {
        var t: [UInt8: UInt8] = [:]
        for (i, c) in alphabet.enumerated() { t[c] = UInt8(i) }
        return t
    }()

    static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 2) / 3 * 4)
        var i = 0
        while i < bytes.count {
            let b0 = bytes[i], b1 = i + 1 < bytes.count ? bytes[i + 1] : 0, b2 = i + 2 < bytes.count ? bytes[i + 2] : 0
            out.append(alphabet[Int(b0 >> 2)])
            out.append(alphabet[Int((b0 & 0x03) << 4 | b1 >> 4)])
            out.append(i + 1 < bytes.count ? alphabet[Int((b1 & 0x0f) << 2 | b2 >> 6)] : UInt8(ascii: "="))
            out.append(i + 2 < bytes.count ? alphabet[Int(b2 & 0x3f)] : UInt8(ascii: "="))
            i += 3
        }
        return String(decoding: out, as: UTF8.self)
    }

    enum DecodeError: Error, Equatable, CustomStringConvertible {
        /// Go's `CorruptInputError`: the offset of the first bad byte.
        case illegalData(at: Int)
        var description: String {
            switch self { case .illegalData(let at): return "illegal base64 data at input byte \(at)" }
        }
    }

    /// Decodes, ignoring CR/LF as Go does.
    static func decode(_ text: String) throws(DecodeError) -> [UInt8] {
        let input = Array(text.utf8)
        var out: [UInt8] = []
        var quad: [UInt8] = []
        var quadStart = 0
        var padding = 0
        var i = 0
        while i < input.count {
            let c = input[i]
            if c == 10 || c == 13 { i += 1; continue }
            if quad.isEmpty { quadStart = i }
            if c == UInt8(ascii: "=") {
                // Padding only in the last two places of the final quantum.
                if quad.count < 2 { throw .illegalData(at: i) }
                padding += 1
                quad.append(0)
            } else {
                guard padding == 0, let v = table[c] else { throw .illegalData(at: i) }
                quad.append(v)
            }
            if quad.count == 4 {
                out.append(quad[0] << 2 | quad[1] >> 4)
                if padding < 2 { out.append(quad[1] << 4 | quad[2] >> 2) }
                if padding < 1 { out.append(quad[2] << 6 | quad[3]) }
                quad.removeAll()
                if padding > 0 {
                    // Anything after the padded quantum is corrupt.
                    if let next = input[(i + 1)...].firstIndex(where: { $0 != 10 && $0 != 13 }) { throw .illegalData(at: next) }
                    return out
                }
            }
            i += 1
        }
        // An unfinished quantum: Go reports where it began, or the end when padding was cut short.
        if !quad.isEmpty { throw .illegalData(at: padding > 0 ? input.count : quadStart) }
        return out
    }
}
