import Testing

@testable import KubeAPI

@Suite struct JSONValueTests {
    @Test func roundTripKeepsKeyOrderAndNumberKinds() throws {
        let text = #"{"kind":"Pod","apiVersion":"v1","spec":{"replicas":3,"ratio":0.5,"big":1e300},"list":[true,false,null],"s":"a\"b\\c\n<&>"}"#
        let value = try JSONValue.parse(text)
        #expect(value["spec"]?["replicas"] == .int(3))
        #expect(value["spec"]?["ratio"] == .double(0.5))
        #expect(Array(value.objectValue!.keys) == ["kind", "apiVersion", "spec", "list", "s"])
        #expect(value["s"]?.stringValue == "a\"b\\c\n<&>")
        let out = value.serialized()
        #expect(out.contains(#""s":"a\"b\\c\n\u003c\u0026\u003e""#))
        #expect(try JSONValue.parse(out) == value)
    }

    @Test func unicodeEscapesAndSurrogates() throws {
        let value = try JSONValue.parse(#""\u00e9\ud83d\ude00x""#)
        #expect(value == .string("é😀x"))
    }

    @Test(arguments: ["", "{", "[1,]", "{\"a\" 1}", "01", "1.", "\"\u{01}\"", "tru", "{} x", "-", "\"\\x\""])
    func rejectsMalformedInput(_ text: String) {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(text) }
    }

    @Test func setCreatesIntermediateObjects() {
        var v: JSONValue = [:]
        v.set(path: ["metadata", "labels", "app"], to: "web")
        #expect(v[path: ["metadata", "labels", "app"]] == "web")
        v.set(path: ["metadata", "labels", "app"], to: nil)
        #expect(v[path: ["metadata", "labels"]] == .object([:]))
    }

    @Test func codableBridge() throws {
        struct Thing: Codable, Equatable { var name: String; var count: Int }
        let v = try JSONValue(encoding: Thing(name: "x", count: 2))
        #expect(v["count"] == .int(2))
        #expect(try v.decode(as: Thing.self) == Thing(name: "x", count: 2))
    }
}
