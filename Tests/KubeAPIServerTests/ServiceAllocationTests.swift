import Foundation
import KubeAPI
import KubeStore
import Testing

@testable import KubeAPIServer

@Suite struct ServiceAllocationTests {
    let services = "/api/v1/namespaces/default/services"

    func service(_ name: String, type: String = "ClusterIP", clusterIP: String? = nil, nodePort: Int64? = nil) -> JSONValue {
        var port: JSONValue = ["port": 80]
        if let nodePort { port["nodePort"] = .int(nodePort) }
        var spec: JSONValue = ["type": .string(type), "ports": [port], "selector": ["app": "x"]]
        if let clusterIP { spec["clusterIP"] = .string(clusterIP) }
        return ["metadata": ["name": .string(name)], "spec": spec]
    }

    @Test func kubernetesServiceHasFirstAddress() async throws {
        let api = try await TestAPI()
        let svc = await api.call("GET", services + "/kubernetes")
        #expect(svc.body[path: ["spec", "clusterIP"]] == "10.96.0.1")
    }

    @Test func addressesAreUniqueAndReleasedOnDelete() async throws {
        let api = try await TestAPI()
        var ips: Set<String> = []
        var ports: Set<Int64> = []
        for i in 0..<20 {
            let s = await api.call("POST", services, service("s\(i)", type: "NodePort"))
            #expect(s.status == 201)
            ips.insert(s.body[path: ["spec", "clusterIP"]]?.stringValue ?? "")
            if let np = s.body[path: ["spec", "ports"]]?.arrayValue?.first?["nodePort"]?.intValue { ports.insert(np) }
        }
        #expect(ips.count == 20 && !ips.contains("10.96.0.1"))
        #expect(ports.count == 20 && ports.allSatisfy { (30000...32767).contains($0) })
        let taken = await api.call("POST", services, service("clash", clusterIP: "10.96.0.1"))
        #expect(taken.status == 422)
        #expect(taken.body["message"]?.stringValue?.contains("provided IP is already allocated") == true)
        let outside = await api.call("POST", services, service("far", clusterIP: "192.168.0.1"))
        #expect(outside.status == 422)
        let s0 = await api.call("GET", services + "/s0")
        let ip0 = s0.body[path: ["spec", "clusterIP"]]!.stringValue!
        await api.call("DELETE", services + "/s0")
        let reuse = await api.call("POST", services, service("again", clusterIP: ip0))
        #expect(reuse.status == 201)
    }

    @Test func allocationsSurviveRestart() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ks-svc-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: dir) }
        let path = dir.appendingPathComponent("state.db").path
        var firstIP = ""
        do {
            let store = try SQLiteStore(path: path)
            let api = try await TestAPI(store: store)
            let s = await api.call("POST", services, service("keep", type: "NodePort", nodePort: 30080))
            firstIP = s.body[path: ["spec", "clusterIP"]]?.stringValue ?? ""
            await store.close()
        }
        let store = try SQLiteStore(path: path)
        let api = try await TestAPI(store: store)
        let clash = await api.call("POST", services, service("clash", clusterIP: firstIP))
        #expect(clash.status == 422)
        let portClash = await api.call("POST", services, service("pclash", type: "NodePort", nodePort: 30080))
        #expect(portClash.status == 422)
        let fresh = await api.call("POST", services, service("fresh"))
        #expect(fresh.body[path: ["spec", "clusterIP"]]?.stringValue != firstIP)
        await store.close()
    }
}
