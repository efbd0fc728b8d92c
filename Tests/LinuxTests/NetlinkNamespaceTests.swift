import Foundation
import Glibc
import Testing

@testable import Linux

/// The rtnetlink client against the kernel, inside network namespaces this test makes
/// (`ip netns add ks-nl-<random>-…`) and removes; nothing runs in the root namespace.
@Suite(.serialized, .enabled(if: NetnsTool.available, "netlink namespace tests skipped: need root and `ip netns`"))
struct NetlinkNamespaceTests {
    let prefix = "ks-nl-" + String(UInt32.random(in: 0...UInt32.max), radix: 16)

    func inNamespace(_ role: String, _ command: String...) -> String {
        NetnsTool.shell([NetnsTool.ip!, "netns", "exec", "\(prefix)-\(role)"] + command.map { $0 == "ip" ? NetnsTool.ip! : $0 }).output
    }

    @Test func linksAddressesRoutesAndSysctlsInAnotherNamespace() throws {
        for role in ["a", "b"] { #expect(NetnsTool.shell([NetnsTool.ip!, "netns", "add", "\(prefix)-\(role)"]).status == 0) }
        defer { for role in ["a", "b"] { _ = NetnsTool.shell([NetnsTool.ip!, "netns", "del", "\(prefix)-\(role)"]) } }
        let a = try NetworkNamespace(path: "/var/run/netns/\(prefix)-a")
        let b = try NetworkNamespace(path: "/var/run/netns/\(prefix)-b")
        let netlink = try a.routeNetlink()
        let inB = try b.routeNetlink()

        try netlink.addBridge(name: "br-test", mtu: 1450)
        try netlink.addVeth(name: "veth-a", peerName: "eth0", peerNamespace: b.descriptor, mtu: 1450)
        try netlink.addVeth(name: "veth-x", peerName: "veth-y")
        let bridge = try netlink.link(named: "br-test")
        let veth = try netlink.link(named: "veth-a")
        #expect(bridge.kind == "bridge" && veth.kind == "veth" && veth.mtu == 1450)
        #expect(try netlink.linkIfPresent(named: "eth0") == nil)   // the peer went straight into b
        let podEnd = try inB.link(named: "eth0")
        #expect(podEnd.kind == "veth" && podEnd.peerIndex == veth.index)

        try netlink.setMaster(veth, bridge)
        try netlink.setHairpin(try netlink.link(named: "veth-a"), true)
        try netlink.setUp(bridge)
        try netlink.setUp(veth)
        try netlink.setMTU(bridge, 1400)
        try inB.setUp(podEnd)
        #expect(try netlink.link(named: "veth-a").masterIndex == bridge.index)
        #expect(inNamespace("a", "cat", "/sys/class/net/veth-a/brport/hairpin_mode") == "1\n")
        #expect(try netlink.link(index: bridge.index).mtu == 1400)

        try netlink.addAddress(IPv4CIDR("10.77.0.1/24")!, to: bridge)
        try inB.addAddress(IPv4CIDR("10.77.0.2/24")!, to: podEnd)
        try inB.addRoute(Route(gateway: IPv4Address("10.77.0.1")!, linkIndex: podEnd.index))
        try inB.addRoute(Route(destination: IPv4CIDR("10.96.0.0/12")!, linkIndex: podEnd.index))
        #expect(try netlink.addresses(of: bridge).map(\.cidr) == [IPv4CIDR("10.77.0.1/24")!])
        let routes = try inB.routes()
        #expect(routes.contains(Route(gateway: IPv4Address("10.77.0.1")!, linkIndex: podEnd.index)))
        #expect(routes.contains(Route(destination: IPv4CIDR("10.96.0.0/12")!, linkIndex: podEnd.index)))
        #expect(inNamespace("b", "ip", "route").contains("default via 10.77.0.1 dev eth0"))

        // Errors name the operation and the links, with the kernel's errno.
        #expect(throws: NetlinkError.self) { try netlink.addVeth(name: "veth-a", peerName: "eth9") }
        do { try netlink.addVeth(name: "veth-a", peerName: "eth9") } catch let error as NetlinkError {
            #expect(error.errno == EEXIST && "\(error)".hasPrefix("add veth veth-a → eth9: EEXIST"), "\(error)")
        }
        do { _ = try netlink.link(named: "nope0"); Issue.record("found nope0") } catch let error as NetlinkError {
            #expect(error.errno == ENODEV && error.operation == "get link nope0")
        }

        try inB.deleteRoute(Route(destination: IPv4CIDR("10.96.0.0/12")!, linkIndex: podEnd.index))
        #expect(!(try inB.routes()).contains { $0.destination?.prefixLength == 12 })
        try inB.deleteAddress(IPv4CIDR("10.77.0.2/24")!, from: podEnd)
        #expect(try inB.addresses(of: podEnd).isEmpty)

        // Rename and move the second pair; delete one end of the first (both go).
        let x = try netlink.link(named: "veth-x")
        try netlink.rename(x, to: "veth-z")
        try netlink.moveToNamespace(try netlink.link(named: "veth-z"), namespace: b.descriptor, namespaceName: "\(prefix)-b")
        #expect(try inB.linkIfPresent(named: "veth-z") != nil)
        try netlink.deleteLink(try netlink.link(named: "veth-a"))
        #expect(try inB.linkIfPresent(named: "eth0") == nil)
        #expect(Set(try netlink.links().map(\.name)) == ["lo", "br-test", "veth-y"])

        // sysctls land in the namespace they were opened for.
        let rootForwarding = try Sysctl.read("net/ipv4/ip_forward")
        try Sysctl.write("net/ipv4/ip_forward", "1", in: a)
        #expect(try Sysctl.read("net/ipv4/ip_forward", in: a) == "1")
        #expect(try Sysctl.read("net/ipv4/ip_forward", in: b) == "0")
        #expect(try Sysctl.read("net/ipv4/ip_forward") == rootForwarding)
    }
}

enum NetnsTool {
    static let ip: String? = ["/usr/sbin/ip", "/sbin/ip", "/bin/ip"].first { (path: String) in access(path, X_OK) == 0 }
    static let available: Bool = {
        guard getuid() == 0, let ip else { return false }
        let probe = "ks-nl-probe-\(getpid())"
        guard shell([ip, "netns", "add", probe]).status == 0 else { return false }
        _ = shell([ip, "netns", "del", probe])
        return true
    }()

    static func shell(_ arguments: [String]) -> (status: Int32, output: String) {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: arguments[0])
        process.arguments = Array(arguments.dropFirst())
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        guard (try? process.run()) != nil else { return (127, "") }
        let data = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        return (process.terminationStatus, String(decoding: data, as: UTF8.self))
    }
}
