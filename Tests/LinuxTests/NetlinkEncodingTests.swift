import Glibc
import Testing

@testable import Linux

/// Records every datagram the client sends; answers each with a queued reply or, by default,
/// an ack (NLMSG_ERROR 0) for the last request's sequence number.
final class RecordingNetlinkTransport: NetlinkTransport {
    var sent: [[UInt8]] = []
    var replies: [[UInt8]] = []

    func send(_ datagram: [UInt8]) throws(SyscallError) { sent.append(datagram) }

    func receive() throws(SyscallError) -> [UInt8] {
        if !replies.isEmpty { return replies.removeFirst() }
        return Self.error(0, sequence: lastSequence)
    }

    var lastSequence: UInt32 {
        guard let last = sent.last else { return 0 }
        return UInt32(last[8]) | UInt32(last[9]) << 8 | UInt32(last[10]) << 16 | UInt32(last[11]) << 24
    }

    /// An NLMSG_ERROR carrying `code` (negative errno, 0 = ack) and a 16-byte original header.
    static func error(_ code: Int32, sequence: UInt32) -> [UInt8] {
        le32(36) + [0x02, 0x00, 0x00, 0x00] + le32(sequence) + le32(0) + le32(UInt32(bitPattern: code)) + [UInt8](repeating: 0, count: 16)
    }
}

func le32(_ value: UInt32) -> [UInt8] { [UInt8(value & 0xff), UInt8(value >> 8 & 0xff), UInt8(value >> 16 & 0xff), UInt8(value >> 24)] }

/// "20 00 0a" → bytes.
func hex(_ text: String) -> [UInt8] { text.split(separator: " ").map { UInt8($0, radix: 16)! } }

/// A NUL-terminated name padded to 4 bytes, as it appears inside IFLA_IFNAME.
func name(_ text: String) -> [UInt8] {
    var bytes = Array(text.utf8) + [0]
    while bytes.count % 4 != 0 { bytes.append(0) }
    return bytes
}

@Suite struct NetlinkEncodingTests {
    let fake = RecordingNetlinkTransport()
    let client: RouteNetlink

    init() { client = RouteNetlink(transport: fake) }
    let veth = Link(index: 5, name: "veth1234")

    @Test func bringLinkUpSetsIFFUpInFlagsAndChange() throws {
        try client.setUp(Link(index: 7, name: "eth0"))
        #expect(fake.sent == [hex("20 00 00 00 10 00 05 00 01 00 00 00 00 00 00 00") // len 32, RTM_NEWLINK, REQUEST|ACK, seq 1, pid 0
            + hex("00 00 00 00 07 00 00 00 01 00 00 00 01 00 00 00")])                 // ifinfomsg: index 7, flags IFF_UP, change IFF_UP
    }

    @Test func vethPairWithPeerInAnotherNamespace() throws {
        try client.addVeth(name: "veth1234", peerName: "eth0", peerNamespace: 9, mtu: 1400)
        let expected = hex("7c 00 00 00 10 00 05 06 01 00 00 00 00 00 00 00")   // len 124, NEWLINK, REQUEST|ACK|EXCL|CREATE
            + [UInt8](repeating: 0, count: 16)                                    // ifinfomsg
            + hex("0d 00 03 00") + name("veth1234")                               // IFLA_IFNAME
            + hex("08 00 04 00 78 05 00 00")                                      // IFLA_MTU 1400
            + hex("44 00 12 00")                                                  // IFLA_LINKINFO (68)
            + hex("09 00 01 00") + name("veth")                                   //   IFLA_INFO_KIND "veth"
            + hex("34 00 02 00")                                                  //   IFLA_INFO_DATA (52)
            + hex("30 00 01 00") + [UInt8](repeating: 0, count: 16)               //     VETH_INFO_PEER (48): ifinfomsg
            + hex("09 00 03 00") + name("eth0")                                   //       IFLA_IFNAME "eth0"
            + hex("08 00 04 00 78 05 00 00")                                      //       IFLA_MTU 1400
            + hex("08 00 1c 00 09 00 00 00")                                      //       IFLA_NET_NS_FD 9
        #expect(fake.sent == [expected])
    }

    @Test func bridge() throws {
        try client.addBridge(name: "cni0")
        #expect(fake.sent == [hex("3c 00 00 00 10 00 05 06 01 00 00 00 00 00 00 00") + [UInt8](repeating: 0, count: 16)  // len 60
            + hex("09 00 03 00") + name("cni0")
            + hex("10 00 12 00") + hex("0b 00 01 00") + name("bridge")])
    }

    @Test func hairpinIsANestedBridgePortAttributeInAnAFBridgeSetlink() throws {
        try client.setHairpin(veth, true)
        #expect(fake.sent == [hex("2c 00 00 00 13 00 05 00 01 00 00 00 00 00 00 00") // RTM_SETLINK
            + hex("07 00 00 00 05 00 00 00 00 00 00 00 00 00 00 00")                   // AF_BRIDGE, index 5
            + hex("0c 00 0c 80")                                                       // IFLA_PROTINFO | NLA_F_NESTED
            + hex("05 00 04 00 01 00 00 00")])                                         //   IFLA_BRPORT_MODE 1
    }

    @Test func masterNamespaceRenameMTUAndDelete() throws {
        try client.setMaster(veth, Link(index: 2, name: "cni0"))
        try client.moveToNamespace(veth, namespace: 11, namespaceName: "pod")
        try client.rename(veth, to: "eth1")
        try client.setMTU(veth, 9000)
        try client.deleteLink(veth)
        let header = { (length: UInt8, type: UInt8, sequence: UInt8) in hex("\(String(length, radix: 16)) 00 00 00 \(String(type, radix: 16)) 00 05 00 0\(sequence) 00 00 00 00 00 00 00") }
        let ifinfo5 = hex("00 00 00 00 05 00 00 00 00 00 00 00 00 00 00 00")
        #expect(fake.sent == [
            header(0x28, 0x13, 1) + ifinfo5 + hex("08 00 0a 00 02 00 00 00"),     // IFLA_MASTER 2
            header(0x28, 0x13, 2) + ifinfo5 + hex("08 00 1c 00 0b 00 00 00"),     // IFLA_NET_NS_FD 11
            header(0x2c, 0x13, 3) + ifinfo5 + hex("09 00 03 00") + name("eth1"),  // IFLA_IFNAME
            header(0x28, 0x13, 4) + ifinfo5 + hex("08 00 04 00 28 23 00 00"),     // IFLA_MTU 9000
            header(0x20, 0x11, 5) + ifinfo5,                                      // RTM_DELLINK
        ])
    }

    @Test func ipv4AddressCarriesLocalAddressAndBroadcast() throws {
        try client.addAddress(IPv4CIDR("10.244.0.5/24")!, to: Link(index: 3, name: "eth0"))
        #expect(fake.sent == [hex("30 00 00 00 14 00 05 06 01 00 00 00 00 00 00 00") // RTM_NEWADDR
            + hex("02 18 00 00 03 00 00 00")                                           // AF_INET /24 scope universe index 3
            + hex("08 00 02 00 0a f4 00 05")                                           // IFA_LOCAL
            + hex("08 00 01 00 0a f4 00 05")                                           // IFA_ADDRESS
            + hex("08 00 04 00 0a f4 00 ff")])                                         // IFA_BROADCAST
    }

    @Test func routes() throws {
        try client.addRoute(Route(gateway: IPv4Address("10.244.0.1")!, linkIndex: 3))
        try client.addRoute(Route(destination: IPv4CIDR("10.96.0.7/12")!, linkIndex: 4))
        try client.deleteRoute(Route(gateway: IPv4Address("10.244.0.1")!, linkIndex: 3))
        #expect(fake.sent == [
            hex("2c 00 00 00 18 00 05 06 01 00 00 00 00 00 00 00")
                + hex("02 00 00 00 fe 03 00 01 00 00 00 00")     // main table, proto boot, scope universe, unicast
                + hex("08 00 05 00 0a f4 00 01")                 // RTA_GATEWAY
                + hex("08 00 04 00 03 00 00 00"),                // RTA_OIF
            hex("2c 00 00 00 18 00 05 06 02 00 00 00 00 00 00 00")
                + hex("02 0c 00 00 fe 03 fd 01 00 00 00 00")     // /12, scope link (no next hop)
                + hex("08 00 01 00 0a 60 00 00")                 // RTA_DST 10.96.0.0 (host bits cleared)
                + hex("08 00 04 00 04 00 00 00"),
            hex("2c 00 00 00 19 00 05 00 03 00 00 00 00 00 00 00")
                + hex("02 00 00 00 fe 00 ff 00 00 00 00 00")     // delete: any protocol, scope nowhere, any type
                + hex("08 00 05 00 0a f4 00 01")
                + hex("08 00 04 00 03 00 00 00"),
        ])
    }

    @Test func kernelErrorNamesTheOperationAndTheLinks() throws {
        fake.replies = [RecordingNetlinkTransport.error(-EEXIST, sequence: 1)]
        #expect(throws: NetlinkError(operation: "add veth veth1234 → eth0", errno: EEXIST)) {
            try client.addVeth(name: "veth1234", peerName: "eth0")
        }
        #expect("\(NetlinkError(operation: "add veth veth1234 → eth0", errno: EEXIST))" == "add veth veth1234 → eth0: EEXIST")
    }

    @Test func repliesOfOtherSequencesAreSkipped() throws {
        fake.replies = [RecordingNetlinkTransport.error(-ENODEV, sequence: 41) + RecordingNetlinkTransport.error(0, sequence: 1)]
        try client.setUp(veth)
        #expect(fake.sent.count == 1)
    }

    @Test func linkLookupByNameDecodesTheReply() throws {
        let attributes = hex("09 00 03 00") + name("eth0")
            + hex("08 00 04 00 dc 05 00 00")                     // IFLA_MTU 1500
            + hex("08 00 0a 00 02 00 00 00")                     // IFLA_MASTER 2
            + hex("08 00 05 00 09 00 00 00")                     // IFLA_LINK 9 (veth peer)
            + hex("05 00 10 00 06 00 00 00")                     // IFLA_OPERSTATE up
            + hex("0a 00 01 00 0a 58 0a f4 00 05 00 00")         // IFLA_ADDRESS
            + hex("10 00 12 00") + hex("09 00 01 00") + name("veth") + hex("04 00 02 00")  // LINKINFO{KIND veth, DATA{}}
        let payload = hex("00 00 01 00 03 00 00 00 43 10 01 00 00 00 00 00") + attributes
        let reply = le32(UInt32(16 + payload.count)) + hex("10 00 00 00") + le32(1) + le32(0) + payload
        fake.replies = [reply + RecordingNetlinkTransport.error(0, sequence: 1)]
        let link = try client.link(named: "eth0")
        #expect(fake.sent == [hex("2c 00 00 00 12 00 05 00 01 00 00 00 00 00 00 00") + [UInt8](repeating: 0, count: 16)
            + hex("09 00 03 00") + name("eth0")])
        #expect(link == Link(index: 3, name: "eth0", kind: "veth", mtu: 1500, masterIndex: 2, peerIndex: 9,
                             macAddress: [0x0a, 0x58, 0x0a, 0xf4, 0x00, 0x05], flags: 0x11043, operationalState: 6))
        #expect(link.isUp && link.isOperationallyUp && link.macString == "0a:58:0a:f4:00:05")
    }

    @Test func dumpsCollectMultipartRepliesUntilDone() throws {
        func newLink(_ index: UInt8, _ text: String) -> [UInt8] {
            let payload = hex("00 00 00 00 \(String(index, radix: 16)) 00 00 00 00 00 00 00 00 00 00 00") + le32(UInt32(4 + text.utf8.count + 1)).prefix(2) + hex("03 00") + name(text)
            return le32(UInt32(16 + payload.count)) + hex("10 00 02 00") + le32(1) + le32(0) + payload
        }
        let done = le32(20) + hex("03 00 02 00") + le32(1) + le32(0) + le32(0)
        fake.replies = [newLink(1, "lo") + newLink(2, "cni0"), newLink(3, "veth1234") + done]
        let links = try client.links()
        #expect(fake.sent == [hex("20 00 00 00 12 00 01 03 01 00 00 00 00 00 00 00") + [UInt8](repeating: 0, count: 16)])
        #expect(links.map(\.name) == ["lo", "cni0", "veth1234"])
        #expect(links.map(\.index) == [1, 2, 3])
    }

    @Test func addressAndRouteDumpsDecode() throws {
        let address = hex("02 18 00 00 03 00 00 00") + hex("08 00 02 00 0a f4 00 05") + hex("08 00 01 00 0a f4 00 05")
        let route = hex("02 00 00 00 fe 03 00 01 00 00 00 00") + hex("08 00 05 00 0a f4 00 01") + hex("08 00 04 00 03 00 00 00")
        let localRoute = hex("02 20 00 00 ff 02 fe 02 00 00 00 00") + hex("08 00 01 00 0a f4 00 05")  // table local: dropped
        func message(_ type: UInt8, _ payload: [UInt8], _ sequence: UInt32) -> [UInt8] {
            le32(UInt32(16 + payload.count)) + [type, 0, 2, 0] + le32(sequence) + le32(0) + payload
        }
        let done = { (sequence: UInt32) in le32(20) + hex("03 00 02 00") + le32(sequence) + le32(0) + le32(0) }
        fake.replies = [message(0x14, address, 1) + done(1), message(0x18, route, 2) + message(0x18, localRoute, 2) + done(2)]
        #expect(try client.addresses() == [LinkAddress(linkIndex: 3, cidr: IPv4CIDR("10.244.0.5/24")!)])
        #expect(try client.routes() == [Route(gateway: IPv4Address("10.244.0.1")!, linkIndex: 3)])
        #expect(fake.sent[0] == hex("18 00 00 00 16 00 01 03 01 00 00 00 00 00 00 00 02 00 00 00 00 00 00 00"))
    }

    @Test func ipv4Text() {
        #expect(IPv4Address("10.244.0.5")?.bytes == [10, 244, 0, 5])
        #expect(IPv4Address("10.244.0") == nil && IPv4Address("1.2.3.256") == nil && IPv4Address("1..2.3") == nil)
        let cidr = IPv4CIDR("10.244.1.7/23")!
        #expect(cidr.network.description == "10.244.0.0/23")
        #expect(cidr.broadcast.description == "10.244.1.255")
        #expect(cidr.contains(IPv4Address("10.244.0.1")!) && !cidr.contains(IPv4Address("10.244.2.1")!))
        #expect(IPv4CIDR("10.0.0.0/33") == nil && IPv4CIDR("0.0.0.0/0")?.mask == 0)
    }
}
