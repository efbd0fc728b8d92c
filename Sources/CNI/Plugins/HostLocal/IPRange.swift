import Linux

/// One allocatable range: addresses `start…end` (inclusive) of `subnet`, minus the gateway.
/// Defaults as upstream: start = network + 1, end = broadcast − 1, gateway = network + 1.
public struct IPRange: Sendable, Equatable, CustomStringConvertible {
    public var subnet: IPv4CIDR
    public var start: IPv4Address
    public var end: IPv4Address
    public var gateway: IPv4Address

    public struct Invalid: Error, CustomStringConvertible {
        public var description: String
    }

    public init(subnet text: String, rangeStart: String? = nil, rangeEnd: String? = nil, gateway: String? = nil) throws {
        guard let cidr = IPv4CIDR(text) else { throw Invalid(description: "subnet \"\(text)\" is not an IPv4 CIDR") }
        guard cidr.prefixLength <= 30 else { throw Invalid(description: "network \(text) too small to allocate from") }
        let subnet = cidr.network
        func address(_ text: String?, _ name: String) throws -> IPv4Address? {
            guard let text else { return nil }
            guard let address = IPv4Address(text) else { throw Invalid(description: "\(name) \"\(text)\" is not an IPv4 address") }
            guard subnet.contains(address) else { throw Invalid(description: "\(name) \(text) not in network \(subnet)") }
            return address
        }
        self.subnet = subnet
        start = try address(rangeStart, "rangeStart") ?? IPv4Address(subnet.firstAddress.value + 1)
        end = try address(rangeEnd, "rangeEnd") ?? IPv4Address(subnet.broadcast.value - 1)
        self.gateway = try address(gateway, "gateway") ?? IPv4Address(subnet.firstAddress.value + 1)
        guard start <= end else { throw Invalid(description: "rangeStart \(start) is after rangeEnd \(end)") }
    }

    public func contains(_ address: IPv4Address) -> Bool { start <= address && address <= end }

    func overlaps(_ other: IPRange) -> Bool { start <= other.end && other.start <= end }

    public var description: String { "\(start)-\(end)" }
}

/// Round-robin order through a range set, as upstream's iterator: from the address after the
/// last one reserved (or from the first range's start), across ranges, wrapping once, skipping
/// each range's gateway.
struct RangeIterator: Sequence, IteratorProtocol {
    let ranges: [IPRange]
    private var rangeIndex = 0
    private var current: IPv4Address?
    private var first: (Int, IPv4Address)?
    private var done = false

    init(ranges: [IPRange], lastReserved: IPv4Address?) {
        self.ranges = ranges
        if let lastReserved, let index = ranges.firstIndex(where: { $0.contains(lastReserved) }) {
            rangeIndex = index
            current = lastReserved
        }
    }

    mutating func next() -> (address: IPv4Address, range: IPRange)? {
        while !done {
            let range = ranges[rangeIndex]
            let candidate: IPv4Address
            if let current, current < range.end, current >= range.start {
                candidate = IPv4Address(current.value + 1)
            } else if current == nil {
                candidate = range.start
            } else {
                rangeIndex = (rangeIndex + 1) % ranges.count
                candidate = ranges[rangeIndex].start
            }
            current = candidate
            if let first, first.0 == rangeIndex, first.1 == candidate {
                done = true
                return nil
            }
            if first == nil { first = (rangeIndex, candidate) }
            if candidate == ranges[rangeIndex].gateway { continue }
            return (candidate, ranges[rangeIndex])
        }
        return nil
    }
}
