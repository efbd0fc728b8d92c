import EtcdTestSupport
import Foundation
import KubeAPI
import KubeStore
import KubeswiftTestSupport
import Synchronization
import Testing

@testable import KubeAPIServer

/// The apiserver over etcd: what etcd adds beyond the store conformance suite.
@Suite("apiserver on etcd", .enabled(if: EtcdTestCluster.available, "needs etcd: /usr/bin/etcd (Debian etcd-server) or $KUBESWIFT_ETCD"))
struct EtcdAPIServerTests {
    /// Two apiservers on one etcd: a write through one reaches a watch on the other, with the same
    /// resourceVersion (the etcd mod revision) through both.
    @Test func writeThroughOneIsSeenByWatchOnTheOther() async throws {
        try await EtcdTestCluster.with { cluster in
            let endpoints = try EtcdEndpoint.parseList(cluster.servers)
            let storeA = try await EtcdStore.connect(endpoints: endpoints, options: .patient)
            let storeB = try await EtcdStore.connect(endpoints: endpoints, options: .patient)
            let a = try await TestAPI(store: storeA)
            let b = try await TestAPI(store: storeB)
            let path = "/api/v1/namespaces/default/configmaps"

            let listed = await b.call("GET", path)
            let listRV = try #require(listed.body[path: ["metadata", "resourceVersion"]]?.stringValue)
            let created = CreatedObject()
            let events = await b.watch(path, query: ["resourceVersion": listRV], count: 1, timeout: .seconds(30)) {
                let reply = await a.call("POST", path, ["apiVersion": "v1", "kind": "ConfigMap", "metadata": ["name": "shared"], "data": ["k": "v"]])
                created.set(reply.body)
            }
            let createdRV = try #require(created.value?[path: ["metadata", "resourceVersion"]]?.stringValue)
            #expect(events.count == 1)
            #expect(events.first?["type"]?.stringValue == "ADDED")
            #expect(events.first?[path: ["object", "metadata", "name"]]?.stringValue == "shared")
            #expect(events.first?[path: ["object", "metadata", "resourceVersion"]]?.stringValue == createdRV)

            let readBack = await b.call("GET", "\(path)/shared")
            #expect(readBack.status == 200)
            #expect(readBack.body[path: ["metadata", "resourceVersion"]]?.stringValue == createdRV)
            // The number is etcd's mod revision of the key, upstream's layout.
            let kv = try await storeB.get("/registry/configmaps/default/shared")
            #expect(kv.map { String($0.modRevision) } == createdRV)

            // An update through B with A's resourceVersion succeeds once; the stale retry through A conflicts.
            var update = readBack.body
            update["data"] = ["k": "v2"]
            #expect(await b.call("PUT", "\(path)/shared", update).status == 200)
            #expect(await a.call("PUT", "\(path)/shared", update).status == 409)
            await storeA.close()
            await storeB.close()
        }
    }

    /// /readyz fails naming etcd while etcd is away, and recovers when it is back.
    @Test func readyzNamesEtcdWhileItIsAway() async throws {
        try await EtcdTestCluster.with { cluster in
            let store = try await EtcdStore.connect(endpoints: try EtcdEndpoint.parseList(cluster.servers), options: .patient)
            let api = try await TestAPI(store: store)

            let healthy = await api.core.handle(APIRequest(method: "GET", path: "/readyz"))
            #expect(healthy.status == 200)

            await cluster.stop(0)
            let degraded = await api.core.handle(APIRequest(method: "GET", path: "/readyz"))
            let text = String(decoding: degraded.bodyBytes, as: UTF8.self)
            #expect(degraded.status == 500)
            #expect(text.contains("[-]etcd failed"), "readyz body: \(text)")

            try await cluster.restart(0)
            var recovered = false
            for _ in 0..<50 where !recovered {
                recovered = await api.core.handle(APIRequest(method: "GET", path: "/readyz")).status == 200
                if !recovered { try await Task.sleep(for: .milliseconds(200)) }
            }
            #expect(recovered)
            await store.close()
        }
    }

    /// `kubeswift apiserver --etcd-servers` with nothing listening: a clear error and a non-zero exit.
    @Test(.enabled(if: ServerProcess.available, "needs a built kubeswift binary"))
    func binaryExitsWhenEtcdIsUnreachable() async throws {
        let port = try freePorts(1)[0]
        let result = try await runCommand(
            ServerProcess.binary.path,
            ["apiserver", "--etcd-servers", "http://127.0.0.1:\(port)", "--port", "0", "--data-dir", NSTemporaryDirectory()])
        #expect(result.status != 0)
        #expect(result.stderr.contains("etcd") && result.stderr.contains("127.0.0.1:\(port)"), "stderr: \(result.stderr)")
        #expect(!result.stdout.contains("listening"))
    }
}

private final class CreatedObject: Sendable {
    private let object = Mutex<JSONValue?>(nil)
    func set(_ value: JSONValue) { object.withLock { $0 = value } }
    var value: JSONValue? { object.withLock { $0 } }
}
