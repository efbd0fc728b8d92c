import Foundation

/// The node's pod network as the CNI config describes it: a `cni0` bridge that is the pods'
/// gateway, host-local addresses from the node's pod CIDR, masquerading for traffic leaving it.
/// The runtime reads this file on RunPodSandbox, as containerd reads /etc/cni/net.d.
public struct NodeNetwork: Sendable, Equatable {
    /// This node's share of the cluster's pod CIDR: the first /24, which the node IPAM controller
    /// also gives the first (here the only) node.
    public var podSubnet: String
    public var bridge = "cni0"
    public var networkName = "kubeswift"

    public init(podSubnet: String = "10.244.0.0/24") {
        self.podSubnet = podSubnet
    }

    /// The gateway pods route through: the subnet's first address, on the bridge.
    public var gateway: String {
        let base = podSubnet.split(separator: "/")[0].split(separator: ".").compactMap { Int($0) }
        guard base.count == 4 else { return podSubnet }
        return "\(base[0]).\(base[1]).\(base[2]).\(base[3] + 1)"
    }

    public func configList(ipamDataDir: String) -> String {
        let config: [String: Any] = [
            "cniVersion": "1.0.0",
            "name": networkName,
            "plugins": [[
                "type": "kubeswift-bridge",
                "bridge": bridge,
                "isGateway": true,
                "ipMasq": true,
                "hairpinMode": true,
                "ipam": [
                    "type": "kubeswift-host-local",
                    "ranges": [[["subnet": podSubnet]]],
                    "routes": [["dst": "0.0.0.0/0"]],
                    "dataDir": ipamDataDir,
                ] as [String: Any],
            ] as [String: Any]],
        ]
        let data = try! JSONSerialization.data(withJSONObject: config, options: [.prettyPrinted, .sortedKeys])
        return String(decoding: data, as: UTF8.self) + "\n"
    }

    /// Writes `10-kubeswift.conflist` (the name sorts first, so it is the network used).
    public func write(to layout: ClusterLayout) throws {
        let path = layout.cniConfDir + "/10-kubeswift.conflist"
        try configList(ipamDataDir: layout.dataDir + "/cni/networks").write(toFile: path, atomically: true, encoding: .utf8)
    }
}
