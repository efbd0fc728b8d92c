import Foundation
import Glibc
import Linux

/// A network namespace of the cluster's own, for trying a cluster on a machine whose network
/// must not change: the node address sits on a link inside it, the CNI bridge, pod veths
/// and kube-proxy's rules are made inside it, and deleting it removes them all. There is no
/// route out: pods reach each other, Services and the node, nothing else.
public struct IsolatedNetwork: Sendable, Equatable {
    public var name: String
    /// The node's address, on `kubeswift0`: a bridge with no ports standing in for a NIC (a
    /// dummy link would do, but the dummy module is not always there).
    public var nodeIP: String
    /// Routed to `kubeswift0` so that the node itself (not only pods) can reach ClusterIPs.
    public var serviceCIDR: String

    public init(name: String, nodeIP: String = "10.200.0.1", serviceCIDR: String = "10.96.0.0/12") {
        self.name = name
        self.nodeIP = nodeIP
        self.serviceCIDR = serviceCIDR
    }

    public var path: String { "/run/netns/\(name)" }

    /// What a component's command line is prefixed with to start inside the namespace. nsenter
    /// changes only the network namespace (`ip netns exec` would also give each component a
    /// mount namespace of its own, hiding the kubelet's volume mounts from the runtime).
    public var launchPrefix: [String] { [Self.tool("nsenter"), "--net=\(path)", "--"] }

    /// Creates the namespace and its node link; fails if a namespace of that name exists (it
    /// may be another cluster's).
    public func create() throws {
        if FileManager.default.fileExists(atPath: path) {
            throw ClusterError.component("netns", "network namespace \(name) already exists (\(path)); another cluster may be using it, or remove it with: ip netns delete \(name)")
        }
        try ip(["netns", "add", name])
        do {
            for command in [
                ["-n", name, "link", "set", "lo", "up"],
                ["-n", name, "link", "add", "kubeswift0", "type", "bridge"],
                ["-n", name, "addr", "add", "\(nodeIP)/32", "dev", "kubeswift0"],
                ["-n", name, "link", "set", "kubeswift0", "up"],
                ["-n", name, "route", "add", serviceCIDR, "dev", "kubeswift0"],
            ] {
                try ip(command)
            }
        } catch {
            delete()
            throw error
        }
    }

    /// Removes the namespace and everything in it (links, bridge, rules). Pods must be gone first:
    /// their pinned namespaces keep veth peers alive otherwise.
    public func delete() {
        try? ip(["netns", "delete", name])
    }

    private func ip(_ arguments: [String]) throws {
        let binary = Self.tool("ip")
        let output = FileManager.default.temporaryDirectory.appendingPathComponent("kubeswift-ip-\(getpid()).log").path
        let log = open(output, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o600)
        defer { if log >= 0 { close(log) }; unlink(output) }
        let pid = try Spawn.spawn(binary, args: [binary] + arguments, env: ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"],
                                  fds: [1: log, 2: log])
        let status = try Spawn.wait(pid)
        guard status.code == 0 else {
            let message = (try? String(contentsOfFile: output, encoding: .utf8))?.trimmingCharacters(in: .whitespacesAndNewlines) ?? ""
            throw ClusterError.component("netns", "ip \(arguments.joined(separator: " ")): \(message.isEmpty ? "exit \(status.code)" : message)")
        }
    }

    /// Debian puts `ip` in /usr/sbin (/sbin on older layouts) and nsenter in /usr/bin.
    static func tool(_ name: String) -> String {
        for directory in ["/usr/sbin", "/usr/bin", "/sbin", "/bin"] where access("\(directory)/\(name)", X_OK) == 0 {
            return "\(directory)/\(name)"
        }
        return name
    }
}
