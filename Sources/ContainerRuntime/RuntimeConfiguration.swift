import Linux

/// Where the runtime keeps its state, and how it starts its container-init helper.
/// Every path derives from a root prefix so tests and many nodes never collide.
public struct RuntimeConfiguration: Sendable {
    /// Container upper/work dirs, logs, image layers: `/var/lib/kubeswift/runtime`.
    public var rootDirectory: String
    /// Pinned namespaces and per-pod files: `/run/kubeswift`.
    public var runDirectory: String
    /// The helper executable and the arguments that select container-init mode.
    public var helperPath: String
    public var helperArguments: [String]
    /// Must start with `kubeswift`.
    public var cgroupBase: String
    /// Where the streaming server (exec/attach URLs) listens: `host:port`, port 0 for any.
    public var streamingAddress: String
    /// CNI network configurations (`*.conflist`, `*.conf`, lowest name first) and plugins, used
    /// by RunPodSandbox for pods with their own network namespace.
    public var cniConfigDirectory: String
    public var cniBinDirectories: [String]

    public init(rootDirectory: String = "/var/lib/kubeswift/runtime", runDirectory: String = "/run/kubeswift",
                helperPath: String = "/proc/self/exe", helperArguments: [String] = [ContainerInit.command],
                cgroupBase: String = "kubeswift", streamingAddress: String = "127.0.0.1:0",
                cniConfigDirectory: String = "/etc/cni/net.d", cniBinDirectories: [String] = ["/opt/cni/bin"]) {
        self.rootDirectory = rootDirectory
        self.runDirectory = runDirectory
        self.helperPath = helperPath
        self.helperArguments = helperArguments
        self.cgroupBase = cgroupBase
        self.streamingAddress = streamingAddress
        self.cniConfigDirectory = cniConfigDirectory
        self.cniBinDirectories = cniBinDirectories
    }

    public var imageStore: ImageStore { ImageStore(root: rootDirectory) }
    public func containerDirectory(_ id: String) -> String { rootDirectory + "/containers/" + id }
    /// Where each container's overlay is mounted, inside its own mount namespace only.
    public var rootfsMountPoint: String { rootDirectory + "/rootfs" }
    public func sandboxDirectory(_ id: String) -> String { runDirectory + "/sandboxes/" + id }
}
