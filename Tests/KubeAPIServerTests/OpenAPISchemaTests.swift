import Foundation
import KubeAPI
import Testing

@testable import KubeAPIServer

/// The shape of the generated OpenAPI v3 documents: what kubectl explain and client-side apply read.
@Suite struct OpenAPISchemaTests {
    func document(_ api: TestAPI, _ key: String) async throws -> JSONValue {
        let index = await api.call("GET", "/openapi/v3")
        let url = try #require(index.body[path: ["paths", key, "serverRelativeURL"]]?.stringValue)
        #expect(url.contains("?hash="))
        let path = String(url.split(separator: "?")[0])
        let doc = await api.call("GET", path)
        #expect(doc.status == 200)
        return doc.body
    }

    func schema(_ doc: JSONValue, _ name: String) throws -> JSONValue {
        try #require(doc[path: ["components", "schemas", name]], "no schema \(name)")
    }

    @Test func indexListsEveryGroupVersion() async throws {
        let api = try await TestAPI()
        let index = await api.call("GET", "/openapi/v3")
        let paths = try #require(index.body["paths"]?.objectValue)
        for key in ["api/v1", "apis/apps/v1", "apis/batch/v1", "apis/coordination.k8s.io/v1", "apis/discovery.k8s.io/v1"] {
            #expect(paths[key] != nil, "missing \(key)")
        }
        // The hash names the document's content: served twice, the same.
        let again = await api.call("GET", "/openapi/v3")
        #expect(again.body == index.body)
    }

    @Test func podSchemaIsComplete() async throws {
        let api = try await TestAPI()
        let doc = try await document(api, "api/v1")
        let pod = try schema(doc, "io.k8s.api.core.v1.Pod")
        #expect(pod["x-kubernetes-group-version-kind"] == [["group": "", "kind": "Pod", "version": "v1"]])
        #expect(pod[path: ["properties", "apiVersion", "type"]] == "string")
        #expect(pod[path: ["properties", "spec", "allOf"]] == [["$ref": "#/components/schemas/io.k8s.api.core.v1.PodSpec"]])
        #expect(pod[path: ["properties", "metadata", "allOf"]] == [["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta"]])
        #expect(pod["description"]?.stringValue?.hasPrefix("Pod is a collection of containers") == true)

        let spec = try schema(doc, "io.k8s.api.core.v1.PodSpec")
        #expect(spec["required"] == ["containers"])
        let containers = try #require(spec[path: ["properties", "containers"]])
        #expect(containers["type"] == "array")
        #expect(containers[path: ["items", "$ref"]] == "#/components/schemas/io.k8s.api.core.v1.Container")
        #expect(containers["x-kubernetes-patch-strategy"] == "merge")
        #expect(containers["x-kubernetes-patch-merge-key"] == "name")
        #expect(containers["x-kubernetes-list-type"] == "map")
        #expect(containers["x-kubernetes-list-map-keys"] == ["name"])
        #expect(containers["description"]?.stringValue?.hasPrefix("List of containers belonging to the pod.") == true)
        #expect(spec[path: ["properties", "volumes", "x-kubernetes-patch-strategy"]] == "merge,retainKeys")
        #expect(spec[path: ["properties", "nodeSelector", "type"]] == "object")
        #expect(spec[path: ["properties", "nodeSelector", "additionalProperties", "type"]] == "string")
        #expect(spec[path: ["properties", "terminationGracePeriodSeconds", "format"]] == "int64")
        #expect(spec[path: ["properties", "hostNetwork", "type"]] == "boolean")
        // Tolerations replace as a whole: no merge strategy.
        #expect(spec[path: ["properties", "tolerations", "x-kubernetes-patch-strategy"]] == nil)

        let container = try schema(doc, "io.k8s.api.core.v1.Container")
        #expect(container["required"] == ["name"])
        #expect(container[path: ["properties", "image", "type"]] == "string")
        #expect(container[path: ["properties", "ports", "x-kubernetes-patch-merge-key"]] == "containerPort")
        #expect(container[path: ["properties", "ports", "x-kubernetes-list-map-keys"]] == ["containerPort", "protocol"])
        #expect(container[path: ["properties", "env", "x-kubernetes-patch-merge-key"]] == "name")
        #expect(container[path: ["properties", "volumeMounts", "x-kubernetes-patch-merge-key"]] == "mountPath")
        #expect(try schema(doc, "io.k8s.api.core.v1.ContainerPort")[path: ["properties", "containerPort", "format"]] == "int32")

        // Inline structs are spliced in: a Volume has hostPath, a Probe has httpGet.
        #expect(try schema(doc, "io.k8s.api.core.v1.Volume")[path: ["properties", "hostPath"]] != nil)
        #expect(try schema(doc, "io.k8s.api.core.v1.Probe")[path: ["properties", "httpGet"]] != nil)

        // Upstream's special formats.
        let intOrString = try schema(doc, "io.k8s.apimachinery.pkg.util.intstr.IntOrString")
        #expect(intOrString["format"] == "int-or-string")
        #expect(intOrString["oneOf"] == [["type": "integer"], ["type": "string"]])
        #expect(try schema(doc, "io.k8s.apimachinery.pkg.api.resource.Quantity")["oneOf"] == [["type": "string"], ["type": "number"]])
        #expect(try schema(doc, "io.k8s.apimachinery.pkg.apis.meta.v1.Time")["format"] == "date-time")
        #expect(try schema(doc, "io.k8s.api.core.v1.HTTPGetAction")[path: ["properties", "port", "allOf"]]
            == [["$ref": "#/components/schemas/io.k8s.apimachinery.pkg.util.intstr.IntOrString"]])

        let meta = try schema(doc, "io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta")
        #expect(meta[path: ["properties", "finalizers", "x-kubernetes-list-type"]] == "set")
        #expect(meta[path: ["properties", "ownerReferences", "x-kubernetes-patch-merge-key"]] == "uid")
        #expect(meta[path: ["properties", "labels", "description"]] != nil)

        // Every $ref points at a schema the document carries.
        var refs: Set<String> = []
        func collect(_ v: JSONValue) {
            switch v {
            case .object(let o):
                if let r = o["$ref"]?.stringValue { refs.insert(String(r.dropFirst("#/components/schemas/".count))) }
                o.values.forEach(collect)
            case .array(let a): a.forEach(collect)
            default: break
            }
        }
        collect(doc)
        let schemas = try #require(doc[path: ["components", "schemas"]]?.objectValue)
        for r in refs { #expect(schemas[r] != nil, "dangling $ref \(r)") }
    }

    @Test func workloadSchemas() async throws {
        let api = try await TestAPI()
        let doc = try await document(api, "apis/apps/v1")
        let deployment = try schema(doc, "io.k8s.api.apps.v1.Deployment")
        #expect(deployment["x-kubernetes-group-version-kind"] == [["group": "apps", "kind": "Deployment", "version": "v1"]])
        let spec = try schema(doc, "io.k8s.api.apps.v1.DeploymentSpec")
        #expect(spec["required"] == ["selector", "template"])
        #expect(spec[path: ["properties", "replicas", "type"]] == "integer")
        #expect(spec[path: ["properties", "strategy", "x-kubernetes-patch-strategy"]] == "retainKeys")
        #expect(spec[path: ["properties", "selector", "x-kubernetes-map-type"]] == "atomic")
        // The pod template's spec keeps the PodSpec merge rules.
        #expect(try schema(doc, "io.k8s.api.core.v1.PodSpec")[path: ["properties", "containers", "x-kubernetes-patch-merge-key"]] == "name")
        #expect(try schema(doc, "io.k8s.api.apps.v1.DeploymentList")["x-kubernetes-group-version-kind"] != nil)
        // The scale subresource answers Scale.
        let scale = doc[path: ["paths", "/apis/apps/v1/namespaces/{namespace}/deployments/{name}/scale", "get", "x-kubernetes-group-version-kind"]]
        #expect(scale == ["group": "autoscaling", "version": "v1", "kind": "Scale"])
        #expect(try schema(doc, "io.k8s.api.autoscaling.v1.Scale")[path: ["properties", "spec"]] != nil)

        let service = try schema(try await document(api, "api/v1"), "io.k8s.api.core.v1.ServiceSpec")
        #expect(service[path: ["properties", "ports", "x-kubernetes-patch-merge-key"]] == "port")
        #expect(service[path: ["properties", "ports", "x-kubernetes-list-map-keys"]] == ["port", "protocol"])
    }

    @Test func writesStillAdvertiseFieldValidation() async throws {
        let api = try await TestAPI()
        let doc = try await document(api, "api/v1")
        for method in ["put", "patch"] {
            let op = doc[path: ["paths", "/api/v1/namespaces/{namespace}/pods/{name}", method]]
            #expect(op?["parameters"]?.arrayValue?.contains { $0["name"] == "fieldValidation" } == true)
        }
        let post = doc[path: ["paths", "/api/v1/namespaces/{namespace}/pods", "post"]]
        #expect(post?["parameters"]?.arrayValue?.contains { $0["name"] == "fieldValidation" } == true)
        #expect(doc[path: ["paths", "/api/v1/namespaces/{namespace}/pods/{name}", "patch", "requestBody", "content", "application/strategic-merge-patch+json"]] != nil)
    }
}
