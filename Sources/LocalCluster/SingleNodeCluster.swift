import Foundation
import KubeAPI
import KubeClient

/// What `kubeswift up` runs and with which settings.
public struct SingleNodeOptions: Sendable {
    public var layout: ClusterLayout
    /// The kubeswift executable every component runs as.
    public var binary: String
    public var apiserverPort = 6443
    public var nodeName: String
    /// The address the node registers and the DNS server answers on.
    public var nodeIP: String
    public var network = NodeNetwork()
    public var clusterCIDR = "10.244.0.0/16"
    public var serviceCIDR = "10.96.0.0/12"
    public var clusterDNS = "10.96.0.10"
    public var clusterDomain = "cluster.local"
    /// OCI layouts imported into the runtime before it starts: (path, repository name).
    public var images: [(path: String, name: String)] = []
    public var etcdServers: String?
    public var kubeletArguments: [String] = []
    public var logLevel = "info"
    /// Prepended to every component's command line (`IsolatedNetwork.launchPrefix`).
    public var launchPrefix: [String] = []

    public init(layout: ClusterLayout, binary: String, nodeName: String, nodeIP: String) {
        self.layout = layout
        self.binary = binary
        self.nodeName = nodeName
        self.nodeIP = nodeIP
    }

    public var apiserverURL: String { "http://127.0.0.1:\(apiserverPort)" }
}

/// A whole cluster on this machine as child processes: apiserver, controller-manager, scheduler,
/// runtime, kubelet, kube-proxy and DNS. `start()` brings them up in dependency order and waits
/// for each; `stop()` takes them down in reverse, removing pods through CRI first so no
/// container, mount or address outlives the cluster.
public final class SingleNodeCluster: Sendable {
    public let options: SingleNodeOptions
    private let progress: @Sendable (String) -> Void
    private let running = RunningComponents()

    public init(options: SingleNodeOptions, progress: @escaping @Sendable (String) -> Void) {
        self.options = options
        self.progress = progress
    }

    public var components: [Component] { running.all }

    public func start() async throws {
        let layout = options.layout
        for directory in layout.directories {
            try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        }
        try AdminKubeconfig(server: options.apiserverURL).write(to: layout.kubeconfigPath)
        try options.network.write(to: layout)
        try await runOnce("cni-install", ["cni", "install", "--bin-dir", layout.cniBinDir, "--force"])
        for image in options.images {
            progress("importing image \(image.name) from \(image.path)")
            try await runOnce("images", ["images", "import", image.path, "--name", image.name, "--root-dir", layout.runtimeRootDir])
        }

        let kubeconfig = ["--kubeconfig", layout.kubeconfigPath]
        var apiserver = ["apiserver", "--data-dir", layout.apiserverDataDir, "--port", String(options.apiserverPort),
                         "--service-cluster-ip-range", options.serviceCIDR, "--log-level", options.logLevel]
        if let etcd = options.etcdServers { apiserver += ["--etcd-servers", etcd] }
        let api = try launch("apiserver", apiserver)
        progress("waiting for the apiserver on \(options.apiserverURL)")
        try await waitUntil(api, "GET /readyz") { try await self.apiserverReady() }
        try await createDNSService()

        _ = try launch("controller-manager", ["controller-manager"] + kubeconfig
                       + ["--cluster-cidr", options.clusterCIDR, "--log-level", options.logLevel])
        _ = try launch("scheduler", ["scheduler"] + kubeconfig + ["--log-level", options.logLevel])

        let runtime = try launch("runtime", [
            "runtime", "--listen", layout.criEndpoint, "--root-dir", layout.runtimeRootDir, "--state-dir", layout.runtimeStateDir,
            "--cni-conf-dir", layout.cniConfDir, "--cni-bin-dir", layout.cniBinDir, "--log-level", options.logLevel,
        ])
        progress("waiting for the container runtime on \(layout.criEndpoint)")
        try await waitUntil(runtime, "its socket") { FileManager.default.fileExists(atPath: layout.criSocket) }

        _ = try launch("proxy", ["proxy"] + kubeconfig + [
            "--hostname-override", options.nodeName, "--cluster-cidr", options.clusterCIDR, "--log-level", options.logLevel,
        ])
        _ = try launch("dns", ["dns"] + kubeconfig + [
            "--bind", "\(options.nodeIP):53", "--cluster-domain", options.clusterDomain, "--log-level", options.logLevel,
        ])
        let kubelet = try launch("kubelet", ["kubelet"] + kubeconfig + [
            "--hostname-override", options.nodeName, "--node-ip", options.nodeIP,
            "--container-runtime-endpoint", layout.criEndpoint, "--root-dir", layout.kubeletRootDir,
            "--pod-logs-dir", layout.podLogsDir, "--pod-manifest-path", layout.podManifestPath,
            "--cluster-dns", options.clusterDNS, "--cluster-domain", options.clusterDomain, "--log-level", options.logLevel,
        ] + options.kubeletArguments)
        progress("waiting for node \(options.nodeName) to be Ready")
        try await waitUntil(kubelet, "node \(options.nodeName) Ready", timeout: .seconds(120)) { try await self.nodeReady() }
    }

    /// Stops the node first (kubelet, then every pod through the runtime, then the runtime),
    /// then kube-proxy (and its rules) and the control plane.
    public func stop() async {
        let byName = Dictionary(running.all.map { ($0.name, $0) }, uniquingKeysWith: { a, _ in a })
        if let kubelet = byName["kubelet"] { progress("stopping kubelet"); await kubelet.stop() }
        if let runtime = byName["runtime"], runtime.exitStatus == nil {
            progress("removing pods")
            await PodCleanup.removeAll(endpoint: options.layout.criSocket, log: progress)
            progress("stopping runtime")
            await runtime.stop()
        }
        progress("unmounting pod volumes")
        MountCleanup.unmountAll(under: options.layout.kubeletRootDir, log: progress)
        if let proxy = byName["proxy"] {
            progress("stopping kube-proxy and removing its rules")
            await proxy.stop()
            try? await runOnce("proxy-cleanup", ["proxy", "--cleanup", "--master", options.apiserverURL])
        }
        for name in ["dns", "scheduler", "controller-manager", "apiserver"] {
            if let component = byName[name] { progress("stopping \(name)"); await component.stop() }
        }
    }

    /// The first component that exited by itself, if any.
    public var exited: Component? { running.all.first { $0.exitStatus != nil } }

    /// Starts again every component that exited, as a service manager would (the kubelet after
    /// a crash adopts the running pods; the runtime re-adopts its containers). A component that
    /// keeps exiting — more than `maxRestarts` times — is an error: its log says why.
    /// Returns what was restarted.
    public func restartExited(maxRestarts: Int = 5) throws -> [String] {
        var messages: [String] = []
        for component in running.all {
            guard let status = component.exitStatus else { continue }
            let restarts = running.restarts(of: component.name)
            guard restarts < maxRestarts else {
                throw ClusterError.component(component.name, "exited \(restarts + 1) times (last: \(status.code)):\n\(component.logTail())")
            }
            let replacement = try Component(name: component.name, binary: component.binary, arguments: component.arguments,
                                            logPath: component.logPath)
            running.replace(component, with: replacement)
            messages.append("\(component.name) exited (\(status.signal.map { "signal \($0)" } ?? "status \(status.code)")); restarted it (pid \(replacement.pid))")
        }
        return messages
    }

    // MARK: Steps

    private func launch(_ name: String, _ arguments: [String]) throws -> Component {
        let component = try makeComponent(name, arguments)
        running.add(component)
        progress("started \(name) (pid \(component.pid), log \(component.logPath))")
        return component
    }

    private func runOnce(_ name: String, _ arguments: [String]) async throws {
        let component = try makeComponent(name, arguments)
        let status = await component.finish(timeout: .seconds(300))
        guard status.code == 0 else {
            throw ClusterError.component(name, "exit \(status.code): \(component.logTail())")
        }
    }

    private func makeComponent(_ name: String, _ arguments: [String]) throws -> Component {
        let command = options.launchPrefix + [options.binary] + arguments
        return try Component(name: name, binary: command[0], arguments: Array(command.dropFirst()), logPath: options.layout.logPath(name))
    }

    /// Polls `ready` until it holds; fails when the component exits or `timeout` passes.
    private func waitUntil(_ component: Component, _ what: String, timeout: Duration = .seconds(60),
                           _ ready: @escaping @Sendable () async throws -> Bool) async throws {
        let deadline = ContinuousClock.now + timeout
        var lastError = ""
        while ContinuousClock.now < deadline {
            if let status = component.exitStatus {
                throw ClusterError.notReady(component.name, "exited (\(status.code)):\n\(component.logTail())")
            }
            do {
                if try await ready() { return }
            } catch {
                lastError = "\(error)"
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        throw ClusterError.notReady(component.name, "no \(what) after \(timeout)\(lastError.isEmpty ? "" : ": \(lastError)")\n\(component.logTail())")
    }

    private func client() throws -> RESTClient {
        var config = ClientConfig(server: options.apiserverURL, timeout: .seconds(5))
        config.userAgent = "kubeswift-up"
        return try RESTClient(config: config)
    }

    private func apiserverReady() async throws -> Bool {
        _ = try await client().getRaw("/readyz", accept: "text/plain")
        return true
    }

    private func nodeReady() async throws -> Bool {
        let node = try await client().resource(Node.self).get(options.nodeName)
        return node.status.conditions?.contains { $0.type == "Ready" && $0.status == "True" } == true
    }

    /// The cluster DNS Service at the DNS address, pointing at the DNS server on the node (the
    /// server runs as a node process, not a pod, so its endpoints are written here).
    private func createDNSService() async throws {
        let rest = try client()
        let labels: JSONValue = ["k8s-app": "kube-dns", "kubernetes.io/name": "CoreDNS"]
        let service: JSONValue = [
            "apiVersion": "v1", "kind": "Service",
            "metadata": ["name": "kube-dns", "namespace": "kube-system", "labels": labels],
            "spec": [
                "clusterIP": .string(options.clusterDNS),
                "ports": [["name": "dns", "port": 53, "protocol": "UDP"], ["name": "dns-tcp", "port": 53, "protocol": "TCP"]],
            ],
        ]
        let endpoints: JSONValue = [
            "apiVersion": "v1", "kind": "Endpoints",
            "metadata": ["name": "kube-dns", "namespace": "kube-system", "labels": labels],
            "subsets": [[
                "addresses": [["ip": .string(options.nodeIP), "nodeName": .string(options.nodeName)]],
                "ports": [["name": "dns", "port": 53, "protocol": "UDP"], ["name": "dns-tcp", "port": 53, "protocol": "TCP"]],
            ]],
        ]
        let slice: JSONValue = [
            "apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
            "metadata": ["name": "kube-dns-node", "namespace": "kube-system",
                         "labels": ["kubernetes.io/service-name": "kube-dns", "endpointslice.kubernetes.io/managed-by": "kubeswift-up"]],
            "addressType": "IPv4",
            "endpoints": [["addresses": [.string(options.nodeIP)], "conditions": ["ready": true], "nodeName": .string(options.nodeName)]],
            "ports": [["name": "dns", "port": 53, "protocol": "UDP"], ["name": "dns-tcp", "port": 53, "protocol": "TCP"]],
        ]
        for (path, body) in [
            (ResourcePath(group: "", version: "v1", resource: "services", namespace: "kube-system"), service),
            (ResourcePath(group: "", version: "v1", resource: "endpoints", namespace: "kube-system"), endpoints),
            (ResourcePath(group: "discovery.k8s.io", version: "v1", resource: "endpointslices", namespace: "kube-system"), slice),
        ] {
            do { _ = try await rest.create(path, body: body) } catch let error as APIError where error.isAlreadyExists {}
        }
    }
}

/// The components started so far, in start order.
final class RunningComponents: @unchecked Sendable {
    private let lock = NSLock()
    private var components: [Component] = []

    private var restartCounts: [String: Int] = [:]

    func add(_ component: Component) { lock.withLock { components.append(component) } }
    var all: [Component] { lock.withLock { components } }

    func replace(_ old: Component, with new: Component) {
        lock.withLock {
            if let index = components.firstIndex(where: { $0 === old }) { components[index] = new }
            restartCounts[new.name, default: 0] += 1
        }
    }

    func restarts(of name: String) -> Int { lock.withLock { restartCounts[name] ?? 0 } }
}
