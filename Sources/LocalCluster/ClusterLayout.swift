/// Where a single-node cluster keeps everything, derived from a few roots so a test (or a second
/// cluster) never touches the defaults: state under `dataDir`, sockets and pinned namespaces
/// under `runDir`, the CNI config and plugins and the admin kubeconfig where the flags say.
public struct ClusterLayout: Sendable, Equatable {
    public var dataDir: String
    public var runDir: String
    public var cniConfDir: String
    public var cniBinDir: String
    public var kubeconfigPath: String
    public var podManifestPath: String
    public var podLogsDir: String

    public init(dataDir: String = "/var/lib/kubeswift", runDir: String = "/run/kubeswift",
                cniConfDir: String = "/etc/cni/net.d", cniBinDir: String = "/opt/cni/bin",
                kubeconfigPath: String = "/etc/kubeswift/admin.kubeconfig",
                podManifestPath: String = "/etc/kubernetes/manifests", podLogsDir: String = "/var/log/pods") {
        self.dataDir = dataDir
        self.runDir = runDir
        self.cniConfDir = cniConfDir
        self.cniBinDir = cniBinDir
        self.kubeconfigPath = kubeconfigPath
        self.podManifestPath = podManifestPath
        self.podLogsDir = podLogsDir
    }

    /// Everything under one directory: what tests and `--root` use.
    public static func rooted(at root: String) -> ClusterLayout {
        ClusterLayout(
            dataDir: root + "/lib", runDir: root + "/run", cniConfDir: root + "/cni/net.d", cniBinDir: root + "/cni/bin",
            kubeconfigPath: root + "/admin.kubeconfig", podManifestPath: root + "/manifests", podLogsDir: root + "/pods-logs")
    }

    public var apiserverDataDir: String { dataDir + "/apiserver" }
    public var runtimeRootDir: String { dataDir + "/runtime" }
    public var runtimeStateDir: String { runDir + "/runtime" }
    public var kubeletRootDir: String { dataDir + "/kubelet" }
    public var criSocket: String { runDir + "/cri.sock" }
    public var criEndpoint: String { "unix://" + criSocket }
    public var logsDir: String { dataDir + "/logs" }
    public func logPath(_ component: String) -> String { logsDir + "/\(component).log" }

    /// Directories created before anything starts.
    public var directories: [String] {
        [dataDir, runDir, cniConfDir, cniBinDir, apiserverDataDir, runtimeRootDir, runtimeStateDir, kubeletRootDir,
         podManifestPath, podLogsDir, logsDir, parentDirectory(of: kubeconfigPath)]
    }
}

/// The directory part of a path ("/" for a top-level name, "." for a bare one).
func parentDirectory(of path: String) -> String {
    guard let slash = path.lastIndex(of: "/") else { return "." }
    return slash == path.startIndex ? "/" : String(path[..<slash])
}
