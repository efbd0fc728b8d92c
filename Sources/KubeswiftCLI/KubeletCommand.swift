import ArgumentParser
import CRI
import Foundation
import KubeClient
import Kubelet
import Logging

/// `kubeswift kubelet`: the node agent, flags as upstream's kubelet.
struct KubeletCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "kubelet",
        abstract: "Run the pods bound to this node through the container runtime (CRI) and report them (kubelet).")

    @OptionGroup var client: ClientOptions

    @Option(help: "The node's name (default: the host name).")
    var hostnameOverride: String?

    @Option(help: "Comma-separated IP addresses of the node (default: the first non-loopback IPv4 address).")
    var nodeIP: String?

    @Option(help: "The CRI runtime's endpoint.")
    var containerRuntimeEndpoint: String = "unix:///run/kubeswift/cri.sock"

    @Option(help: "The kubelet's state directory (pod volumes live under <root-dir>/pods).")
    var rootDir: String = "/var/lib/kubelet"

    @Option(help: "Where container logs are written: <dir>/<namespace>_<pod>_<uid>/<container>/<restart>.log.")
    var podLogsDir: String = "/var/log/pods"

    @Option(help: "Directory of static pod manifests (run with mirror pods in the API); \"\": no static pods.")
    var podManifestPath: String = "/etc/kubernetes/manifests"

    @Option(help: "The port the kubelet server listens on, reported in the Node's daemonEndpoints.")
    var port: Int = 10250

    @Option(help: "The address the kubelet server listens on (0.0.0.0: every interface).")
    var address: String = "0.0.0.0"

    @Option(help: "Comma-separated cluster DNS server IPs given to pods with dnsPolicy ClusterFirst.")
    var clusterDNS: String?

    @Option(help: "The cluster's DNS domain.")
    var clusterDomain: String = "cluster.local"

    @Option(help: "The resolv.conf pods with dnsPolicy Default get their DNS from.")
    var resolvConf: String = "/etc/resolv.conf"

    @Option(help: "The node's pod CIDR, set on the Node at registration (standalone mode).")
    var podCIDR: String?

    @Option(help: "Maximum pods on this node (capacity.pods).")
    var maxPods: Int = 110

    @Option(help: "How often the node status is checked and, when changed, written (e.g. 10s).")
    var nodeStatusUpdateFrequency: String = "10s"

    @Option(help: "How often the node status is written even when unchanged (e.g. 1m).")
    var nodeStatusReportFrequency: String = "1m"

    @Option(help: "Dead containers kept per container for logs --previous (older ones are garbage-collected).")
    var maximumDeadContainersPerContainer: Int = 1

    @Option(help: "Minimum age of a dead container before it may be garbage-collected (e.g. 0s, 1m).")
    var minimumContainerTtlDuration: String = "0s"

    @Option(help: "Image filesystem usage (percent) at which unused images are garbage-collected.")
    var imageGcHighThreshold: Int = 85

    @Option(help: "Image filesystem usage (percent) image garbage collection frees down to.")
    var imageGcLowThreshold: Int = 80

    @Option(help: "Minimum age of an unused image before it may be garbage-collected (e.g. 2m).")
    var minimumImageTtlDuration: String = "2m"

    @Option(help: "Testing only: the first crash-loop back-off (upstream 10s), doubling up to --container-backoff-max.")
    var containerBackoffInitial: String = "10s"

    @Option(help: "Testing only: the longest crash-loop back-off (upstream 5m).")
    var containerBackoffMax: String = "5m"

    @Option(help: "Log level: trace, debug, info, notice, warning, error, critical.")
    var logLevel: String = "info"

    func validate() throws {
        for (flag, value) in [("node-status-update-frequency", nodeStatusUpdateFrequency),
                              ("node-status-report-frequency", nodeStatusReportFrequency),
                              ("minimum-container-ttl-duration", minimumContainerTtlDuration),
                              ("minimum-image-ttl-duration", minimumImageTtlDuration),
                              ("container-backoff-initial", containerBackoffInitial), ("container-backoff-max", containerBackoffMax)]
        where parseKubeletDuration(value) == nil {
            throw ValidationError("invalid --\(flag) \"\(value)\": expected e.g. 10s, 500ms, 1m")
        }
        _ = try CRIEndpoint(parsing: containerRuntimeEndpoint)
        guard (0...100).contains(imageGcLowThreshold), (0...100).contains(imageGcHighThreshold),
              imageGcLowThreshold <= imageGcHighThreshold else {
            throw ValidationError("--image-gc-low-threshold (\(imageGcLowThreshold)) must be ≤ --image-gc-high-threshold (\(imageGcHighThreshold)), both 0–100")
        }
    }

    func run() async throws {
        let logger = componentLogger("kubeswift.kubelet", level: logLevel)
        let rest = try client.restClient(userAgent: "kubelet/v1.32.0 (linux/amd64) kubeswift")
        let nodeName = (hostnameOverride ?? KubeletOptions.defaultNodeName()).lowercased()
        let nodeIPs = nodeIP.map(Self.list) ?? [NodeAddresses.defaultNodeIP()]
        var options = KubeletOptions(nodeName: nodeName, nodeIPs: nodeIPs)
        options.containerRuntimeEndpoint = try CRIEndpoint(parsing: containerRuntimeEndpoint)
        options.rootDirectory = rootDir
        options.podLogsDirectory = podLogsDir
        options.podManifestPath = podManifestPath.isEmpty ? nil : podManifestPath
        options.port = port
        options.clusterDNS = clusterDNS.map(Self.list) ?? []
        options.clusterDomain = clusterDomain
        options.resolvConf = resolvConf
        options.podCIDR = podCIDR
        options.maxPods = maxPods
        options.nodeStatusUpdateFrequency = parseKubeletDuration(nodeStatusUpdateFrequency)!
        options.nodeStatusReportFrequency = parseKubeletDuration(nodeStatusReportFrequency)!
        options.containerBackOffInitial = parseKubeletDuration(containerBackoffInitial)!
        options.containerBackOffMaximum = parseKubeletDuration(containerBackoffMax)!
        options.containerGC = ContainerGCPolicy(keepPerContainer: max(maximumDeadContainersPerContainer, 0),
                                                minimumAge: parseKubeletDuration(minimumContainerTtlDuration)!)
        options.imageGC = ImageGCPolicy(highThresholdPercent: imageGcHighThreshold, lowThresholdPercent: imageGcLowThreshold,
                                        minimumAge: parseKubeletDuration(minimumImageTtlDuration)!)
        let cri = try CRIClient(endpoint: options.containerRuntimeEndpoint)
        let kubelet = Kubelet(options: options, client: rest, cri: cri,
                              plugins: .standard(options: options, client: rest, cri: cri, logger: logger), logger: logger)
        let server = KubeletServer(backend: kubelet, host: address, port: port, logger: logger)
        // SIGTERM ends the process (the default action): containers keep running for the next
        // kubelet to adopt, as upstream's.
        try await withThrowingTaskGroup(of: Void.self) { group in
            group.addTask { try await server.run() }
            group.addTask { await kubelet.run() }
            try await group.next()
            group.cancelAll()
        }
        await cri.close()
    }

    static func list(_ text: String) -> [String] {
        text.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }
}

/// Go-style durations the kubelet's flags take: 500ms, 10s, 1m, 1m30s, 2h.
func parseKubeletDuration(_ text: String) -> Duration? {
    var total = Duration.zero
    var number = ""
    var index = text.startIndex
    guard !text.isEmpty else { return nil }
    while index < text.endIndex {
        let char = text[index]
        if char.isNumber || char == "." {
            number.append(char)
            index = text.index(after: index)
            continue
        }
        var unit = String(char)
        index = text.index(after: index)
        if unit == "m", index < text.endIndex, text[index] == "s" {
            unit = "ms"
            index = text.index(after: index)
        }
        guard let value = Double(number) else { return nil }
        number = ""
        switch unit {
        case "ms": total += .milliseconds(Int64(value))
        case "s": total += .milliseconds(Int64(value * 1000))
        case "m": total += .milliseconds(Int64(value * 60_000))
        case "h": total += .milliseconds(Int64(value * 3_600_000))
        default: return nil
        }
    }
    return number.isEmpty ? total : nil
}
