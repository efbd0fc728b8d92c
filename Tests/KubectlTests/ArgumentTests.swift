import Foundation
import KubeAPI
import Testing

@testable import KubeClient
@testable import Kubectl

@Suite struct ArgumentTests {
    @Test func labelArgumentsSplitAndParse() throws {
        let (resources, changes) = MetadataChanges.split(["pods", "web", "app=web", "tier-", "example.com/team=a"])
        #expect(resources == ["pods", "web"])
        #expect(changes == ["app=web", "tier-", "example.com/team=a"])
        let parsed = try MetadataChanges(changes, noun: "label")
        #expect(parsed.set.map(\.key) == ["app", "example.com/team"])
        #expect(parsed.remove == ["tier"])
        #expect(MetadataChanges.split(["pod/web", "a=b"]).resources == ["pod/web"])
        #expect(throws: KubectlError.self) { try MetadataChanges(["bad key=x"], noun: "label") }
        #expect(throws: KubectlError.self) { try MetadataChanges(["app=has space"], noun: "label") }
        #expect(try MetadataChanges(["note=has space"], noun: "annotation").set.first?.value == "has space")
    }

    @Test func overwriteIsEnforcedWithUpstreamsMessage() throws {
        let changes = try MetadataChanges(["app=api", "old-"], noun: "label")
        let existing: JSONObject = ["app": "web", "old": "x"]
        do {
            _ = try changes.apply(to: existing, overwrite: false)
            Issue.record("expected an error")
        } catch let error as KubectlError {
            #expect(error.description == "error: 'app' already has a value (web), and --overwrite is false")
        }
        #expect(try changes.apply(to: existing, overwrite: true) == ["app": "api"])
        // Setting the same value again is not a conflict.
        #expect(try MetadataChanges(["app=web"], noun: "label").apply(to: existing, overwrite: false) == existing)
    }

    @Test func resourceArgumentForms() throws {
        #expect(try ResourceArguments(["po,svc"]).selections.map(\.type) == ["po", "svc"])
        #expect(try ResourceArguments(["pod", "a", "b"]).selections == [.init(type: "pod", names: ["a", "b"])])
        #expect(try ResourceArguments(["pod/a", "svc/b", "pod/c"]).selections == [.init(type: "pod", names: ["a", "c"]), .init(type: "svc", names: ["b"])])
        #expect(throws: KubectlError.self) { try ResourceArguments(["pod", "svc/b"]) }
        #expect(throws: KubectlError.self) { try ResourceArguments([]) }
    }

    static let mapper = RESTMapper(resources: [
        APIResourceInfo(group: "", version: "v1", name: "pods", singularName: "pod", kind: "Pod", namespaced: true, shortNames: ["po"], categories: ["all"]),
        APIResourceInfo(group: "", version: "v1", name: "pods/status", kind: "Pod", namespaced: true),
        APIResourceInfo(group: "", version: "v1", name: "services", singularName: "service", kind: "Service", namespaced: true, shortNames: ["svc"], categories: ["all"]),
        APIResourceInfo(group: "", version: "v1", name: "nodes", singularName: "node", kind: "Node", namespaced: false, shortNames: ["no"]),
        APIResourceInfo(group: "", version: "v1", name: "events", singularName: "event", kind: "Event", namespaced: true, shortNames: ["ev"]),
        APIResourceInfo(group: "apps", version: "v1", name: "deployments", singularName: "deployment", kind: "Deployment", namespaced: true, shortNames: ["deploy"], categories: ["all"]),
        APIResourceInfo(group: "events.k8s.io", version: "v1", name: "events", singularName: "event", kind: "Event", namespaced: true, shortNames: ["ev"]),
    ])

    @Test func resourceNameResolution() throws {
        let m = ArgumentTests.mapper
        for input in ["po", "pod", "pods", "Pod", "PODS", "pods.v1.", "pod.v1"] {
            #expect(try m.resource(for: input).qualifiedName == "pods", "\(input)")
        }
        #expect(try m.resource(for: "deploy").qualifiedName == "deployments.apps")
        #expect(try m.resource(for: "deployments.apps").kind == "Deployment")
        #expect(try m.resource(for: "deployments.v1.apps").version == "v1")
        // Core wins ambiguous names, a group suffix picks the other.
        #expect(try m.resource(for: "events").group == "")
        #expect(try m.resource(for: "events.events.k8s.io").group == "events.k8s.io")
        #expect(try m.resource(for: "no").namespaced == false)
        do {
            _ = try m.resource(for: "foo")
            Issue.record("expected an error")
        } catch {
            #expect(error.description == "the server doesn't have a resource type \"foo\"")
        }
        #expect(try m.resource(apiVersion: "apps/v1", kind: "Deployment").name == "deployments")
        #expect(m.category("all").map(\.qualifiedName) == ["pods", "services", "deployments.apps"])
        #expect(throws: RESTMapperError.self) { try m.resource(apiVersion: "example.com/v1", kind: "Widget") }
    }

    @Test func globalFlagsBeforeTheVerbMoveBehindIt() {
        #expect(Kubectl.normalize(["-n", "kube-system", "get", "pods"]) == ["get", "pods", "-n", "kube-system"])
        #expect(Kubectl.normalize(["--context=x", "get", "po", "--", "cmd"]) == ["get", "po", "--context=x", "--", "cmd"])
        #expect(Kubectl.normalize(["get", "pods"]) == ["get", "pods"])
    }

    @Test func usageErrorsAreWordedAsCobraWordsThem() async {
        #expect(Kubectl.usageError("Unknown option '--bogus'", verb: "get") == "Error: unknown flag: --bogus\nSee 'kubectl get --help' for usage.")
        #expect(Kubectl.usageError("Missing value for '-o <output>'", verb: "get") == "Error: flag needs an argument: 'o' in -o\nSee 'kubectl get --help' for usage.")
        let captured = CapturedOutput()
        let status = await Terminal.$current.withValue(captured.terminal()) { await Kubectl.run(["frobnicate"]) }
        #expect(status == 1)
        #expect(captured.stderr == "Error: unknown command \"frobnicate\" for \"kubectl\"\n\nRun 'kubectl --help' for usage.\n")
    }

    @Test func waitConditions() throws {
        #expect(try WaitCondition("delete") == .delete)
        #expect(try WaitCondition("condition=Ready") == .condition(type: "Ready", status: "true"))
        #expect(try WaitCondition("condition=Available=False") == .condition(type: "Available", status: "False"))
        #expect(try WaitCondition("jsonpath={.status.phase}=Running") == .jsonpath(expression: "{.status.phase}", value: "Running"))
        let pod: JSONValue = ["status": ["phase": "Running", "conditions": [["type": "Ready", "status": "True"]]]]
        #expect(try WaitCondition("condition=ready").isMet(pod))
        #expect(try WaitCondition("jsonpath={.status.phase}=Running").isMet(pod))
        #expect(try !WaitCondition("jsonpath={.status.phase}=Failed").isMet(pod))
        #expect(try WaitCondition("delete").isMet(nil))
        #expect(throws: KubectlError.self) { try WaitCondition("ready") }
    }

    @Test func threeWayMergePatch() {
        let original: JSONValue = ["metadata": ["labels": ["a": "1", "b": "2"]], "spec": ["replicas": 1]]
        let modified: JSONValue = ["metadata": ["labels": ["a": "1", "c": "3"]], "spec": ["replicas": 2]]
        let current: JSONValue = ["metadata": ["labels": ["a": "1", "b": "2", "server": "x"]], "spec": ["replicas": 1, "paused": false], "status": [:]]
        let patch = ThreeWayMergePatch.create(original: original, modified: modified, current: current)
        #expect(patch == ["metadata": ["labels": ["b": nil, "c": "3"]], "spec": ["replicas": 2]])
        #expect(ThreeWayMergePatch.isEmpty(ThreeWayMergePatch.create(original: modified, modified: modified, current: modified)))
    }

    @Test func lastAppliedAnnotationExcludesItself() throws {
        let object: JSONValue = ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "c", "annotations": ["kubectl.kubernetes.io/last-applied-configuration": "old"]]]
        let modified = Apply.withLastApplied(object)
        let annotation = modified[path: ["metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration"]]?.stringValue
        #expect(annotation == #"{"apiVersion":"v1","kind":"ConfigMap","metadata":{"name":"c"}}"# + "\n")
    }

    @Test func manifestsFromFilesAndLists() throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ks-manifests-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        try "apiVersion: v1\nkind: List\nitems:\n- {apiVersion: v1, kind: ConfigMap, metadata: {name: a}}\n---\napiVersion: v1\nkind: Secret\nmetadata: {name: b}\n"
            .write(toFile: "\(dir)/one.yaml", atomically: true, encoding: .utf8)
        try #"{"apiVersion":"v1","kind":"Namespace","metadata":{"name":"n"}}"#.write(toFile: "\(dir)/two.json", atomically: true, encoding: .utf8)
        try "ignored".write(toFile: "\(dir)/notes.txt", atomically: true, encoding: .utf8)
        let objects = try ManifestReader.read([dir])
        #expect(objects.map { $0["kind"]?.stringValue ?? "" } == ["ConfigMap", "Secret", "Namespace"])
        #expect(throws: KubectlError.self) { try ManifestReader.read(["\(dir)/absent.yaml"]) }
        #expect(throws: KubectlError.self) { try ManifestReader.parse("metadata: {name: x}\n", source: "x.yaml") }
    }

    @Test func apiErrorsPrintAsKubectlDoes() {
        let body = #"{"kind":"Status","apiVersion":"v1","status":"Failure","message":"pods \"x\" not found","reason":"NotFound","details":{"name":"x","kind":"pods"},"code":404}"#
        let error = APIError.from(statusCode: 404, body: Array(body.utf8))
        #expect(error.description == #"Error from server (NotFound): pods "x" not found"#)
        #expect(error.isNotFound)
        #expect(APIError.from(statusCode: 404, body: Array("404 page not found".utf8)).description == "Error from server (NotFound): the server could not find the requested resource")
        #expect(APIError(code: 401, reason: "Unauthorized", message: "Unauthorized").description == "error: You must be logged in to the server (Unauthorized)")
    }

    @Test func watchLinesSplitAcrossChunks() throws {
        var splitter = NewlineDelimitedSplitter()
        #expect(splitter.feed(Array(#"{"type":"ADDED","object":{"a":1}}"#.utf8).prefix(10)).isEmpty)
        let lines = splitter.feed(Array(#"{"type":"ADDED","object":{"a":1}}"#.utf8).dropFirst(10) + Array("\n\n{\"type\":\"DELETED\",\"object\":{}}\n{\"ty".utf8))
        #expect(lines.count == 2)
        let event = try WatchEvent(json: try JSONValue.parse(lines[0]))
        #expect(event.type == .added)
        #expect(event.object == ["a": 1])
        #expect(splitter.finish() == Array("{\"ty".utf8))
    }

    @Test func resourcePaths() {
        #expect(ResourcePath(resource: "pods", namespace: "default", name: "web", subresource: "status").urlPath == "/api/v1/namespaces/default/pods/web/status")
        #expect(ResourcePath(group: "apps", resource: "deployments").urlPath == "/apis/apps/v1/deployments")
        #expect(ResourcePath.encodeQuery(["labelSelector": "app in (a,b)", "watch": "true"]) == "?labelSelector=app%20in%20%28a%2Cb%29&watch=true")
    }
}
