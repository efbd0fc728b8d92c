import KubeAPI
import Testing

@testable import KubeAPIServer

/// Pods get 300 s tolerations for the not-ready and unreachable NoExecute taints unless they
/// already tolerate them, as upstream's DefaultTolerationSeconds admission gives them.
@Suite struct DefaultTolerationSecondsTests {
    let pods = "/api/v1/namespaces/default/pods"

    func tolerations(_ reply: TestAPI.Reply) -> [JSONValue] { reply.body[path: ["spec", "tolerations"]]?.arrayValue ?? [] }

    @Test func podWithoutTolerationsGetsBoth() async throws {
        let api = try await TestAPI()
        let created = await api.call("POST", pods, pod("a"))
        #expect(created.status == 201)
        #expect(tolerations(created) == [
            ["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300],
            ["key": "node.kubernetes.io/unreachable", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300],
        ])
    }

    @Test func ownTolerationsAreKept() async throws {
        let api = try await TestAPI()
        var short = pod("short")
        short.set(path: ["spec", "tolerations"], to: [
            ["key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 10],
            ["key": "dedicated", "operator": "Equal", "value": "gpu", "effect": "NoSchedule"],
        ])
        let created = await api.call("POST", pods, short)
        #expect(created.status == 201)
        #expect(tolerations(created).map { $0["key"]?.stringValue ?? "" } == ["node.kubernetes.io/not-ready", "dedicated", "node.kubernetes.io/unreachable"])
        #expect(tolerations(created).first?["tolerationSeconds"] == 10)

        // Tolerating everything (empty key, operator Exists) covers both taints.
        var all = pod("all")
        all.set(path: ["spec", "tolerations"], to: [["operator": "Exists"]])
        #expect(tolerations(await api.call("POST", pods, all)) == [["operator": "Exists"]])
    }

    @Test func updatesKeepTheTolerations() async throws {
        let api = try await TestAPI()
        let created = await api.call("POST", pods, pod("a"))
        let patched = await api.call("PATCH", pods + "/a", ["metadata": ["labels": ["adopted": "yes"]]],
                                     contentType: "application/merge-patch+json")
        #expect(patched.status == 200, "\(patched.body)")
        #expect(tolerations(patched) == tolerations(created))
        var put = patched.body
        put.set(path: ["spec", "tolerations"], to: nil)
        let replaced = await api.call("PUT", pods + "/a", put)
        #expect(replaced.status == 200, "\(replaced.body)")
        #expect(tolerations(replaced) == tolerations(created))

        // The same tolerations with their keys in another order (Foundation's JSONEncoder on Linux
        // writes a struct's keys in no fixed order) are the same tolerations.
        var reordered = replaced.body
        reordered.set(path: ["spec", "tolerations"], to: .array(tolerations(created).map { t in
            var shuffled: JSONValue = [:]
            for key in ["tolerationSeconds", "effect", "operator", "key"] { shuffled[key] = t[key] }
            return shuffled
        }))
        let sameTolerations = await api.call("PUT", pods + "/a", reordered)
        #expect(sameTolerations.status == 200, "\(sameTolerations.body)")

        // A client's typed round trip (decode, change, encode, PUT) keeps them too.
        var typed = try sameTolerations.body.decode(as: Pod.self)
        typed.metadata.labels = ["app": "debug"]
        let roundTrip = await api.call("PUT", pods + "/a", try JSONValue(encoding: typed))
        #expect(roundTrip.status == 200, "\(roundTrip.body)")
    }

    @Test func otherKindsAndSubresourcesAreLeftAlone() async throws {
        let api = try await TestAPI()
        let created = await api.call("POST", pods, pod("a"))
        var status = created.body
        status.set(path: ["status", "phase"], to: "Running")
        let updated = await api.call("PUT", pods + "/a/status", status)
        #expect(updated.status == 200)
        #expect(tolerations(updated).count == 2)
        let cm = await api.call("POST", "/api/v1/namespaces/default/configmaps", ["metadata": ["name": "c"], "data": ["k": "v"]])
        #expect(cm.body["spec"] == nil)
    }
}
