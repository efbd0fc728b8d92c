/// The shared chains every sync owns in full (upstream writes them on every sync): the
/// service dispatch tables built from every service port's fragment, plus fixed plumbing.
public struct TopLevelChains: Sendable {
    public var config: ProxyRuleConfig

    public init(config: ProxyRuleConfig) { self.config = config }

    public static let filterChainNames = [
        ChainName.services, ChainName.externalServices, ChainName.forward, ChainName.nodePorts, ChainName.proxyFirewall,
    ]
    public static let natChainNames = [ChainName.services, ChainName.nodePorts, ChainName.postrouting, ChainName.markMasq]

    /// `fragments` in the order they should appear (sorted by service port name).
    public func assemble(_ fragments: some Sequence<ServicePortRules>) -> (filter: [Chain], nat: [Chain]) {
        var filterServices: [String] = []
        var filterExternal: [String] = []
        var natServices: [String] = []
        var natNodePorts: [String] = []
        for fragment in fragments {
            filterServices += fragment.filterServices
            filterExternal += fragment.filterExternalServices
            natServices += fragment.natServices
            natNodePorts += fragment.natNodePorts
        }
        let mark = config.masqueradeMark
        // The node-port dispatch must come last in KUBE-SERVICES.
        let nodePortsComment = "-m comment --comment \"kubernetes service nodeports; NOTE: this must be the last rule in this chain\""
        if config.nodePortAddresses.isEmpty {
            natServices.append("-A \(ChainName.services) \(nodePortsComment) -m addrtype --dst-type LOCAL ! -d 127.0.0.0/8 -j \(ChainName.nodePorts)")
        } else {
            for address in config.nodePortAddresses {
                natServices.append("-A \(ChainName.services) \(nodePortsComment) -d \(address) -j \(ChainName.nodePorts)")
            }
        }

        var forward: [String] = []
        if config.dropInvalid {
            forward.append("-A \(ChainName.forward) -m conntrack --ctstate INVALID -j DROP")
        }
        forward.append("-A \(ChainName.forward) -m comment --comment \"kubernetes forwarding rules\" -m mark --mark \(mark)/\(mark) -j ACCEPT")
        forward.append(
            "-A \(ChainName.forward) -m comment --comment \"kubernetes forwarding conntrack rule\" -m conntrack --ctstate RELATED,ESTABLISHED -j ACCEPT")

        let postrouting = [
            "-A \(ChainName.postrouting) -m mark ! --mark \(mark)/\(mark) -j RETURN",
            // Clear the mark so a packet that traverses the stack again is not masqueraded twice.
            "-A \(ChainName.postrouting) -j MARK --xor-mark \(mark)",
            "-A \(ChainName.postrouting) -m comment --comment \"kubernetes service traffic requiring SNAT\" -j MASQUERADE"
                + (config.randomFully ? " --random-fully" : ""),
        ]
        let markMasq = ["-A \(ChainName.markMasq) -j MARK --or-mark \(mark)"]

        let filter = [
            Chain(ChainName.services, filterServices),
            Chain(ChainName.externalServices, filterExternal),
            Chain(ChainName.forward, forward),
            Chain(ChainName.nodePorts, []),
            Chain(ChainName.proxyFirewall, []),
        ]
        let nat = [
            Chain(ChainName.services, natServices),
            Chain(ChainName.nodePorts, natNodePorts),
            Chain(ChainName.postrouting, postrouting),
            Chain(ChainName.markMasq, markMasq),
        ]
        return (filter, nat)
    }
}
