import Foundation
import KubeAPI
import KubeClient
import KubeScheduler

/// `apiserver NODES PODS`: SchedulingBasic end to end in one process. The apiserver serves real
/// HTTP on loopback; nodes and pods are created through it; the real scheduler runs on informers
/// over HTTP and binds through `pods/binding`. Measured: from the first measured create to the
/// moment a watch (fieldSelector spec.nodeName!=) reports the last measured pod bound.
func runAPIServer(nodes: Int, initPods: Int, measurePods: Int, createWidth: Int, timeout: Duration) async throws {
    let server = try await InProcessAPIServer.start()
    let client = try server.client(userAgent: "kubeswift-scheduler-bench")
    let pods = ResourcePath(resource: "pods", namespace: "default")
    let watch = PodWatch(client: client, path: pods, query: ["fieldSelector": "spec.nodeName!="]) { name in
        String(name.prefix { $0 != "-" })
    }
    var scheduling: Task<Void, Never>?
    let phases = Phases()
    func shutdown() async {
        scheduling?.cancel()
        await scheduling?.value
        phases.done("scheduler stopped")
        await watch.stop()
        phases.done("watch stopped")
        await server.stop()
    }

    do {
        try await concurrently(nodes, width: createWidth) { i in
            _ = try await client.create(ResourcePath(resource: "nodes"), body: FakeObjects.node("node-\(i)"))
        }
        phases.done("create \(nodes) nodes")
        var config = Scheduler.Configuration()
        config.parallelBinds = 16
        let scheduler = Scheduler(
            api: RESTSchedulerAPI(client: try server.client(userAgent: "kube-scheduler/v1.32.0 (linux/amd64) kubeswift")),
            configuration: config, logger: quietLogger("kubeswift.scheduler"))
        let schedulerClient = try server.client(userAgent: "kube-scheduler/v1.32.0 (linux/amd64) kubeswift")
        scheduling = Task { await scheduler.run(client: schedulerClient) }
        try await waitUntil("the scheduler's cache holds \(nodes) nodes", timeout: timeout) { scheduler.cache.nodeCount >= nodes }
        phases.done("scheduler synced")

        try await concurrently(initPods, width: createWidth) { i in
            _ = try await client.create(pods, body: FakeObjects.pod("init-\(i)"))
        }
        guard await watch.wait("init", count: initPods, timeout: timeout) != nil else {
            throw BenchError("only \(watch.group("init").bound.count) of \(initPods) initial pods bound within \(timeout); scheduler \(scheduler.statistics)")
        }

        phases.done("\(initPods) initial pods bound")
        let start = ContinuousClock.now
        let cpuAtStart = processCPUSeconds()
        try await concurrently(measurePods, width: createWidth) { i in
            _ = try await client.create(pods, body: FakeObjects.pod("measured-\(i)"))
        }
        let created = ContinuousClock.now
        guard let end = await watch.wait("measured", count: measurePods, timeout: timeout) else {
            throw BenchError("only \(watch.group("measured").bound.count) of \(measurePods) measured pods bound within \(timeout); scheduler \(scheduler.statistics)")
        }
        let cpuSeconds = processCPUSeconds() - cpuAtStart
        phases.done("\(measurePods) measured pods bound")
        let seconds = (end - start).seconds
        let createSeconds = (created - start).seconds
        let s = scheduler.statistics
        print(
            "mode=apiserver nodes=\(nodes) init=\(initPods) pods=\(measurePods) seconds=\(fixed(seconds, 2))",
            "pods_per_s=\(fixed(Double(measurePods) / seconds, 0)) create_seconds=\(fixed(createSeconds, 2))",
            "creates_per_s=\(fixed(Double(measurePods) / createSeconds, 0))",
            "cpu_us_per_pod=\(fixed(cpuSeconds * 1e6 / Double(measurePods), 0)) storage=\(server.storage) create_width=\(createWidth)",
            "scheduled=\(s.scheduled) bound=\(s.bound) bind_failures=\(s.bindFailures) unschedulable=\(s.unschedulable)")
        fflush(nil)
    } catch {
        await shutdown()
        throw error
    }
    await shutdown()
    phases.done("shutdown")
}

/// User and system CPU time this process has used, in seconds. Per measured pod it is the
/// figure that changes least when the machine's speed drifts: every part of the cluster under
/// test (apiserver, scheduler, the watch that counts) runs in this process.
func processCPUSeconds() -> Double {
    var usage = rusage()
    getrusage(RUSAGE_SELF.rawValue, &usage)
    func seconds(_ t: timeval) -> Double { Double(t.tv_sec) + Double(t.tv_usec) / 1e6 }
    return seconds(usage.ru_utime) + seconds(usage.ru_stime)
}

/// Polls `condition` every 10 ms until it holds; throws after `timeout`.
func waitUntil(_ what: String, timeout: Duration, _ condition: () async throws -> Bool) async throws {
    let deadline = ContinuousClock.now + timeout
    while try await !condition() {
        guard ContinuousClock.now < deadline else { throw BenchError("timed out after \(timeout) waiting until \(what)") }
        try await Task.sleep(for: .milliseconds(10))
    }
}

/// How long each setup phase took, on stderr when KUBESWIFT_BENCH_VERBOSE is set.
final class Phases: @unchecked Sendable {
    var last = ContinuousClock.now
    let verbose = ProcessInfo.processInfo.environment["KUBESWIFT_BENCH_VERBOSE"] != nil

    func done(_ what: String) {
        let now = ContinuousClock.now
        if verbose { FileHandle.standardError.write(Data("  \(what): \(fixed((now - last).seconds, 2)) s\n".utf8)) }
        last = now
    }
}
