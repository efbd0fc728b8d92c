/// struct ifaddrmsg: the header of RTM_*ADDR messages (8 bytes).
struct InterfaceAddressHeader: Equatable {
    var family: UInt8 = AddressFamily.inet
    var prefixLength: UInt8 = 0
    var flags: UInt8 = 0
    var scope: UInt8 = RouteScope.universe.rawValue
    var index: Int32 = 0

    static let length = 8

    func encode() -> [UInt8] { [family, prefixLength, flags, scope] + NetlinkBytes.i32(index) }

    init(family: UInt8 = AddressFamily.inet, prefixLength: UInt8 = 0, scope: UInt8 = 0, index: Int32 = 0) {
        self.family = family
        self.prefixLength = prefixLength
        self.scope = scope
        self.index = index
    }

    init?(_ bytes: ArraySlice<UInt8>) {
        guard bytes.count >= Self.length else { return nil }
        let start = bytes.startIndex
        family = bytes[start]
        prefixLength = bytes[start + 1]
        flags = bytes[start + 2]
        scope = bytes[start + 3]
        index = Int32(bitPattern: NetlinkBytes.readU32(bytes, at: start + 4))
    }
}

/// An IPv4 address on a link, as RTM_NEWADDR describes it.
public struct LinkAddress: Equatable, Sendable, CustomStringConvertible {
    public var linkIndex: Int32
    public var cidr: IPv4CIDR
    public var label: String?
    public var scope: UInt8

    public init(linkIndex: Int32, cidr: IPv4CIDR, label: String? = nil, scope: UInt8 = 0) {
        self.linkIndex = linkIndex
        self.cidr = cidr
        self.label = label
        self.scope = scope
    }

    public var description: String { "\(cidr) on link \(linkIndex)" }

    init?(message: NetlinkMessage) {
        guard message.type == NetlinkMessageType.newAddress.rawValue,
              let header = InterfaceAddressHeader(message.payload[...]), header.family == AddressFamily.inet else { return nil }
        let attributes = NetlinkAttribute.decode(message.payload[InterfaceAddressHeader.length...])
        guard let address = (attributes.first(AddressAttribute.local) ?? attributes.first(AddressAttribute.address))?.ipv4 else { return nil }
        linkIndex = header.index
        cidr = IPv4CIDR(address: address, prefixLength: Int(header.prefixLength))
        label = attributes.first(AddressAttribute.label)?.string
        scope = header.scope
    }
}
