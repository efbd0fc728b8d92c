import CRI
import Foundation
import KubeAPI

/// The CRI sandbox config for a pod, as upstream's generatePodSandboxConfig: identity and
/// attempt, hostname, DNS (dnsPolicy), port mappings, labels/annotations, log directory and the
/// Linux namespace and security options.
public struct PodSandboxConfigBuilder: Sendable {
    public var nodeHostname: String
    public var clusterDNS: [String]
    public var clusterDomain: String
    public var podLogsDirectory: String
    /// The host's resolv.conf (for dnsPolicy Default, and ClusterFirst without cluster DNS).
    public var hostResolvConf: String

    public init(nodeHostname: String, clusterDNS: [String], clusterDomain: String, podLogsDirectory: String,
                hostResolvConf: String = "/etc/resolv.conf") {
        self.nodeHostname = nodeHostname
        self.clusterDNS = clusterDNS
        self.clusterDomain = clusterDomain
        self.podLogsDirectory = podLogsDirectory
        self.hostResolvConf = hostResolvConf
    }

    /// `<root>/<namespace>_<name>_<uid>`, upstream's BuildPodLogsDirectory.
    public func podLogDirectory(_ pod: Pod) -> String {
        podLogsDirectory + "/" + "\(pod.metadata.namespace ?? "default")_\(pod.metadata.name ?? "")_\(pod.metadata.uid ?? "")"
    }

    public func config(_ pod: Pod, attempt: UInt32) -> Runtime_V1_PodSandboxConfig {
        var config = Runtime_V1_PodSandboxConfig()
        config.metadata.name = pod.metadata.name ?? ""
        config.metadata.namespace = pod.metadata.namespace ?? "default"
        config.metadata.uid = pod.metadata.uid ?? ""
        config.metadata.attempt = attempt
        let hostNetwork = pod.spec.hostNetwork ?? false
        config.hostname = hostNetwork ? nodeHostname : podHostname(pod)
        config.logDirectory = podLogDirectory(pod)
        config.dnsConfig = dnsConfig(pod)
        config.labels = KubeletLabels.sandboxLabels(pod)
        config.annotations = KubeletLabels.sandboxAnnotations(pod)
        for container in pod.spec.containers {
            for port in container.ports ?? [] {
                var mapping = Runtime_V1_PortMapping()
                mapping.containerPort = port.containerPort
                mapping.hostPort = port.hostPort ?? 0
                mapping.hostIp = port.hostIP ?? ""
                switch (port.protocol ?? "TCP").uppercased() {
                case "UDP": mapping.protocol = .udp
                case "SCTP": mapping.protocol = .sctp
                default: mapping.protocol = .tcp
                }
                config.portMappings.append(mapping)
            }
        }
        var security = Runtime_V1_LinuxSandboxSecurityContext()
        security.namespaceOptions = Self.namespaceOptions(pod)
        if let context = pod.spec.securityContext {
            if let user = context.runAsUser { security.runAsUser.value = user }
            if let group = context.runAsGroup { security.runAsGroup.value = group }
            security.supplementalGroups = context.supplementalGroups ?? []
            if let fsGroup = context.fsGroup { security.supplementalGroups.append(fsGroup) }
            if let seccomp = context.seccompProfile { security.seccomp = Self.seccomp(seccomp) }
            for sysctl in context.sysctls ?? [] { config.linux.sysctls[sysctl.name] = sysctl.value }
        }
        config.linux.securityContext = security
        return config
    }

    /// spec.hostname, else the pod name, cut to 63 characters (a DNS label), as upstream.
    func podHostname(_ pod: Pod) -> String {
        let name = (pod.spec.hostname?.isEmpty == false ? pod.spec.hostname : pod.metadata.name) ?? ""
        var truncated = String(name.prefix(63))
        while truncated.hasSuffix("-") || truncated.hasSuffix(".") { truncated.removeLast() }
        return truncated
    }

    static func namespaceOptions(_ pod: Pod) -> Runtime_V1_NamespaceOption {
        var options = Runtime_V1_NamespaceOption()
        options.network = (pod.spec.hostNetwork ?? false) ? .node : .pod
        options.ipc = (pod.spec.hostIPC ?? false) ? .node : .pod
        if pod.spec.hostPID ?? false {
            options.pid = .node
        } else if pod.spec.shareProcessNamespace ?? false {
            options.pid = .pod
        } else {
            options.pid = .container
        }
        return options
    }

    static func seccomp(_ profile: SeccompProfile) -> Runtime_V1_SecurityProfile {
        var result = Runtime_V1_SecurityProfile()
        switch profile.type {
        case "RuntimeDefault": result.profileType = .runtimeDefault
        case "Localhost":
            result.profileType = .localhost
            result.localhostRef = profile.localhostProfile ?? ""
        default: result.profileType = .unconfined
        }
        return result
    }

    // MARK: DNS (upstream pkg/kubelet/network/dns)

    func dnsConfig(_ pod: Pod) -> Runtime_V1_DNSConfig {
        let hostNetwork = pod.spec.hostNetwork ?? false
        var policy = pod.spec.dnsPolicy ?? "ClusterFirst"
        if policy == "ClusterFirst" && hostNetwork { policy = "Default" }
        if policy == "ClusterFirstWithHostNet" { policy = "ClusterFirst" }
        if policy == "ClusterFirst" && clusterDNS.isEmpty { policy = "Default" }
        var config = Runtime_V1_DNSConfig()
        switch policy {
        case "None":
            break
        case "ClusterFirst":
            let namespace = pod.metadata.namespace ?? "default"
            config.servers = clusterDNS
            config.searches = ["\(namespace).svc.\(clusterDomain)", "svc.\(clusterDomain)", clusterDomain] + hostResolv().searches
            config.options = ["ndots:5"]
        default:
            let host = hostResolv()
            config.servers = host.servers
            config.searches = host.searches
            config.options = host.options
        }
        if let extra = pod.spec.dnsConfig {
            for server in extra.nameservers ?? [] where !config.servers.contains(server) { config.servers.append(server) }
            for search in extra.searches ?? [] where !config.searches.contains(search) { config.searches.append(search) }
            for option in extra.options ?? [] {
                guard let name = option.name else { continue }
                config.options.removeAll { $0 == name || $0.hasPrefix(name + ":") }
                config.options.append(option.value.map { "\(name):\($0)" } ?? name)
            }
        }
        // Upstream keeps at most 32 search domains (MaxDNSSearchPaths).
        if config.searches.count > 32 { config.searches = Array(config.searches.prefix(32)) }
        return config
    }

    func hostResolv() -> (servers: [String], searches: [String], options: [String]) {
        guard let text = try? String(contentsOfFile: hostResolvConf, encoding: .utf8) else { return ([], [], []) }
        var servers: [String] = [], searches: [String] = [], options: [String] = []
        for line in text.split(separator: "\n") {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" }).map(String.init)
            guard let key = fields.first, !key.hasPrefix("#") else { continue }
            switch key {
            case "nameserver": servers += fields.dropFirst()
            case "search", "domain": searches = Array(fields.dropFirst())
            case "options": options += fields.dropFirst()
            default: continue
            }
        }
        return (servers, searches, options)
    }
}
