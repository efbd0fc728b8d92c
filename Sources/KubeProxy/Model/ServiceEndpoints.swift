import KubeAPI

/// Turns the EndpointSlices (or, where a Service has none, the legacy Endpoints object) of one
/// Service into endpoints per service port, as upstream's EndpointsChangeTracker does:
/// slices are matched to the Service by the `kubernetes.io/service-name` label, each
/// endpoint uses its first address, and the same `ip:port` from two slices counts once.
public enum ServiceEndpoints {
    public static let serviceNameLabel = "kubernetes.io/service-name"

    /// Endpoints per service port of `service`, keyed by port name + protocol.
    public static func fromSlices(_ slices: [EndpointSlice], service: ServiceName, hostname: String) -> [ServicePortName: [EndpointInfo]] {
        var result: [ServicePortName: Set<EndpointInfo>] = [:]
        for slice in slices where slice.addressType == "IPv4" {
            for port in slice.ports ?? [] {
                guard let number = port.port, number > 0 else { continue }
                let name = ServicePortName(namespace: service.namespace, name: service.name, port: port.name ?? "", protocol: port.protocol ?? "TCP")
                for endpoint in slice.endpoints {
                    guard let ip = endpoint.addresses.first, !ip.isEmpty else { continue }
                    // A nil ready condition means "unknown" and counts as ready (API docs).
                    let ready = endpoint.conditions.ready ?? true
                    let info = EndpointInfo(
                        ip: ip, port: Int(number), ready: ready, serving: endpoint.conditions.serving,
                        terminating: endpoint.conditions.terminating ?? false,
                        isLocal: !hostname.isEmpty && endpoint.nodeName == hostname)
                    insertPreferringReady(info, into: &result[name, default: []])
                }
            }
        }
        return result.mapValues { $0.sorted() }
    }

    /// The core/v1 Endpoints fallback: `addresses` are ready, `notReadyAddresses` are not.
    public static func fromEndpoints(_ endpoints: Endpoints, service: ServiceName, hostname: String) -> [ServicePortName: [EndpointInfo]] {
        var result: [ServicePortName: Set<EndpointInfo>] = [:]
        for subset in endpoints.subsets ?? [] {
            for port in subset.ports ?? [] where port.port > 0 {
                let name = ServicePortName(namespace: service.namespace, name: service.name, port: port.name ?? "", protocol: port.protocol ?? "TCP")
                let all = (subset.addresses ?? []).map { ($0, true) } + (subset.notReadyAddresses ?? []).map { ($0, false) }
                for (address, ready) in all where !address.ip.isEmpty && !address.ip.utf8.contains(UInt8(ascii: ":")) {
                    let info = EndpointInfo(
                        ip: address.ip, port: Int(port.port), ready: ready,
                        isLocal: !hostname.isEmpty && address.nodeName == hostname)
                    insertPreferringReady(info, into: &result[name, default: []])
                }
            }
        }
        return result.mapValues { $0.sorted() }
    }

    private static func insertPreferringReady(_ info: EndpointInfo, into set: inout Set<EndpointInfo>) {
        if let existing = set.first(where: { $0.ip == info.ip && $0.port == info.port }) {
            guard info.ready && !existing.ready else { return }
            set.remove(existing)
        }
        set.insert(info)
    }
}

/// Upstream's `CategorizeEndpoints`: which endpoints serve Cluster and Local traffic policy.
/// Ready endpoints are used; when none are ready, serving-but-terminating ones are, so
/// connections drain during a rollout instead of being rejected.
public struct CategorizedEndpoints: Sendable {
    public var cluster: [EndpointInfo]
    public var local: [EndpointInfo]
    /// Every endpoint either policy uses: the KUBE-SEP chains to write.
    public var allReachable: [EndpointInfo]
    public var hasAny: Bool

    public init(_ endpoints: [EndpointInfo], service: ServicePortInfo) {
        func usable(_ candidates: [EndpointInfo]) -> [EndpointInfo] {
            let ready = candidates.filter(\.ready)
            return ready.isEmpty ? candidates.filter { $0.serving && $0.terminating } : ready
        }
        cluster = service.usesClusterEndpoints ? usable(endpoints) : []
        local = service.usesLocalEndpoints ? usable(endpoints.filter(\.isLocal)) : []
        hasAny = !usable(endpoints).isEmpty
        if local.isEmpty {
            allReachable = cluster
        } else if cluster.isEmpty {
            allReachable = local
        } else {
            allReachable = Array(Set(cluster).union(local)).sorted()
        }
    }
}
