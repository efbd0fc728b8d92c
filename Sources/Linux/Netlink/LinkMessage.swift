/// struct ifinfomsg: the header of RTM_*LINK messages (16 bytes).
struct InterfaceInfoHeader: Equatable {
    var family: UInt8 = AddressFamily.unspecified
    var deviceType: UInt16 = 0
    var index: Int32 = 0
    var flags: UInt32 = 0
    var change: UInt32 = 0

    static let length = 16

    func encode() -> [UInt8] {
        [family, 0] + NetlinkBytes.u16(deviceType) + NetlinkBytes.i32(index) + NetlinkBytes.u32(flags) + NetlinkBytes.u32(change)
    }

    init(family: UInt8 = AddressFamily.unspecified, index: Int32 = 0, flags: UInt32 = 0, change: UInt32 = 0) {
        self.family = family
        self.index = index
        self.flags = flags
        self.change = change
    }

    init?(_ bytes: ArraySlice<UInt8>) {
        guard bytes.count >= Self.length else { return nil }
        let start = bytes.startIndex
        family = bytes[start]
        deviceType = NetlinkBytes.readU16(bytes, at: start + 2)
        index = Int32(bitPattern: NetlinkBytes.readU32(bytes, at: start + 4))
        flags = NetlinkBytes.readU32(bytes, at: start + 8)
        change = NetlinkBytes.readU32(bytes, at: start + 12)
    }
}

/// A network interface as RTM_NEWLINK describes it.
public struct Link: Equatable, Sendable, CustomStringConvertible {
    public var index: Int32
    public var name: String
    /// IFLA_INFO_KIND: "veth", "bridge", … (nil for physical and loopback devices).
    public var kind: String?
    public var mtu: UInt32?
    /// Index of the bridge this link is a port of.
    public var masterIndex: Int32?
    /// For a veth: the peer's index (in the peer's namespace).
    public var peerIndex: Int32?
    public var macAddress: [UInt8]?
    public var flags: UInt32
    /// IF_OPER_*: 6 is up, 2 down, 0 unknown (loopback, and veths without carrier checks).
    public var operationalState: UInt8?

    public init(index: Int32, name: String, kind: String? = nil, mtu: UInt32? = nil, masterIndex: Int32? = nil,
                peerIndex: Int32? = nil, macAddress: [UInt8]? = nil, flags: UInt32 = 0, operationalState: UInt8? = nil) {
        self.index = index
        self.name = name
        self.kind = kind
        self.mtu = mtu
        self.masterIndex = masterIndex
        self.peerIndex = peerIndex
        self.macAddress = macAddress
        self.flags = flags
        self.operationalState = operationalState
    }

    public var isUp: Bool { flags & interfaceUpFlag != 0 }
    public var isOperationallyUp: Bool { operationalState == 6 }

    /// `aa:bb:cc:dd:ee:ff`, as CNI results carry it.
    public var macString: String {
        (macAddress ?? []).map { byte in
            let hex = String(byte, radix: 16)
            return byte < 16 ? "0" + hex : hex
        }.joined(separator: ":")
    }

    public var description: String { "\(name) (index \(index))" }

    init?(message: NetlinkMessage) {
        guard message.type == NetlinkMessageType.newLink.rawValue,
              let header = InterfaceInfoHeader(message.payload[...]) else { return nil }
        let attributes = NetlinkAttribute.decode(message.payload[InterfaceInfoHeader.length...])
        index = header.index
        flags = header.flags
        name = attributes.first(LinkAttribute.name)?.string ?? ""
        mtu = attributes.first(LinkAttribute.mtu)?.u32
        masterIndex = attributes.first(LinkAttribute.master)?.u32.map { Int32(bitPattern: $0) }
        peerIndex = attributes.first(LinkAttribute.link)?.u32.map { Int32(bitPattern: $0) }
        macAddress = attributes.first(LinkAttribute.address)?.payload
        operationalState = attributes.first(LinkAttribute.operationalState)?.u8
        kind = attributes.first(LinkAttribute.linkInfo)?.children.first(LinkInfoAttribute.kind)?.string
    }
}
