import CRI
import Foundation
import Glibc
import KubeswiftTestSupport
import Synchronization
import Testing

enum Privileged {
    static let isRoot = getuid() == 0
    static let skipMessage = "CRI integration tests need root (namespaces, mounts, cgroups); run as root"
}

/// A `kubeswift runtime` daemon in a temporary root, on its own socket and cgroup base;
/// `kill()` is `kill -9`, `start()` runs it again over the same state.
final class RuntimeDaemonProcess: @unchecked Sendable {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let binary = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath().deletingLastPathComponent()
        .appendingPathComponent("kubeswift").path
    static let image = repository + "/_out/images/busybox"
    static let imageBuilt = Mutex(false)

    let root: String
    let cgroupBase: String
    let endpoint: CRIEndpoint
    /// Appended to the daemon's command line (e.g. CNI directories).
    let extraArguments: [String]
    /// Run the daemon in a network namespace of its own (loopback up, no route out), for tests
    /// whose CNI plugins create bridges and veths.
    let ownNetworkNamespace: Bool
    private(set) var pid: pid_t = 0

    init(extraArguments: [String] = [], ownNetworkNamespace: Bool = false) async throws {
        self.extraArguments = extraArguments
        self.ownNetworkNamespace = ownNetworkNamespace
        root = "/tmp/ks-cri-test-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        cgroupBase = "kubeswift/crit-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        endpoint = CRIEndpoint(socketPath: root + "/cri.sock")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        // Scripts/test.sh builds the image first; this covers a bare `swift test`.
        await offThePool {
            Self.imageBuilt.withLock { built in
                if !built && !FileManager.default.fileExists(atPath: Self.image + "/index.json") {
                    _ = try? runCommandBlocking(Self.repository + "/Rootfs/build-busybox.sh", [Self.image])
                }
                built = true
            }
        }
        try await start()
    }

    var logPath: String { root + "/daemon.log" }

    func start() async throws {
        #expect(FileManager.default.isExecutableFile(atPath: Self.binary), "\(Self.binary) not built")
        unlink(endpoint.socketPath)
        var args = [Self.binary, "runtime", "--listen", endpoint.description, "--root-dir", root + "/lib",
                    "--state-dir", root + "/run", "--cgroup-base", cgroupBase, "--log-level", "debug"]
        // Never the host's CNI config: its plugins would wire pods into the host's network.
        if !extraArguments.contains("--cni-conf-dir") { args += ["--cni-conf-dir", root + "/no-cni-config"] }
        args += extraArguments
        if ownNetworkNamespace {
            // unshare and sh exec in place: the pid stays the daemon's.
            args = ["/usr/bin/unshare", "--net", "--", "/bin/sh", "-c", "ip link set lo up && exec \"$@\"", "sh"] + args
        }
        pid = try spawnLogged(args, logPath: logPath)
        for _ in 0..<500 {
            if FileManager.default.fileExists(atPath: endpoint.socketPath) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("daemon did not create \(endpoint.socketPath) within 5s: \(daemonLog())")
    }

    func daemonLog() -> String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    /// kill -9 and reap.
    func kill() {
        guard pid > 0 else { return }
        Glibc.kill(pid, SIGKILL)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
        pid = 0
    }

    func client() throws -> CRIClient { try CRIClient(endpoint: endpoint) }

    /// Removes every pod through the daemon, stops it, checks nothing is left mounted or in
    /// the cgroup tree, removes the root.
    func finish() async {
        if pid > 0, let client = try? client() {
            if let pods = try? await client.runtime.listPodSandbox(Runtime_V1_ListPodSandboxRequest()) {
                for pod in pods.items {
                    var request = Runtime_V1_RemovePodSandboxRequest()
                    request.podSandboxID = pod.id
                    _ = try? await client.runtime.removePodSandbox(request)
                }
            }
            await client.close()
        }
        if pid > 0 {
            Glibc.kill(pid, SIGTERM)
            await waitForChild(pid)
            pid = 0
        }
        let mounts = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        let leftovers = mounts.split(separator: "\n").filter { $0.contains(root) }
        #expect(leftovers.isEmpty, "mounts left behind: \(leftovers)")
        if let line = mounts.split(separator: "\n").first(where: { $0.contains(" - cgroup2 ") }) {
            let base = String(line.split(separator: " ")[4]) + "/" + cgroupBase
            let remaining = FileManager.default.subpaths(atPath: base)?.filter { $0.contains("pod") && !$0.contains("/cgroup.") } ?? []
            #expect(remaining.filter { !$0.contains(".") }.isEmpty, "cgroups left behind under \(base): \(remaining)")
            for path in ["/kubepods/burstable", "/kubepods/besteffort", "/kubepods", ""] { rmdir(base + path) }
        }
        try? FileManager.default.removeItem(atPath: root)
    }
}
