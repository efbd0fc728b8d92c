import Linux

/// The result of ADD in the 1.0 shape (also read from older plugins: 0.3/0.4 differ only
/// by `ips[].version`). Addresses stay strings so IPv6 results of other plugins parse too.
public struct CNIResult: Codable, Sendable, Equatable {
    public var cniVersion: String
    public var interfaces: [Interface]?
    public var ips: [IPConfig]?
    public var routes: [RouteConfig]?
    public var dns: DNS?

    public init(cniVersion: String = CNIVersion.current, interfaces: [Interface]? = nil, ips: [IPConfig]? = nil,
                routes: [RouteConfig]? = nil, dns: DNS? = nil) {
        self.cniVersion = cniVersion
        self.interfaces = interfaces
        self.ips = ips
        self.routes = routes
        self.dns = dns
    }

    public struct Interface: Codable, Sendable, Equatable {
        public var name: String
        public var mac: String?
        public var mtu: Int?
        public var sandbox: String?
        public init(name: String, mac: String? = nil, mtu: Int? = nil, sandbox: String? = nil) {
            self.name = name
            self.mac = mac
            self.mtu = mtu
            self.sandbox = sandbox
        }
    }

    public struct IPConfig: Codable, Sendable, Equatable {
        /// `10.244.0.5/24`.
        public var address: String
        public var gateway: String?
        /// Index into `interfaces`.
        public var interface: Int?
        /// Only in 0.3.x / 0.4.0 results ("4" or "6").
        public var version: String?

        public init(address: String, gateway: String? = nil, interface: Int? = nil) {
            self.address = address
            self.gateway = gateway
            self.interface = interface
        }

        public var ipv4: IPv4CIDR? { IPv4CIDR(address) }
        public var ipv4Gateway: IPv4Address? { gateway.flatMap { IPv4Address($0) } }
    }

    public struct RouteConfig: Codable, Sendable, Equatable {
        public var dst: String
        public var gw: String?
        public init(dst: String, gw: String? = nil) {
            self.dst = dst
            self.gw = gw
        }
    }

    public struct DNS: Codable, Sendable, Equatable {
        public var nameservers: [String]?
        public var domain: String?
        public var search: [String]?
        public var options: [String]?
        public init(nameservers: [String]? = nil, domain: String? = nil, search: [String]? = nil, options: [String]? = nil) {
            self.nameservers = nameservers
            self.domain = domain
            self.search = search
            self.options = options
        }
        public var isEmpty: Bool { nameservers == nil && domain == nil && search == nil && options == nil }
    }

    /// The same result as a plugin of `version` prints it.
    public func converted(to version: String) -> CNIResult {
        var result = self
        result.cniVersion = version
        let legacy = version.hasPrefix("0.3") || version == "0.4.0"
        result.ips = ips?.map { ip in
            var ip = ip
            ip.version = legacy ? (ip.address.contains(":") ? "6" : "4") : nil
            return ip
        }
        return result
    }
}
