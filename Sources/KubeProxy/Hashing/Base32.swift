/// RFC 4648 base32 with the standard alphabet and padding (Go's `base32.StdEncoding`).
public enum Base32 {
    private static let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567".utf8)

    public static func encode(_ bytes: [UInt8]) -> String {
        var out: [UInt8] = []
        out.reserveCapacity((bytes.count + 4) / 5 * 8)
        var index = 0
        while index < bytes.count {
            let block = Array(bytes[index..<min(index + 5, bytes.count)])
            var buffer: UInt64 = 0
            for i in 0..<5 { buffer = buffer << 8 | UInt64(i < block.count ? block[i] : 0) }
            let significant = [0, 2, 4, 5, 7, 8][block.count]
            for i in 0..<8 {
                if i < significant {
                    out.append(alphabet[Int((buffer >> UInt64(35 - i * 5)) & 0x1f)])
                } else {
                    out.append(UInt8(ascii: "="))
                }
            }
            index += 5
        }
        return String(decoding: out, as: UTF8.self)
    }
}
