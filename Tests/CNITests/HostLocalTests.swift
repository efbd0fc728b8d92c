import Dispatch
import Foundation
import Linux
import Testing

@testable import CNI

/// host-local against a temporary data directory: no root needed.
@Suite struct HostLocalTests {
    let dataDir: String

    init() throws {
        dataDir = FileManager.default.temporaryDirectory.appendingPathComponent("ks-cni-ipam-\(UUID())").path
    }

    func config(_ ipam: String, name: String = "net") -> Data {
        Data(#"{"cniVersion":"1.0.0","name":"\#(name)","type":"x","ipam":{"type":"host-local","dataDir":"\#(dataDir)",\#(ipam)}}"#.utf8)
    }

    func arguments(_ id: String, _ command: PluginArguments.Command = .add, ifName: String = "eth0", args: [(String, String)] = []) -> PluginArguments {
        PluginArguments(command: command, containerID: id, netns: "/x", ifName: ifName, args: args, path: [])
    }

    @Test func rangeDefaultsAreUpstreams() throws {
        let range = try IPRange(subnet: "10.1.2.0/24")
        #expect(range.start.description == "10.1.2.1" && range.end.description == "10.1.2.254" && range.gateway.description == "10.1.2.1")
        #expect(throws: IPRange.Invalid.self) { try IPRange(subnet: "10.1.2.0/31") }
        #expect(throws: IPRange.Invalid.self) { try IPRange(subnet: "10.1.2.0/24", rangeStart: "10.1.3.1") }
        #expect(throws: IPRange.Invalid.self) { try IPRange(subnet: "10.1.2.0/24", rangeStart: "10.1.2.9", rangeEnd: "10.1.2.8") }
    }

    @Test func iteratorSkipsGatewaysWrapsAcrossRangesAndStopsWhereItBegan() throws {
        let ranges = [try IPRange(subnet: "10.0.0.0/29", rangeStart: "10.0.0.1", rangeEnd: "10.0.0.3"),
                      try IPRange(subnet: "10.0.1.0/29", rangeStart: "10.0.1.4", rangeEnd: "10.0.1.5")]
        #expect(RangeIterator(ranges: ranges, lastReserved: nil).map(\.address.description) == ["10.0.0.2", "10.0.0.3", "10.0.1.4", "10.0.1.5"])
        #expect(RangeIterator(ranges: ranges, lastReserved: IPv4Address("10.0.0.3")).map(\.address.description) == ["10.0.1.4", "10.0.1.5", "10.0.0.2", "10.0.0.3"])
    }

    @Test func allocatesReleasesByContainerAndWritesUpstreamsFiles() throws {
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let plugin = HostLocalPlugin()
        let config = config(#""ranges":[[{"subnet":"10.5.0.0/24","rangeStart":"10.5.0.10","rangeEnd":"10.5.0.12"}]],"routes":[{"dst":"0.0.0.0/0"}]"#)
        let first = try plugin.add(arguments("c1"), config: config)
        #expect(first.ips == [.init(address: "10.5.0.10/24", gateway: "10.5.0.1")])
        #expect(first.routes == [.init(dst: "0.0.0.0/0")])
        #expect(try String(contentsOfFile: dataDir + "/net/10.5.0.10", encoding: .utf8) == "c1\r\neth0")
        #expect(try String(contentsOfFile: dataDir + "/net/last_reserved_ip.0", encoding: .utf8) == "10.5.0.10")
        #expect(try plugin.add(arguments("c2"), config: config).ips?.first?.address == "10.5.0.11/24")

        // The same container and interface again: refused, as upstream (no duplicate allocation).
        #expect(throws: CNIError.self) { try plugin.add(arguments("c1"), config: config) }
        // Another interface of the same container is a different attachment.
        #expect(try plugin.add(arguments("c1", ifName: "net1"), config: config).ips?.first?.address == "10.5.0.12/24")
        // Full: a clear error naming the range.
        do {
            _ = try plugin.add(arguments("c3"), config: config)
            Issue.record("expected exhaustion")
        } catch let error as CNIError {
            #expect(error.msg == "no IP addresses available in range set: 10.5.0.10-10.5.0.12")
        }

        try plugin.del(arguments("c1", .del), config: config)
        try plugin.del(arguments("c1", .del), config: config)  // idempotent
        #expect(!FileManager.default.fileExists(atPath: dataDir + "/net/10.5.0.10"))
        #expect(FileManager.default.fileExists(atPath: dataDir + "/net/10.5.0.12"))  // c1's net1 stays
        // Round robin: the freed address comes back only after the rest of the range.
        #expect(try plugin.add(arguments("c4"), config: config).ips?.first?.address == "10.5.0.10/24")
    }

    @Test func requestedAddressFromCNIArgs() throws {
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let config = config(#""subnet":"10.6.0.0/24""#)
        let result = try HostLocalPlugin().add(arguments("c1", args: [("IgnoreUnknown", "1"), ("IP", "10.6.0.77")]), config: config)
        #expect(result.ips?.first?.address == "10.6.0.77/24")
        #expect(throws: CNIError.self) { try HostLocalPlugin().add(arguments("c2", args: [("IP", "10.6.0.77")]), config: config) }
        #expect(throws: CNIError.self) { try HostLocalPlugin().add(arguments("c3", args: [("IP", "10.6.0.1")]), config: config) }  // the gateway
    }

    @Test func oneAddressPerRangeSet() throws {
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let result = try HostLocalPlugin().add(arguments("c1"), config: config(#""ranges":[[{"subnet":"10.7.0.0/24"}],[{"subnet":"10.8.0.0/24","gateway":"10.8.0.254"}]]"#))
        #expect(result.ips == [.init(address: "10.7.0.2/24", gateway: "10.7.0.1"), .init(address: "10.8.0.1/24", gateway: "10.8.0.254")])
    }

    @Test func invalidConfigurationIsCode7() {
        for ipam in [#""ranges":[]"#, #""subnet":"10.0.0.0/33""#, #""ranges":[[{"subnet":"10.0.0.0/24"},{"subnet":"10.0.0.0/25"}]]"#] {
            do {
                _ = try HostLocalConfig.parse(config(ipam))
                Issue.record("accepted \(ipam)")
            } catch {
                #expect(error.code == 7, "\(error)")
            }
        }
    }

    @Test func fiftyConcurrentAllocationsAreDistinct() throws {
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let config = config(#""subnet":"10.9.0.0/24""#)
        let results = Results()
        DispatchQueue.concurrentPerform(iterations: 50) { index in
            do {
                let result = try HostLocalPlugin().add(arguments("c\(index)"), config: config)
                results.append(result.ips?.first?.address ?? "none")
            } catch {
                results.append("error: \(error)")
            }
        }
        let addresses = results.all
        #expect(addresses.count == 50)
        #expect(Set(addresses).count == 50, "\(addresses.sorted())")
        #expect(addresses.allSatisfy { $0.hasPrefix("10.9.0.") })
        let files = try FileManager.default.contentsOfDirectory(atPath: dataDir + "/net").filter { IPv4Address($0) != nil }
        #expect(files.count == 50)
    }

    @Test func gcReleasesWhatIsNotAValidAttachment() throws {
        defer { try? FileManager.default.removeItem(atPath: dataDir) }
        let plugin = HostLocalPlugin()
        let base = config(#""subnet":"10.10.0.0/24""#)
        _ = try plugin.add(arguments("keep"), config: base)
        _ = try plugin.add(arguments("drop"), config: base)
        var object = try JSONSerialization.jsonObject(with: base) as! [String: Any]
        object["cni.dev/valid-attachments"] = [["containerID": "keep", "ifname": "eth0"]]
        try plugin.gc(PluginArguments(command: .gc, path: []), config: try JSONSerialization.data(withJSONObject: object))
        let store = try HostLocalStore(dataDir: dataDir, network: "net")
        #expect(store.reservations().values.map(\.containerID) == ["keep"])
    }
}

final class Results: @unchecked Sendable {
    private let lock = NSLock()
    private var values: [String] = []
    func append(_ value: String) { lock.withLock { values.append(value) } }
    var all: [String] { lock.withLock { values } }
}
