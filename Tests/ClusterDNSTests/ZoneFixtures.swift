import KubeAPI
@testable import ClusterDNS

/// A small cluster: a ClusterIP Service with named ports, a headless one with two ready
/// endpoints and one unready, and an ExternalName.
enum ZoneFixtures {
    static func records() -> ClusterRecords {
        let records = ClusterRecords()
        records.onServiceAdd(
            Service(
                metadata: ObjectMeta(name: "web", namespace: "default"),
                spec: ServiceSpec(
                    ports: [ServicePort(name: "http", protocol: "TCP", port: 80), ServicePort(name: "dns", protocol: "UDP", port: 53)],
                    clusterIP: "10.96.0.20", clusterIPs: ["10.96.0.20"])))
        records.onServiceAdd(
            Service(
                metadata: ObjectMeta(name: "db", namespace: "data"),
                spec: ServiceSpec(ports: [ServicePort(name: "pg", protocol: "TCP", port: 5432)], clusterIP: "None")))
        records.onEndpointSliceAdd(
            EndpointSlice(
                metadata: ObjectMeta(name: "db-x", namespace: "data", labels: ["kubernetes.io/service-name": "db"]),
                addressType: "IPv4",
                endpoints: [
                    Endpoint(addresses: ["10.244.0.5"], conditions: EndpointConditions(ready: true), hostname: "db-0"),
                    Endpoint(addresses: ["10.244.0.6"], conditions: EndpointConditions(ready: true)),
                    Endpoint(addresses: ["10.244.0.7"], conditions: EndpointConditions(ready: false)),
                ],
                ports: [EndpointSlicePort(name: "pg", protocol: "TCP", port: 5432)]))
        records.onServiceAdd(
            Service(metadata: ObjectMeta(name: "ext", namespace: "default"), spec: ServiceSpec(type: "ExternalName", externalName: "example.com")))
        return records
    }

    static func query(_ name: String, _ type: DNSRecordType, id: UInt16 = 42) -> DNSMessage {
        DNSMessage(id: id, questions: [DNSQuestion(name: DNSName(name), type: type)])
    }
}
