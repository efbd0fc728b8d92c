/// One port of one Service: the unit kube-proxy programs (`ns/name:port`, upstream's
/// `proxy.ServicePortName`). An unnamed port prints as `ns/name`.
public struct ServicePortName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var namespace: String
    public var name: String
    public var port: String
    /// Lower-case, as it appears in rules: `tcp`, `udp`, `sctp`.
    public var `protocol`: String

    public init(namespace: String, name: String, port: String, protocol: String) {
        self.namespace = namespace
        self.name = name
        self.port = port
        self.protocol = `protocol`.lowercased()
    }

    public var serviceName: ServiceName { ServiceName(namespace: namespace, name: name) }

    public var description: String { port.isEmpty ? "\(namespace)/\(name)" : "\(namespace)/\(name):\(port)" }

    /// By namespace, name, port, protocol, field by field (a tuple comparison retains and
    /// releases all eight strings on every call: a full sync sorts 10,000 of these).
    public static func < (lhs: ServicePortName, rhs: ServicePortName) -> Bool {
        if lhs.namespace != rhs.namespace { return lhs.namespace < rhs.namespace }
        if lhs.name != rhs.name { return lhs.name < rhs.name }
        if lhs.port != rhs.port { return lhs.port < rhs.port }
        return lhs.protocol < rhs.protocol
    }
}

/// A Service's namespace/name: the key under which changes are tracked.
public struct ServiceName: Hashable, Sendable, Comparable, CustomStringConvertible {
    public var namespace: String
    public var name: String

    public init(namespace: String, name: String) {
        self.namespace = namespace
        self.name = name
    }

    public var description: String { "\(namespace)/\(name)" }

    public static func < (lhs: ServiceName, rhs: ServiceName) -> Bool {
        lhs.namespace != rhs.namespace ? lhs.namespace < rhs.namespace : lhs.name < rhs.name
    }
}
