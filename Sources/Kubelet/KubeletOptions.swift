import CRI
import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// How a kubelet runs; the `kubeswift kubelet` flags map onto these one to one (upstream names).
public struct KubeletOptions: Sendable {
    /// The Node's name (--hostname-override, else the host name, lower-cased).
    public var nodeName: String
    /// The node's addresses (--node-ip); the first is the pod's hostIP.
    public var nodeIPs: [String]
    public var containerRuntimeEndpoint: CRIEndpoint = .defaultEndpoint
    public var rootDirectory = "/var/lib/kubelet"
    public var podLogsDirectory = "/var/log/pods"
    /// Static pod manifests, read every `staticPodCheckInterval` (upstream: 20 s); nil: none.
    public var podManifestPath: String?
    public var staticPodCheckInterval: Duration = .seconds(20)
    /// The kubelet server's port, reported as status.daemonEndpoints.kubeletEndpoint.Port.
    public var port: Int = 10250
    public var clusterDNS: [String] = []
    public var clusterDomain = "cluster.local"
    public var resolvConf = "/etc/resolv.conf"
    /// Given to the Node at registration when set (--pod-cidr), as upstream's standalone mode.
    public var podCIDR: String?
    public var maxPods = 110
    public var nodeStatusUpdateFrequency: Duration = .seconds(10)
    public var nodeStatusReportFrequency: Duration = .seconds(60)
    public var nodeLeaseDurationSeconds: Int32 = 40
    public var nodeLeaseRenewInterval: Duration = .seconds(10)
    /// Crash-loop back-off: initial delay doubling to the maximum (upstream 10 s → 5 min). Tests shorten it.
    public var containerBackOffInitial: Duration = .seconds(10)
    public var containerBackOffMaximum: Duration = .seconds(300)
    public var plegRelistPeriod: Duration = .seconds(1)
    public var housekeepingInterval: Duration = .seconds(2)
    /// Dead containers kept per container, and the GC's period (upstream: 1 and 1 min).
    public var containerGC = ContainerGCPolicy()
    public var containerGCPeriod: Duration = .seconds(60)
    /// Unused-image GC thresholds and its period (upstream: 85 % / 80 %, 2 min minimum age, every 5 min).
    public var imageGC = ImageGCPolicy()
    public var imageGCPeriod: Duration = .seconds(300)
    public var kubeletVersion = "v1.32.0"

    public init(nodeName: String, nodeIPs: [String]) {
        self.nodeName = nodeName
        self.nodeIPs = nodeIPs
    }

    /// The kernel's host name, lower-cased: the node name without --hostname-override, as upstream.
    public static func defaultNodeName() -> String {
        var buffer = [CChar](repeating: 0, count: 256)
        guard gethostname(&buffer, buffer.count) == 0 else { return "localhost" }
        return String(decoding: buffer.prefix { $0 != 0 }.map { UInt8(bitPattern: $0) }, as: UTF8.self).lowercased()
    }
}
