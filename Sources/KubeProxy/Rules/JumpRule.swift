/// A rule in a built-in chain that sends traffic into one of kube-proxy's chains (upstream's
/// `iptablesJumpChains`). Written exactly as `iptables-save` prints it back, so a full sync can
/// tell from a save whether it is already there and never inserts it twice.
public struct JumpRule: Hashable, Sendable {
    public var table: IPTablesTable
    public var source: String
    public var target: String
    public var comment: String
    public var extraMatches: String?

    /// `-A SOURCE …` as iptables-save prints it.
    public var savedLine: String { "-A \(source) \(spec)" }
    /// `-I SOURCE …` for the restore input.
    public var insertLine: String { "-I \(source) \(spec)" }

    private var spec: String {
        (extraMatches.map { "\($0) " } ?? "") + "-m comment --comment \"\(comment)\" -j \(target)"
    }

    public static let all: [JumpRule] = [
        JumpRule(table: .filter, source: "INPUT", target: ChainName.externalServices, comment: "kubernetes externally-visible service portals", extraMatches: "-m conntrack --ctstate NEW"),
        JumpRule(table: .filter, source: "FORWARD", target: ChainName.externalServices, comment: "kubernetes externally-visible service portals", extraMatches: "-m conntrack --ctstate NEW"),
        JumpRule(table: .filter, source: "INPUT", target: ChainName.nodePorts, comment: "kubernetes health check service ports"),
        JumpRule(table: .filter, source: "FORWARD", target: ChainName.services, comment: "kubernetes service portals", extraMatches: "-m conntrack --ctstate NEW"),
        JumpRule(table: .filter, source: "OUTPUT", target: ChainName.services, comment: "kubernetes service portals", extraMatches: "-m conntrack --ctstate NEW"),
        JumpRule(table: .filter, source: "FORWARD", target: ChainName.forward, comment: "kubernetes forwarding rules"),
        JumpRule(table: .filter, source: "INPUT", target: ChainName.proxyFirewall, comment: "kubernetes load balancer firewall", extraMatches: "-m conntrack --ctstate NEW"),
        JumpRule(table: .filter, source: "OUTPUT", target: ChainName.proxyFirewall, comment: "kubernetes load balancer firewall", extraMatches: "-m conntrack --ctstate NEW"),
        JumpRule(table: .filter, source: "FORWARD", target: ChainName.proxyFirewall, comment: "kubernetes load balancer firewall", extraMatches: "-m conntrack --ctstate NEW"),
        JumpRule(table: .nat, source: "OUTPUT", target: ChainName.services, comment: "kubernetes service portals"),
        JumpRule(table: .nat, source: "PREROUTING", target: ChainName.services, comment: "kubernetes service portals"),
        JumpRule(table: .nat, source: "POSTROUTING", target: ChainName.postrouting, comment: "kubernetes postrouting rules"),
    ]
}
