import Foundation
import KubeAPI
import KubeStore
import Testing

@testable import KubeAPIServer

@Suite struct CRUDTests {
    let pods = "/api/v1/namespaces/default/pods"

    @Test func createFillsSystemFieldsAndGetReturnsIt() async throws {
        let api = try await TestAPI()
        let created = await api.call("POST", pods, pod("a"))
        #expect(created.status == 201)
        #expect(created.body["kind"] == "Pod")
        #expect(created.body[path: ["metadata", "uid"]]?.stringValue?.count == 36)
        #expect(created.body[path: ["metadata", "namespace"]] == "default")
        #expect(created.body[path: ["metadata", "creationTimestamp"]]?.stringValue?.hasSuffix("Z") == true)
        #expect(created.body[path: ["status", "phase"]] == "Pending")
        #expect(created.body[path: ["status", "qosClass"]] == "BestEffort")
        let got = await api.call("GET", pods + "/a")
        #expect(got.status == 200)
        #expect(got.body == created.body)
    }

    @Test func kindAndApiVersionFilledFromURLAndMismatchRefused() async throws {
        let api = try await TestAPI()
        let bare: JSONValue = ["metadata": ["name": "cm1"], "data": ["k": "v"]]
        let created = await api.call("POST", "/api/v1/namespaces/default/configmaps", bare)
        #expect(created.status == 201)
        #expect(created.body["apiVersion"] == "v1")
        #expect(created.body["kind"] == "ConfigMap")
        let wrong: JSONValue = ["apiVersion": "apps/v1", "kind": "ConfigMap", "metadata": ["name": "cm2"]]
        let refused = await api.call("POST", "/api/v1/namespaces/default/configmaps", wrong)
        #expect(refused.status == 400)
        #expect(refused.body["reason"] == "BadRequest")
        #expect(await api.call("GET", "/api/v1/namespaces/default/configmaps/cm2").status == 404)
    }

    @Test func duplicateCreateIsAlreadyExists() async throws {
        let api = try await TestAPI()
        await api.call("POST", pods, pod("dup"))
        let again = await api.call("POST", pods, pod("dup"))
        #expect(again.status == 409)
        #expect(again.body["reason"] == "AlreadyExists")
        #expect(again.body["message"] == "pods \"dup\" already exists")
    }

    @Test func missingObjectIsNotFoundStatus() async throws {
        let api = try await TestAPI()
        let reply = await api.call("GET", pods + "/nope")
        #expect(reply.status == 404)
        #expect(reply.body["kind"] == "Status")
        #expect(reply.body["message"] == "pods \"nope\" not found")
        #expect(reply.body[path: ["details", "kind"]] == "pods")
        let deployments = await api.call("GET", "/apis/apps/v1/namespaces/default/deployments/x")
        #expect(deployments.body["message"] == "deployments.apps \"x\" not found")
    }

    @Test func createInMissingNamespaceIsRefused() async throws {
        let api = try await TestAPI()
        let reply = await api.call("POST", "/api/v1/namespaces/ghost/pods", pod("a"))
        #expect(reply.status == 404)
        #expect(reply.body["message"] == "namespaces \"ghost\" not found")
    }

    @Test func staleUpdateConflictsAndNothingChanges() async throws {
        let api = try await TestAPI()
        let created = await api.call("POST", "/api/v1/namespaces/default/configmaps", ["metadata": ["name": "c"], "data": ["v": "1"]])
        var first = created.body
        first["data"] = ["v": "2"]
        let ok = await api.call("PUT", "/api/v1/namespaces/default/configmaps/c", first)
        #expect(ok.status == 200)
        #expect(ok.body[path: ["metadata", "resourceVersion"]] != created.body[path: ["metadata", "resourceVersion"]])
        var stale = created.body
        stale["data"] = ["v": "3"]
        let conflict = await api.call("PUT", "/api/v1/namespaces/default/configmaps/c", stale)
        #expect(conflict.status == 409)
        #expect(conflict.body["reason"] == "Conflict")
        #expect(conflict.body["message"]?.stringValue?.contains("the object has been modified") == true)
        let now = await api.call("GET", "/api/v1/namespaces/default/configmaps/c")
        #expect(now.body[path: ["data", "v"]] == "2")
    }

    @Test func invalidObjectIs422WithCausesAndNotStored() async throws {
        let api = try await TestAPI()
        let reply = await api.call("POST", pods, pod("Bad_Name"))
        #expect(reply.status == 422)
        #expect(reply.body["reason"] == "Invalid")
        let causes = reply.body[path: ["details", "causes"]]?.arrayValue ?? []
        #expect(causes.contains { $0["field"] == "metadata.name" && $0["reason"] == "FieldValueInvalid" })
        #expect(reply.body["message"]?.stringValue?.hasPrefix("Pod \"Bad_Name\" is invalid: metadata.name: Invalid value: \"Bad_Name\"") == true)
        let list = await api.call("GET", pods)
        #expect(list.body["items"]?.arrayValue?.isEmpty == true)
    }

    @Test func generateNameMakesAUniqueName() async throws {
        let api = try await TestAPI()
        let template: JSONValue = ["metadata": ["generateName": "web-"], "spec": ["containers": [["name": "c", "image": "i"]]]]
        let a = await api.call("POST", pods, template)
        let b = await api.call("POST", pods, template)
        let nameA = a.body[path: ["metadata", "name"]]?.stringValue ?? ""
        let nameB = b.body[path: ["metadata", "name"]]?.stringValue ?? ""
        #expect(nameA.hasPrefix("web-") && nameA.count == 9)
        #expect(nameA != nameB)
    }

    @Test func dryRunStoresNothing() async throws {
        let api = try await TestAPI()
        let reply = await api.call("POST", pods, pod("dry"), query: ["dryRun": "All"])
        #expect(reply.status == 201)
        #expect(await api.call("GET", pods + "/dry").status == 404)
    }

    @Test func statusSubresourceAndGeneration() async throws {
        let api = try await TestAPI()
        let deployment: JSONValue = [
            "metadata": ["name": "d"],
            "spec": ["replicas": 1, "selector": ["matchLabels": ["a": "b"]],
                     "template": ["metadata": ["labels": ["a": "b"]], "spec": ["containers": [["name": "c", "image": "i"]]]]],
        ]
        let path = "/apis/apps/v1/namespaces/default/deployments"
        let created = await api.call("POST", path, deployment)
        #expect(created.body[path: ["metadata", "generation"]] == 1)
        // A status write changes status only.
        var withStatus = created.body
        withStatus["status"] = ["replicas": 1]
        withStatus.set(path: ["spec", "replicas"], to: 5)
        let status = await api.call("PUT", path + "/d/status", withStatus)
        #expect(status.status == 200)
        #expect(status.body[path: ["status", "replicas"]] == 1)
        #expect(status.body[path: ["spec", "replicas"]] == 1)
        #expect(status.body[path: ["metadata", "generation"]] == 1)
        // A spec write bumps generation and keeps status.
        var spec = status.body
        spec.set(path: ["spec", "replicas"], to: 3)
        spec["status"] = ["replicas": 99]
        let updated = await api.call("PUT", path + "/d", spec)
        #expect(updated.body[path: ["metadata", "generation"]] == 2)
        #expect(updated.body[path: ["status", "replicas"]] == 1)
        // A label change is not a spec change.
        var labelled = updated.body
        labelled.set(path: ["metadata", "labels"], to: ["x": "y"])
        let relabelled = await api.call("PUT", path + "/d", labelled)
        #expect(relabelled.body[path: ["metadata", "generation"]] == 2)
        // Scale subresource.
        let scale = await api.call("GET", path + "/d/scale")
        #expect(scale.body["kind"] == "Scale")
        #expect(scale.body[path: ["spec", "replicas"]] == 3)
        #expect(scale.body[path: ["status", "selector"]] == "a=b")
        let rescaled = await api.call("PUT", path + "/d/scale", ["apiVersion": "autoscaling/v1", "kind": "Scale", "metadata": ["name": "d"], "spec": ["replicas": 7]])
        #expect(rescaled.body[path: ["spec", "replicas"]] == 7)
        #expect(await api.call("GET", path + "/d").body[path: ["metadata", "generation"]] == 3)
    }

    @Test func mergePatchAndPatchWithStaleResourceVersion() async throws {
        let api = try await TestAPI()
        let path = "/api/v1/namespaces/default/configmaps"
        await api.call("POST", path, ["metadata": ["name": "p"], "data": ["a": "1", "b": "2"]])
        let patched = await api.call("PATCH", path + "/p", ["data": ["a": nil, "c": "3"]], contentType: "application/merge-patch+json")
        #expect(patched.status == 200)
        #expect(patched.body["data"] == ["b": "2", "c": "3"])
        let stale = await api.call("PATCH", path + "/p", ["metadata": ["resourceVersion": "1"], "data": ["d": "4"]], contentType: "application/merge-patch+json")
        #expect(stale.status == 409)
        let unsupported = await api.call("PATCH", path + "/p", ["data": [:]], contentType: "text/plain")
        #expect(unsupported.status == 415)
    }

    @Test func bodiesOverThreeMebibytesAreRefused() async throws {
        let api = try await TestAPI()
        let big = String(repeating: "x", count: 3 * 1024 * 1024 + 10)
        let reply = await api.call("POST", "/api/v1/namespaces/default/configmaps", ["metadata": ["name": "big"], "data": ["k": .string(big)]])
        #expect(reply.status == 413)
    }

    @Test func yamlBodiesAreAccepted() async throws {
        let api = try await TestAPI()
        let reply = await api.callYAML("POST", "/api/v1/namespaces/default/configmaps", yaml: """
            apiVersion: v1
            kind: ConfigMap
            metadata:
              name: fromyaml
            data:
              port: "8080"
            """)
        #expect(reply.status == 201)
        #expect(reply.body[path: ["data", "port"]] == "8080")
    }
}
