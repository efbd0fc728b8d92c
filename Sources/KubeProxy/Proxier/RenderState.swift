/// What the syncs have rendered and applied, and the planning of one sync: which chains to write.
/// Only the running sync touches it (the proxier runs one at a time).
///
/// A sync re-renders the changed Services' fragments, reassembles the shared chains, and writes
///   - on a full sync: every chain, the missing jump rules, and deletes every kube-proxy
///     chain the kernel has that is no longer in use;
///   - otherwise: the chains of changed Services, the shared chains whose text changed, and
///     deletes the changed Services' chains that are no longer used.
/// What was written is remembered only once the restore succeeded (`commit`); any failure
/// forces the next sync to be full, since the pending changes have been consumed.
struct RenderState {
    var config: ProxyRuleConfig

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

    init(config: ProxyRuleConfig) {
        self.config = config
    }

    struct Plan: Sendable {
        var full: Bool
        var input: RestoreInput
        var top: [String: [String]]
        var chains: [ServicePortName: [String]?]
        var changedServices: Int
    }

    /// Renders `sync` into `writer`. A full sync writes each Service's chains as soon as they
    /// are rendered (the writer may be streaming them to iptables-restore); a partial one
    /// writes once it knows which shared chains changed. `saved` gives the kernel's current
    /// filter and nat tables (for stale chains and jump rules) on a full sync; it is asked for
    /// only once the Services are rendered, so the tables can be read meanwhile.
    mutating func plan(_ sync: SyncInput, saved: () -> SavedTables?, writer: inout RestoreWriter) -> Plan {
        let full = sync.full
        var changed = sync.changed
        if full { changed.formUnion(sync.services.keys); changed.formUnion(portsByService.keys) }

        // Endpoints first: the endpoint total decides large cluster mode, which changes every
        // endpoint rule, so flipping it re-renders everything.
        var endpointsByService: [ServiceName: [ServicePortName: [EndpointInfo]]] = [:]
        for name in changed {
            let byPort = sync.services[name] == nil ? [:] : sync.endpoints(of: name)
            endpointsByService[name] = byPort
            let count = byPort.values.reduce(0) { $0 + $1.count }
            totalEndpoints += count - (endpointCount[name] ?? 0)
            endpointCount[name] = count == 0 ? nil : count
        }
        let large = totalEndpoints > config.largeClusterEndpointsThreshold
        if large != largeClusterMode {
            largeClusterMode = large
            for name in sync.services.keys where !changed.contains(name) {
                changed.insert(name)
                endpointsByService[name] = sync.endpoints(of: name)
            }
        }

        let renderer = ServicePortRenderer(config: config, largeClusterMode: largeClusterMode)
        var plan = Plan(full: full, input: RestoreInput(), top: [:], chains: [:], changedServices: changed.count)
        // A full sync rewrites every shared chain: declare them now, so the Services' chains can
        // be streamed out as they are rendered.
        var deferred: [Chain] = []
        if full { writer.begin(.nat, topChains: TopLevelChains.natChainNames) }
        var staleChains: [String] = []
        // Whether any line of the shared top-level chains may differ from what was applied.
        var topChanged = full || appliedTop.isEmpty
        for name in changed.sorted() {
            let oldPorts = portsByService[name] ?? []
            let ports = sync.services[name] ?? []
            for old in oldPorts where !ports.contains(where: { $0.name == old }) {
                if fragments[old]?.hasTopLevelLines == true { topChanged = true }
                fragments[old] = nil
                staleChains += appliedChains[old] ?? []
                plan.chains[old] = .some(nil)
            }
            if oldPorts.count != ports.count || zip(oldPorts, ports).contains(where: { $0 != $1.name }) { sortedPorts = nil }
            portsByService[name] = ports.isEmpty ? nil : ports.map(\.name)
            for port in ports {
                let rules = renderer.render(port, endpoints: endpointsByService[name]?[port.name] ?? [])
                if !topChanged && !rules.sameTopLevelLines(as: fragments[port.name]) { topChanged = true }
                fragments[port.name] = rules
                let names = rules.natChains.map(\.name)
                // Chain names hash the service port's name: no other port owns them.
                for old in appliedChains[port.name] ?? [] where !names.contains(old) { staleChains.append(old) }
                plan.chains[port.name] = .some(names)
                if full {
                    for chain in rules.natChains { writer.write(chain) }
                } else {
                    deferred += rules.natChains
                }
            }
        }
        if sortedPorts == nil { sortedPorts = fragments.keys.sorted() }
        var filterTop: [Chain] = []
        var natTop: [Chain] = []
        if topChanged {
            let current = fragments
            let ordered = sortedPorts!.lazy.compactMap { current[$0] }
            let (filterChains, natChains) = TopLevelChains(config: config).assemble(ordered)
            for (table, chains) in [(IPTablesTable.filter, filterChains), (.nat, natChains)] {
                for chain in chains {
                    let key = "\(table.rawValue)/\(chain.name)"
                    plan.top[key] = chain.rules
                    if full || appliedTop[key] != chain.rules {
                        if table == .filter { filterTop.append(chain) } else { natTop.append(chain) }
                    }
                }
            }
        } else {
            // Only per-service chains changed (an endpoint came or went): the shared chains,
            // tens of thousands of lines in a large cluster, are neither assembled nor written.
            plan.top = appliedTop
        }

        var filterJumps: [String] = []
        var natJumps: [String] = []
        if full, let saved = saved() {
            // A full sync re-renders every Service, so the live chains are all that are in use:
            // any other kube-proxy chain in the kernel is left from an earlier run or failure.
            let leftovers = saved.nat.chains.filter { ChainName.isPerServiceChain($0) }
            if !leftovers.isEmpty {
                let live = Set(plan.chains.values.lazy.compactMap { $0 }.joined())
                staleChains += leftovers.filter { !live.contains($0) }
            }
            for jump in JumpRule.all {
                let table = jump.table == .filter ? saved.filter : saved.nat
                guard !table.rules.contains(jump.savedLine) else { continue }
                if jump.table == .filter { filterJumps.append(jump.insertLine) } else { natJumps.append(jump.insertLine) }
            }
        }
        let deleted = Set(staleChains).sorted()
        if full || !(natTop.isEmpty && deferred.isEmpty && natJumps.isEmpty && deleted.isEmpty) {
            if !full { writer.begin(.nat, topChains: natTop.map(\.name)) }
            for chain in deferred { writer.write(chain) }
            writer.end(topChains: natTop, jumps: natJumps, deletedChains: deleted)
        }
        if !(filterTop.isEmpty && filterJumps.isEmpty) {
            writer.begin(.filter, topChains: filterTop.map(\.name))
            writer.end(topChains: filterTop, jumps: filterJumps, deletedChains: [])
        }
        plan.input = writer.input
        return plan
    }

    /// The restore of `plan` succeeded: remember what the kernel now holds.
    mutating func commit(_ plan: Plan) {
        appliedTop = plan.top
        for (port, chains) in plan.chains { appliedChains[port] = chains }
    }
}
