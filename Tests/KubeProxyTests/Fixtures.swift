import KubeAPI
@testable import KubeProxy

/// Small builders for Services and EndpointSlices in tests.
enum Fixtures {
    static func service(
        _ namespace: String, _ name: String, clusterIP: String, ports: [(name: String, port: Int32, nodePort: Int32?)],
        type: String = "ClusterIP", affinity: Int32? = nil, externalTrafficPolicy: String? = nil
    ) -> Service {
        Service(
            metadata: ObjectMeta(name: name, namespace: namespace),
            spec: ServiceSpec(
                ports: ports.map { ServicePort(name: $0.name, protocol: "TCP", port: $0.port, targetPort: nil, nodePort: $0.nodePort) },
                clusterIP: clusterIP, type: type, sessionAffinity: affinity == nil ? "None" : "ClientIP",
                externalTrafficPolicy: externalTrafficPolicy,
                sessionAffinityConfig: affinity.map { SessionAffinityConfig(clientIP: ClientIPConfig(timeoutSeconds: $0)) }))
    }

    static func slice(
        _ namespace: String, service: String, name: String? = nil, port: (name: String, port: Int32),
        endpoints: [(ip: String, ready: Bool)], nodeName: String? = nil
    ) -> EndpointSlice {
        EndpointSlice(
            metadata: ObjectMeta(name: name ?? "\(service)-abc", namespace: namespace, labels: ["kubernetes.io/service-name": service]),
            addressType: "IPv4",
            endpoints: endpoints.map {
                Endpoint(addresses: [$0.ip], conditions: EndpointConditions(ready: $0.ready, serving: $0.ready, terminating: false), nodeName: nodeName)
            },
            ports: [EndpointSlicePort(name: port.name, protocol: "TCP", port: port.port)])
    }

    /// A proxier on a fake runner, both caches marked synced.
    static func proxier(config: ProxyRuleConfig = ProxyRuleConfig(clusterCIDR: "10.0.0.0/24", randomFully: false)) -> (Proxier, FakeCommandRunner) {
        let runner = FakeCommandRunner()
        let proxier = Proxier(
            iptables: IPTables(backend: .legacy, runner: runner),
            options: Proxier.Options(hostname: "node1", rules: config, minSyncInterval: .zero))
        proxier.onServicesSynced()
        proxier.onEndpointsSynced()
        return (proxier, runner)
    }
}
