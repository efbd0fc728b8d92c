import Foundation
import KubeswiftTestSupport
import FoundationNetworking
import Testing

/// An acknowledged write survives `kill -9` of the apiserver (SQLite store, synchronous commits).
@Suite(.enabled(if: ServerProcess.available, "needs a built kubeswift binary"))
struct DurabilityTests {
    @Test func acknowledgedWritesSurviveKillNine() async throws {
        let server = try await ServerProcess()
        defer { server.removeData() }
        let count = 40
        for i in 0..<count {
            var request = URLRequest(url: URL(string: "\(server.url)/api/v1/namespaces/default/configmaps")!)
            request.httpMethod = "POST"
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
            request.httpBody = Data(#"{"metadata":{"name":"cm-\#(i)"},"data":{"i":"\#(i)"}}"#.utf8)
            let (_, response) = try await URLSession.shared.data(for: request)
            #expect((response as? HTTPURLResponse)?.statusCode == 201)
        }
        server.kill9()

        let restarted = try await ServerProcess(dataDir: server.dataDir)
        defer { restarted.stop() }
        let (data, _) = try await URLSession.shared.data(from: URL(string: "\(restarted.url)/api/v1/namespaces/default/configmaps")!)
        let body = try JSONSerialization.jsonObject(with: data) as? [String: Any]
        let items = body?["items"] as? [[String: Any]] ?? []
        let names = Set(items.compactMap { ($0["metadata"] as? [String: Any])?["name"] as? String })
        #expect(names == Set((0..<count).map { "cm-\($0)" }))
    }
}
