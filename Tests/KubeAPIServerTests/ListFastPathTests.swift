import Foundation
import KubeAPI
import Testing

@testable import KubeAPIServer

/// The unparsed LIST path gives the same bytes as the parsing one.
@Suite struct ListFastPathTests {
    @Test func splicedListEqualsParsedList() async throws {
        let api = try await TestAPI()
        for i in 0..<5 {
            let pod: JSONValue = [
                "apiVersion": "v1", "kind": "Pod",
                "metadata": [
                    "name": .string("p\(i)"), "labels": ["app": "x"],
                    "annotations": ["note": .string("quote \" backslash \\ <tag> & \u{1} résumé {\"resourceVersion\":\"1\"}")],
                ],
                "spec": ["containers": [["name": "c", "image": "busybox", "command": ["sh", "-c", "echo }]{["]]]],
            ]
            #expect(await api.call("POST", "/api/v1/namespaces/default/pods", pod).status == 201)
        }
        _ = await api.call("POST", "/api/v1/namespaces/default/configmaps", ["apiVersion": "v1", "kind": "ConfigMap", "metadata": [:], "data": ["a": "b"]])
        for path in ["/api/v1/namespaces/default/pods", "/api/v1/pods", "/api/v1/namespaces", "/api/v1/namespaces/empty/pods"] {
            let fast = await api.core.handle(APIRequest(method: "GET", path: path))
            // A selector every object matches takes the parsing path.
            let parsed = await api.core.handle(APIRequest(method: "GET", path: path, query: ["labelSelector": "!nonexistent"]))
            #expect(fast.status == 200)
            #expect(fast.bodyBytes == parsed.bodyBytes, "\(path)\n\(String(decoding: fast.bodyBytes, as: UTF8.self))\n\(String(decoding: parsed.bodyBytes, as: UTF8.self))")
        }
        let list = try JSONValue.parse(await api.core.handle(APIRequest(method: "GET", path: "/api/v1/namespaces/default/pods")).bodyBytes)
        #expect(list["items"]?.arrayValue?.count == 5)
        #expect(list["items"]?.arrayValue?.first?["kind"] == JSONValue?.none)
        #expect(list["items"]?.arrayValue?.first?[path: ["metadata", "resourceVersion"]]?.stringValue != nil)
    }

    @Test func splicerRefusesWhatItDoesNotKnow() {
        var out: [UInt8] = [1]
        for text in ["[]", "{}", #"{"metadata":[]}"#, #"{"a":1}"#, #"{"metadata":{"resourceVersion":"3"}}"#, #"{"metadata":{} }"#] {
            #expect(!ListItemSplicer.append(Array(text.utf8), resourceVersion: 7, to: &out), "\(text)")
            #expect(out == [1])
        }
        #expect(ListItemSplicer.append(Array(#"{"apiVersion":"v1","kind":"X","metadata":{},"n":-1.5e3}"#.utf8), resourceVersion: 7, to: &out))
        #expect(String(decoding: out.dropFirst(), as: UTF8.self) == #"{"metadata":{"resourceVersion":"7"},"n":-1.5e3}"#)
    }
}
