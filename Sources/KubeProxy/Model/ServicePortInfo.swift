import KubeAPI

/// What the rules need to know about one Service port (upstream's `servicePortInfo`), with
/// its chain names computed once.
public struct ServicePortInfo: Hashable, Sendable {
    public var name: ServicePortName
    public var clusterIP: String
    public var port: Int
    public var nodePort: Int
    public var externalIPs: [String]
    /// Set for `sessionAffinity: ClientIP`: how long a client sticks to its endpoint.
    public var stickyMaxAgeSeconds: Int?
    public var externalPolicyLocal: Bool
    public var internalPolicyLocal: Bool

    public let nameString: String
    public let clusterPolicyChain: String
    /// KUBE-SVL-…: only Services with a Local traffic policy use it.
    public var localPolicyChain: String { ChainName.serviceLocal(nameString, name.protocol) }
    /// KUBE-EXT-…: only externally reachable Services use it.
    public var externalChain: String { ChainName.external(nameString, name.protocol) }

    public init(
        name: ServicePortName, clusterIP: String, port: Int, nodePort: Int = 0, externalIPs: [String] = [],
        stickyMaxAgeSeconds: Int? = nil, externalPolicyLocal: Bool = false, internalPolicyLocal: Bool = false
    ) {
        self.name = name
        self.clusterIP = clusterIP
        self.port = port
        self.nodePort = nodePort
        self.externalIPs = externalIPs
        self.stickyMaxAgeSeconds = stickyMaxAgeSeconds
        self.externalPolicyLocal = externalPolicyLocal
        self.internalPolicyLocal = internalPolicyLocal
        nameString = name.description
        clusterPolicyChain = ChainName.service(nameString, name.protocol)
    }

    /// NodePort, external IPs: traffic that arrives from outside and goes through the EXT chain.
    public var externallyAccessible: Bool { nodePort != 0 || !externalIPs.isEmpty }
    public var usesClusterEndpoints: Bool { !internalPolicyLocal || (externallyAccessible && !externalPolicyLocal) }
    public var usesLocalEndpoints: Bool { internalPolicyLocal || (externallyAccessible && externalPolicyLocal) }

    /// Upstream's default when `sessionAffinityConfig.clientIP.timeoutSeconds` is unset: 3 hours.
    public static let defaultStickyMaxAgeSeconds = 10800

    /// The proxied ports of `service`, or none: headless (`clusterIP: None`), unallocated and
    /// ExternalName Services get no rules, as upstream.
    public static func ports(of service: Service) -> [ServicePortInfo] {
        let spec = service.spec
        guard let clusterIP = spec.clusterIP, !clusterIP.isEmpty, clusterIP != "None", spec.type != "ExternalName" else { return [] }
        // kube-proxy in this mode is IPv4 only: the IPv4 entry of clusterIPs.
        let ipv4 = ([clusterIP] + (spec.clusterIPs ?? [])).first { !$0.contains(":") }
        guard let ip = ipv4 else { return [] }
        let sticky: Int? =
            spec.sessionAffinity == "ClientIP"
            ? Int(spec.sessionAffinityConfig?.clientIP?.timeoutSeconds ?? Int32(defaultStickyMaxAgeSeconds)) : nil
        let type = spec.type ?? "ClusterIP"
        return (spec.ports ?? []).map { port in
            ServicePortInfo(
                name: ServicePortName(
                    namespace: service.metadata.namespace ?? "default", name: service.metadata.name ?? "",
                    port: port.name ?? "", protocol: port.protocol ?? "TCP"),
                clusterIP: ip,
                port: Int(port.port),
                nodePort: (type == "NodePort" || type == "LoadBalancer") ? Int(port.nodePort ?? 0) : 0,
                externalIPs: (spec.externalIPs ?? []).filter { !$0.contains(":") },
                stickyMaxAgeSeconds: sticky,
                externalPolicyLocal: spec.externalTrafficPolicy == "Local" && (type == "NodePort" || type == "LoadBalancer"),
                internalPolicyLocal: spec.internalTrafficPolicy == "Local")
        }
    }
}
