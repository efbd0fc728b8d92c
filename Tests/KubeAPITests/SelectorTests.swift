import Testing

@testable import KubeAPI

@Suite struct LabelSelectorTests {
    /// (input, canonical string form) — whitespace rules, sorting by key, sorted set values.
    @Test(arguments: [
        ("", ""),
        ("x=a,y=b,z=c", "x=a,y=b,z=c"),
        ("z=c,x=a", "x=a,z=c"),
        ("x!=a,y=b", "x!=a,y=b"),
        ("x==a", "x==a"),
        ("x=", "x="),
        ("x= ,z= ", "x=,z="),
        ("!x", "!x"),
        ("x", "x"),
        ("x>1,z<5", "x>1,z<5"),
        ("x in (b,a)", "x in (a,b)"),
        ("  x\tnotin ( a , b )\n", "x notin (a,b)"),
        ("x in (),y", "x in (),y"),
        ("x in (,a)", "x in (,a)"),
        ("x in (a,,b)", "x in (,a,b)"),
        ("x in (in,notin)", "x in (in,notin)"),
        ("x in (a,a)", "x in (a)"),
        ("app.kubernetes.io/name=web", "app.kubernetes.io/name=web"),
    ])
    func parsesAndRendersLikeUpstream(_ input: String, _ rendered: String) throws {
        #expect(try Labels.Selector.parse(input).description == rendered)
    }

    static let valueRegexDetail =
        "a valid label must be an empty string or consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyValue',  or 'my_value',  or '12345', regex used for validation is '(([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9])?')"
    static let keyRegexDetail =
        "name part must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]')"

    @Test(arguments: [
        ("x=a||y=b", "unable to parse requirement: values[0][x]: Invalid value: \"a||y\": " + valueRegexDetail),
        ("x==a==b", "found '==', expected: ',' or 'end of string'"),
        ("!x=a", "found '=', expected: ',' or 'end of string'"),
        ("x<a", "unable to parse requirement: values[0]: Invalid value: \"a\": for 'Gt', 'Lt' operators, the value must be an integer"),
        ("x in a", "unable to parse requirement: found 'a' expected: '('"),
        ("x in (a", "unable to parse requirement: found '', expected: ',' or ')'"),
        ("a b", "unable to parse requirement: found 'b', expected: '=', '!=', '==', 'in', notin'"),
        ("x=a,", "found '', expected: identifier after ','"),
        (",x", "found ',', expected: !, identifier, or 'end of string'"),
        ("x=!", "unable to parse requirement: found '!', expected: identifier"),
        ("a$b=c", "unable to parse requirement: <nil>: Invalid value: \"a$b\": " + keyRegexDetail),
        ("x=(", "unable to parse requirement: found '(', expected: identifier"),
    ])
    func rejectsWithUpstreamMessages(_ input: String, _ message: String) {
        do {
            let s = try Labels.Selector.parse(input)
            Issue.record("parsed \(input) as \(s)")
        } catch {
            #expect(error.message == message)
            #expect(error.input == input)
        }
    }

    @Test(arguments: [
        ("", ["x": "y"], true),
        ("x=y", ["x": "y"], true),
        ("x=y,z=w", ["x": "y", "z": "w"], true),
        ("x!=y,z!=w", ["x": "z", "z": "a"], true),
        ("x in (y,z)", ["x": "z"], true),
        ("x notin (y)", [:], true),
        ("!x", [:], true),
        ("x", ["x": ""], true),
        ("x>1", ["x": "2"], true),
        ("x<1", ["x": "-3"], true),
        ("x=", [:], false),
        ("x=", ["x": ""], true),
        ("x=z", [:], false),
        ("x=y", ["x": "z"], false),
        ("x=y,z=w", ["x": "w", "z": "w"], false),
        ("x!=y,z!=w", ["x": "z", "z": "w"], false),
        ("x in (y)", ["x": "z"], false),
        ("x notin (y)", ["x": "y"], false),
        ("x>1", ["x": "0"], false),
        ("x>1", ["x": "a"], false),
        ("x>1", [:], false),
        ("x", [:], false),
        ("!x", ["x": ""], false),
    ] as [(String, [String: String], Bool)])
    func matchesLabels(_ selector: String, _ labels: [String: String], _ expected: Bool) throws {
        #expect(try Labels.Selector.parse(selector).matches(labels) == expected)
    }

    @Test func convertsMetav1Selector() throws {
        let json = try JSONValue.parse(
            #"{"matchLabels":{"app":"web"},"matchExpressions":[{"key":"tier","operator":"In","values":["fe","be"]},{"key":"canary","operator":"DoesNotExist"},{"key":"env","operator":"NotIn","values":["prod"]},{"key":"team","operator":"Exists"}]}"#)
        let selector = try Labels.Selector(metav1: json)
        #expect(selector.description == "app=web,!canary,env notin (prod),team,tier in (be,fe)")
        #expect(selector.matches(["app": "web", "tier": "fe", "team": "a"]))
        #expect(!selector.matches(["app": "web", "tier": "fe", "team": "a", "canary": "1"]))
        #expect(!selector.matches(["app": "web", "tier": "fe", "team": "a", "env": "prod"]))
        #expect(!selector.matches(["app": "web", "tier": "qa", "team": "a"]))
    }

    @Test func nilSelectsNothingAndEmptySelectsEverything() throws {
        #expect(!(try Labels.Selector(metav1: nil)).matches([:]))
        #expect(!(try Labels.Selector(metav1: .null)).matches(["a": "b"]))
        #expect(try Labels.Selector(metav1: [:]).matches(["a": "b"]))
        #expect(try Labels.Selector(metav1: ["matchLabels": [:], "matchExpressions": []]).isEmpty)
    }

    @Test(arguments: [
        (#"{"matchExpressions":[{"key":"a","operator":"Foo","values":["x"]}]}"#, #""Foo" is not a valid label selector operator"#),
        (#"{"matchExpressions":[{"key":"a","operator":"In","values":[]}]}"#,
         "values: Invalid value: []string{}: for 'in', 'notin' operators, values set can't be empty"),
        (#"{"matchExpressions":[{"key":"a","operator":"Exists","values":["x"]}]}"#,
         #"values: Invalid value: []string{"x"}: values set must be empty for exists and does not exist"#),
        (#"{"matchLabels":{"a":"b c"}}"#, "values[0][a]: Invalid value: \"b c\": " + valueRegexDetail),
        (#"{"matchLabels":{"":"b"}}"#,
         "key: Invalid value: \"\": name part must be non-empty; " + keyRegexDetail),
        (#"{"matchExpressions":[{"key":"a/b/c","operator":"Exists"}]}"#,
         "key: Invalid value: \"a/b/c\": a qualified name must consist of alphanumeric characters, '-', '_' or '.', and must start and end with an alphanumeric character (e.g. 'MyName',  or 'my.name',  or '123-abc', regex used for validation is '([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]') with an optional DNS subdomain prefix and '/' (e.g. 'example.com/MyName')"),
        (#"{"matchExpressions":[{"key":"Bad_Prefix/a","operator":"Exists"}]}"#,
         "key: Invalid value: \"Bad_Prefix/a\": prefix part a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.', and must start and end with an alphanumeric character (e.g. 'example.com', regex used for validation is '[a-z0-9]([-a-z0-9]*[a-z0-9])?(\\.[a-z0-9]([-a-z0-9]*[a-z0-9])?)*')"),
    ])
    func rejectsInvalidMetav1Selectors(_ json: String, _ message: String) throws {
        do {
            _ = try Labels.Selector(metav1: JSONValue.parse(json))
            Issue.record("accepted \(json)")
        } catch let error as LabelSelectorError {
            #expect(error.message == message)
        }
    }

    @Test func aggregatesSeveralRequirementErrors() {
        #expect(throws: LabelSelectorError(
            input: "a gt [\"x\", \"y\"]",
            message: #"[values: Invalid value: []string{"x", "y"}: for 'Gt', 'Lt' operators, exactly one value is required, values[0]: Invalid value: "x": for 'Gt', 'Lt' operators, the value must be an integer, values[1]: Invalid value: "y": for 'Gt', 'Lt' operators, the value must be an integer]"#
        )) {
            try Labels.Requirement(key: "a", operator: .greaterThan, values: ["x", "y"])
        }
    }
}

@Suite struct FieldSelectorTests {
    @Test(arguments: [
        ("", ""),
        ("metadata.name=foo", "metadata.name=foo"),
        ("spec.nodeName!=,metadata.name==foo", "metadata.name=foo,spec.nodeName!="),
        ("b=1,a=2", "a=2,b=1"),
        (#"a=x\,y\=z\\w"#, #"a=x\,y\=z\\w"#),
    ])
    func parsesAndRenders(_ input: String, _ rendered: String) throws {
        #expect(try Fields.Selector.parse(input).description == rendered)
    }

    @Test func unescapesValues() throws {
        let s = try Fields.Selector.parse(#"a=x\,y\=z\\w,b!=q"#)
        #expect(s.terms == [.init(field: "a", value: #"x,y=z\w"#), .init(field: "b", negated: true, value: "q")])
        #expect(s.requiredValue(for: "a") == #"x,y=z\w"#)
        #expect(s.requiredValue(for: "b") == nil)
    }

    @Test(arguments: [
        ("abc", "invalid selector: 'abc'; can't understand 'abc'"),
        ("a=b,c", "invalid selector: 'a=b,c'; can't understand 'c'"),
        ("a=b=c", "invalid field selector: unescaped character in value: 61"),
        (#"a=b\x"#, #"invalid field selector: invalid escape sequence: \x"#),
        (#"a=b\"#, #"invalid field selector: invalid escape sequence: \"#),
    ])
    func rejectsWithUpstreamMessages(_ input: String, _ message: String) {
        #expect(throws: FieldSelectorError(input: input, message: message)) { try Fields.Selector.parse(input) }
    }

    @Test(arguments: [
        ("spec.nodeName=", ["metadata.name": "p"], true),
        ("spec.nodeName=", ["spec.nodeName": "n1"], false),
        ("spec.nodeName!=", ["spec.nodeName": "n1"], true),
        ("metadata.name=p,status.phase!=Failed", ["metadata.name": "p", "status.phase": "Running"], true),
        ("metadata.name=p,status.phase!=Failed", ["metadata.name": "p", "status.phase": "Failed"], false),
    ] as [(String, [String: String], Bool)])
    func matchesFieldSets(_ selector: String, _ fields: [String: String], _ expected: Bool) throws {
        #expect(try Fields.Selector.parse(selector).matches(fields) == expected)
    }

    @Test func podFieldsAsUpstreamComputesThem() throws {
        let pod = try JSONValue.parse(
            #"{"metadata":{"name":"web","namespace":"default"},"spec":{"nodeName":"n1","restartPolicy":"Always","schedulerName":"default-scheduler","serviceAccountName":"default","hostNetwork":true},"status":{"phase":"Running","podIP":"10.0.0.9","podIPs":[{"ip":"10.0.0.9"},{"ip":"fd00::9"}],"nominatedNodeName":""}}"#)
        let fields = Fields.Selector.fields(group: "", kind: "Pod", object: pod)
        #expect(fields == [
            "metadata.name": "web", "metadata.namespace": "default", "spec.nodeName": "n1",
            "spec.restartPolicy": "Always", "spec.schedulerName": "default-scheduler",
            "spec.serviceAccountName": "default", "spec.hostNetwork": "true", "status.phase": "Running",
            "status.podIP": "10.0.0.9", "status.nominatedNodeName": "",
        ])
        #expect(try Fields.Selector.parse("spec.nodeName=n1,status.phase=Running").matches(fields))
    }

    @Test func otherKindsFields() throws {
        let node = Fields.Selector.fields(group: "", kind: "Node", object: ["metadata": ["name": "n1"], "spec": [:]])
        #expect(node == ["metadata.name": "n1", "spec.unschedulable": "false"])
        let event = Fields.Selector.fields(
            group: "", kind: "Event",
            object: [
                "metadata": ["name": "e", "namespace": "ns"], "reason": "Started", "type": "Normal",
                "source": ["component": "kubelet"], "reportingComponent": "kubelet",
                "involvedObject": ["kind": "Pod", "name": "web", "namespace": "ns", "uid": "u1"],
            ])
        #expect(event["involvedObject.kind"] == "Pod")
        #expect(event["involvedObject.uid"] == "u1")
        #expect(event["involvedObject.fieldPath"] == "")
        #expect(event["source"] == "kubelet")
        #expect(event["reportingComponent"] == "kubelet")
        let rs = Fields.Selector.fields(group: "apps", kind: "ReplicaSet", object: ["metadata": ["name": "r"], "status": ["replicas": 3]])
        #expect(rs["status.replicas"] == "3")
        let job = Fields.Selector.fields(group: "batch", kind: "Job", object: ["metadata": ["name": "j"], "status": ["succeeded": 2]])
        #expect(job["status.successful"] == "2")
        let secret = Fields.Selector.fields(group: "", kind: "Secret", object: ["metadata": ["name": "s"], "type": "Opaque"])
        #expect(secret["type"] == "Opaque")
        let ns = Fields.Selector.fields(group: "", kind: "Namespace", object: ["metadata": ["name": "a"], "status": ["phase": "Active"]])
        #expect(ns == ["metadata.name": "a", "status.phase": "Active", "name": "a"])
        let cm = Fields.Selector.fields(group: "", kind: "ConfigMap", object: ["metadata": ["name": "c", "namespace": "x"]])
        #expect(cm == ["metadata.name": "c", "metadata.namespace": "x"])
    }

    @Test(arguments: [
        ("", "Pod", "spec.foo=x", "field label not supported: spec.foo"),
        ("", "ConfigMap", "data.x=y", "field label not supported: data.x"),
        ("", "Node", "metadata.namespace=x", "field label not supported: metadata.namespace"),
        ("apps", "Deployment", "status.replicas=1", "field label not supported: status.replicas"),
    ])
    func rejectsUnsupportedFields(_ group: String, _ kind: String, _ selector: String, _ message: String) throws {
        let parsed = try Fields.Selector.parse(selector)
        #expect(throws: FieldSelectorError(input: selector, message: message)) {
            try parsed.validated(group: group, kind: kind)
        }
    }

    @Test func acceptsSupportedFieldsAndRenamesSpecHost() throws {
        let s = try Fields.Selector.parse("spec.host=n1,status.phase=Running").validated(group: "", kind: "Pod")
        #expect(s.description == "spec.nodeName=n1,status.phase=Running")
        _ = try Fields.Selector.parse("status.replicas=2").validated(group: "apps", kind: "ReplicaSet")
        _ = try Fields.Selector.parse("involvedObject.name=web,type=Warning").validated(group: "", kind: "Event")
    }
}
