import FoundationEssentials
import Linux

/// host-local's `ipam` section: `ranges` (a list of range sets, one address from each), or
/// the older single `subnet`/`rangeStart`/`rangeEnd`/`gateway`; `routes`; `dataDir`;
/// `resolvConf`.
public struct HostLocalConfig: Sendable {
    public var networkName: String
    public var cniVersion: String
    public var rangeSets: [[IPRange]]
    public var routes: [CNIResult.RouteConfig]
    public var dataDir: String
    public var resolvConf: String?
    /// GC (1.1): the attachments still in use.
    public var validAttachments: [Attachment]?

    public static let defaultDataDir = "/var/lib/cni/networks"

    public struct Attachment: Codable, Sendable, Hashable {
        public var containerID: String
        public var ifname: String
    }

    struct File: Decodable {
        var cniVersion: String?
        var name: String?
        var ipam: IPAM?
        var validAttachments: [Attachment]?
        enum CodingKeys: String, CodingKey {
            case cniVersion, name, ipam
            case validAttachments = "cni.dev/valid-attachments"
        }
    }

    struct IPAM: Decodable {
        var type: String?
        var ranges: [[RangeEntry]]?
        var subnet: String?
        var rangeStart: String?
        var rangeEnd: String?
        var gateway: String?
        var routes: [CNIResult.RouteConfig]?
        var dataDir: String?
        var resolvConf: String?
    }

    struct RangeEntry: Decodable {
        var subnet: String
        var rangeStart: String?
        var rangeEnd: String?
        var gateway: String?
    }

    /// Parses the whole stdin config; errors name the offending key (code 7).
    public static func parse(_ data: Data) throws(CNIError) -> HostLocalConfig {
        let file = try NetworkConfig.decode(File.self, from: data)
        guard let ipam = file.ipam else { throw CNIError(.invalidNetworkConfig, "IPAM config missing 'ipam' key") }
        guard let name = file.name, !name.isEmpty else { throw CNIError(.invalidNetworkConfig, "network config has no name") }
        var entries = ipam.ranges ?? []
        if let subnet = ipam.subnet {
            entries.insert([RangeEntry(subnet: subnet, rangeStart: ipam.rangeStart, rangeEnd: ipam.rangeEnd, gateway: ipam.gateway)], at: 0)
        }
        guard !entries.isEmpty else { throw CNIError(.invalidNetworkConfig, "no IP ranges specified") }
        var rangeSets: [[IPRange]] = []
        for (setIndex, set) in entries.enumerated() {
            guard !set.isEmpty else { throw CNIError(.invalidNetworkConfig, "empty range set \(setIndex)") }
            var ranges: [IPRange] = []
            for (index, entry) in set.enumerated() {
                do {
                    ranges.append(try IPRange(subnet: entry.subnet, rangeStart: entry.rangeStart, rangeEnd: entry.rangeEnd, gateway: entry.gateway))
                } catch {
                    throw CNIError(.invalidNetworkConfig, "invalid range set \(setIndex) range \(index): \(error)")
                }
            }
            for (index, range) in ranges.enumerated() {
                if let other = ranges[..<index].first(where: { $0.overlaps(range) }) {
                    throw CNIError(.invalidNetworkConfig, "range set \(setIndex): range \(range) overlaps \(other)")
                }
            }
            rangeSets.append(ranges)
        }
        return HostLocalConfig(
            networkName: name, cniVersion: file.cniVersion ?? CNIVersion.current, rangeSets: rangeSets,
            routes: ipam.routes ?? [], dataDir: ipam.dataDir ?? defaultDataDir, resolvConf: ipam.resolvConf,
            validAttachments: file.validAttachments)
    }
}
