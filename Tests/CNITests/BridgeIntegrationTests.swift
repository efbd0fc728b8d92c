import Foundation
import Glibc
import Linux
import Testing

@testable import CNI

/// Layer 2: real bridges, veths, addresses, routes and iptables rules, all inside network
/// namespaces each test makes (`ip netns add ks-cni-<random>-…`) and removes; the plugins run
/// in the test's "host" namespace through wrappers. Every scenario runs with the project's
/// plugins and with Debian's reference plugins, same config apart from the type names.
@Suite(.serialized, .enabled(if: Privileges.available, "CNI integration tests skipped: \(Privileges.reason)"))
struct BridgeIntegrationTests {
    @Test(arguments: Flavour.allCases)
    func twoPodsOnOneBridgeReachEachOther(flavour: Flavour) async throws {
        try #require(flavour.isAvailable, "plugins of \(flavour) not installed (apt-get install containernetworking-plugins)")
        let network = try TestNetwork(flavour: flavour)
        defer { network.remove() }
        try network.writeConfList()
        let manager = network.manager
        let pod1 = network.attachment(try network.pod(1), "sandbox-1")
        let pod2 = network.attachment(try network.pod(2), "sandbox-2")

        let status1 = try await manager.setUpPod(pod1)
        let status2 = try await manager.setUpPod(pod2)
        let subnet = IPv4CIDR(network.subnet)!
        #expect(status1.ips.count == 1 && status2.ips.count == 1)
        #expect(status1.ips != status2.ips)
        #expect([status1, status2].allSatisfy { $0.gateway == "10.123.0.1" && subnet.contains(IPv4Address($0.ips[0])!) })
        #expect(status1.result.interfaces?.map(\.name).first == "ksbr0")
        #expect(status1.result.interfaces?.last?.sandbox == pod1.netnsPath)
        #expect(status1.result.routes?.contains(.init(dst: "0.0.0.0/0", gw: "10.123.0.1")) == true)

        // Pod ↔ pod across the bridge, pod → gateway on the bridge.
        let ping = [Privileges.busybox ?? "/bin/busybox", "ping", "-c", "1", "-W", "3"]
        try network.ipNetns(network.prefix + "-p1", ping + [status2.ips[0]])
        try network.ipNetns(network.prefix + "-p2", ping + [status1.ips[0]])
        try network.ipNetns(network.prefix + "-p1", ping + ["10.123.0.1"])

        // MTU, default route, hairpin, forwarding, masquerade — where they belong.
        #expect(try network.ipNetns(network.prefix + "-p1", ["cat", "/sys/class/net/eth0/mtu"]).output == "1400\n")
        #expect(try network.ipNetns(network.prefix + "-p1", ["ip", "route"]).output.contains("default via 10.123.0.1 dev eth0"))
        let hostVeth = try #require(status1.result.interfaces?.dropFirst().first?.name)
        #expect(try network.ipNetns(network.hostNamespace, ["cat", "/sys/class/net/\(hostVeth)/brport/hairpin_mode"]).output == "1\n")
        #expect(try network.ipNetns(network.hostNamespace, ["cat", "/proc/sys/net/ipv4/ip_forward"]).output == "1\n")
        let nat = try network.ipNetns(network.hostNamespace, ["iptables", "-w", "-t", "nat", "-S"]).output
        #expect(nat.contains("-A POSTROUTING -s \(status1.ips[0])/32"), "\(nat)")
        #expect(nat.contains("! -d 224.0.0.0/4") && nat.contains("-j MASQUERADE"), "\(nat)")
        // The bridge exists only in the test's host namespace.
        #expect(try run([Privileges.ip!, "link", "show", "ksbr0"]).status != 0)

        try await manager.checkPod(pod1)

        // DEL is idempotent, and succeeds once the namespace is gone.
        try await manager.tearDownPod(pod1)
        try await manager.tearDownPod(pod1)
        #expect(try network.ipNetns(network.prefix + "-p1", ["ip", "link", "show", "eth0"], check: false).status != 0)
        network.deleteNamespace(network.prefix + "-p2")
        try await manager.tearDownPod(pod2)
        let natAfter = try network.ipNetns(network.hostNamespace, ["iptables", "-w", "-t", "nat", "-S"]).output
        #expect(!natAfter.contains("-s \(status1.ips[0])/32"), "\(natAfter)")
        if flavour == .project {
            // Upstream's DEL skips masquerade cleanup when the namespace is already gone; ours
            // uses the cached result (prevResult) for it.
            #expect(!natAfter.contains("MASQUERADE") && !natAfter.contains("CNI-"), "\(natAfter)")
        }
        let left = (try? FileManager.default.contentsOfDirectory(atPath: network.ipamDirectory + "/ks-test")) ?? []
        #expect(left.filter { IPv4Address($0) != nil }.isEmpty, "\(left)")
    }

    @Test(arguments: Flavour.allCases)
    func fiftyConcurrentAddsGetFiftyDistinctAddresses(flavour: Flavour) async throws {
        try #require(flavour.isAvailable, "plugins of \(flavour) not installed")
        let network = try TestNetwork(flavour: flavour, subnet: "10.124.0.0/24")
        defer { network.remove() }
        try network.writeConfList()
        let manager = network.manager
        var pods: [PodNetworkAttachment] = []
        for index in 0..<50 { pods.append(network.attachment(try network.pod(index), "sandbox-\(index)")) }

        let addresses = try await withThrowingTaskGroup(of: String.self) { group in
            for pod in pods { group.addTask { try await manager.setUpPod(pod).ips.first ?? "" } }
            return try await group.reduce(into: [String]()) { $0.append($1) }
        }
        #expect(addresses.count == 50)
        #expect(Set(addresses).count == 50, "\(addresses.sorted())")
        let held = try FileManager.default.contentsOfDirectory(atPath: network.ipamDirectory + "/ks-test").filter { IPv4Address($0) != nil }
        #expect(Set(held) == Set(addresses), "reservations on disk must match the addresses handed out")
        let bridgePorts = try network.ipNetns(network.hostNamespace, ["ls", "/sys/class/net/ksbr0/brif"]).output.split(separator: "\n")
        #expect(bridgePorts.count == 50)

        try await withThrowingTaskGroup(of: Void.self) { group in
            for pod in pods { group.addTask { try await manager.tearDownPod(pod) } }
            try await group.waitForAll()
        }
        let left = (try? FileManager.default.contentsOfDirectory(atPath: network.ipamDirectory + "/ks-test")) ?? []
        #expect(left.filter { IPv4Address($0) != nil }.isEmpty, "\(left)")
    }

    @Test(arguments: Flavour.allCases)
    func loopbackUpOnAddDownOnDel(flavour: Flavour) throws {
        try #require(flavour.isAvailable, "plugins of \(flavour) not installed")
        let network = try TestNetwork(flavour: flavour)
        defer { network.remove() }
        let netns = try network.pod(1)
        let config = #"{"cniVersion":"1.0.0","name":"lo","type":"\#(flavour.type(.loopback))"}"#
        let wrapper = network.binDirectory + "/" + flavour.type(.loopback)
        func invoke(_ command: String, _ netns: String) throws -> (status: Int32, output: String) {
            try run([wrapper], stdin: config, environment: [
                "CNI_COMMAND": command, "CNI_CONTAINERID": "lo-1", "CNI_NETNS": netns, "CNI_IFNAME": "lo",
                "CNI_PATH": network.binDirectory, "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"])
        }
        let add = try invoke("ADD", netns)
        #expect(add.status == 0, "\(add.output)")
        let result = try JSONDecoder().decode(CNIResult.self, from: Data(add.output.utf8))
        #expect(result.ips?.first?.address == "127.0.0.1/8" && result.interfaces?.first?.name == "lo")
        #expect(try network.ipNetns(network.prefix + "-p1", ["ip", "-o", "link", "show", "lo"]).output.contains(",UP"))
        #expect(try invoke("DEL", netns).status == 0)
        #expect(!(try network.ipNetns(network.prefix + "-p1", ["ip", "-o", "link", "show", "lo"]).output.contains(",UP")))
        network.deleteNamespace(network.prefix + "-p1")
        #expect(try invoke("DEL", netns).status == 0)
    }

    @Test func projectPluginErrorsAreCNIErrorsOnStdout() throws {
        let network = try TestNetwork(flavour: .project)
        defer { network.remove() }
        let netns = try network.pod(1)
        try network.ipNetns(network.prefix + "-p1", ["ip", "link", "add", "eth0", "type", "veth", "peer", "name", "eth0-peer"])
        let config = #"{"cniVersion":"1.0.0","name":"ks-test",\#(network.bridgeConfig().dropFirst())"#
        let bridge = network.binDirectory + "/" + Flavour.project.type(.bridge)
        var environment = ["CNI_COMMAND": "ADD", "CNI_CONTAINERID": "c1", "CNI_NETNS": netns, "CNI_IFNAME": "eth0",
                           "CNI_PATH": network.binDirectory, "PATH": "/usr/sbin:/usr/bin:/sbin:/bin"]
        let taken = try run([bridge], stdin: config, environment: environment)
        #expect(taken.status == 1)
        let error = try JSONDecoder().decode(CNIError.self, from: Data(taken.output.utf8))
        #expect(error.msg == "container veth name provided (eth0) already exists" && error.cniVersion == "1.0.0")
        // Nothing half-made is left: no stray veth on the bridge, no address held.
        #expect((try network.ipNetns(network.hostNamespace, ["ls", "/sys/class/net/ksbr0/brif"], check: false).output).isEmpty)
        environment["CNI_NETNS"] = nil
        let missing = try run([bridge], stdin: config, environment: environment)
        #expect(missing.status == 1)
        #expect(try JSONDecoder().decode(CNIError.self, from: Data(missing.output.utf8)).code == 4)
        environment["CNI_NETNS"] = "/var/run/netns/\(network.prefix)-does-not-exist"
        let unknown = try run([bridge], stdin: config, environment: environment)
        #expect(try JSONDecoder().decode(CNIError.self, from: Data(unknown.output.utf8)).code == 3, "\(unknown.output)")
    }
}
