import FoundationEssentials

/// The bridge plugin's keys, with upstream's defaults (`bridge` "cni0").
public struct BridgeConfig: Decodable, Sendable {
    public var cniVersion: String
    public var name: String
    public var bridge: String
    public var isGateway: Bool
    public var isDefaultGateway: Bool
    public var forceAddress: Bool
    public var ipMasq: Bool
    public var mtu: UInt32?
    public var hairpinMode: Bool
    public var promiscMode: Bool
    public var ipam: NetworkConfig.IPAMReference?
    public var dns: CNIResult.DNS?
    public var prevResult: CNIResult?

    enum CodingKeys: String, CodingKey {
        case cniVersion, name, bridge, isGateway, isDefaultGateway, forceAddress, ipMasq, mtu, hairpinMode, promiscMode, ipam, dns, prevResult
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        cniVersion = try c.decodeIfPresent(String.self, forKey: .cniVersion) ?? "0.1.0"
        name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        bridge = try c.decodeIfPresent(String.self, forKey: .bridge) ?? "cni0"
        isDefaultGateway = try c.decodeIfPresent(Bool.self, forKey: .isDefaultGateway) ?? false
        isGateway = try (c.decodeIfPresent(Bool.self, forKey: .isGateway) ?? false) || isDefaultGateway
        forceAddress = try c.decodeIfPresent(Bool.self, forKey: .forceAddress) ?? false
        ipMasq = try c.decodeIfPresent(Bool.self, forKey: .ipMasq) ?? false
        let mtu = try c.decodeIfPresent(Int.self, forKey: .mtu)
        self.mtu = mtu.flatMap { $0 > 0 ? UInt32($0) : nil }
        hairpinMode = try c.decodeIfPresent(Bool.self, forKey: .hairpinMode) ?? false
        promiscMode = try c.decodeIfPresent(Bool.self, forKey: .promiscMode) ?? false
        ipam = try c.decodeIfPresent(NetworkConfig.IPAMReference.self, forKey: .ipam)
        dns = try c.decodeIfPresent(CNIResult.DNS.self, forKey: .dns)
        prevResult = try c.decodeIfPresent(CNIResult.self, forKey: .prevResult)
    }

    public static func parse(_ data: Data) throws(CNIError) -> BridgeConfig {
        let config = try NetworkConfig.decode(BridgeConfig.self, from: data)
        if PluginArguments.interfaceNameProblem(config.bridge) != nil || config.bridge.isEmpty {
            throw CNIError(.invalidNetworkConfig, "invalid bridge name \"\(config.bridge)\"")
        }
        if config.hairpinMode && config.promiscMode {
            throw CNIError(.invalidNetworkConfig, "cannot set hairpin mode and promiscuous mode at the same time")
        }
        return config
    }
}
