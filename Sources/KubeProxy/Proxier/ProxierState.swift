import KubeAPI

/// What the event handlers record: the Services and endpoints the proxier knows, and which
/// Services changed since the last sync. A sync takes the changes (`takeChanges`) and renders
/// them without holding this state's lock (`RenderState`).
struct ProxierState {
    var hostname: String

    var services: [ServiceName: [ServicePortInfo]] = [:]
    var slices: [ServiceName: [String: EndpointSlice]] = [:]
    var legacyEndpoints: [ServiceName: Endpoints] = [:]
    var pending: Set<ServiceName> = []
    var needFullSync = true
    var servicesSynced = false
    var endpointsSynced = false

    init(hostname: String) {
        self.hostname = hostname
    }

    var isInitialized: Bool { servicesSynced && endpointsSynced }

    // MARK: Recording changes

    mutating func setService(_ service: Service?, name: ServiceName) {
        let ports = service.map(ServicePortInfo.ports(of:)) ?? []
        if ports.isEmpty {
            if services.removeValue(forKey: name) != nil { pending.insert(name) }
        } else if services[name] != ports {
            services[name] = ports
            pending.insert(name)
        }
    }

    mutating func setSlice(_ slice: EndpointSlice, deleted: Bool) {
        guard let serviceName = slice.metadata.labels?[ServiceEndpoints.serviceNameLabel],
            let namespace = slice.metadata.namespace, let sliceName = slice.metadata.name
        else { return }
        let name = ServiceName(namespace: namespace, name: serviceName)
        if deleted {
            guard slices[name]?.removeValue(forKey: sliceName) != nil else { return }
            if slices[name]?.isEmpty == true { slices[name] = nil }
        } else {
            guard slices[name]?[sliceName] != slice else { return }
            slices[name, default: [:]][sliceName] = slice
        }
        pending.insert(name)
    }

    mutating func setLegacyEndpoints(_ endpoints: Endpoints, deleted: Bool) {
        guard let namespace = endpoints.metadata.namespace, let serviceName = endpoints.metadata.name else { return }
        let name = ServiceName(namespace: namespace, name: serviceName)
        if deleted {
            guard legacyEndpoints.removeValue(forKey: name) != nil else { return }
        } else {
            guard legacyEndpoints[name] != endpoints else { return }
            legacyEndpoints[name] = endpoints
        }
        pending.insert(name)
    }

    /// Consumes the pending changes: what the next sync renders, over a snapshot of the
    /// objects (copy-on-write, so taking it is cheap).
    mutating func takeChanges() -> SyncInput {
        defer {
            pending = []
            needFullSync = false
        }
        return SyncInput(
            full: needFullSync, changed: pending, services: services, slices: slices, legacyEndpoints: legacyEndpoints,
            hostname: hostname)
    }
}

/// The changes one sync renders, and the objects as they were when it took them.
struct SyncInput: Sendable {
    var full: Bool
    var changed: Set<ServiceName>
    var services: [ServiceName: [ServicePortInfo]]
    var slices: [ServiceName: [String: EndpointSlice]]
    var legacyEndpoints: [ServiceName: Endpoints]
    var hostname: String

    /// Endpoints per port of one Service: from its EndpointSlices, or from its Endpoints
    /// object when it has no slices (clusters or tests without the slice controller).
    func endpoints(of name: ServiceName) -> [ServicePortName: [EndpointInfo]] {
        if let slices = slices[name], !slices.isEmpty {
            return ServiceEndpoints.fromSlices(Array(slices.values), service: name, hostname: hostname)
        }
        if let legacy = legacyEndpoints[name] {
            return ServiceEndpoints.fromEndpoints(legacy, service: name, hostname: hostname)
        }
        return [:]
    }
}
