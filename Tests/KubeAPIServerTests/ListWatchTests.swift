import Foundation
import KubeAPI
import KubeStore
import Testing

@testable import KubeAPIServer

@Suite struct ListWatchTests {
    let pods = "/api/v1/namespaces/default/pods"

    @Test func listFiltersByLabelAndFieldAndPagesConsistently() async throws {
        let api = try await TestAPI()
        for i in 0..<7 { await api.call("POST", pods, pod("p\(i)", labels: ["tier": i % 2 == 0 ? "web" : "db"])) }
        let web = await api.call("GET", pods, query: ["labelSelector": "tier=web"])
        #expect(web.body["kind"] == "PodList")
        #expect(web.body["items"]?.arrayValue?.count == 4)
        #expect(web.body["items"]?.arrayValue?.first?["kind"] == nil)
        let notWeb = await api.call("GET", pods, query: ["labelSelector": "tier!=web"])
        #expect(notWeb.body["items"]?.arrayValue?.count == 3)
        let byName = await api.call("GET", pods, query: ["fieldSelector": "metadata.name=p3"])
        #expect(byName.body["items"]?.arrayValue?.map { $0[path: ["metadata", "name"]] } == ["p3"])

        // Pages of 3 at one revision; an object created between pages is not seen.
        var names: [String] = []
        var page = await api.call("GET", pods, query: ["limit": "3"])
        let listRV = page.body[path: ["metadata", "resourceVersion"]]
        #expect(page.body[path: ["metadata", "remainingItemCount"]] == 4)
        await api.call("POST", pods, pod("p99"))
        while true {
            names += (page.body["items"]?.arrayValue ?? []).compactMap { $0[path: ["metadata", "name"]]?.stringValue }
            guard let token = page.body[path: ["metadata", "continue"]]?.stringValue else { break }
            page = await api.call("GET", pods, query: ["limit": "3", "continue": token])
            #expect(page.body[path: ["metadata", "resourceVersion"]] == listRV)
        }
        #expect(names == (0..<7).map { "p\($0)" })
    }

    @Test func listAcrossNamespacesAndClusterScoped() async throws {
        let api = try await TestAPI()
        await api.call("POST", "/api/v1/namespaces", ["metadata": ["name": "other"]])
        await api.call("POST", pods, pod("a"))
        await api.call("POST", "/api/v1/namespaces/other/pods", pod("b"))
        let all = await api.call("GET", "/api/v1/pods")
        #expect(all.body["items"]?.arrayValue?.count == 2)
        let ns = await api.call("GET", "/api/v1/namespaces")
        let names = ns.body["items"]?.arrayValue?.compactMap { $0[path: ["metadata", "name"]]?.stringValue }
        #expect(names == ["default", "kube-node-lease", "kube-public", "kube-system", "other"])
    }

    @Test func watchSendsExistingObjectsThenChanges() async throws {
        let api = try await TestAPI()
        await api.call("POST", pods, pod("existing"))
        let events = await api.watch(pods, query: [:], count: 4) {
            await api.call("POST", pods, pod("new"))
            await api.call("PATCH", pods + "/new", ["metadata": ["labels": ["x": "y"]]], contentType: "application/merge-patch+json")
            await api.call("DELETE", pods + "/new")
        }
        #expect(events.map { $0["type"]?.stringValue ?? "" } == ["ADDED", "ADDED", "MODIFIED", "DELETED"])
        #expect(events[0][path: ["object", "metadata", "name"]] == "existing")
        #expect(events[3][path: ["object", "metadata", "name"]] == "new")
    }

    @Test func watchFromResourceVersionReplaysHistoryOnly() async throws {
        let api = try await TestAPI()
        let first = await api.call("POST", pods, pod("a"))
        let rv = first.body[path: ["metadata", "resourceVersion"]]!.stringValue!
        await api.call("POST", pods, pod("b"))
        let events = await api.watch(pods, query: ["resourceVersion": rv], count: 1, timeout: .seconds(2))
        #expect(events.map { $0[path: ["object", "metadata", "name"]] } == ["b"])
    }

    @Test func watchWithSelectorTurnsLeavingIntoDeleted() async throws {
        let api = try await TestAPI()
        await api.call("POST", pods, pod("a", labels: ["app": "web"]))
        let events = await api.watch(pods, query: ["labelSelector": "app=web"], count: 2) {
            await api.call("PATCH", pods + "/a", ["metadata": ["labels": ["app": "db"]]], contentType: "application/merge-patch+json")
        }
        #expect(events.map { $0["type"]?.stringValue ?? "" } == ["ADDED", "DELETED"])
    }

    @Test func watchFromCompactedRevisionIsGone() async throws {
        let store = MemoryStore()
        let api = try await TestAPI(store: store)
        await api.call("POST", pods, pod("a"))
        await api.call("POST", pods, pod("b"))
        let rev = try await store.currentRevision()
        try await store.compact(revision: rev)
        let events = await api.watch(pods, query: ["resourceVersion": "1"], count: 1, timeout: .seconds(2))
        #expect(events.first?["type"] == "ERROR")
        #expect(events.first?[path: ["object", "code"]] == 410)
        #expect(events.first?[path: ["object", "reason"]] == "Expired")
    }

    @Test func watchTimeoutEndsTheStream() async throws {
        let api = try await TestAPI()
        let start = ContinuousClock.now
        // The watch must end by itself, well before the collector's own 60 s cut-off.
        let events = await api.watch(pods, query: ["timeoutSeconds": "1", "resourceVersion": "1"], count: 100, timeout: .seconds(60))
        #expect(events.isEmpty)
        #expect(ContinuousClock.now - start < .seconds(30))
    }

    @Test func tableOutputHasColumnsAndMetadataRows() async throws {
        let api = try await TestAPI()
        await api.call("POST", pods, pod("a"))
        let table = await api.call("GET", pods, accept: "application/json;as=Table;v=v1;g=meta.k8s.io,application/json")
        #expect(table.body["kind"] == "Table")
        #expect(table.body["columnDefinitions"]?.arrayValue?.first?["name"] == "Name")
        let row = table.body["rows"]?.arrayValue?.first
        #expect(row?["cells"]?.arrayValue?.first == "a")
        #expect(row?[path: ["object", "kind"]] == "PartialObjectMetadata")
        let events = await api.watch(pods, query: [:], count: 1, accept: "application/json;as=Table;v=v1;g=meta.k8s.io")
        #expect(events.first?[path: ["object", "kind"]] == "Table")
    }
}
