import Foundation
import KubeAPI
import Synchronization

/// The cluster's Services and EndpointSlices as the DNS zone needs them, kept current by
/// event handlers (the same shape as informer handlers). Thread-safe.
public final class ClusterRecords: Sendable {
    struct ServiceEntry: Sendable {
        var clusterIPs: [String]
        var headless: Bool
        var externalName: String?
        var ports: [ServicePort]
    }

    struct State: Sendable {
        var services: [String: [String: ServiceEntry]] = [:]  // namespace → name → entry
        var slices: [String: [String: EndpointSlice]] = [:]  // "ns/service" → slice name → slice
    }

    private let state = Mutex(State())

    public init() {}

    public func onServiceAdd(_ service: Service) { setService(service) }
    public func onServiceUpdate(_ old: Service, _ new: Service) { setService(new) }
    public func onServiceDelete(_ service: Service) {
        guard let ns = service.metadata.namespace, let name = service.metadata.name else { return }
        state.withLock { _ = $0.services[ns]?.removeValue(forKey: name) }
    }

    public func onEndpointSliceAdd(_ slice: EndpointSlice) { setSlice(slice, deleted: false) }
    public func onEndpointSliceUpdate(_ old: EndpointSlice, _ new: EndpointSlice) { setSlice(new, deleted: false) }
    public func onEndpointSliceDelete(_ slice: EndpointSlice) { setSlice(slice, deleted: true) }

    private func setService(_ service: Service) {
        guard let ns = service.metadata.namespace, let name = service.metadata.name else { return }
        let spec = service.spec
        let clusterIP = spec.clusterIP ?? ""
        let ips = (spec.clusterIPs?.isEmpty == false ? spec.clusterIPs! : [clusterIP]).filter { !$0.isEmpty && $0 != "None" }
        let entry = ServiceEntry(
            clusterIPs: ips, headless: clusterIP == "None",
            externalName: spec.type == "ExternalName" ? spec.externalName : nil, ports: spec.ports ?? [])
        state.withLock { $0.services[ns, default: [:]][name] = entry }
    }

    private func setSlice(_ slice: EndpointSlice, deleted: Bool) {
        guard let ns = slice.metadata.namespace, let name = slice.metadata.name,
            let service = slice.metadata.labels?["kubernetes.io/service-name"]
        else { return }
        let key = "\(ns)/\(service)"
        state.withLock { state in
            if deleted {
                state.slices[key]?[name] = nil
                if state.slices[key]?.isEmpty == true { state.slices[key] = nil }
            } else {
                state.slices[key, default: [:]][name] = slice
            }
        }
    }

    // MARK: Queries

    /// One backend of a headless Service: its address and the name it is published under.
    public struct HeadlessEndpoint: Hashable, Sendable {
        public var ip: String
        /// `hostname` from the endpoint, else the dashed IP (`10-244-0-5`), as CoreDNS.
        public var label: String
        public var ports: [EndpointSlicePort]
    }

    public enum ServiceKind: Sendable, Equatable {
        case clusterIP([String])
        case headless([HeadlessEndpoint])
        case externalName(String)
    }

    public struct ServiceRecord: Sendable {
        public var kind: ServiceKind
        public var ports: [ServicePort]
    }

    public func service(namespace: String, name: String, publishNotReady: Bool = false) -> ServiceRecord? {
        state.withLock { state in
            guard let entry = state.services[namespace]?[name] else { return nil }
            if let external = entry.externalName { return ServiceRecord(kind: .externalName(external), ports: entry.ports) }
            if !entry.headless { return ServiceRecord(kind: .clusterIP(entry.clusterIPs), ports: entry.ports) }
            var endpoints: [HeadlessEndpoint] = []
            var seen: Set<String> = []
            for slice in (state.slices["\(namespace)/\(name)"] ?? [:]).values.sorted(by: { ($0.metadata.name ?? "") < ($1.metadata.name ?? "") }) {
                for endpoint in slice.endpoints where endpoint.conditions.ready ?? true {
                    for ip in endpoint.addresses where !seen.contains(ip) {
                        seen.insert(ip)
                        let label = endpoint.hostname ?? ip.replacingOccurrences(of: ".", with: "-").replacingOccurrences(of: ":", with: "-")
                        endpoints.append(HeadlessEndpoint(ip: ip, label: label, ports: slice.ports ?? []))
                    }
                }
            }
            return ServiceRecord(kind: .headless(endpoints), ports: entry.ports)
        }
    }

    public func namespaceExists(_ namespace: String) -> Bool {
        state.withLock { !($0.services[namespace]?.isEmpty ?? true) }
    }
}

