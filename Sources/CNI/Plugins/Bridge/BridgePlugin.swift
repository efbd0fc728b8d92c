import FoundationEssentials
import Glibc
import Linux

/// `bridge`: a Linux bridge in the plugin's namespace (made if missing), a veth pair with one
/// end on the bridge and the other in the pod namespace as CNI_IFNAME, the IPAM plugin's
/// addresses and routes inside the pod, the gateway address on the bridge (isGateway), a
/// default route (isDefaultGateway), masquerade (ipMasq), hairpin, MTU. DEL removes the
/// pod's interface and releases the addresses, and succeeds when they are already gone.
public struct BridgePlugin: CNIPlugin {
    public init() {}
    public var type: String { "bridge" }

    public func add(_ arguments: PluginArguments, config data: Data) throws -> CNIResult {
        let config = try BridgeConfig.parse(data)
        let host = try RouteNetlink.open()
        let bridge = try ensureBridge(config, host)
        let pod = try openNamespace(arguments.netns)
        let podNetlink = try pod.routeNetlink()
        let (hostVeth, podInterface) = try createVeth(config, arguments, host: host, bridge: bridge, pod: pod, podNetlink: podNetlink)
        let executor = PluginExecutor(searchPath: arguments.path)
        var allocatedBy: String?  // the IPAM type, once it has handed out addresses
        var succeeded = false
        defer {
            if !succeeded {
                try? host.deleteLink(hostVeth)
                if let allocatedBy { _ = try? executor.run(allocatedBy, command: .del, arguments: arguments, config: data) }
            }
        }

        var result = CNIResult(interfaces: [
            .init(name: bridge.name, mac: bridge.macString),
            .init(name: hostVeth.name, mac: hostVeth.macString),
            .init(name: podInterface.name, mac: podInterface.macString, sandbox: arguments.netns),
        ])

        if let ipamType = config.ipam?.type, !ipamType.isEmpty {
            let ipam = try executor.add(ipamType, arguments: arguments, config: data)
            allocatedBy = ipamType
            guard let ips = ipam.ips, !ips.isEmpty else { throw CNIError(.internalError, "IPAM plugin returned missing IP config") }
            result.ips = ips.map { ip in
                var ip = ip
                ip.interface = 2
                ip.version = nil
                return ip
            }
            result.routes = ipam.routes
            result.dns = ipam.dns
            let gateways = try assignGateways(&result, config)
            try configurePodInterface(podInterface, result, podNetlink, pod)
            if config.isGateway {
                for gateway in gateways { try ensureAddress(gateway, on: bridge, host, force: config.forceAddress) }
                if !gateways.isEmpty {
                    try Sysctl.write("net/ipv4/ip_forward", "1")
                    // Bridged pod traffic must traverse iptables for Service rules.
                    if Sysctl.exists("net/bridge/bridge-nf-call-iptables") {
                        try? Sysctl.write("net/bridge/bridge-nf-call-iptables", "1")
                    }
                }
            }
            if config.ipMasq {
                let addresses = result.ips?.compactMap(\.ipv4) ?? []
                let masquerade = IPMasquerade(network: config.name, containerID: arguments.containerID)
                do {
                    try masquerade.setUp(addresses)
                } catch {
                    throw CNIError(.internalError, "failed to set up IP masquerade for \(addresses.map(\.description).joined(separator: ","))",
                                   details: "\(error)")
                }
            }
        } else {
            try podNetlink.setUp(podInterface)
        }

        // The bridge port forwards once the veth is operationally up (both ends up).
        let upHostVeth = try waitUntilOperationallyUp(hostVeth, host)
        result.interfaces?[1].mac = upHostVeth.macString
        result.interfaces?[0].mac = try host.link(index: bridge.index).macString
        if let dns = config.dns, !dns.isEmpty { result.dns = dns }
        succeeded = true
        return result
    }

    public func del(_ arguments: PluginArguments, config data: Data) throws {
        let config = try BridgeConfig.parse(data)
        let executor = PluginExecutor(searchPath: arguments.path)
        func releaseAddresses() throws {
            if let ipamType = config.ipam?.type, !ipamType.isEmpty {
                try executor.run(ipamType, command: .del, arguments: arguments, config: data)
            }
        }
        var addresses: [IPv4CIDR] = config.prevResult?.ips?.compactMap(\.ipv4) ?? []
        if !arguments.netns.isEmpty, FileIO.exists(arguments.netns) {
            let podNetlink = try openNamespace(arguments.netns).routeNetlink()
            if let podInterface = try podNetlink.linkIfPresent(named: arguments.ifName) {
                for address in try podNetlink.addresses(of: podInterface) where !addresses.contains(address.cidr) {
                    addresses.append(address.cidr)
                }
                // Deleting one end of a veth deletes both.
                do {
                    try podNetlink.deleteLink(podInterface)
                } catch let error as NetlinkError where error.errno == ENODEV {}
            }
        }
        try releaseAddresses()
        if config.ipMasq, config.ipam != nil {
            do {
                try IPMasquerade(network: config.name, containerID: arguments.containerID).tearDown(addresses)
            } catch {
                throw CNIError(.internalError, "failed to tear down IP masquerade", details: "\(error)")
            }
        }
    }

    public func check(_ arguments: PluginArguments, config data: Data) throws {
        let config = try BridgeConfig.parse(data)
        guard let previous = config.prevResult else { throw CNIError(.invalidNetworkConfig, "Required prevResult missing") }
        if let ipamType = config.ipam?.type, !ipamType.isEmpty {
            try PluginExecutor(searchPath: arguments.path).run(ipamType, command: .check, arguments: arguments, config: data)
        }
        let host = try RouteNetlink.open()
        guard let bridge = try host.linkIfPresent(named: config.bridge), bridge.kind == "bridge" else {
            throw CNIError(.internalError, "CNI created bridge \(config.bridge) in host namespace was not found")
        }
        let podNetlink = try openNamespace(arguments.netns).routeNetlink()
        guard let podInterface = try podNetlink.linkIfPresent(named: arguments.ifName), podInterface.kind == "veth" else {
            throw CNIError(.internalError, "CNI created interface in container \(arguments.ifName) not found")
        }
        guard let peer = podInterface.peerIndex, let hostVeth = try? host.link(index: peer), hostVeth.masterIndex == bridge.index else {
            throw CNIError(.internalError, "CNI veth created for bridge \(config.bridge) was not found")
        }
        let present = Set(try podNetlink.addresses(of: podInterface).map(\.cidr))
        for ip in previous.ips ?? [] {
            guard let cidr = ip.ipv4, present.contains(cidr) else {
                throw CNIError(.internalError, "\(arguments.ifName) does not have address \(ip.address) from prevResult")
            }
        }
    }

    /// GC: the IPAM plugin releases what is not a valid attachment (interfaces die with
    /// their namespaces; upstream's iptables masquerade has no GC either).
    public func gc(_ arguments: PluginArguments, config data: Data) throws {
        let config = try BridgeConfig.parse(data)
        if let ipamType = config.ipam?.type, !ipamType.isEmpty {
            try PluginExecutor(searchPath: arguments.path).run(ipamType, command: .gc, arguments: arguments, config: data)
        }
    }

    // MARK: steps

    func ensureBridge(_ config: BridgeConfig, _ host: RouteNetlink) throws -> Link {
        var bridge = try host.linkIfPresent(named: config.bridge)
        if bridge == nil {
            do {
                try host.addBridge(name: config.bridge, mtu: config.mtu)
            } catch let error as NetlinkError where error.errno == EEXIST {
                // Another ADD made it first.
            }
            bridge = try host.link(named: config.bridge)
        }
        guard let bridge, bridge.kind == "bridge" else {
            throw CNIError(.internalError, "failed to create bridge \"\(config.bridge)\": it already exists but is not a bridge")
        }
        if config.promiscMode { try host.setPromiscuous(bridge, true) }
        if !bridge.isUp { try host.setUp(bridge) }
        return bridge
    }

    /// Host end `veth<8 hex>` (a fresh name on collision), pod end created directly in the pod
    /// namespace under its final name.
    func createVeth(_ config: BridgeConfig, _ arguments: PluginArguments, host: RouteNetlink, bridge: Link,
                    pod: NetworkNamespace, podNetlink: RouteNetlink) throws -> (Link, Link) {
        if try podNetlink.linkIfPresent(named: arguments.ifName) != nil {
            throw CNIError(.internalError, "container veth name provided (\(arguments.ifName)) already exists")
        }
        var hostName = ""
        for attempt in 1...10 {
            hostName = "veth" + (0..<4).map { _ in
                let byte = UInt8.random(in: 0...255)
                return (byte < 16 ? "0" : "") + String(byte, radix: 16)
            }.joined()
            do {
                try host.addVeth(name: hostName, peerName: arguments.ifName, peerNamespace: pod.descriptor, mtu: config.mtu)
                break
            } catch let error as NetlinkError where error.errno == EEXIST && attempt < 10 {
                if try podNetlink.linkIfPresent(named: arguments.ifName) != nil {
                    throw CNIError(.internalError, "container veth name provided (\(arguments.ifName)) already exists")
                }
            }
        }
        let hostVeth = try host.link(named: hostName)
        do {
            try host.setMaster(hostVeth, bridge)
            if config.hairpinMode { try host.setHairpin(hostVeth, true) }
            try host.setUp(hostVeth)
            let podInterface = try podNetlink.link(named: arguments.ifName)
            try? Sysctl.write("net/ipv4/conf/\(arguments.ifName)/arp_notify", "1", in: pod)
            return (hostVeth, podInterface)
        } catch {
            try? host.deleteLink(hostVeth)
            throw error
        }
    }

    /// Fills in gateways as upstream's calcGateways: a missing gateway is the subnet's first
    /// address when the bridge is the gateway, and isDefaultGateway adds 0.0.0.0/0 via it
    /// unless IPAM already gave a default route. Returns the bridge's addresses-to-be.
    func assignGateways(_ result: inout CNIResult, _ config: BridgeConfig) throws -> [IPv4CIDR] {
        var gateways: [IPv4CIDR] = []
        var defaultRouteFound = result.routes?.contains { $0.dst == "0.0.0.0/0" && $0.gw != nil } ?? false
        for index in (result.ips ?? []).indices {
            guard let cidr = result.ips?[index].ipv4 else { continue }  // IPv6: not handled by this plugin
            if result.ips?[index].gateway == nil, config.isGateway {
                result.ips?[index].gateway = IPv4Address(cidr.network.address.value + 1).description
            }
            guard let gateway = result.ips?[index].ipv4Gateway else { continue }
            if config.isDefaultGateway, !defaultRouteFound {
                result.routes = (result.routes ?? []) + [.init(dst: "0.0.0.0/0", gw: gateway.description)]
                defaultRouteFound = true
            }
            if config.isGateway { gateways.append(IPv4CIDR(address: gateway, prefixLength: cidr.prefixLength)) }
        }
        return gateways
    }

    /// Inside the pod: link up, addresses, then routes (a route without `gw` uses the
    /// gateway of its address family's IP).
    func configurePodInterface(_ link: Link, _ result: CNIResult, _ netlink: RouteNetlink, _ pod: NetworkNamespace) throws {
        try netlink.setUp(link)
        for ip in result.ips ?? [] {
            guard let cidr = ip.ipv4 else { continue }
            try netlink.addAddress(cidr, to: link)
        }
        let defaultGateway = result.ips?.lazy.compactMap(\.ipv4Gateway).first
        for route in result.routes ?? [] {
            guard let destination = IPv4CIDR(route.dst) else { continue }
            let gateway = route.gw.flatMap { IPv4Address($0) } ?? defaultGateway
            try netlink.addRoute(Route(destination: destination, gateway: gateway, linkIndex: link.index))
        }
    }

    /// The gateway address on the bridge: kept if present, added if the bridge has no other
    /// IPv4 address in that subnet, replaced only with forceAddress.
    func ensureAddress(_ gateway: IPv4CIDR, on bridge: Link, _ host: RouteNetlink, force: Bool) throws {
        let existing = try host.addresses(of: bridge)
        if existing.contains(where: { $0.cidr == gateway }) { return }
        for address in existing where address.cidr.network == gateway.network {
            guard force else {
                throw CNIError(.internalError, "\"\(bridge.name)\" already has an IP address different from \(gateway)")
            }
            try host.deleteAddress(address.cidr, from: bridge)
        }
        do {
            try host.addAddress(gateway, to: bridge)
        } catch let error as NetlinkError where error.errno == EEXIST {
            // A concurrent ADD put it there.
        }
    }

    func waitUntilOperationallyUp(_ link: Link, _ host: RouteNetlink) throws -> Link {
        let deadline = ContinuousClock.now + .seconds(3)
        var delay = Duration.microseconds(200)
        while true {
            let current = try host.link(index: link.index)
            if current.isOperationallyUp { return current }
            guard ContinuousClock.now < deadline else {
                throw CNIError(.internalError, "bridge port \(link.name) in error state: operstate \(current.operationalState ?? 0)")
            }
            usleep(UInt32(delay.components.attoseconds / 1_000_000_000_000))
            delay = min(delay * 2, .milliseconds(50))
        }
    }
}
