import Foundation
import Glibc
import KubeswiftTestSupport
import Testing

/// `kubeswift up --netns`: the whole cluster as a user runs it, driven by the bundled kubectl
/// with the README's example manifests, then stopped with Ctrl-C (SIGINT) — nothing may remain.
@Suite("kubeswift up (root)", .serialized, .enabled(if: UpProcess.enabled, Comment(rawValue: UpProcess.skipMessage)), .timeLimit(.minutes(10)))
struct SingleNodeClusterTests {
    @Test func examplesRunAndTheClusterLeavesNothingBehind() async throws {
        let up = try await UpProcess()
        var stopped = false
        defer { if !stopped { up.kill() } }
        try await up.waitUntilRunning()

        // The node registered with the address on the cluster's own link.
        let nodes = try await up.kubectl(["get", "nodes", "-o", "jsonpath={.items[*].status.addresses[?(@.type==\"InternalIP\")].address}"])
        #expect(nodes.stdout == "10.200.0.1", "\(nodes.stderr)")

        // A Deployment with a ConfigMap volume and probes, behind a Service.
        try await up.expectSuccess(["apply", "-f", UpProcess.repository + "/Manifests/examples/web.yaml"])
        try await up.expectSuccess(["rollout", "status", "deployment/web", "--timeout=180s"])
        let ips = try await up.kubectl(["get", "pods", "-l", "app=web", "-o", "jsonpath={.items[*].status.podIP}"])
        let podIPs = ips.stdout.split(separator: " ").map(String.init)
        #expect(podIPs.count == 2 && podIPs.allSatisfy { $0.hasPrefix("10.244.0.") }, "pod IPs: \(ips.stdout)")
        let pod = try await up.kubectl(["get", "pods", "-l", "app=web", "-o", "jsonpath={.items[0].metadata.name}"]).stdout

        // From a pod: the Service by its DNS name (cluster DNS, kube-proxy's rules, the CNI bridge)
        // serves the page from the ConfigMap volume; the downward-API env is set.
        var page = ""
        for _ in 0..<30 where !page.contains("hello from kubeswift") {
            page = try await up.kubectl(["exec", pod, "--", "wget", "-qO-", "http://web.default.svc.cluster.local/"]).stdout
            if !page.contains("hello from kubeswift") { try await Task.sleep(for: .seconds(1)) }
        }
        #expect(page.contains("hello from kubeswift"))
        let env = try await up.kubectl(["exec", pod, "--", "sh", "-c", "echo $POD_NAME"])
        #expect(env.stdout.trimmingCharacters(in: .whitespacesAndNewlines) == pod)
        let failed = try await up.kubectl(["exec", pod, "--", "sh", "-c", "exit 3"])
        #expect(failed.status == 3, "exec exit status: \(failed.stderr)")

        // A Job runs to completion; its pods' output is in the logs.
        try await up.expectSuccess(["apply", "-f", UpProcess.repository + "/Manifests/examples/job.yaml"])
        try await up.expectSuccess(["wait", "--for=condition=complete", "job/count", "--timeout=180s"])
        let logs = try await up.kubectl(["logs", "job/count"])
        #expect(logs.stdout.contains("count 3"), "logs: \(logs.stdout) \(logs.stderr)")

        // Ctrl-C: pods removed, every component stopped, the namespace gone, no mount left.
        let status = try await up.interrupt()
        stopped = true
        #expect(status == 0, "kubeswift up exit status; output:\n\(up.output)")
        #expect(!FileManager.default.fileExists(atPath: "/run/netns/\(up.netns)"))
        let mounts = (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) ?? ""
        #expect(!mounts.contains(up.root), "mounts left under \(up.root)")
        let processes = try await runCommand("/usr/bin/pgrep", ["-f", up.root])
        #expect(processes.stdout.isEmpty, "processes left: \(processes.stdout)")
    }
}

extension SingleNodeClusterTests {
    /// What a user watches a pod do on the cluster: configuration appears, a crashing container
    /// backs off, a failing liveness probe restarts, readiness gates the endpoints, a deleted
    /// pod leaves nothing, and a kubelet killed with -9 (restarted by `up`) restarts no container.
    @Test func podLifecycleOnTheCluster() async throws {
        let up = try await UpProcess(extraArguments: ["--kubelet-arg=--container-backoff-initial=1s"])
        var stopped = false
        defer { if !stopped { up.kill() } }
        try await up.waitUntilRunning()

        // ConfigMap and Secret as files and environment, with probes (the README's example).
        try await up.expectSuccess(["apply", "-f", UpProcess.repository + "/Manifests/examples/pod-config.yaml"])
        try await up.expectSuccess(["wait", "--for=condition=Ready", "pod/app-config-demo", "--timeout=120s"])
        let files = try await up.kubectl(["exec", "app-config-demo", "--", "cat", "/etc/app/config/greeting", "/etc/app/secret/password"])
        #expect(files.stdout == "hellos3cret", "\(files.stderr)")
        let env = try await up.kubectl(["exec", "app-config-demo", "--", "sh", "-c", "echo $GREETING $PASSWORD $CONFIG_mode $POD_NAME"])
        #expect(env.stdout == "hello s3cret demo app-config-demo\n", "\(env.stderr)")
        let logs = try await up.kubectl(["logs", "app-config-demo"])
        #expect(logs.stdout.contains("hello from app-config-demo"), "logs: \(logs.stdout) \(logs.stderr)")

        try await up.apply("""
            apiVersion: v1
            kind: Pod
            metadata: {name: crasher}
            spec:
              containers:
              - {name: app, image: busybox, command: ["sh", "-c", "echo crashing; exit 2"]}
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: unhealthy}
            spec:
              containers:
              - name: app
                image: busybox
                command: ["sh", "-c", "touch /tmp/healthy; sleep 4; rm /tmp/healthy; sleep 3600"]
                livenessProbe:
                  exec: {command: ["test", "-f", "/tmp/healthy"]}
                  periodSeconds: 1
                  failureThreshold: 1
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: gated, labels: {app: gated}}
            spec:
              containers:
              - name: app
                image: busybox
                command: ["sleep", "3600"]
                readinessProbe:
                  exec: {command: ["test", "-f", "/tmp/ready"]}
                  periodSeconds: 1
            ---
            apiVersion: v1
            kind: Service
            metadata: {name: gated}
            spec:
              selector: {app: gated}
              ports: [{port: 80}]
            ---
            apiVersion: v1
            kind: Pod
            metadata: {name: doomed}
            spec:
              terminationGracePeriodSeconds: 1
              containers:
              - {name: app, image: busybox, command: ["sleep", "31337"]}
            """)

        // CrashLoopBackOff, with the restarts spaced by a growing back-off.
        var reasons = Set<String>()
        var restarts = 0
        for _ in 0..<90 where !(reasons.contains("CrashLoopBackOff") && restarts >= 2) {
            let state = try await up.kubectl(["get", "pod", "crasher", "-o",
                                              "jsonpath={.status.containerStatuses[0].state.waiting.reason} {.status.containerStatuses[0].restartCount}"])
            let parts = state.stdout.split(separator: " ")
            if parts.count == 2 { reasons.insert(String(parts[0])); restarts = Int(parts[1]) ?? 0 }
            try await Task.sleep(for: .milliseconds(500))
        }
        #expect(reasons.contains("CrashLoopBackOff") && restarts >= 2, "reasons \(reasons), restarts \(restarts)")
        let backOffs = try await up.kubectl(["get", "events", "--field-selector", "involvedObject.name=crasher,reason=BackOff", "-o", "jsonpath={.items[*].message}"])
        #expect(backOffs.stdout.contains("Back-off restarting failed container app in pod crasher"), "events: \(backOffs.stdout)")
        let lastState = try await up.kubectl(["get", "pod", "crasher", "-o", "jsonpath={.status.containerStatuses[0].lastState.terminated.exitCode}"])
        #expect(lastState.stdout == "2")

        // A failing liveness probe: Unhealthy, Killing, and a restart.
        var livenessRestarts = 0
        for _ in 0..<90 where livenessRestarts < 1 {
            livenessRestarts = Int(try await up.kubectl(["get", "pod", "unhealthy", "-o", "jsonpath={.status.containerStatuses[0].restartCount}"]).stdout) ?? 0
            if livenessRestarts < 1 { try await Task.sleep(for: .milliseconds(500)) }
        }
        #expect(livenessRestarts >= 1)
        let unhealthy = try await up.kubectl(["get", "events", "--field-selector", "involvedObject.name=unhealthy", "-o", "jsonpath={.items[*].reason}"])
        #expect(unhealthy.stdout.contains("Unhealthy") && unhealthy.stdout.contains("Killing"), "events: \(unhealthy.stdout)")

        // Readiness gates the endpoints: not ready → notReadyAddresses only; ready → an address.
        try await up.expectSuccess(["wait", "--for=jsonpath={.status.phase}=Running", "pod/gated", "--timeout=60s"])
        let notReady = try await up.kubectl(["get", "endpoints", "gated", "-o", "jsonpath={.subsets[*].addresses[*].ip}"])
        #expect(notReady.stdout.isEmpty, "addresses before ready: \(notReady.stdout)")
        try await up.expectSuccess(["exec", "gated", "--", "touch", "/tmp/ready"])
        try await up.expectSuccess(["wait", "--for=condition=Ready", "pod/gated", "--timeout=60s"])
        let gatedIP = try await up.kubectl(["get", "pod", "gated", "-o", "jsonpath={.status.podIP}"]).stdout
        var addresses = ""
        for _ in 0..<40 where addresses != gatedIP {
            addresses = try await up.kubectl(["get", "endpoints", "gated", "-o", "jsonpath={.subsets[*].addresses[*].ip}"]).stdout
            if addresses != gatedIP { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(addresses == gatedIP && !gatedIP.isEmpty)

        // A deleted pod: its process, mounts and address are gone.
        try await up.expectSuccess(["wait", "--for=condition=Ready", "pod/doomed", "--timeout=60s"])
        let doomedUID = try await up.kubectl(["get", "pod", "doomed", "-o", "jsonpath={.metadata.uid}"]).stdout
        #expect(try await runCommand("/usr/bin/pgrep", ["-f", "sleep 31337"]).status == 0)
        try await up.expectSuccess(["delete", "pod", "doomed", "--wait=true", "--timeout=60s"])
        var leftovers = true
        for _ in 0..<40 where leftovers {
            let process = try await runCommand("/usr/bin/pgrep", ["-f", "sleep 31337"]).stdout
            let mounts = (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) ?? ""
            leftovers = !process.isEmpty || mounts.contains(doomedUID)
            if leftovers { try await Task.sleep(for: .milliseconds(250)) }
        }
        #expect(!leftovers, "the deleted pod's process or mounts remain")

        // kill -9 the kubelet: `up` starts it again, and it adopts the running pods.
        let before = try await up.kubectl(["get", "pod", "app-config-demo", "gated", "-o", "jsonpath={.items[*].status.containerStatuses[0].containerID}"]).stdout
        let kubeletPID = try #require(up.componentPID("kubelet"))
        Glibc.kill(kubeletPID, SIGKILL)
        for _ in 0..<120 where up.componentPID("kubelet") == kubeletPID {
            try await Task.sleep(for: .milliseconds(250))
        }
        #expect(up.componentPID("kubelet") != kubeletPID, "up did not restart the kubelet:\n\(up.output)")
        try await Task.sleep(for: .seconds(5))  // a few syncs of the new kubelet
        try await up.expectSuccess(["wait", "--for=condition=Ready", "pod/app-config-demo", "pod/gated", "--timeout=60s"])
        let after = try await up.kubectl(["get", "pod", "app-config-demo", "gated", "-o", "jsonpath={.items[*].status.containerStatuses[0].containerID}"]).stdout
        #expect(after == before, "containers after the kubelet restart: \(after), before: \(before)")
        let counts = try await up.kubectl(["get", "pod", "app-config-demo", "gated", "-o", "jsonpath={.items[*].status.containerStatuses[0].restartCount}"]).stdout
        #expect(counts == "0 0")

        #expect(try await up.interrupt() == 0, "kubeswift up exit status; output:\n\(up.output)")
        stopped = true
        #expect(!FileManager.default.fileExists(atPath: "/run/netns/\(up.netns)"))
        let mounts = (try? String(contentsOfFile: "/proc/self/mounts", encoding: .utf8)) ?? ""
        #expect(!mounts.contains(up.root), "mounts left under \(up.root) (the Secret volume is a tmpfs)")
    }
}

/// One `kubeswift up --netns` run in a temporary root, on a free port.
final class UpProcess: @unchecked Sendable {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().path
    static let image = repository + "/_out/images/busybox"
    static let enabled = getuid() == 0 && ServerProcess.available && FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip")
        && FileManager.default.isExecutableFile(atPath: "/usr/bin/nsenter")
    static let skipMessage = "the single-node cluster test needs root, ip, nsenter and the built kubeswift binary"

    let root: String
    let netns: String
    let port: Int
    let pid: pid_t
    let logPath: String

    init(extraArguments: [String] = []) async throws {
        let tag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        root = "/tmp/ks-up-test-\(tag)"
        netns = "ks-up-\(tag)"
        port = Self.freePort()
        logPath = root + ".log"
        if !FileManager.default.fileExists(atPath: Self.image + "/index.json") {
            _ = try await runCommand(Self.repository + "/Rootfs/build-busybox.sh", [Self.image])
        }
        let binary = ServerProcess.binary.path
        let args = [binary, "up", "--netns", netns, "--root", root, "--port", String(port), "--node-name", "up-test",
                    "--import-image", Self.image + "=busybox"] + extraArguments
        pid = try spawnLogged(args, logPath: logPath, truncate: true)
    }

    /// A port free on the host's loopback now (the kernel's pick for port 0).
    static func freePort() -> Int {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_addr.s_addr = UInt32(0x7f00_0001).bigEndian
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &address) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { pointer in
                bind(fd, pointer, length) == 0 ? getsockname(fd, pointer, &length) : -1
            }
        }
        return Int(UInt16(bigEndian: address.sin_port))
    }

    var output: String { (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? "" }

    func waitUntilRunning() async throws {
        for _ in 0..<900 {
            if output.contains("Kubernetes (kubeswift) is running") { return }
            var status: Int32 = 0
            if waitpid(pid, &status, WNOHANG) == pid {
                Issue.record("kubeswift up exited before the cluster ran:\n\(output)")
                throw CancellationError()
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        Issue.record("kubeswift up did not report a running cluster in 180 s:\n\(output)")
        throw CancellationError()
    }

    func kubectl(_ arguments: [String]) async throws -> CommandResult {
        try await runCommand(ServerProcess.binary.path, ["kubectl", "--kubeconfig", root + "/admin.kubeconfig"] + arguments)
    }

    func apply(_ manifest: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let result = try await runCommand(ServerProcess.binary.path, ["kubectl", "--kubeconfig", root + "/admin.kubeconfig", "apply", "-f", "-"],
                                          stdin: manifest)
        #expect(result.status == 0, "kubectl apply: \(result.stdout) \(result.stderr)", sourceLocation: sourceLocation)
    }

    /// The pid `up` last reported for a component ("started NAME (pid N" or "restarted it (pid N").
    func componentPID(_ name: String) -> pid_t? {
        var pid: pid_t?
        for line in output.split(separator: "\n") {
            let text = String(line)
            guard text.contains("started \(name) (pid ") || text.contains("kubeswift up: \(name) exited") else { continue }
            if let range = text.range(of: "(pid "), let end = text[range.upperBound...].firstIndex(where: { $0 == ")" || $0 == "," }) {
                pid = pid_t(text[range.upperBound..<end])
            }
        }
        return pid
    }

    func expectSuccess(_ arguments: [String], sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let result = try await kubectl(arguments)
        #expect(result.status == 0, "kubectl \(arguments.joined(separator: " ")): \(result.stdout) \(result.stderr)",
                sourceLocation: sourceLocation)
    }

    /// SIGINT, as Ctrl-C; returns the exit status.
    func interrupt() async throws -> Int32 {
        Glibc.kill(pid, SIGINT)
        let status = await waitForChild(pid)
        return (status & 0x7f) == 0 ? (status >> 8) & 0xff : 128 + (status & 0x7f)
    }

    /// Test failed midway: stop the cluster the way a user would, and wait.
    func kill() {
        Glibc.kill(pid, SIGINT)
        var status: Int32 = 0
        waitpid(pid, &status, 0)
    }
}
