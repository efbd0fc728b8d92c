import Linux

/// Allocation over one range set, under the store's lock: an address already held by this
/// container/interface is an error (the spec forbids duplicate ADDs), a requested address
/// must be free, otherwise the next free one round-robin.
public struct HostLocalAllocator: Sendable {
    public var ranges: [IPRange]
    public var store: HostLocalStore
    public var rangeSetIndex: Int

    public init(ranges: [IPRange], store: HostLocalStore, rangeSetIndex: Int) {
        self.ranges = ranges
        self.store = store
        self.rangeSetIndex = rangeSetIndex
    }

    public func allocate(id: String, ifName: String, requested: IPv4Address? = nil) throws -> CNIResult.IPConfig {
        try store.locked {
            if let requested {
                guard let range = ranges.first(where: { $0.contains(requested) }) else {
                    throw CNIError(.invalidNetworkConfig, "requested IP address \(requested) is not in range set \(describeRanges)")
                }
                guard requested != range.gateway else {
                    throw CNIError(.invalidNetworkConfig, "requested ip \(requested) is subnet's gateway")
                }
                guard try store.reserve(requested, id: id, ifName: ifName, rangeSet: rangeSetIndex) else {
                    throw CNIError(.internalError, "requested IP address \(requested) is not available in range set \(describeRanges)")
                }
                return config(requested, range)
            }
            if let held = store.addresses(id: id, ifName: ifName).first(where: { address in ranges.contains { $0.contains(address) } }) {
                throw CNIError(.internalError, "\(held) has been allocated to \(id), duplicate allocation is not allowed")
            }
            var candidates = RangeIterator(ranges: ranges, lastReserved: store.lastReserved(rangeSet: rangeSetIndex))
            while let (address, range) = candidates.next() {
                if try store.reserve(address, id: id, ifName: ifName, rangeSet: rangeSetIndex) {
                    return config(address, range)
                }
            }
            throw CNIError(.internalError, "no IP addresses available in range set: \(describeRanges)")
        }
    }

    private func config(_ address: IPv4Address, _ range: IPRange) -> CNIResult.IPConfig {
        .init(address: IPv4CIDR(address: address, prefixLength: range.subnet.prefixLength).description, gateway: range.gateway.description)
    }

    private var describeRanges: String { ranges.map(\.description).joined(separator: ",") }
}
