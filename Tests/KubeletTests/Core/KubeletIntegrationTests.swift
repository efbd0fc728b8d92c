import CRI
import Foundation
import Glibc
import KubeAPI
import KubeClient
import KubeswiftTestSupport
import Logging
import Testing
@testable import Kubelet

enum KubeletPrivileged {
    static let isRoot = getuid() == 0
    static let enabled = isRoot && ServerProcess.available && FileManager.default.isExecutableFile(atPath: "/usr/sbin/ip")
    static let skipMessage = "kubelet integration tests need root (the runtime makes namespaces, mounts, cgroups), `ip`, and the built kubeswift binary"
}

/// A real apiserver (loopback), a real `kubeswift runtime` daemon inside a network namespace this
/// test creates (so hostNetwork pods get that namespace, never the host's), and the kubelet in
/// process, all in one temporary root.
final class KubeletTestCluster: @unchecked Sendable {
    static let repository = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent().path
    static let image = repository + "/_out/images/busybox"

    let root: String
    let netns: String
    let cgroupBase: String
    let endpoint: CRIEndpoint
    let apiserver: ServerProcess
    let client: RESTClient
    var runtimePID: pid_t = 0
    var kubeletTask: Task<Void, Never>?
    var kubelet: Kubelet?
    let nodeName = "kubelet-test-node"

    init() async throws {
        let tag = "\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        root = "/tmp/ks-kubelet-test-\(tag)"
        netns = "ks-kubelet-\(tag)"
        cgroupBase = "kubeswift/kubelet-test-\(tag)"
        endpoint = CRIEndpoint(socketPath: root + "/cri.sock")
        try FileManager.default.createDirectory(atPath: root, withIntermediateDirectories: true)
        if !FileManager.default.fileExists(atPath: Self.image + "/index.json") {
            _ = try await runCommand(Self.repository + "/Rootfs/build-busybox.sh", [Self.image])
        }
        #expect(FileManager.default.fileExists(atPath: Self.image + "/index.json"), "busybox image missing at \(Self.image)")
        let added = try await runCommand("/usr/sbin/ip", ["netns", "add", netns])
        #expect(added.status == 0, "ip netns add: \(added.stderr)")
        _ = try await runCommand("/usr/sbin/ip", ["-n", netns, "link", "set", "lo", "up"])
        apiserver = try await ServerProcess(dataDir: URL(fileURLWithPath: root + "/apiserver"))
        client = try RESTClient(config: ClientConfig(server: apiserver.url))
        try await startRuntime()
    }

    func startRuntime() async throws {
        unlink(endpoint.socketPath)
        // `ip netns exec` execs the runtime in place, so runtimePID is the runtime's own.
        let args = ["/usr/sbin/ip", "netns", "exec", netns, ServerProcess.binary.path, "runtime", "--listen", endpoint.description,
                    "--root-dir", root + "/runtime-lib", "--state-dir", root + "/runtime-run", "--cgroup-base", cgroupBase,
                    "--cni-conf-dir", root + "/no-cni-config",
                    "--log-level", "debug"]
        runtimePID = try spawnLogged(args, logPath: root + "/runtime.log")
        for _ in 0..<1000 {
            if FileManager.default.fileExists(atPath: endpoint.socketPath) { return }
            try await Task.sleep(for: .milliseconds(10))
        }
        Issue.record("runtime did not listen within 10 s: \(runtimeLog)")
    }

    var runtimeLog: String { (try? String(contentsOfFile: root + "/runtime.log", encoding: .utf8)) ?? "" }

    func startKubelet() throws {
        var options = KubeletOptions(nodeName: nodeName, nodeIPs: ["127.0.0.1"])
        options.containerRuntimeEndpoint = endpoint
        options.rootDirectory = root + "/kubelet"
        options.podLogsDirectory = root + "/pods-logs"
        options.containerBackOffInitial = .seconds(1)
        options.containerBackOffMaximum = .seconds(4)
        options.plegRelistPeriod = .milliseconds(300)
        options.nodeStatusUpdateFrequency = .seconds(1)
        options.nodeLeaseRenewInterval = .seconds(1)
        options.podManifestPath = root + "/manifests"
        options.staticPodCheckInterval = .seconds(1)
        var logger = Logger(label: "kubelet-test")
        logger.logLevel = .warning
        let kubelet = Kubelet(options: options, client: client, cri: try CRIClient(endpoint: endpoint), logger: logger)
        self.kubelet = kubelet
        kubeletTask = Task { await kubelet.run() }
    }

    /// Cancels the kubelet's task and waits for it: its containers keep running.
    func stopKubelet() async {
        kubeletTask?.cancel()
        await kubeletTask?.value
        if let kubelet { await kubelet.cri.close() }
        kubeletTask = nil
        kubelet = nil
    }

    var pods: ResourceClient<Pod> { client.resource(Pod.self, namespace: "default") }

    func pod(_ name: String, script: String, restartPolicy: String = "Always", grace: Int64? = nil) -> Pod {
        var pod = Pod()
        pod.metadata = ObjectMeta(name: name, namespace: "default", labels: ["test": name])
        pod.spec.nodeName = nodeName
        pod.spec.hostNetwork = true
        pod.spec.restartPolicy = restartPolicy
        pod.spec.terminationGracePeriodSeconds = grace
        var container = Container(name: "main", image: Self.image)
        container.imagePullPolicy = "IfNotPresent"
        container.command = ["sh", "-c", script]
        pod.spec.containers = [container]
        return pod
    }

    /// Polls the pod until `condition` holds (returns it) or `seconds` pass (records an issue, returns the last).
    @discardableResult
    func waitFor(_ name: String, seconds: Double = 30, _ what: String, _ condition: (Pod) -> Bool) async throws -> Pod? {
        let deadline = Date().addingTimeInterval(seconds)
        var last: Pod?
        while Date() < deadline {
            last = try? await pods.get(name)
            if let last, condition(last) { return last }
            try await Task.sleep(for: .milliseconds(200))
        }
        let json = last.flatMap { try? JSONEncoder().encode($0.status) }.map { String(decoding: $0, as: UTF8.self) } ?? "nil"
        Issue.record("pod \(name): not \(what) within \(seconds) s; status: \(json)")
        return last
    }

    func sandboxes(uid: String) async throws -> [Runtime_V1_PodSandbox] {
        try await CRIClient.with(endpoint) { cri in
            var request = Runtime_V1_ListPodSandboxRequest()
            request.filter.labelSelector = [KubeletLabels.podUID: uid]
            return try await cri.runtime.listPodSandbox(request).items
        }
    }

    func finish() async {
        await stopKubelet()
        if let cri = try? CRIClient(endpoint: endpoint) {
            for sandbox in (try? await cri.runtime.listPodSandbox(Runtime_V1_ListPodSandboxRequest()).items) ?? [] {
                var request = Runtime_V1_RemovePodSandboxRequest()
                request.podSandboxID = sandbox.id
                _ = try? await cri.runtime.removePodSandbox(request)
            }
            await cri.close()
        }
        if runtimePID > 0 {
            kill(runtimePID, SIGTERM)
            await waitForChild(runtimePID)
        }
        apiserver.stop()
        _ = try? await runCommand("/usr/sbin/ip", ["netns", "delete", netns])
        let mounts = (try? String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)) ?? ""
        let leftovers = mounts.split(separator: "\n").filter { $0.contains(root) }
        #expect(leftovers.isEmpty, "mounts left behind: \(leftovers)")
        if let line = mounts.split(separator: "\n").first(where: { $0.contains(" - cgroup2 ") }) {
            let base = String(line.split(separator: " ")[4]) + "/" + cgroupBase
            for path in ["/kubepods/burstable", "/kubepods/besteffort", "/kubepods", ""] { rmdir(base + path) }
        }
        try? FileManager.default.removeItem(atPath: root)
    }
}

@Suite("Kubelet over a real apiserver and runtime (root)", .enabled(if: KubeletPrivileged.enabled, Comment(rawValue: KubeletPrivileged.skipMessage)),
       .serialized)
struct KubeletIntegrationTests {
    @Test(.timeLimit(.minutes(5)))
    func podLifecycleThroughTheAPI() async throws {
        let cluster = try await KubeletTestCluster()
        do {
            try await run(cluster)
        } catch {
            Issue.record("\(error)")
        }
        await cluster.finish()
    }

    func run(_ cluster: KubeletTestCluster) async throws {
        try FileManager.default.createDirectory(atPath: cluster.root + "/manifests", withIntermediateDirectories: true)
        try """
            {"apiVersion": "v1", "kind": "Pod", "metadata": {"name": "static-web"},
             "spec": {"hostNetwork": true, "terminationGracePeriodSeconds": 2, "containers": [{"name": "web", "image": "\(KubeletTestCluster.image)",
                      "imagePullPolicy": "IfNotPresent", "command": ["sh", "-c", "while true; do sleep 1; done"]}]}}
            """.write(toFile: cluster.root + "/manifests/static-web.json", atomically: true, encoding: .utf8)
        try cluster.startKubelet()

        // The node registers and heartbeats.
        var node: Node?
        for _ in 0..<50 {
            node = try? await cluster.client.resource(Node.self).get(cluster.nodeName)
            if node?.status.conditions?.contains(where: { $0.type == "Ready" && $0.status == "True" }) == true { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(node?.status.conditions?.first { $0.type == "Ready" }?.status == "True")
        #expect(node?.status.capacity?["pods"] == Quantity("110"))
        #expect(node?.status.nodeInfo.containerRuntimeVersion.contains("://") == true)
        #expect(node?.status.addresses?.first == NodeAddress(type: "InternalIP", address: "127.0.0.1"))
        let lease = try? await cluster.client.resource(Lease.self, namespace: "kube-node-lease").get(cluster.nodeName)
        #expect(lease?.spec.holderIdentity == cluster.nodeName)
        #expect(lease?.spec.renewTime != nil)

        // The static pod runs, and its mirror pod in the API shows it.
        let mirror = try await cluster.waitFor("static-web-\(cluster.nodeName)", "a Running mirror pod") { pod in
            pod.status.phase == "Running" && pod.status.containerStatuses?.first?.state.running != nil
        }
        #expect(mirror?.metadata.annotations?[StaticPodSource.configMirrorAnnotation] != nil)
        #expect(mirror?.metadata.ownerReferences?.first?.kind == "Node")

        // A long-running pod runs, with a start time and its container's status.
        let web = try await cluster.pods.create(cluster.pod("web", script: "trap 'exit 0' TERM; echo started; while true; do sleep 1; done", grace: 10))
        let running = try await cluster.waitFor("web", "Running") { pod in
            pod.status.phase == "Running" && pod.status.containerStatuses?.first?.state.running != nil
                && pod.status.conditions?.contains { $0.type == "Ready" && $0.status == "True" } == true
        }
        let webStatus = running?.status.containerStatuses?.first
        #expect(running?.status.startTime != nil)
        #expect(running?.status.podIP == "127.0.0.1")
        #expect(running?.status.hostIP == "127.0.0.1")
        #expect(running?.status.qosClass == "BestEffort")
        #expect(webStatus?.containerID?.hasPrefix("kubeswift://") == true)
        #expect(webStatus?.restartCount == 0)
        #expect(webStatus?.imageID.isEmpty == false)
        let logDir = cluster.root + "/pods-logs/default_web_\(web.metadata.uid!)/main"
        let log = (try? String(contentsOfFile: logDir + "/0.log", encoding: .utf8)) ?? ""
        #expect(log.contains(" stdout F started"), "log at \(logDir)/0.log: \(log)")

        // A crashing container goes to CrashLoopBackOff, its restart count growing.
        _ = try await cluster.pods.create(cluster.pod("crash", script: "echo crashing; exit 3"))
        let crashing = try await cluster.waitFor("crash", seconds: 40, "in CrashLoopBackOff after 2 restarts") { pod in
            let status = pod.status.containerStatuses?.first
            return status?.state.waiting?.reason == "CrashLoopBackOff" && (status?.restartCount ?? 0) >= 2
        }
        let crashStatus = crashing?.status.containerStatuses?.first
        #expect(crashStatus?.lastState.terminated?.exitCode == 3)
        #expect(crashStatus?.lastState.terminated?.reason == "Error")
        #expect(crashStatus?.state.waiting?.message?.hasPrefix("back-off ") == true)
        #expect(crashStatus?.state.waiting?.message?.contains("restarting failed container=main pod=crash_default(") == true)
        #expect(crashing?.status.phase == "Running")

        // An image that cannot be pulled: ErrImagePull, then ImagePullBackOff.
        var noImage = cluster.pod("noimage", script: "true")
        noImage.spec.containers[0].image = "/nonexistent/kubeswift-test-image"
        _ = try await cluster.pods.create(noImage)
        try await cluster.waitFor("noimage", "in ImagePullBackOff") { pod in
            pod.status.phase == "Pending" && pod.status.containerStatuses?.first?.state.waiting?.reason == "ImagePullBackOff"
        }

        // A pod-network pod needs CNI, which this runtime has none of: without an address its sandbox
        // is a failure shown as an event and a waiting reason, not a sandbox kept around.
        var podNetwork = cluster.pod("podnet", script: "sleep 3600")
        podNetwork.spec.hostNetwork = false
        let podNetworkPod = try await cluster.pods.create(podNetwork)
        var failedEvent = false
        for _ in 0..<150 where !failedEvent {
            let events = try await cluster.client.resource(Event.self, namespace: "default").list().items
            failedEvent = events.contains { $0.involvedObject.name == "podnet" && $0.reason == "FailedCreatePodSandBox" }
            if !failedEvent { try await Task.sleep(for: .milliseconds(200)) }
        }
        #expect(failedEvent, "FailedCreatePodSandBox event for a pod without a network")
        // The status is written by the status manager, after the event: wait for it.
        try await cluster.waitFor("podnet", "waiting in ContainerCreating") { pod in
            pod.status.containerStatuses?.first?.state.waiting?.reason == "ContainerCreating"
        }
        let readySandboxes = try await cluster.sandboxes(uid: podNetworkPod.metadata.uid!).filter { $0.state == .sandboxReady }
        #expect(readySandboxes.isEmpty, "a sandbox without an address is not kept")

        // Init containers run in order, each to completion, before the app container.
        var initPod = cluster.pod("init", script: "cat /tmp/order 2>/dev/null; sleep 3600")
        var first = Container(name: "first", image: KubeletTestCluster.image)
        first.imagePullPolicy = "IfNotPresent"
        first.command = ["sh", "-c", "echo first"]
        var second = first
        second.name = "second"
        second.command = ["sh", "-c", "echo second"]
        initPod.spec.initContainers = [first, second]
        _ = try await cluster.pods.create(initPod)
        let initialized = try await cluster.waitFor("init", "Running after its init containers") { pod in
            pod.status.phase == "Running" && pod.status.containerStatuses?.first?.state.running != nil
        }
        #expect(initialized?.status.initContainerStatuses?.map(\.name) == ["first", "second"])
        #expect(initialized?.status.initContainerStatuses?.map { $0.state.terminated?.reason } == ["Completed", "Completed"])
        let firstDone = initialized?.status.initContainerStatuses?[0].state.terminated?.finishedAt
        let secondStarted = initialized?.status.initContainerStatuses?[1].state.terminated?.startedAt
        if let firstDone, let secondStarted { #expect(firstDone <= secondStarted) }
        #expect(initialized?.status.conditions?.first { $0.type == "Initialized" }?.status == "True")

        // activeDeadlineSeconds: the kubelet fails the pod and stops its container.
        var deadlinePod = cluster.pod("deadline", script: "trap 'exit 0' TERM; while true; do sleep 1; done", grace: 5)
        deadlinePod.spec.activeDeadlineSeconds = 2
        _ = try await cluster.pods.create(deadlinePod)
        let expired = try await cluster.waitFor("deadline", "Failed with DeadlineExceeded") { pod in
            pod.status.phase == "Failed" && pod.status.containerStatuses?.first?.state.terminated != nil
        }
        #expect(expired?.status.reason == "DeadlineExceeded")

        // restartPolicy Never: Succeeded / Failed with the exit code.
        _ = try await cluster.pods.create(cluster.pod("ok", script: "exit 0", restartPolicy: "Never"))
        _ = try await cluster.pods.create(cluster.pod("bad", script: "exit 7", restartPolicy: "Never"))
        let succeeded = try await cluster.waitFor("ok", "Succeeded") { $0.status.phase == "Succeeded" }
        #expect(succeeded?.status.containerStatuses?.first?.state.terminated?.reason == "Completed")
        let failed = try await cluster.waitFor("bad", "Failed") { $0.status.phase == "Failed" }
        #expect(failed?.status.containerStatuses?.first?.state.terminated?.exitCode == 7)
        #expect(failed?.status.containerStatuses?.first?.state.terminated?.reason == "Error")

        // A restarted kubelet adopts the running container: same container, no restart.
        await cluster.stopKubelet()
        try cluster.startKubelet()
        try await Task.sleep(for: .seconds(3))
        let adopted = try await cluster.pods.get("web")
        #expect(adopted.status.containerStatuses?.first?.containerID == webStatus?.containerID)
        #expect(adopted.status.containerStatuses?.first?.restartCount == 0)
        #expect(adopted.status.phase == "Running")

        // Removing the manifest stops the static pod and deletes its mirror.
        let staticUID = try #require(cluster.kubelet?.staticPods.withLock { $0.keys.first })
        try FileManager.default.removeItem(atPath: cluster.root + "/manifests/static-web.json")
        var mirrorGone = false
        for _ in 0..<50 {
            if (try? await cluster.pods.get("static-web-\(cluster.nodeName)")) == nil { mirrorGone = true; break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(mirrorGone, "mirror pod still in the API after its manifest was removed")
        var staticLeft: [Runtime_V1_PodSandbox] = []
        for _ in 0..<50 {
            staticLeft = try await cluster.sandboxes(uid: staticUID)
            if staticLeft.isEmpty { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(staticLeft.isEmpty, "static pod still in the runtime after its manifest was removed")

        // Deleting the pod stops its container gracefully, removes it from the runtime, and the
        // kubelet's final delete removes the object.
        let uid = web.metadata.uid!
        #expect(try await cluster.sandboxes(uid: uid).count == 1)
        try await cluster.pods.delete("web")
        var gone = false
        for _ in 0..<100 {
            do {
                _ = try await cluster.pods.get("web")
            } catch let error as APIError where error.code == 404 {
                gone = true
                break
            }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(gone, "pod web still in the API 20 s after its deletion")
        var remaining: [Runtime_V1_PodSandbox] = []
        for _ in 0..<50 {
            remaining = try await cluster.sandboxes(uid: uid)
            if remaining.isEmpty { break }
            try await Task.sleep(for: .milliseconds(200))
        }
        #expect(remaining.isEmpty, "sandboxes of the deleted pod still in the runtime: \(remaining.map(\.id))")
    }
}
