import KubeAPI

/// Everything the proxier knows, and the planning of one sync: which chains to write.
///
/// Handlers only record objects and mark their Service as changed. A sync re-renders the
/// changed Services' fragments, reassembles the shared chains, and writes
///   - on a full sync: every chain, the missing jump rules, and deletes every kube-proxy
///     chain the kernel has that is no longer in use;
///   - otherwise: the chains of changed Services, the shared chains whose text changed, and
///     deletes the changed Services' chains that are no longer used.
/// What was written is remembered only once the restore succeeded (`commit`); any failure
/// forces the next sync to be full, since the pending changes have been consumed.
struct ProxierState {
    var hostname: String
    var config: ProxyRuleConfig

    var services: [ServiceName: [ServicePortInfo]] = [:]
    var slices: [ServiceName: [String: EndpointSlice]] = [:]
    var legacyEndpoints: [ServiceName: Endpoints] = [:]
    var pending: Set<ServiceName> = []
    var needFullSync = true
    var servicesSynced = false
    var endpointsSynced = false

    /// Rendered rules per service port, and the ports each Service had when rendered.
    var fragments: [ServicePortName: ServicePortRules] = [:]
    var portsByService: [ServiceName: [ServicePortName]] = [:]
    var endpointCount: [ServiceName: Int] = [:]
    var totalEndpoints = 0
    var largeClusterMode = false
    var sortedPorts: [ServicePortName]? = nil

    /// What the kernel holds after the last successful restore.
    var appliedTop: [String: [String]] = [:]
    var appliedChains: [ServicePortName: [String]] = [:]

    init(hostname: String, config: ProxyRuleConfig) {
        self.hostname = hostname
        self.config = config
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

    // MARK: Planning

    struct Plan {
        var full: Bool
        var input: RestoreInput
        var top: [String: [String]]
        var chains: [ServicePortName: [String]?]
        var changedServices: Int
    }

    /// Consumes the pending changes. `saved` is the kernel's current filter and nat tables,
    /// read before a full sync (for stale chains and jump rules).
    mutating func plan(saved: (filter: SavedTable, nat: SavedTable)?) -> Plan {
        let full = needFullSync
        var changed = pending
        pending = []
        if full { changed.formUnion(services.keys); changed.formUnion(portsByService.keys) }

        // Endpoints first: the endpoint total decides large cluster mode, which changes every
        // endpoint rule, so flipping it re-renders everything.
        var endpointsByService: [ServiceName: [ServicePortName: [EndpointInfo]]] = [:]
        for name in changed {
            let byPort = services[name] == nil ? [:] : endpoints(of: name)
            endpointsByService[name] = byPort
            let count = byPort.values.reduce(0) { $0 + $1.count }
            totalEndpoints += count - (endpointCount[name] ?? 0)
            endpointCount[name] = count == 0 ? nil : count
        }
        let large = totalEndpoints > config.largeClusterEndpointsThreshold
        if large != largeClusterMode {
            largeClusterMode = large
            for name in services.keys where !changed.contains(name) {
                changed.insert(name)
                endpointsByService[name] = endpoints(of: name)
            }
        }

        let renderer = ServicePortRenderer(config: config, largeClusterMode: largeClusterMode)
        var plan = Plan(full: full, input: RestoreInput(), top: [:], chains: [:], changedServices: changed.count)
        var natChains: [Chain] = []
        var staleChains: Set<String> = []
        var liveChains: Set<String> = []
        // Whether any line of the shared top-level chains may differ from what was applied.
        var topChanged = full || appliedTop.isEmpty
        for name in changed.sorted() {
            let oldPorts = portsByService[name] ?? []
            let ports = services[name] ?? []
            for old in oldPorts where !ports.contains(where: { $0.name == old }) {
                if fragments[old]?.hasTopLevelLines == true { topChanged = true }
                fragments[old] = nil
                staleChains.formUnion(appliedChains[old] ?? [])
                plan.chains[old] = .some(nil)
            }
            if oldPorts.count != ports.count || zip(oldPorts, ports).contains(where: { $0 != $1.name }) { sortedPorts = nil }
            portsByService[name] = ports.isEmpty ? nil : ports.map(\.name)
            for port in ports {
                let rules = renderer.render(port, endpoints: endpointsByService[name]?[port.name] ?? [])
                if !topChanged && !rules.sameTopLevelLines(as: fragments[port.name]) { topChanged = true }
                fragments[port.name] = rules
                let names = rules.natChains.map(\.name)
                staleChains.formUnion(appliedChains[port.name] ?? [])
                liveChains.formUnion(names)
                plan.chains[port.name] = .some(names)
                natChains += rules.natChains
            }
        }
        if sortedPorts == nil { sortedPorts = fragments.keys.sorted() }
        if topChanged {
            let current = fragments
            let ordered = sortedPorts!.lazy.compactMap { current[$0] }
            let (filterTop, natTop) = TopLevelChains(config: config).assemble(ordered)
            for (table, chains) in [(IPTablesTable.filter, filterTop), (.nat, natTop)] {
                for chain in chains {
                    let key = "\(table.rawValue)/\(chain.name)"
                    plan.top[key] = chain.rules
                    if full || appliedTop[key] != chain.rules {
                        if table == .filter { plan.input.filter.chains.append(chain) } else { plan.input.nat.chains.append(chain) }
                    }
                }
            }
        } else {
            // Only per-service chains changed (an endpoint came or went): the shared chains,
            // tens of thousands of lines in a large cluster, are neither assembled nor written.
            plan.top = appliedTop
        }
        plan.input.nat.chains += natChains
        staleChains.subtract(liveChains)

        if full, let saved {
            // A full sync re-renders every Service, so the live chains are all that are in use:
            // any other kube-proxy chain in the kernel is left from an earlier run or failure.
            for chain in saved.nat.chains where ChainName.isPerServiceChain(chain) && !liveChains.contains(chain) {
                staleChains.insert(chain)
            }
            for jump in JumpRule.all {
                let table = jump.table == .filter ? saved.filter : saved.nat
                guard !table.rules.contains(jump.savedLine) else { continue }
                if jump.table == .filter { plan.input.filter.jumps.append(jump.insertLine) } else { plan.input.nat.jumps.append(jump.insertLine) }
            }
        }
        plan.input.nat.deletedChains = staleChains.sorted()
        return plan
    }

    /// The restore of `plan` succeeded: remember what the kernel now holds.
    mutating func commit(_ plan: Plan) {
        appliedTop = plan.top
        for (port, chains) in plan.chains { appliedChains[port] = chains }
        needFullSync = false
    }
}
