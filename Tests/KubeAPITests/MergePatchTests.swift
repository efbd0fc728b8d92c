import Testing

@testable import KubeAPI

@Suite struct MergePatchTests {
    /// RFC 7386 Appendix A: (target, patch, result).
    static let rfcExamples: [(String, String, String)] = [
        (#"{"a":"b"}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"b"}"#, #"{"b":"c"}"#, #"{"a":"b","b":"c"}"#),
        (#"{"a":"b"}"#, #"{"a":null}"#, #"{}"#),
        (#"{"a":"b","b":"c"}"#, #"{"a":null}"#, #"{"b":"c"}"#),
        (#"{"a":["b"]}"#, #"{"a":"c"}"#, #"{"a":"c"}"#),
        (#"{"a":"c"}"#, #"{"a":["b"]}"#, #"{"a":["b"]}"#),
        (#"{"a":{"b":"c"}}"#, #"{"a":{"b":"d","c":null}}"#, #"{"a":{"b":"d"}}"#),
        (#"{"a":[{"b":"c"}]}"#, #"{"a":[1]}"#, #"{"a":[1]}"#),
        (#"["a","b"]"#, #"["c","d"]"#, #"["c","d"]"#),
        (#"{"a":"b"}"#, #"["c"]"#, #"["c"]"#),
        (#"{"a":"foo"}"#, "null", "null"),
        (#"{"a":"foo"}"#, #""bar""#, #""bar""#),
        (#"{"e":null}"#, #"{"a":1}"#, #"{"e":null,"a":1}"#),
        (#"[1,2]"#, #"{"a":"b","c":null}"#, #"{"a":"b"}"#),
        (#"{}"#, #"{"a":{"bb":{"ccc":null}}}"#, #"{"a":{"bb":{}}}"#),
    ]

    @Test(arguments: rfcExamples)
    func appliesRFC7386Examples(_ target: String, _ patch: String, _ result: String) throws {
        let applied = MergePatch.apply(try JSONValue.parse(patch), to: try JSONValue.parse(target))
        #expect(applied == (try JSONValue.parse(result)))
    }

    @Test(arguments: [
        (#"{"a":1,"b":{"c":2,"d":3},"e":[1,2]}"#, #"{"a":1,"b":{"c":5},"e":[1,2],"f":"new"}"#,
         #"{"b":{"c":5,"d":null},"f":"new"}"#),
        (#"{"spec":{"replicas":3}}"#, #"{"spec":{"replicas":3.0}}"#, "{}"),
        (#"{"a":[1,2]}"#, #"{"a":[2,1]}"#, #"{"a":[2,1]}"#),
        (#"{"a":{"b":1}}"#, #"{"a":"x"}"#, #"{"a":"x"}"#),
        (#"{"z":1,"a":1}"#, #"{}"#, #"{"a":null,"z":null}"#),
    ])
    func createsPatchThatReproducesModified(_ original: String, _ modified: String, _ expected: String) throws {
        let o = try JSONValue.parse(original)
        let m = try JSONValue.parse(modified)
        let patch = MergePatch.createMergePatch(original: o, modified: m)
        #expect(patch == (try JSONValue.parse(expected)))
        #expect(MergePatch.apply(patch, to: o).isEquivalent(to: m))
    }
}
