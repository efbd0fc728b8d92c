/// Node-wide settings that shape the rules (upstream's proxier constructor arguments).
public struct ProxyRuleConfig: Sendable, Equatable {
    /// The fwmark bit that asks KUBE-POSTROUTING to masquerade (upstream: bit 14).
    public var masqueradeMark: String
    /// Pod CIDR of the cluster: traffic to a ClusterIP from outside it is masqueraded, so replies
    /// come back through this node (upstream's local traffic detector by cluster CIDR).
    public var clusterCIDR: String?
    /// Masquerade every packet sent to a ClusterIP, not only off-cluster ones.
    public var masqueradeAll: Bool
    /// Addresses on which NodePorts answer; empty means every local address except 127/8.
    public var nodePortAddresses: [String]
    /// MASQUERADE with `--random-fully` (iptables ≥ 1.6.2).
    public var randomFully: Bool
    /// Drop conntrack-INVALID forwarded packets, unless nf_conntrack_tcp_be_liberal is set.
    public var dropInvalid: Bool
    /// Above this many endpoints, KUBE-SEP rules go without comments, as upstream's
    /// "large cluster mode", to keep the restore input small.
    public var largeClusterEndpointsThreshold: Int

    public init(
        masqueradeMark: String = "0x4000", clusterCIDR: String? = nil, masqueradeAll: Bool = false,
        nodePortAddresses: [String] = [], randomFully: Bool = true, dropInvalid: Bool = true,
        largeClusterEndpointsThreshold: Int = 1000
    ) {
        self.masqueradeMark = masqueradeMark
        self.clusterCIDR = clusterCIDR
        self.masqueradeAll = masqueradeAll
        self.nodePortAddresses = nodePortAddresses
        self.randomFully = randomFully
        self.dropInvalid = dropInvalid
        self.largeClusterEndpointsThreshold = largeClusterEndpointsThreshold
    }
}
