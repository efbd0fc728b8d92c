import Testing

@testable import KubeAPI

@Suite struct YAMLConversionTests {
    @Test func scalarsAreTypedAsKubectlTypesThem() throws {
        let value = try JSONValue.parseYAML(
            """
            replicas: 3
            ratio: 0.5
            hex: 0x1F
            enabled: true
            legacy: yes
            quoted: "3"
            single: 'true'
            empty:
            tilde: ~
            version: 1.20
            date: 2024-01-01
            name: nginx
            """)
        #expect(value["replicas"] == .int(3))
        #expect(value["ratio"] == .double(0.5))
        #expect(value["hex"] == .int(31))
        #expect(value["enabled"] == .bool(true))
        #expect(value["legacy"] == .bool(true))
        #expect(value["quoted"] == .string("3"))
        #expect(value["single"] == .string("true"))
        #expect(value["empty"] == .null)
        #expect(value["tilde"] == .null)
        #expect(value["version"] == .double(1.2))
        #expect(value["date"] == .string("2024-01-01"))
        #expect(Array(value.objectValue!.keys).first == "replicas")
    }

    @Test func multipleDocumentsAnchorsAndMerge() throws {
        let docs = try JSONValue.parseYAMLDocuments(
            """
            ---
            base: &b {a: 1, b: 2}
            derived:
              <<: *b
              b: 3
            ---
            ---
            kind: List
            """)
        #expect(docs.count == 2)
        #expect(docs[0][path: ["derived", "a"]] == 1)
        #expect(docs[0][path: ["derived", "b"]] == 3)
        #expect(docs[1]["kind"] == "List")
    }

    @Test func yamlOutputSortsKeysAndQuotesAmbiguousStrings() throws {
        let value: JSONValue = [
            "kind": "Pod", "apiVersion": "v1",
            "metadata": ["name": "web", "labels": ["version": "1.0", "enabled": "true", "empty": ""], "annotations": [:]],
            "spec": ["containers": [["name": "a", "args": ["-c", "echo hi: there"], "ports": [["containerPort": 80]]]], "list": []],
            "data": ["script": "line1\nline2\n"],
        ]
        let expected = """
            apiVersion: v1
            data:
              script: |
                line1
                line2
            kind: Pod
            metadata:
              annotations: {}
              labels:
                empty: ""
                enabled: "true"
                version: "1.0"
              name: web
            spec:
              containers:
              - args:
                - -c
                - 'echo hi: there'
                name: a
                ports:
                - containerPort: 80
              list: []

            """
        #expect(value.yamlString() == expected)
        // What kubectl prints, kubectl reads back.
        #expect(try JSONValue.parseYAML(value.yamlString()).yamlString() == expected)
    }

    @Test func yamlOutputOfAwkwardStrings() throws {
        for s in ["", " lead", "trail ", "a#b", "a #b", "*star", "null", "~", "0x10", "1e3", "yes", "N", "- dash", "key: v", "tab\there", "multi\nline  \nx"] {
            let out = JSONValue.object(["v": .string(s)]).yamlString()
            #expect(try JSONValue.parseYAML(out)["v"] == .string(s), "\(s) → \(out)")
        }
    }
}
