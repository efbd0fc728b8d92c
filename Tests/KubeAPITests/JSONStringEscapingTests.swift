import Testing

@testable import KubeAPI

/// The run-copying string writer produces exactly what the byte-at-a-time one does.
@Suite struct JSONStringEscapingTests {
    @Test func fastPathMatchesReference() {
        var samples = ["", "plain", "quote \" and \\ backslash", "<script>&amp;</script>", "tab\tnew\nline\r", "\u{1}\u{1f}", "résumé 日本 🚀",
                       "trailing\"", "\"leading", String(repeating: "a", count: 1000) + "<" + String(repeating: "b", count: 3)]
        for _ in 0..<200 {
            let alphabet: [Character] = ["a", "\"", "\\", "<", ">", "&", "\n", "\u{0}", "é", "🚀", " "]
            samples.append(String((0..<Int.random(in: 0..<40)).map { _ in alphabet.randomElement()! }))
        }
        for s in samples {
            var fast: [UInt8] = [], slow: [UInt8] = []
            JSONValue.writeString(s, into: &fast)
            JSONValue.writeStringSlow(s, into: &slow)
            #expect(fast == slow, "\(s.debugDescription)")
            // And it parses back to the same string.
            #expect((try? JSONValue.parse(fast)) == .string(s))
        }
    }
}
