import KubeAPI
import Testing

@testable import Kubelet

@Suite("QoS class")
struct QOSClassTests {
    func pod(_ containers: String, initContainers: String = "[]", status: String = "{}") throws -> Pod {
        try decode(#"{"metadata":{"name":"p"},"spec":{"initContainers":\#(initContainers),"containers":\#(containers)},"status":\#(status)}"#)
    }

    @Test(arguments: [
        // No requests or limits anywhere.
        (#"[{"name":"a"},{"name":"b"}]"#, "[]", QOSClass.bestEffort),
        // Only non-compute resources do not count.
        (#"[{"name":"a","resources":{"limits":{"nvidia.com/gpu":"1"},"requests":{"nvidia.com/gpu":"1"}}}]"#, "[]", .bestEffort),
        // Zero amounts count as unset.
        (#"[{"name":"a","resources":{"requests":{"cpu":"0","memory":"0"}}}]"#, "[]", .bestEffort),
        // Limits only: requests default to limits upstream, but even as sent, equal sums → Guaranteed needs requests == limits.
        (#"[{"name":"a","resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"1","memory":"1Gi"}}}]"#, "[]", .guaranteed),
        (#"[{"name":"a","resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"1000m","memory":"1024Mi"}}}]"#, "[]", .guaranteed),
        (#"[{"name":"a","resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"500m","memory":"1Gi"}}}]"#, "[]", .burstable),
        // One container without memory limit.
        (#"[{"name":"a","resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"1","memory":"1Gi"}}},{"name":"b","resources":{"limits":{"cpu":"1"},"requests":{"cpu":"1"}}}]"#, "[]", .burstable),
        // One best-effort container beside a guaranteed one.
        (#"[{"name":"a","resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"1","memory":"1Gi"}}},{"name":"b"}]"#, "[]", .burstable),
        (#"[{"name":"a","resources":{"requests":{"memory":"10Mi"}}}]"#, "[]", .burstable),
        // Limits without requests: limits present, requests empty → the counts differ.
        (#"[{"name":"a","resources":{"limits":{"cpu":"1","memory":"1Gi"}}}]"#, "[]", .burstable),
        // An init container without limits spoils Guaranteed.
        (#"[{"name":"a","resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"1","memory":"1Gi"}}}]"#, #"[{"name":"i"}]"#, .burstable),
        (#"[{"name":"a"}]"#, #"[{"name":"i","resources":{"requests":{"cpu":"1"}}}]"#, .burstable),
        (#"[{"name":"a","resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"1","memory":"1Gi"}}}]"#,
         #"[{"name":"i","resources":{"limits":{"cpu":"2","memory":"2Gi"},"requests":{"cpu":"2","memory":"2Gi"}}}]"#, .guaranteed),
    ])
    func computed(_ containers: String, _ initContainers: String, _ expected: QOSClass) throws {
        let p = try pod(containers, initContainers: initContainers)
        #expect(QOSClass.compute(p) == expected)
        #expect(QOSClass.of(p) == expected)
    }

    @Test func recordedClassWins() throws {
        let p = try pod(#"[{"name":"a"}]"#, status: #"{"qosClass":"Burstable"}"#)
        #expect(QOSClass.of(p) == .burstable)
        #expect(QOSClass.compute(p) == .bestEffort)
    }

    @Test func podLevelResourcesDecide() throws {
        let p: Pod = try decode(#"""
        {"metadata":{"name":"p"},"spec":{"resources":{"limits":{"cpu":"1","memory":"1Gi"},"requests":{"cpu":"1","memory":"1Gi"}},
          "containers":[{"name":"a"}]}}
        """#)
        #expect(QOSClass.compute(p) == .guaranteed)
    }
}
