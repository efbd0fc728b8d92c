import Foundation
import KubeAPI
import Testing

@testable import KubeAPIServer

/// NamespaceLifecycle admission with its namespace cache running, as in `kubeswift apiserver`.
@Suite struct NamespaceLifecycleTests {
    static func eventually(_ condition: () async -> Bool) async -> Bool {
        for _ in 0..<200 {
            if await condition() { return true }
            try? await Task.sleep(for: .milliseconds(25))
        }
        return false
    }

    @Test func createsAreAdmittedByNamespacePhase() async throws {
        let api = try await TestAPI()
        let caches = Task { [core = api.core] in await core.runCaches() }
        defer { caches.cancel() }
        #expect(await Self.eventually { api.core.namespaceCache.hasSynced })
        #expect(api.core.namespaceCache.phase(of: "default") == "Active")

        // A namespace the cache has not seen yet is looked up in the store.
        await api.call("POST", "/api/v1/namespaces", ["metadata": ["name": "fresh", "finalizers": ["example.com/hold"]]])
        #expect(await api.call("POST", "/api/v1/namespaces/fresh/configmaps", ["metadata": ["name": "a"]]).status == 201)

        let missing = await api.call("POST", "/api/v1/namespaces/missing/configmaps", ["metadata": ["name": "a"]])
        #expect(missing.status == 404)
        #expect(missing.body["message"] == "namespaces \"missing\" not found")

        // Deleting it leaves it Terminating (its finalizer holds it); the cache follows.
        #expect(await api.call("DELETE", "/api/v1/namespaces/fresh").body[path: ["status", "phase"]] == "Terminating")
        #expect(await Self.eventually { api.core.namespaceCache.phase(of: "fresh") == "Terminating" })
        let refused = await api.call("POST", "/api/v1/namespaces/fresh/configmaps", ["metadata": ["name": "b"]])
        #expect(refused.status == 403)
        #expect(refused.body["message"]?.stringValue?.contains("because it is being terminated") == true)
        let event: JSONValue = [
            "metadata": ["name": "e"], "involvedObject": ["kind": "ConfigMap", "name": "a", "namespace": "fresh"],
            "reason": "Test", "message": "m",
        ]
        #expect(await api.call("POST", "/api/v1/namespaces/fresh/events", event).status == 201)
    }
}
