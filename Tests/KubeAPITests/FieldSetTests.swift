import Testing

@testable import KubeAPI

@Suite struct FieldSetTests {
    static let deployment = #"""
        {"apiVersion":"apps/v1","kind":"Deployment",
         "metadata":{"name":"nginx","namespace":"default","labels":{"app":"nginx"}},
         "spec":{"replicas":3,"selector":{"matchLabels":{"app":"nginx"}},
          "template":{"metadata":{"labels":{"app":"nginx"}},
           "spec":{"containers":[{"name":"nginx","image":"nginx:1.27","ports":[{"containerPort":80}]}]}}}}
        """#

    /// What the apiserver stores for `kubectl apply --server-side` of the Deployment above:
    /// apiVersion, kind, name and namespace are never recorded; LabelSelector is atomic;
    /// ports are keyed by containerPort and the defaulted protocol; a list-map item is a
    /// member and a parent, written with `"."` after its fields.
    static let deploymentFieldsV1 =
        #"{"f:metadata":{"f:labels":{"f:app":{}}},"f:spec":{"f:replicas":{},"f:selector":{},"f:template":{"f:metadata":{"f:labels":{"f:app":{}}},"#
        + #""f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{"f:image":{},"f:name":{},"f:ports":{"k:{\"containerPort\":80,\"protocol\":\"TCP\"}":{"f:containerPort":{},".":{}}},".":{}}}}}}}"#

    @Test func deploymentFieldSetEncodesAsUpstream() throws {
        let object = try JSONValue.parse(Self.deployment)
        let set = FieldSet(from: object, kind: "Deployment").difference(ManagedFields.stripped)
        #expect(set.fieldsV1String == Self.deploymentFieldsV1)
    }

    @Test func fieldSetListsLeavesAndListItems() throws {
        let set = FieldSet(from: try JSONValue.parse(Self.deployment), kind: "Deployment")
        let container: PathElement = .key([("name", "nginx")])
        let spec: FieldPath = [.field("spec"), .field("template"), .field("spec"), .field("containers")]
        #expect(set.contains([.field("spec"), .field("replicas")]))
        #expect(set.contains([.field("spec"), .field("selector")]))
        #expect(!set.contains([.field("spec"), .field("selector"), .field("matchLabels")]))
        #expect(set.contains(spec + [container]))
        #expect(set.contains(spec + [container, .field("image")]))
        #expect(!set.contains([.field("spec")]))
        #expect((spec + [container, .field("image")]).pathString == #".spec.template.spec.containers[name="nginx"].image"#)
    }

    @Test func setElementsUseValueKeys() throws {
        let object = try JSONValue.parse(#"{"metadata":{"finalizers":["kubernetes.io/pvc-protection","a"]}}"#)
        let set = FieldSet(from: object, kind: "PersistentVolumeClaim")
        #expect(set.fieldsV1String == #"{"f:metadata":{"f:finalizers":{"v:\"a\"":{},"v:\"kubernetes.io/pvc-protection\"":{}}}}"#)
        #expect([PathElement.field("metadata"), .field("finalizers"), .value("a")].pathString == #".metadata.finalizers[="a"]"#)
    }

    @Test func decodeAcceptsKubectlKeyOrderAndReencodesCanonically() throws {
        // kubectl prints fieldsV1 with sorted keys, "." first; the apiserver writes "." last.
        let sorted = #"{"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{".":{},"f:image":{},"f:name":{}}}},"f:metadata":{"f:labels":{".":{},"f:app":{}}}}"#
        let set = try FieldSet(fieldsV1String: sorted)
        #expect(set.fieldsV1String == #"{"f:metadata":{"f:labels":{"f:app":{},".":{}}},"f:spec":{"f:containers":{"k:{\"name\":\"nginx\"}":{"f:image":{},"f:name":{},".":{}}}}}"#)
        #expect(set.contains([.field("metadata"), .field("labels")]))
        #expect(set.contains([.field("spec"), .field("containers"), .key([("name", "nginx")])]))
        #expect(!set.contains([.field("spec"), .field("containers")]))
        #expect(try FieldSet(fieldsV1String: set.fieldsV1String) == set)
    }

    @Test func roundTripOfDeploymentSet() throws {
        let set = try FieldSet(fieldsV1String: Self.deploymentFieldsV1)
        #expect(set.fieldsV1String == Self.deploymentFieldsV1)
        #expect(set == FieldSet(from: try JSONValue.parse(Self.deployment), kind: "Deployment").difference(ManagedFields.stripped))
    }

    @Test func keyFieldsAreSortedAndIndexesParse() throws {
        let set = try FieldSet(fieldsV1String: #"{"f:ports":{"k:{\"protocol\":\"UDP\",\"port\":53}":{}},"f:args":{"i:1":{}},"x:future":{}}"#)
        #expect(set.contains([.field("ports"), .key([("port", 53), ("protocol", "UDP")])]))
        #expect(set.contains([.field("args"), .index(1)]))
        #expect(set.fieldsV1String == #"{"f:args":{"i:1":{}},"f:ports":{"k:{\"port\":53,\"protocol\":\"UDP\"}":{}}}"#)
    }

    @Test(arguments: [#"{"f":{}}"#, #"{"fx":{}}"#, #"{"k:{bad":{}}"#, #"{"i:x":{}}"#, #"{"f:a":1}"#, "[]"])
    func malformedFieldsV1IsRejected(_ text: String) {
        #expect(throws: FieldsV1Error.self) { try FieldSet(fieldsV1String: text) }
    }

    @Test func setAlgebra() {
        let a: FieldPath = [.field("spec"), .field("a")]
        let b: FieldPath = [.field("spec"), .field("b")]
        let item: FieldPath = [.field("spec"), .field("list"), .key([("name", "x")])]
        let itemField = item + [.field("image")]
        let left = FieldSet([a, b, item, itemField])
        let right = FieldSet([b, item])

        #expect(left.union(right) == left)
        #expect(left.intersection(right) == FieldSet([b, item]))
        // Removing a member keeps what lies below it, as upstream's Difference.
        #expect(left.difference(right) == FieldSet([a, itemField]))
        #expect(left.difference(left).isEmpty)
        #expect(FieldSet([a]).union(FieldSet([b])).paths == [a, b])
        #expect(left.paths == [a, b, item, itemField])
    }

    @Test func orderingFollowsUpstream() {
        let elements: [PathElement] = [.index(0), .value("b"), .value(2), .key([("name", "a")]), .field("z"), .field("B")]
        #expect(elements.sorted() == [.field("B"), .field("z"), .key([("name", "a")]), .value(2), .value("b"), .index(0)])
    }
}
