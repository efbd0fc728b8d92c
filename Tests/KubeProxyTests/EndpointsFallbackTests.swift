import KubeAPI
import Testing
@testable import KubeProxy

/// core/v1 Endpoints are used for a Service that has no EndpointSlices.
@Suite struct EndpointsFallbackTests {
    @Test func legacyEndpointsProgramTheService() async throws {
        let (proxier, _) = Fixtures.proxier()
        proxier.onServiceAdd(Fixtures.service("ns1", "svc1", clusterIP: "10.20.30.41", ports: [("p80", 80, nil)]))
        proxier.onEndpointsAdd(
            Endpoints(
                metadata: ObjectMeta(name: "svc1", namespace: "ns1"),
                subsets: [
                    EndpointSubset(
                        addresses: [EndpointAddress(ip: "10.180.0.1")], notReadyAddresses: [EndpointAddress(ip: "10.180.0.2")],
                        ports: [EndpointPort(name: "p80", port: 80, protocol: "TCP")])
                ]))
        let outcome = try #require(await proxier.syncProxyRules())
        #expect(outcome.text.contains("-A KUBE-SVC-XPGD46QRK7WJZT7O -m comment --comment \"ns1/svc1:p80 -> 10.180.0.1:80\" -j KUBE-SEP-SXIVWICOYRO3J4NJ"))
        #expect(!outcome.text.contains("10.180.0.2"))

        // Once slices exist they win over the Endpoints object.
        proxier.onEndpointSliceAdd(Fixtures.slice("ns1", service: "svc1", port: ("p80", 80), endpoints: [("10.180.0.3", true)]))
        let next = try #require(await proxier.syncProxyRules())
        #expect(next.text.contains("--to-destination 10.180.0.3:80"))
        #expect(next.input.nat.deletedChains == ["KUBE-SEP-SXIVWICOYRO3J4NJ"])
    }
}
