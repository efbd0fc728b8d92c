/// rtnetlink numbers from <linux/netlink.h>, <linux/rtnetlink.h>, <linux/if_link.h>,
/// <linux/if_addr.h>, <linux/veth.h> (kernel ABI: fixed forever).
public enum NetlinkMessageType: UInt16, Sendable {
    case noop = 1, error = 2, done = 3, overrun = 4
    case newLink = 16, deleteLink = 17, getLink = 18, setLink = 19
    case newAddress = 20, deleteAddress = 21, getAddress = 22
    case newRoute = 24, deleteRoute = 25, getRoute = 26
}

public struct NetlinkFlags: OptionSet, Sendable, Hashable {
    public let rawValue: UInt16
    public init(rawValue: UInt16) { self.rawValue = rawValue }
    public static let request = NetlinkFlags(rawValue: 0x1)
    public static let multi = NetlinkFlags(rawValue: 0x2)
    public static let ack = NetlinkFlags(rawValue: 0x4)
    // GET requests
    public static let root = NetlinkFlags(rawValue: 0x100)
    public static let match = NetlinkFlags(rawValue: 0x200)
    public static let dump: NetlinkFlags = [.root, .match]
    // NEW requests
    public static let replace = NetlinkFlags(rawValue: 0x100)
    public static let exclusive = NetlinkFlags(rawValue: 0x200)
    public static let create = NetlinkFlags(rawValue: 0x400)
}

enum AddressFamily {
    static let unspecified: UInt8 = 0
    static let inet: UInt8 = 2
    static let bridge: UInt8 = 7
}

/// IFLA_* (struct ifinfomsg attributes).
enum LinkAttribute {
    static let address: UInt16 = 1
    static let broadcast: UInt16 = 2
    static let name: UInt16 = 3
    static let mtu: UInt16 = 4
    static let link: UInt16 = 5
    static let master: UInt16 = 10
    static let protocolInfo: UInt16 = 12
    static let operationalState: UInt16 = 16
    static let linkInfo: UInt16 = 18
    static let namespacePID: UInt16 = 19
    static let namespaceFD: UInt16 = 28
    static let linkNamespaceID: UInt16 = 37
}

/// IFLA_INFO_* inside IFLA_LINKINFO.
enum LinkInfoAttribute {
    static let kind: UInt16 = 1
    static let data: UInt16 = 2
}

/// VETH_INFO_PEER inside IFLA_INFO_DATA of a veth: a struct ifinfomsg and its attributes.
enum VethInfoAttribute {
    static let peer: UInt16 = 1
}

/// IFLA_BRPORT_* inside IFLA_PROTINFO of an AF_BRIDGE message.
enum BridgePortAttribute {
    static let hairpinMode: UInt16 = 4
}

/// IFA_* (struct ifaddrmsg attributes).
enum AddressAttribute {
    static let address: UInt16 = 1
    static let local: UInt16 = 2
    static let label: UInt16 = 3
    static let broadcast: UInt16 = 4
}

/// RTA_* (struct rtmsg attributes).
enum RouteAttribute {
    static let destination: UInt16 = 1
    static let outputInterface: UInt16 = 4
    static let gateway: UInt16 = 5
    static let priority: UInt16 = 6
    static let preferredSource: UInt16 = 7
    static let table: UInt16 = 15
}

enum RouteTable {
    static let unspecified: UInt8 = 0
    static let main: UInt8 = 254
}

enum RouteProtocol {
    static let unspecified: UInt8 = 0
    static let boot: UInt8 = 3
}

/// RT_SCOPE_*: how far a route or address reaches.
public enum RouteScope: UInt8, Sendable {
    case universe = 0, site = 200, link = 253, host = 254, nowhere = 255
}

enum RouteType {
    static let unspecified: UInt8 = 0
    static let unicast: UInt8 = 1
}

/// NLA_F_NESTED: marks an attribute whose payload is attributes (required by newer parsers).
let nestedAttributeFlag: UInt16 = 0x8000
let interfaceUpFlag: UInt32 = 0x1  // IFF_UP
