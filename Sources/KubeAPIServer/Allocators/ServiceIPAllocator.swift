import Synchronization

/// Hands out ClusterIPs from the service CIDR. The first address goes to the `kubernetes`
/// Service; the network and broadcast addresses are never used. State is rebuilt from the
/// stored Services at start-up (upstream's repair loop), so an IP is never handed out twice,
/// across restarts included.
public final class ServiceIPAllocator: Sendable {
    public struct InvalidCIDR: Error, CustomStringConvertible {
        public var cidr: String
        public var description: String { "invalid service CIDR \"\(cidr)\": expected an IPv4 CIDR such as 10.96.0.0/12" }
    }

    let base: UInt32
    let size: UInt32
    let cidr: String
    private let state = Mutex<(used: Set<UInt32>, next: UInt32)>((used: [], next: 2))

    public init(cidr: String) throws {
        let parts = cidr.split(separator: "/")
        guard parts.count == 2, let bits = UInt32(parts[1]), bits >= 8, bits <= 30,
              let address = IPv4.parse(String(parts[0]))
        else { throw InvalidCIDR(cidr: cidr) }
        let mask: UInt32 = bits == 0 ? 0 : ~UInt32(0) << (32 - bits)
        base = address & mask
        size = UInt32(1) << (32 - bits)
        self.cidr = cidr
    }

    /// The `kubernetes` Service's address (network + 1).
    public var first: String { IPv4.format(base + 1) }

    public func contains(_ ip: String) -> Bool {
        guard let a = IPv4.parse(ip) else { return false }
        return a > base && a < base + size - 1
    }

    /// Allocates the next free address (scanning from after the last one handed out).
    public func allocateNext() -> String? {
        state.withLock { s in
            for step in 0..<(size - 2) {
                let offset = 2 + (s.next - 2 + step) % (size - 3)
                if !s.used.contains(offset) {
                    s.used.insert(offset)
                    s.next = offset + 1
                    return IPv4.format(base + offset)
                }
            }
            return nil
        }
    }

    public enum AllocationError: Error { case outOfRange, alreadyAllocated }

    /// Reserves a specific address (a user-chosen clusterIP, or one found in storage).
    public func allocate(_ ip: String) throws(AllocationError) {
        guard let a = IPv4.parse(ip), contains(ip) else { throw .outOfRange }
        let offset = a - base
        let inserted = state.withLock { $0.used.insert(offset).inserted }
        if !inserted { throw .alreadyAllocated }
    }

    public func release(_ ip: String) {
        guard let a = IPv4.parse(ip), contains(ip) else { return }
        _ = state.withLock { $0.used.remove(a - base) }
    }
}

/// Hands out NodePorts from the node-port range; rebuilt from stored Services at start-up.
public final class NodePortAllocator: Sendable {
    let range: ClosedRange<Int>
    private let state = Mutex<(used: Set<Int>, next: Int)>((used: [], next: 0))

    public init(range: ClosedRange<Int>) {
        self.range = range
    }

    public func allocateNext() -> Int? {
        state.withLock { s in
            let count = range.count
            for step in 0..<count {
                let port = range.lowerBound + (s.next + step) % count
                if !s.used.contains(port) {
                    s.used.insert(port)
                    s.next = port - range.lowerBound + 1
                    return port
                }
            }
            return nil
        }
    }

    public func allocate(_ port: Int) throws(ServiceIPAllocator.AllocationError) {
        guard range.contains(port) else { throw .outOfRange }
        let inserted = state.withLock { $0.used.insert(port).inserted }
        if !inserted { throw .alreadyAllocated }
    }

    public func release(_ port: Int) {
        _ = state.withLock { $0.used.remove(port) }
    }
}

enum IPv4 {
    static func parse(_ s: String) -> UInt32? {
        let parts = s.split(separator: ".", omittingEmptySubsequences: false)
        guard parts.count == 4 else { return nil }
        var v: UInt32 = 0
        for p in parts {
            guard let b = UInt8(p), String(b) == p else { return nil }
            v = v << 8 | UInt32(b)
        }
        return v
    }

    static func format(_ v: UInt32) -> String {
        "\(v >> 24).\(v >> 16 & 0xFF).\(v >> 8 & 0xFF).\(v & 0xFF)"
    }
}
