/// struct rtmsg: the header of RTM_*ROUTE messages (12 bytes).
struct RouteHeader: Equatable {
    var family: UInt8 = AddressFamily.inet
    var destinationLength: UInt8 = 0
    var sourceLength: UInt8 = 0
    var tos: UInt8 = 0
    var table: UInt8 = RouteTable.main
    var routingProtocol: UInt8 = RouteProtocol.boot
    var scope: UInt8 = RouteScope.universe.rawValue
    var type: UInt8 = RouteType.unicast
    var flags: UInt32 = 0

    static let length = 12

    func encode() -> [UInt8] {
        [family, destinationLength, sourceLength, tos, table, routingProtocol, scope, type] + NetlinkBytes.u32(flags)
    }

    init(destinationLength: UInt8 = 0, table: UInt8 = RouteTable.main, routingProtocol: UInt8 = RouteProtocol.boot,
         scope: UInt8 = RouteScope.universe.rawValue, type: UInt8 = RouteType.unicast) {
        self.destinationLength = destinationLength
        self.table = table
        self.routingProtocol = routingProtocol
        self.scope = scope
        self.type = type
    }

    init?(_ bytes: ArraySlice<UInt8>) {
        guard bytes.count >= Self.length else { return nil }
        let start = bytes.startIndex
        family = bytes[start]
        destinationLength = bytes[start + 1]
        sourceLength = bytes[start + 2]
        tos = bytes[start + 3]
        table = bytes[start + 4]
        routingProtocol = bytes[start + 5]
        scope = bytes[start + 6]
        type = bytes[start + 7]
        flags = NetlinkBytes.readU32(bytes, at: start + 8)
    }
}

/// An IPv4 route in the main table: `destination` (nil: default) via `gateway` and/or out of
/// `linkIndex`.
public struct Route: Equatable, Sendable, CustomStringConvertible {
    public var destination: IPv4CIDR?
    public var gateway: IPv4Address?
    public var linkIndex: Int32?
    public var scope: RouteScope
    public var table: UInt8

    public init(destination: IPv4CIDR? = nil, gateway: IPv4Address? = nil, linkIndex: Int32? = nil, scope: RouteScope? = nil) {
        self.destination = destination.map(\.network)
        self.gateway = gateway
        self.linkIndex = linkIndex
        // A route without a next hop reaches only the link itself.
        self.scope = scope ?? (gateway == nil ? .link : .universe)
        self.table = RouteTable.main
    }

    public var isDefault: Bool { destination == nil || destination?.prefixLength == 0 }

    public var description: String {
        var text = destination.map(\.description) ?? "default"
        if let gateway { text += " via \(gateway)" }
        if let linkIndex { text += " dev \(linkIndex)" }
        return text
    }

    init?(message: NetlinkMessage) {
        guard message.type == NetlinkMessageType.newRoute.rawValue,
              let header = RouteHeader(message.payload[...]), header.family == AddressFamily.inet else { return nil }
        let attributes = NetlinkAttribute.decode(message.payload[RouteHeader.length...])
        if let address = attributes.first(RouteAttribute.destination)?.ipv4 {
            destination = IPv4CIDR(address: address, prefixLength: Int(header.destinationLength))
        } else {
            destination = nil
        }
        gateway = attributes.first(RouteAttribute.gateway)?.ipv4
        linkIndex = attributes.first(RouteAttribute.outputInterface)?.u32.map { Int32(bitPattern: $0) }
        scope = RouteScope(rawValue: header.scope) ?? .universe
        table = attributes.first(RouteAttribute.table)?.u32.map { UInt8(truncatingIfNeeded: $0) } ?? header.table
    }
}
