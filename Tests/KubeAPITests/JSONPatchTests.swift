import Testing

@testable import KubeAPI

@Suite struct JSONPatchTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var doc: String
        var patch: String
        /// Expected document, or nil when the patch must fail.
        var result: String?
        var testDescription: String { name }
    }

    /// RFC 6902 Appendix A, plus pointer and index edge cases.
    static let cases: [Case] = [
        Case(name: "A.1 add object member", doc: #"{"foo":"bar"}"#, patch: #"[{"op":"add","path":"/baz","value":"qux"}]"#,
             result: #"{"foo":"bar","baz":"qux"}"#),
        Case(name: "A.2 add array element", doc: #"{"foo":["bar","baz"]}"#, patch: #"[{"op":"add","path":"/foo/1","value":"qux"}]"#,
             result: #"{"foo":["bar","qux","baz"]}"#),
        Case(name: "A.3 remove object member", doc: #"{"baz":"qux","foo":"bar"}"#, patch: #"[{"op":"remove","path":"/baz"}]"#,
             result: #"{"foo":"bar"}"#),
        Case(name: "A.4 remove array element", doc: #"{"foo":["bar","qux","baz"]}"#, patch: #"[{"op":"remove","path":"/foo/1"}]"#,
             result: #"{"foo":["bar","baz"]}"#),
        Case(name: "A.5 replace value", doc: #"{"baz":"qux","foo":"bar"}"#, patch: #"[{"op":"replace","path":"/baz","value":"boo"}]"#,
             result: #"{"baz":"boo","foo":"bar"}"#),
        Case(name: "A.6 move value", doc: #"{"foo":{"bar":"baz","waldo":"fred"},"qux":{"corge":"grault"}}"#,
             patch: #"[{"op":"move","from":"/foo/waldo","path":"/qux/thud"}]"#,
             result: #"{"foo":{"bar":"baz"},"qux":{"corge":"grault","thud":"fred"}}"#),
        Case(name: "A.7 move array element", doc: #"{"foo":["all","grass","cows","eat"]}"#,
             patch: #"[{"op":"move","from":"/foo/1","path":"/foo/3"}]"#, result: #"{"foo":["all","cows","eat","grass"]}"#),
        Case(name: "A.8 test success", doc: #"{"baz":"qux","foo":["a",2,"c"]}"#,
             patch: #"[{"op":"test","path":"/baz","value":"qux"},{"op":"test","path":"/foo/1","value":2}]"#,
             result: #"{"baz":"qux","foo":["a",2,"c"]}"#),
        Case(name: "A.9 test failure", doc: #"{"baz":"qux"}"#, patch: #"[{"op":"test","path":"/baz","value":"bar"}]"#, result: nil),
        Case(name: "A.10 add nested member", doc: #"{"foo":"bar"}"#, patch: #"[{"op":"add","path":"/child","value":{"grandchild":{}}}]"#,
             result: #"{"foo":"bar","child":{"grandchild":{}}}"#),
        Case(name: "A.11 unrecognized members ignored", doc: #"{"foo":"bar"}"#,
             patch: #"[{"op":"add","path":"/baz","value":"qux","xyz":123}]"#, result: #"{"foo":"bar","baz":"qux"}"#),
        Case(name: "A.12 add to nonexistent target", doc: #"{"foo":"bar"}"#, patch: #"[{"op":"add","path":"/baz/bat","value":"qux"}]"#,
             result: nil),
        Case(name: "A.14 ~ escape ordering", doc: #"{"/":9,"~1":10}"#, patch: #"[{"op":"test","path":"/~01","value":10}]"#,
             result: #"{"/":9,"~1":10}"#),
        Case(name: "A.15 string is not number", doc: #"{"/":9,"~1":10}"#, patch: #"[{"op":"test","path":"/~01","value":"10"}]"#,
             result: nil),
        Case(name: "A.16 add array value with -", doc: #"{"foo":["bar"]}"#, patch: #"[{"op":"add","path":"/foo/-","value":["abc","def"]}]"#,
             result: #"{"foo":["bar",["abc","def"]]}"#),
        Case(name: "~1 escape in member name", doc: #"{"metadata":{"labels":{"a/b":"x"}}}"#,
             patch: #"[{"op":"replace","path":"/metadata/labels/a~1b","value":"y"}]"#, result: #"{"metadata":{"labels":{"a/b":"y"}}}"#),
        Case(name: "replace missing member fails", doc: #"{"a":1}"#, patch: #"[{"op":"replace","path":"/b","value":2}]"#, result: nil),
        Case(name: "remove missing member fails", doc: #"{"a":1}"#, patch: #"[{"op":"remove","path":"/b"}]"#, result: nil),
        Case(name: "index past end fails for add", doc: #"{"a":[1]}"#, patch: #"[{"op":"add","path":"/a/2","value":2}]"#, result: nil),
        Case(name: "index at end appends", doc: #"{"a":[1]}"#, patch: #"[{"op":"add","path":"/a/1","value":2}]"#, result: #"{"a":[1,2]}"#),
        Case(name: "leading zero index fails", doc: #"{"a":[1,2]}"#, patch: #"[{"op":"remove","path":"/a/01"}]"#, result: nil),
        Case(name: "copy then test", doc: #"{"a":{"b":[1,2]}}"#,
             patch: #"[{"op":"copy","from":"/a/b","path":"/c"},{"op":"test","path":"/c","value":[1,2]}]"#,
             result: #"{"a":{"b":[1,2]},"c":[1,2]}"#),
        Case(name: "move into own child fails", doc: #"{"a":{"b":{}}}"#, patch: #"[{"op":"move","from":"/a","path":"/a/b/c"}]"#, result: nil),
        Case(name: "test compares objects regardless of order", doc: #"{"a":{"x":1,"y":2.0}}"#,
             patch: #"[{"op":"test","path":"/a","value":{"y":2,"x":1}}]"#, result: #"{"a":{"x":1,"y":2.0}}"#),
        Case(name: "replace whole document", doc: #"{"a":1}"#, patch: #"[{"op":"replace","path":"","value":[1]}]"#, result: "[1]"),
        Case(name: "failure leaves nothing applied", doc: #"{"a":1}"#,
             patch: #"[{"op":"add","path":"/b","value":2},{"op":"remove","path":"/zzz"}]"#, result: nil),
    ]

    @Test(arguments: cases)
    func appliesAsRFC6902Says(_ c: Case) throws {
        let doc = try JSONValue.parse(c.doc)
        let patch = try JSONPatch(JSONValue.parse(c.patch))
        if let expected = c.result {
            let result = try patch.apply(to: doc)
            #expect(result == (try JSONValue.parse(expected)))
        } else {
            #expect(throws: JSONPatchError.self) { try patch.apply(to: doc) }
        }
    }

    @Test func errorNamesOperationIndexAndPath() throws {
        let patch = try JSONPatch(JSONValue.parse(#"[{"op":"test","path":"/a","value":1},{"op":"replace","path":"/spec/x","value":2}]"#))
        do {
            _ = try patch.apply(to: JSONValue.parse(#"{"a":1,"spec":{}}"#))
            Issue.record("expected failure")
        } catch let error as JSONPatchError {
            #expect(error.index == 1)
            #expect(error.op == "replace")
            #expect(error.path == "/spec/x")
            #expect(error.reason == .memberNotFound("x"))
            #expect(error.description == "JSON patch operation 1 replace /spec/x: doc is missing key: x")
        }
    }

    @Test(arguments: [
        (#"{"op":"add","path":"/a"}"#, JSONPatchError.Reason.missingMember("value")),
        (#"{"op":"frobnicate","path":"/a"}"#, .unknownOperation("frobnicate")),
        (#"{"path":"/a"}"#, .missingMember("op")),
        (#"{"op":"move","path":"/a"}"#, .missingMember("from")),
        (#"{"op":"remove","path":"a"}"#, .invalidPointer(#"invalid JSON pointer "a": must start with '/'"#)),
        (#"{"op":"remove","path":"/a~2"}"#, .invalidPointer(#"invalid JSON pointer "/a~2": '~' must be followed by '0' or '1'"#)),
    ])
    func rejectsMalformedOperations(_ op: String, _ reason: JSONPatchError.Reason) throws {
        do {
            _ = try JSONPatch(JSONValue.parse("[\(op)]"))
            Issue.record("expected failure for \(op)")
        } catch let error as JSONPatchError {
            #expect(error.index == 0)
            #expect(error.reason == reason)
        }
    }

    @Test func pointerRoundTripsEscapes() throws {
        let p = try JSONPointer("/a~1b/c~0d/")
        #expect(p.tokens == ["a/b", "c~d", ""])
        #expect(p.description == "/a~1b/c~0d/")
        #expect(try JSONPointer("").tokens == [])
    }
}
