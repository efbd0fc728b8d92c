import CRI
import Foundation
import Linux

/// RunPodSandbox's decisions, pure: which namespaces the pod gets of its own, its hostname
/// and resolv.conf.
struct SandboxPlan: Sendable, Equatable {
    var hostNetwork: Bool
    var hostIPC: Bool
    var hostPID: Bool
    var hostname: String
    var pinned: [NamespaceKind]
    var dnsServers: [String]
    var dnsSearches: [String]
    var dnsOptions: [String]
    /// The host's resolv.conf, for pods without DNS config (as containerd does).
    var resolvConf: String?

    static func make(_ config: Runtime_V1_PodSandboxConfig, hostResolvConf: () -> String?) throws(CRIError) -> SandboxPlan {
        let metadata = config.metadata
        guard !metadata.name.isEmpty, !metadata.uid.isEmpty, !metadata.namespace.isEmpty else {
            throw .invalidArgument("pod sandbox config: metadata name, uid and namespace are required "
                + "(got name \"\(metadata.name)\", uid \"\(metadata.uid)\", namespace \"\(metadata.namespace)\")")
        }
        let options = config.linux.securityContext.namespaceOptions
        func mode(_ value: Runtime_V1_NamespaceMode, _ kind: String) throws(CRIError) -> Runtime_V1_NamespaceMode {
            if case .UNRECOGNIZED(let raw) = value { throw .invalidArgument("pod \(metadata.name): unknown \(kind) namespace mode \(raw)") }
            if value == .target { throw .invalidArgument("pod \(metadata.name): \(kind) namespace mode TARGET applies to containers, not sandboxes") }
            return value
        }
        let hostNetwork = try mode(options.network, "network") == .node
        let hostIPC = try mode(options.ipc, "ipc") == .node
        // POD (shareProcessNamespace) would need a process to keep a pid namespace alive; without
        // a pause process each container gets its own pid namespace, as with CONTAINER.
        let hostPID = try mode(options.pid, "pid") == .node
        if options.hasUsernsOptions && options.usernsOptions.mode != .node && !options.usernsOptions.uids.isEmpty {
            throw .invalidArgument("pod \(metadata.name): user namespaces are not supported")
        }
        var pinned: [NamespaceKind] = []
        if !hostNetwork { pinned += [.net, .uts] }
        if !hostIPC { pinned.append(.ipc) }
        let hostname = config.hostname.isEmpty ? metadata.name : config.hostname
        let dns = config.dnsConfig
        let hasDNS = config.hasDnsConfig && !(dns.servers.isEmpty && dns.searches.isEmpty && dns.options.isEmpty)
        return SandboxPlan(hostNetwork: hostNetwork, hostIPC: hostIPC, hostPID: hostPID, hostname: hostname, pinned: pinned,
                           dnsServers: dns.servers, dnsSearches: dns.searches, dnsOptions: dns.options,
                           resolvConf: hasDNS ? nil : hostResolvConf())
    }
}

extension PodSandbox {
    /// Creates the sandbox a plan describes.
    static func create(id: String, uid: String, plan: SandboxPlan, configuration: RuntimeConfiguration) async throws(SandboxError) -> PodSandbox {
        try await PodSandbox.create(id: id, uid: uid, hostname: plan.hostname, dnsServers: plan.dnsServers,
                                    searches: plan.dnsSearches, dnsOptions: plan.dnsOptions, resolvConf: plan.resolvConf,
                                    pinned: plan.pinned, hostPID: plan.hostPID, configuration: configuration)
    }
}
