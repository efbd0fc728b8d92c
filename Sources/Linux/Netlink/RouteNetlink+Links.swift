import Glibc

/// Links: list, look up, create (veth, bridge), delete, up/down, MTU, master, namespace,
/// rename, hairpin.
extension RouteNetlink {
    public func links() throws -> [Link] {
        try request(.getLink, flags: .dump, payload: InterfaceInfoHeader().encode(), operation: "list links")
            .compactMap(Link.init(message:))
    }

    public func link(named name: String) throws -> Link {
        let payload = InterfaceInfoHeader().encode() + NetlinkAttribute.encode([.string(LinkAttribute.name, name)])
        return try singleLink(try request(.getLink, flags: Self.change, payload: payload, operation: "get link \(name)"), "get link \(name)")
    }

    public func link(index: Int32) throws -> Link {
        let payload = InterfaceInfoHeader(index: index).encode()
        return try singleLink(try request(.getLink, flags: Self.change, payload: payload, operation: "get link \(index)"), "get link \(index)")
    }

    /// nil when no link has that name (ENODEV), rather than an error.
    public func linkIfPresent(named name: String) throws -> Link? {
        do {
            return try link(named: name)
        } catch let error as NetlinkError where error.errno == ENODEV {
            return nil
        }
    }

    private func singleLink(_ replies: [NetlinkMessage], _ operation: String) throws -> Link {
        guard let link = replies.lazy.compactMap(Link.init(message:)).first else {
            throw NetlinkError(operation: operation, errno: EBADMSG, detail: "no RTM_NEWLINK in the reply")
        }
        return link
    }

    /// A veth pair `name` ↔ `peerName`; the peer is created directly inside the namespace
    /// `peerNamespace` (an nsfs descriptor) when given.
    public func addVeth(name: String, peerName: String, peerNamespace: Int32? = nil, mtu: UInt32? = nil) throws {
        var peer: [NetlinkAttribute] = [.string(LinkAttribute.name, peerName)]
        if let mtu { peer.append(.u32(LinkAttribute.mtu, mtu)) }
        if let peerNamespace { peer.append(.u32(LinkAttribute.namespaceFD, UInt32(bitPattern: peerNamespace))) }
        let info: [NetlinkAttribute] = [
            .string(LinkInfoAttribute.kind, "veth"),
            .nested(LinkInfoAttribute.data, [
                NetlinkAttribute(type: VethInfoAttribute.peer, payload: InterfaceInfoHeader().encode() + NetlinkAttribute.encode(peer))
            ]),
        ]
        var attributes: [NetlinkAttribute] = [.string(LinkAttribute.name, name)]
        if let mtu { attributes.append(.u32(LinkAttribute.mtu, mtu)) }
        attributes.append(.nested(LinkAttribute.linkInfo, info))
        try request(.newLink, flags: Self.createExclusive, payload: InterfaceInfoHeader().encode() + NetlinkAttribute.encode(attributes),
                    operation: "add veth \(name) → \(peerName)")
    }

    public func addBridge(name: String, mtu: UInt32? = nil) throws {
        var attributes: [NetlinkAttribute] = [.string(LinkAttribute.name, name)]
        if let mtu { attributes.append(.u32(LinkAttribute.mtu, mtu)) }
        attributes.append(.nested(LinkAttribute.linkInfo, [.string(LinkInfoAttribute.kind, "bridge")]))
        try request(.newLink, flags: Self.createExclusive, payload: InterfaceInfoHeader().encode() + NetlinkAttribute.encode(attributes),
                    operation: "add bridge \(name)")
    }

    public func deleteLink(_ link: Link) throws {
        try request(.deleteLink, flags: Self.change, payload: InterfaceInfoHeader(index: link.index).encode(), operation: "delete link \(link.name)")
    }

    public func setUp(_ link: Link) throws {
        let header = InterfaceInfoHeader(index: link.index, flags: interfaceUpFlag, change: interfaceUpFlag)
        try request(.newLink, flags: Self.change, payload: header.encode(), operation: "set link \(link.name) up")
    }

    public func setDown(_ link: Link) throws {
        let header = InterfaceInfoHeader(index: link.index, flags: 0, change: interfaceUpFlag)
        try request(.newLink, flags: Self.change, payload: header.encode(), operation: "set link \(link.name) down")
    }

    public func setMTU(_ link: Link, _ mtu: UInt32) throws {
        try setLink(link, [.u32(LinkAttribute.mtu, mtu)], operation: "set link \(link.name) mtu \(mtu)")
    }

    /// Makes `link` a port of `bridge` (IFLA_MASTER); nil detaches it.
    public func setMaster(_ link: Link, _ bridge: Link?) throws {
        try setLink(link, [.u32(LinkAttribute.master, UInt32(bitPattern: bridge?.index ?? 0))],
                    operation: "set link \(link.name) master \(bridge?.name ?? "none")")
    }

    /// Moves `link` into the namespace open at `namespace` (an nsfs descriptor).
    public func moveToNamespace(_ link: Link, namespace: Int32, namespaceName: String) throws {
        try setLink(link, [.u32(LinkAttribute.namespaceFD, UInt32(bitPattern: namespace))],
                    operation: "move link \(link.name) to netns \(namespaceName)")
    }

    public func rename(_ link: Link, to name: String) throws {
        try setLink(link, [.string(LinkAttribute.name, name)], operation: "rename link \(link.name) → \(name)")
    }

    /// Hairpin mode on a bridge port (IFLA_BRPORT_MODE in IFLA_PROTINFO, AF_BRIDGE): frames
    /// may leave by the port they came in on, so a pod can reach itself through a Service.
    public func setHairpin(_ link: Link, _ enabled: Bool) throws {
        let header = InterfaceInfoHeader(family: AddressFamily.bridge, index: link.index)
        let protocolInfo = NetlinkAttribute(
            type: LinkAttribute.protocolInfo | nestedAttributeFlag,
            payload: NetlinkAttribute.encode([.u8(BridgePortAttribute.hairpinMode, enabled ? 1 : 0)]))
        try request(.setLink, flags: Self.change, payload: header.encode() + NetlinkAttribute.encode([protocolInfo]),
                    operation: "set link \(link.name) hairpin \(enabled ? "on" : "off")")
    }

    private func setLink(_ link: Link, _ attributes: [NetlinkAttribute], operation: @autoclosure () -> String) throws {
        try request(.setLink, flags: Self.change, payload: InterfaceInfoHeader(index: link.index).encode() + NetlinkAttribute.encode(attributes),
                    operation: operation())
    }
}

extension RouteNetlink {
    /// IFF_PROMISC on or off.
    public func setPromiscuous(_ link: Link, _ enabled: Bool) throws {
        let promiscuous: UInt32 = 0x100
        let header = InterfaceInfoHeader(index: link.index, flags: enabled ? promiscuous : 0, change: promiscuous)
        try request(.newLink, flags: Self.change, payload: header.encode(), operation: "set link \(link.name) promisc \(enabled ? "on" : "off")")
    }
}
