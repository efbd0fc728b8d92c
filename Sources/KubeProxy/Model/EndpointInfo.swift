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
    public var hostPort: String { ip.utf8.contains(UInt8(ascii: ":")) ? "[\(ip)]:\(port)" : "\(ip):\(port)" }

    public func chainName(for servicePort: ServicePortName) -> String {
        chainName(for: servicePort.description, protocol: servicePort.protocol)
    }

    /// `servicePortName` is the port's `description`, which callers usually have at hand.
    func chainName(for servicePortName: String, protocol: String) -> String {
        ChainName.endpoint(servicePortName, `protocol`, hostPort)
    }

    /// Numeric order of IPv4 addresses, so 10.0.0.9 comes before 10.0.0.10 in rules.
    public static func < (lhs: EndpointInfo, rhs: EndpointInfo) -> Bool {
        let (l, r) = (IPv4.value(lhs.ip), IPv4.value(rhs.ip))
        if l != r { return (l ?? 0, lhs.ip) < (r ?? 0, rhs.ip) }
        return lhs.port < rhs.port
    }
}

enum IPv4 {
    /// The address as a number; nil unless `text` is a dotted quad.
    static func value(_ text: String) -> UInt32? {
        var value: UInt32 = 0
        var octet: UInt32 = 0
        var digits = 0
        var dots = 0
        for byte in text.utf8 {
            if byte == UInt8(ascii: ".") {
                guard digits > 0, dots < 3 else { return nil }
                value = value << 8 | octet
                (octet, digits, dots) = (0, 0, dots + 1)
            } else if byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") {
                octet = octet * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                guard digits <= 3, octet <= 255 else { return nil }
            } else {
                return nil
            }
        }
        guard digits > 0, dots == 3 else { return nil }
        return value << 8 | octet
    }
}
