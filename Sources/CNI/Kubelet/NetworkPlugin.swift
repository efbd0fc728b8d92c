import Linux

/// The kubelet's view of pod networking (upstream's dockershim/CRI-era NetworkPlugin): wire a
/// sandbox's network namespace up, tear it down, report readiness.
public protocol NetworkPlugin: Sendable {
    var name: String { get }
    func setUpPod(_ attachment: PodNetworkAttachment) async throws -> PodNetworkStatus
    func tearDownPod(_ attachment: PodNetworkAttachment) async throws
    /// Throws while no usable network configuration exists (the node is NetworkNotReady).
    func status() throws
}

/// Which sandbox to wire: the pod's identity (passed to plugins in CNI_ARGS), its sandbox
/// id (CNI_CONTAINERID) and network namespace path (CNI_NETNS).
public struct PodNetworkAttachment: Sendable, Equatable {
    public var podNamespace: String
    public var podName: String
    public var podUID: String
    public var sandboxID: String
    public var netnsPath: String
    public var interfaceName: String

    public init(podNamespace: String, podName: String, podUID: String, sandboxID: String, netnsPath: String, interfaceName: String = "eth0") {
        self.podNamespace = podNamespace
        self.podName = podName
        self.podUID = podUID
        self.sandboxID = sandboxID
        self.netnsPath = netnsPath
        self.interfaceName = interfaceName
    }

    /// As the kubelet passes them (`IgnoreUnknown=1` so plugins tolerate the K8S_ keys).
    public var cniArgs: [(String, String)] {
        [("IgnoreUnknown", "1"), ("K8S_POD_NAMESPACE", podNamespace), ("K8S_POD_NAME", podName),
         ("K8S_POD_INFRA_CONTAINER_ID", sandboxID), ("K8S_POD_UID", podUID)]
    }
}

/// What the pod got: its addresses (pod IPs for status.podIPs) and the gateway.
public struct PodNetworkStatus: Sendable, Equatable {
    public var network: String
    public var ips: [String]
    public var gateway: String?
    public var result: CNIResult

    public init(network: String, result: CNIResult, interfaceName: String) {
        self.network = network
        self.result = result
        // Prefer the addresses on the pod's own interface; a result without interface indexes
        // (IPAM-only chains) counts all of its addresses.
        let sandboxIndexes = Set((result.interfaces ?? []).enumerated()
            .filter { $0.element.sandbox != nil && $0.element.name == interfaceName }.map(\.offset))
        let chosen = (result.ips ?? []).filter { ip in
            guard let index = ip.interface, !sandboxIndexes.isEmpty else { return true }
            return sandboxIndexes.contains(index)
        }
        ips = chosen.map { String($0.address.prefix { $0 != "/" }) }
        gateway = chosen.lazy.compactMap(\.gateway).first
    }
}
