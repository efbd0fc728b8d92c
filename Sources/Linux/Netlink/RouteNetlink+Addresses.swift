/// IPv4 addresses: add, list, delete.
extension RouteNetlink {
    public func addAddress(_ cidr: IPv4CIDR, to link: Link) throws {
        try request(.newAddress, flags: Self.createExclusive, payload: Self.addressPayload(cidr, link),
                    operation: "add address \(cidr) to \(link.name)")
    }

    public func deleteAddress(_ cidr: IPv4CIDR, from link: Link) throws {
        try request(.deleteAddress, flags: Self.change, payload: Self.addressPayload(cidr, link),
                    operation: "delete address \(cidr) from \(link.name)")
    }

    /// IPv4 addresses, of one link or of all.
    public func addresses(of link: Link? = nil) throws -> [LinkAddress] {
        let all = try request(.getAddress, flags: .dump, payload: InterfaceAddressHeader().encode(),
                              operation: "list addresses\(link.map { " of \($0.name)" } ?? "")")
            .compactMap(LinkAddress.init(message:))
        guard let link else { return all }
        return all.filter { $0.linkIndex == link.index }
    }

    /// As `ip addr add`: IFA_LOCAL and IFA_ADDRESS both the address, plus the broadcast
    /// address for prefixes that have one.
    static func addressPayload(_ cidr: IPv4CIDR, _ link: Link) -> [UInt8] {
        let header = InterfaceAddressHeader(prefixLength: UInt8(cidr.prefixLength), index: link.index)
        var attributes: [NetlinkAttribute] = [
            .address(AddressAttribute.local, cidr.address),
            .address(AddressAttribute.address, cidr.address),
        ]
        if cidr.prefixLength < 31 { attributes.append(.address(AddressAttribute.broadcast, cidr.broadcast)) }
        return header.encode() + NetlinkAttribute.encode(attributes)
    }
}
