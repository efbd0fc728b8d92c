import Foundation
import KubeAPI
import KubeStore
import Testing

@testable import KubeAPIServer

@Suite struct DeleteTests {
    let cms = "/api/v1/namespaces/default/configmaps"

    @Test func finalizersHoldTheObjectUntilRemoved() async throws {
        let api = try await TestAPI()
        await api.call("POST", cms, ["metadata": ["name": "f", "finalizers": ["example.com/hold"]]])
        let deleting = await api.call("DELETE", cms + "/f")
        #expect(deleting.status == 202)
        #expect(deleting.body[path: ["metadata", "deletionTimestamp"]] != nil)
        let still = await api.call("GET", cms + "/f")
        #expect(still.status == 200)
        let released = await api.call("PATCH", cms + "/f", ["metadata": ["finalizers": nil]], contentType: "application/merge-patch+json")
        #expect(released.status == 200)
        #expect(await api.call("GET", cms + "/f").status == 404)
    }

    @Test func preconditionsAndPropagationPolicies() async throws {
        let api = try await TestAPI()
        await api.call("POST", cms, ["metadata": ["name": "p"]])
        let wrongUID = await api.call("DELETE", cms + "/p", ["kind": "DeleteOptions", "apiVersion": "v1", "preconditions": ["uid": "nope"]])
        #expect(wrongUID.status == 409)
        #expect(wrongUID.body["message"]?.stringValue?.contains("Precondition failed: UID in precondition: nope") == true)
        let foreground = await api.call("DELETE", cms + "/p", query: ["propagationPolicy": "Foreground"])
        #expect(foreground.status == 202)
        #expect(foreground.body[path: ["metadata", "finalizers"]] == ["foregroundDeletion"])
    }

    @Test func boundPodsAreDeletedGracefully() async throws {
        let api = try await TestAPI()
        let pods = "/api/v1/namespaces/default/pods"
        await api.call("POST", pods, pod("g"))
        let bind = await api.call("POST", pods + "/g/binding", ["apiVersion": "v1", "kind": "Binding", "metadata": ["name": "g"], "target": ["kind": "Node", "name": "node-1"]])
        #expect(bind.status == 201)
        let bound = await api.call("GET", pods + "/g")
        #expect(bound.body[path: ["spec", "nodeName"]] == "node-1")
        #expect(bound.body[path: ["status", "conditions"]]?.arrayValue?.first?["type"] == "PodScheduled")
        let rebind = await api.call("POST", pods + "/g/binding", ["target": ["kind": "Node", "name": "node-2"]])
        #expect(rebind.status == 409)
        let graceful = await api.call("DELETE", pods + "/g")
        #expect(graceful.status == 202)
        #expect(graceful.body[path: ["metadata", "deletionGracePeriodSeconds"]] == 30)
        #expect(await api.call("GET", pods + "/g").status == 200)
        // The kubelet confirms with grace 0.
        let final = await api.call("DELETE", pods + "/g", query: ["gracePeriodSeconds": "0"])
        #expect(final.status == 200)
        #expect(await api.call("GET", pods + "/g").status == 404)
    }

    @Test func deleteCollectionBySelector() async throws {
        let api = try await TestAPI()
        for (n, l) in [("a", "x"), ("b", "x"), ("c", "y")] { await api.call("POST", cms, ["metadata": ["name": .string(n), "labels": ["l": .string(l)]]]) }
        let reply = await api.call("DELETE", cms, query: ["labelSelector": "l=x"])
        #expect(reply.status == 200)
        let left = await api.call("GET", cms)
        #expect(left.body["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue } == ["c"])
    }

    @Test func namespaceDeletionEmptiesAndRemovesIt() async throws {
        let api = try await TestAPI()
        await api.call("POST", "/api/v1/namespaces", ["metadata": ["name": "tmp"]])
        await api.call("POST", "/api/v1/namespaces/tmp/configmaps", ["metadata": ["name": "x"]])
        let deleting = await api.call("DELETE", "/api/v1/namespaces/tmp")
        #expect(deleting.body[path: ["status", "phase"]] == "Terminating")
        let refused = await api.call("POST", "/api/v1/namespaces/tmp/configmaps", ["metadata": ["name": "y"]])
        #expect(refused.status == 403 || refused.status == 404)
        var gone = false
        for _ in 0..<50 {
            if await api.call("GET", "/api/v1/namespaces/tmp").status == 404 { gone = true; break }
            try await Task.sleep(for: .milliseconds(50))
        }
        #expect(gone)
        #expect(await api.call("GET", "/api/v1/namespaces/tmp/configmaps/x").status == 404)
    }
}
