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

    public static func < (lhs: ServicePortName, rhs: ServicePortName) -> Bool {
        (lhs.namespace, lhs.name, lhs.port, lhs.protocol) < (rhs.namespace, rhs.name, rhs.port, rhs.protocol)
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
        (lhs.namespace, lhs.name) < (rhs.namespace, rhs.name)
    }
}
