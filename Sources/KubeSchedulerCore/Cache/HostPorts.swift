import KubeAPI

/// A host port a pod wants: `(hostIP, protocol, port)`, with upstream's sanitising
/// (empty IP is 0.0.0.0, empty protocol TCP).
public struct HostPort: Hashable, Sendable {
    public var ip: String
    public var `protocol`: String
    public var port: Int32

    public init(ip: String?, protocol proto: String?, port: Int32) {
        self.ip = (ip ?? "").isEmpty ? HostPortSet.bindAll : ip!
        self.protocol = (proto ?? "").isEmpty ? "TCP" : proto!
        self.port = port
    }

    /// The host ports of a pod's containers (upstream `schedutil.GetHostPorts`).
    static func of(_ spec: PodSpec) -> [HostPort] {
        var out: [HostPort] = []
        for c in spec.containers {
            for p in c.ports ?? [] where (p.hostPort ?? 0) > 0 {
                out.append(HostPort(ip: p.hostIP, protocol: p.protocol, port: p.hostPort!))
            }
        }
        return out
    }
}

/// Host ports in use on a node (upstream `framework.HostPortInfo`): 0.0.0.0 conflicts with
/// every address, a specific address with itself and 0.0.0.0.
public struct HostPortSet: Hashable, Sendable {
    static let bindAll = "0.0.0.0"
    struct ProtocolPort: Hashable, Sendable {
        var proto: String
        var port: Int32
    }
    var byIP: [String: [ProtocolPort: Int]] = [:]

    public init() {}

    public var isEmpty: Bool { byIP.isEmpty }

    mutating func add(_ p: HostPort) {
        byIP[p.ip, default: [:]][ProtocolPort(proto: p.protocol, port: p.port), default: 0] += 1
    }

    mutating func remove(_ p: HostPort) {
        let pp = ProtocolPort(proto: p.protocol, port: p.port)
        guard let n = byIP[p.ip]?[pp] else { return }
        if n > 1 { byIP[p.ip]![pp] = n - 1 } else { byIP[p.ip]!.removeValue(forKey: pp) }
        if byIP[p.ip]!.isEmpty { byIP.removeValue(forKey: p.ip) }
    }

    public func conflicts(_ p: HostPort) -> Bool {
        guard p.port > 0 else { return false }
        let pp = ProtocolPort(proto: p.protocol, port: p.port)
        if p.ip == Self.bindAll { return byIP.values.contains { $0[pp] != nil } }
        return byIP[Self.bindAll]?[pp] != nil || byIP[p.ip]?[pp] != nil
    }
}
