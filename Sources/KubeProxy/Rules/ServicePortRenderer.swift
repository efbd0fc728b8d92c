import Foundation

/// Renders one service port's rules in the shape of upstream's `syncProxyRules` loop body
/// (pkg/proxy/iptables/proxier.go): pure, so partial syncs re-render only what changed.
public struct ServicePortRenderer: Sendable {
    public var config: ProxyRuleConfig
    /// Upstream's large cluster mode: no comments on endpoint rules.
    public var largeClusterMode: Bool

    public init(config: ProxyRuleConfig, largeClusterMode: Bool = false) {
        self.config = config
        self.largeClusterMode = largeClusterMode
    }

    public func render(_ service: ServicePortInfo, endpoints: [EndpointInfo]) -> ServicePortRules {
        var out = ServicePortRules()
        let proto = service.name.protocol
        let name = service.nameString
        let categorized = CategorizedEndpoints(endpoints, service: service)
        let hasEndpoints = categorized.hasAny
        var endpointChains: [EndpointInfo: String] = [:]
        for endpoint in categorized.allReachable { endpointChains[endpoint] = endpoint.chainName(for: service.nameString, protocol: service.name.protocol) }

        let clusterPolicyChain = service.clusterPolicyChain
        let usesClusterPolicyChain = !categorized.cluster.isEmpty && service.usesClusterEndpoints
        let localPolicyChain = service.usesLocalEndpoints ? service.localPolicyChain : ""
        let usesLocalPolicyChain = !categorized.local.isEmpty && service.usesLocalEndpoints

        var internalTrafficChain = clusterPolicyChain
        var hasInternalEndpoints = hasEndpoints
        if service.internalPolicyLocal {
            internalTrafficChain = localPolicyChain
            if categorized.local.isEmpty { hasInternalEndpoints = false }
        }
        var externalPolicyChain = clusterPolicyChain
        var hasExternalEndpoints = hasEndpoints
        if service.externalPolicyLocal {
            externalPolicyChain = localPolicyChain
            if categorized.local.isEmpty { hasExternalEndpoints = false }
        }
        let externalTrafficChain = service.externallyAccessible ? service.externalChain : ""
        let usesExternalTrafficChain = hasEndpoints && service.externallyAccessible

        var internalFilterTarget = "", internalFilterComment = ""
        var externalFilterTarget = "", externalFilterComment = ""
        if !hasEndpoints {
            internalFilterTarget = "REJECT"
            internalFilterComment = "\"\(name) has no endpoints\""
            externalFilterTarget = "REJECT"
            externalFilterComment = internalFilterComment
        } else {
            if !hasInternalEndpoints {
                internalFilterTarget = "DROP"
                internalFilterComment = "\"\(name) has no local endpoints\""
            }
            if !hasExternalEndpoints {
                externalFilterTarget = "DROP"
                externalFilterComment = "\"\(name) has no local endpoints\""
            }
        }

        let match = "-m \(proto) -p \(proto)"
        let clusterIPMatch = "-m comment --comment \"\(name) cluster IP\" \(match) -d \(service.clusterIP) --dport \(service.port)"

        // Capture the cluster IP.
        if hasInternalEndpoints {
            out.natServices.append("-A \(ChainName.services) \(clusterIPMatch) -j \(internalTrafficChain)")
        } else {
            out.filterServices.append(
                "-A \(ChainName.services) -m comment --comment \(internalFilterComment) \(match) -d \(service.clusterIP) --dport \(service.port) -j \(internalFilterTarget)")
        }

        // Capture external IPs.
        for externalIP in service.externalIPs {
            if hasEndpoints {
                out.natServices.append(
                    "-A \(ChainName.services) -m comment --comment \"\(name) external IP\" \(match) -d \(externalIP) --dport \(service.port) -j \(externalTrafficChain)")
            }
            if !hasExternalEndpoints {
                out.filterExternalServices.append(
                    "-A \(ChainName.externalServices) -m comment --comment \(externalFilterComment) \(match) -d \(externalIP) --dport \(service.port) -j \(externalFilterTarget)")
            }
        }

        // Capture node ports.
        if service.nodePort != 0 {
            if hasEndpoints {
                out.natNodePorts.append(
                    "-A \(ChainName.nodePorts) -m comment --comment \(name) \(match) --dport \(service.nodePort) -j \(externalTrafficChain)")
            }
            if !hasExternalEndpoints {
                out.filterExternalServices.append(
                    "-A \(ChainName.externalServices) -m comment --comment \(externalFilterComment) -m addrtype --dst-type LOCAL \(match) --dport \(service.nodePort) -j \(externalFilterTarget)")
            }
        }

        // The service's own chains, each after the chains it jumps to (`RestoreInput`'s layout):
        // SEP…, SVL, SVC, EXT.
        var policyChains: [Chain] = []
        var internalMasq: String?
        if hasInternalEndpoints {
            if config.masqueradeAll {
                internalMasq = "-A \(internalTrafficChain) \(clusterIPMatch) -j \(ChainName.markMasq)"
            } else if let cidr = config.clusterCIDR {
                // Off-cluster traffic to the VIP may be answered from another node: masquerade it.
                internalMasq = "-A \(internalTrafficChain) \(clusterIPMatch) ! -s \(cidr) -j \(ChainName.markMasq)"
            }
        }

        if usesExternalTrafficChain {
            var ext = Chain(externalTrafficChain)
            if !service.externalPolicyLocal {
                ext.rules.append(
                    "-A \(externalTrafficChain) -m comment --comment \"masquerade traffic for \(name) external destinations\" -j \(ChainName.markMasq)")
            } else {
                if let cidr = config.clusterCIDR {
                    ext.rules.append(
                        "-A \(externalTrafficChain) -m comment --comment \"pod traffic for \(name) external destinations\" -s \(cidr) -j \(clusterPolicyChain)")
                }
                ext.rules.append(
                    "-A \(externalTrafficChain) -m comment --comment \"masquerade LOCAL traffic for \(name) external destinations\" -m addrtype --src-type LOCAL -j \(ChainName.markMasq)")
                ext.rules.append(
                    "-A \(externalTrafficChain) -m comment --comment \"route LOCAL traffic for \(name) external destinations\" -m addrtype --src-type LOCAL -j \(clusterPolicyChain)")
            }
            if hasExternalEndpoints {
                ext.rules.append("-A \(externalTrafficChain) -j \(externalPolicyChain)")
            }
            policyChains.append(ext)
        }

        if usesClusterPolicyChain {
            var svc = Chain(clusterPolicyChain)
            if let masq = internalMasq, internalTrafficChain == clusterPolicyChain { svc.rules.append(masq) }
            svc.rules += endpointDispatchRules(chain: clusterPolicyChain, service: service, endpoints: categorized.cluster, chains: endpointChains)
            policyChains.insert(svc, at: 0)
        }
        if usesLocalPolicyChain {
            var svl = Chain(localPolicyChain)
            if let masq = internalMasq, internalTrafficChain == localPolicyChain { svl.rules.append(masq) }
            svl.rules += endpointDispatchRules(chain: localPolicyChain, service: service, endpoints: categorized.local, chains: endpointChains)
            policyChains.insert(svl, at: 0)
        }

        var chains: [Chain] = []
        for endpoint in categorized.allReachable {
            let sep = endpointChains[endpoint] ?? endpoint.chainName(for: service.nameString, protocol: service.name.protocol)
            let comment = largeClusterMode ? "" : " -m comment --comment \(name)"
            var rules = ["-A \(sep)\(comment) -s \(endpoint.ip) -j \(ChainName.markMasq)"]
            let affinity = service.stickyMaxAgeSeconds != nil ? " -m recent --name \(sep) --set" : ""
            rules.append("-A \(sep)\(comment)\(affinity) \(match) -j DNAT --to-destination \(endpoint.hostPort)")
            chains.append(Chain(sep, rules))
        }
        out.natChains = chains + policyChains
        return out
    }

    /// KUBE-SVC → KUBE-SEP: session-affinity rechecks first, then one rule per endpoint with
    /// probability 1/(n-i) so each of n endpoints is picked with probability 1/n.
    func endpointDispatchRules(
        chain: String, service: ServicePortInfo, endpoints: [EndpointInfo], chains: [EndpointInfo: String]
    ) -> [String] {
        var rules: [String] = []
        let name = service.nameString
        func comment(_ endpoint: EndpointInfo) -> String {
            largeClusterMode ? "" : " -m comment --comment \"\(name) -> \(endpoint.hostPort)\""
        }
        if let seconds = service.stickyMaxAgeSeconds {
            for endpoint in endpoints {
                let sep = chains[endpoint] ?? endpoint.chainName(for: service.nameString, protocol: service.name.protocol)
                rules.append("-A \(chain)\(comment(endpoint)) -m recent --name \(sep) --rcheck --seconds \(seconds) --reap -j \(sep)")
            }
        }
        for (i, endpoint) in endpoints.enumerated() {
            let sep = chains[endpoint] ?? endpoint.chainName(for: service.nameString, protocol: service.name.protocol)
            if i < endpoints.count - 1 {
                rules.append(
                    "-A \(chain)\(comment(endpoint)) -m statistic --mode random --probability \(Self.probability(endpoints.count - i)) -j \(sep)")
            } else {
                rules.append("-A \(chain)\(comment(endpoint)) -j \(sep)")
            }
        }
        return rules
    }

    private static let precomputed: [String] = (0...64).map { $0 == 0 ? "" : format(1.0 / Double($0)) }

    /// `1/n` with ten decimals, as upstream's `computeProbability`.
    public static func probability(_ n: Int) -> String {
        n < precomputed.count ? precomputed[n] : format(1.0 / Double(n))
    }

    private static func format(_ value: Double) -> String { String(format: "%0.10f", value) }
}
