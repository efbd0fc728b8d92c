import KubeAPI

/// One backend of one Service port (upstream's `BaseEndpointInfo`), with its KUBE-SEP chain name.
public struct EndpointInfo: Hashable, Sendable, Comparable {
    public var ip: String
    public var port: Int
    public var ready: Bool
    public var serving: Bool
    public var terminating: Bool
    /// On this node (nodeName equals the proxier's hostname): what `Local` traffic policies use.
    public var isLocal: Bool

    public init(ip: String, port: Int, ready: Bool = true, serving: Bool? = nil, terminating: Bool = false, isLocal: Bool = false) {
        self.ip = ip
        self.port = port
        self.ready = ready
        self.serving = serving ?? ready
        self.terminating = terminating
        self.isLocal = isLocal
    }

    /// `ip:port`, or `[ip]:port` for IPv6, as upstream's `net.JoinHostPort`.
    public var hostPort: String { ip.contains(":") ? "[\(ip)]:\(port)" : "\(ip):\(port)" }

    public func chainName(for servicePort: ServicePortName) -> String {
        ChainName.endpoint(servicePort.description, servicePort.protocol, hostPort)
    }

    /// Numeric order of IPv4 addresses, so 10.0.0.9 comes before 10.0.0.10 in rules.
    public static func < (lhs: EndpointInfo, rhs: EndpointInfo) -> Bool {
        let (l, r) = (IPv4.value(lhs.ip), IPv4.value(rhs.ip))
        if l != r { return (l ?? 0, lhs.ip) < (r ?? 0, rhs.ip) }
        return lhs.port < rhs.port
    }
}

enum IPv4 {
    static func value(_ text: String) -> UInt32? {
        let parts = text.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var value: UInt32 = 0
        for part in parts {
            guard let octet = UInt8(part) else { return nil }
            value = value << 8 | UInt32(octet)
        }
        return value
    }
}
