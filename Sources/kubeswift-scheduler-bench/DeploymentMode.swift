import Foundation
import KubeAPI
import KubeClient
import KubeScheduler

/// `deployment REPLICAS NODES`: the apiserver and the scheduler in this process, the
/// controller-manager (every controller, as `kubeswift controller-manager` runs by default) as a
/// child process so that its memory is its own. Measured: from creating one Deployment of
/// REPLICAS pause pods to a watch reporting the last of its pods bound; and the
/// controller-manager's VmRSS/VmHWM once idle (nodes known, before the Deployment) and after.
func runDeployment(replicas: Int, nodes: Int, kubeswift: String, createWidth: Int, timeout: Duration) async throws {
    let server = try await InProcessAPIServer.start()
    let client = try server.client(userAgent: "kubeswift-scheduler-bench")
    let name = "bench"
    let watch = PodWatch(client: client, path: ResourcePath(resource: "pods", namespace: "default"), query: ["labelSelector": "app=\(name)"]) { _ in "" }
    var scheduling: Task<Void, Never>?
    var manager: ChildProcess?
    func shutdown() async {
        await manager?.stop()
        scheduling?.cancel()
        await scheduling?.value
        await watch.stop()
        await server.stop()
    }

    do {
        try await concurrently(nodes, width: createWidth) { i in
            _ = try await client.create(ResourcePath(resource: "nodes"), body: FakeObjects.node("node-\(i)"))
        }
        // The fake nodes have no kubelet renewing a Lease: long grace periods keep the node
        // lifecycle controller from tainting them mid-run.
        let controllers = ProcessInfo.processInfo.environment["KUBESWIFT_BENCH_CM_CONTROLLERS"] ?? "*"
        let cm = try ChildProcess(
            kubeswift,
            ["controller-manager", "--master", server.url, "--leader-elect=false", "--controllers", controllers,
             "--node-monitor-grace-period", "1h", "--node-startup-grace-period", "1h"],
            log: (server.dataDir as NSString).appendingPathComponent("controller-manager.log"))
        manager = cm

        let scheduler = Scheduler(
            api: RESTSchedulerAPI(client: try server.client(userAgent: "kube-scheduler/v1.32.0 (linux/amd64) kubeswift")),
            configuration: Scheduler.Configuration(), logger: quietLogger("kubeswift.scheduler"))
        let schedulerClient = try server.client(userAgent: "kube-scheduler/v1.32.0 (linux/amd64) kubeswift")
        scheduling = Task { await scheduler.run(client: schedulerClient) }
        try await waitUntil("the scheduler's cache holds \(nodes) nodes", timeout: timeout) { scheduler.cache.nodeCount >= nodes }

        // Idle: the controller-manager has listed and is watching (the service account controller
        // has given the default namespace its account), then a moment to settle.
        try await waitUntil("the controller-manager is up (default/default ServiceAccount)", timeout: timeout) {
            guard cm.isRunning else { throw BenchError("the controller-manager exited:\n\(cm.logTail())") }
            if controllers != "*" { return true }
            return (try? await client.get(ResourcePath(resource: "serviceaccounts", namespace: "default", name: "default"))) != nil
        }
        try await Task.sleep(for: .seconds(3))
        let idle = try cm.memory()

        let start = ContinuousClock.now
        _ = try await client.create(ResourcePath(group: "apps", resource: "deployments", namespace: "default"), body: FakeObjects.deployment(name, replicas: replicas))
        guard let end = await watch.wait("", count: replicas, timeout: timeout) else {
            let g = watch.group("")
            throw BenchError("only \(g.bound.count) of \(replicas) pods bound (\(g.created.count) created) within \(timeout); scheduler \(scheduler.statistics)\n\(cm.logTail())")
        }
        let created = await watch.wait("", count: replicas, bound: false, timeout: .zero) ?? end
        // The Deployment's and ReplicaSet's status writes follow the last binding; let them land.
        try await Task.sleep(for: .seconds(2))
        let after = try cm.memory()
        let seconds = (end - start).seconds
        print(
            "mode=deployment replicas=\(replicas) nodes=\(nodes) seconds=\(fixed(seconds, 2)) pods_per_s=\(fixed(Double(replicas) / seconds, 0))",
            "created_seconds=\(fixed((created - start).seconds, 2)) storage=\(server.storage) cm_controllers=\(controllers)",
            "cm_rss_idle_mib=\(fixed(idle.rss, 1)) cm_rss_after_mib=\(fixed(after.rss, 1)) cm_hwm_peak_mib=\(fixed(after.hwm, 1))")
        fflush(nil)
    } catch {
        await shutdown()
        throw error
    }
    await shutdown()
}

/// A child process with its output in a log file; stopped with SIGTERM (SIGKILL if it lingers).
final class ChildProcess: @unchecked Sendable {  // Process is thread-safe but not marked Sendable
    let process: Process
    let logPath: String

    init(_ executable: String, _ arguments: [String], log: String) throws {
        guard FileManager.default.isExecutableFile(atPath: executable) else { throw BenchError("no executable at \(executable)") }
        _ = FileManager.default.createFile(atPath: log, contents: nil)
        guard let output = FileHandle(forWritingAtPath: log) else { throw BenchError("cannot write \(log)") }
        process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        process.standardOutput = output
        process.standardError = output
        process.standardInput = FileHandle.nullDevice
        logPath = log
        try process.run()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// VmRSS and VmHWM from /proc/PID/status, in MiB.
    func memory() throws -> (rss: Double, hwm: Double) {
        let text = try String(contentsOfFile: "/proc/\(pid)/status", encoding: .utf8)
        func field(_ name: String) -> Double {
            guard let line = text.split(separator: "\n").first(where: { $0.hasPrefix(name + ":") }) else { return 0 }
            return Double(line.split(whereSeparator: { $0 == " " || $0 == "\t" }).dropFirst().first.map(String.init) ?? "") ?? 0
        }
        return (field("VmRSS") / 1024, field("VmHWM") / 1024)
    }

    func logTail(_ lines: Int = 20) -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return "controller-manager log (last \(lines) lines):\n" + text.split(separator: "\n").suffix(lines).joined(separator: "\n")
    }

    func stop() async {
        guard process.isRunning else { return }
        kill(pid, SIGTERM)
        let deadline = ContinuousClock.now + .seconds(5)
        while process.isRunning, ContinuousClock.now < deadline { try? await Task.sleep(for: .milliseconds(50)) }
        if process.isRunning { kill(pid, SIGKILL) }
        while process.isRunning { try? await Task.sleep(for: .milliseconds(50)) }
    }
}
