// `Scripts/bench.sh pods`: pod startup latency as upstream's SLI defines it — from the pod's
// creation to all its containers running, as observed through a watch, image present — over
// sequential pods and a burst, on a running single-node cluster; and the RSS of the kubelet
// and the runtime with 0 and with the burst's pods running.
//
//   kubeswift-pod-bench SERVER SEQUENTIAL BURST KUBELET_PID RUNTIME_PID
import Foundation
import KubeAPI
import KubeClient

struct Bench {
    let client: RESTClient
    let namespace = "pod-bench"
    let pods: ResourcePath

    init(server: String) throws {
        var config = ClientConfig(server: server, timeout: .seconds(60))
        config.userAgent = "kubeswift-pod-bench"
        client = try RESTClient(config: config)
        pods = ResourcePath(group: "", version: "v1", resource: "pods", namespace: namespace)
    }

    func pod(_ name: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name), "labels": ["bench": "startup"]],
            "spec": [
                "terminationGracePeriodSeconds": 0,
                "containers": [[
                    "name": "pause", "image": "busybox", "imagePullPolicy": "Never",
                    "command": ["sleep", "3600"],
                ]],
            ],
        ]
    }

    /// Watches the namespace and resolves each pod's "all containers running" moment.
    final class Observer: @unchecked Sendable {
        private let lock = NSLock()
        private var running: [String: ContinuousClock.Instant] = [:]
        private var gone: Set<String> = []
        private var waiters: [String: CheckedContinuation<ContinuousClock.Instant, Never>] = [:]

        func observe(_ event: KubeClient.WatchEvent) {
            guard let name = event.object[path: ["metadata", "name"]]?.stringValue else { return }
            let now = ContinuousClock.now
            if event.type == .deleted {
                lock.withLock { _ = gone.insert(name) }
                return
            }
            let statuses = event.object[path: ["status", "containerStatuses"]]?.arrayValue ?? []
            let containers = event.object[path: ["spec", "containers"]]?.arrayValue ?? []
            let allRunning = !statuses.isEmpty && statuses.count == containers.count
                && statuses.allSatisfy { $0[path: ["state", "running"]] != nil }
            guard allRunning else { return }
            let waiter: CheckedContinuation<ContinuousClock.Instant, Never>? = lock.withLock {
                guard running[name] == nil else { return nil }
                running[name] = now
                return waiters.removeValue(forKey: name)
            }
            waiter?.resume(returning: now)
        }

        func runningAt(_ name: String) async -> ContinuousClock.Instant {
            await withCheckedContinuation { continuation in
                let seen: ContinuousClock.Instant? = lock.withLock {
                    if let at = running[name] { return at }
                    waiters[name] = continuation
                    return nil
                }
                if let seen { continuation.resume(returning: seen) }
            }
        }

        func goneCount() -> Int { lock.withLock { gone.count } }
    }

    func run(sequential: Int, burst: Int, kubeletPID: Int32, runtimePID: Int32) async throws {
        do {
            _ = try await client.create(ResourcePath(group: "", version: "v1", resource: "namespaces"),
                                        body: ["apiVersion": "v1", "kind": "Namespace", "metadata": ["name": .string(namespace)]])
        } catch let error as APIError where error.isAlreadyExists {}
        let observer = Observer()
        let list = try await client.list(pods)
        let version = list[path: ["metadata", "resourceVersion"]]?.stringValue ?? "0"
        let watch = Task {
            for try await event in client.watch(pods, query: ["resourceVersion": version]) { observer.observe(event) }
        }
        defer { watch.cancel() }

        let idle = Memory.sample(kubelet: kubeletPID, runtime: runtimePID)

        // Sequential: one pod at a time, each created after the previous one runs.
        var sequentialLatencies: [Duration] = []
        for index in 0..<sequential {
            let name = "seq-\(index)"
            let start = ContinuousClock.now
            _ = try await client.create(pods, body: pod(name))
            sequentialLatencies.append(await observer.runningAt(name) - start)
        }
        try await deleteAll(observer: observer, expected: sequential)

        // Burst: every pod created at once.
        let burstLatencies = try await withThrowingTaskGroup(of: Duration.self) { group in
            for index in 0..<burst {
                group.addTask {
                    let name = "burst-\(index)"
                    let start = ContinuousClock.now
                    _ = try await client.create(pods, body: pod(name))
                    return await observer.runningAt(name) - start
                }
            }
            var all: [Duration] = []
            for try await latency in group { all.append(latency) }
            return all
        }
        try await Task.sleep(for: .seconds(2))  // let the kubelet settle after the burst before sampling
        let loaded = Memory.sample(kubelet: kubeletPID, runtime: runtimePID)
        try await deleteAll(observer: observer, expected: sequential + burst)

        print("pod startup latency (creation → all containers running, seen by a watch; image present)")
        print(Report.row("sequential (\(sequential) pods)", sequentialLatencies)
              + (sequentialLatencies.indices.max { sequentialLatencies[$0] < sequentialLatencies[$1] }.map { "   (slowest: seq-\($0))" } ?? ""))
        print(Report.row("burst (\(burst) pods at once)", burstLatencies))
        print("goal: sequential p50 ≤ 300 ms, p99 ≤ 1 s (upstream SLO: p99 ≤ 5 s; density test: 10-pod burst p99 ≤ 20 s)")
        print("")
        print("memory                           idle (0 pods)   \(burst) pods")
        print(Report.memoryRow("kubelet (RSS)", idle.kubelet, loaded.kubelet))
        print(Report.memoryRow("runtime daemon (RSS)", idle.runtime, loaded.runtime))
        // Monitors share the binary's pages: their RSS would count them once per monitor.
        print(Report.memoryRow("container monitors (PSS, all)", idle.monitors, loaded.monitors))
        print(Report.memoryRow("one monitor (private)", 0, loaded.monitorCount == 0 ? 0 : loaded.monitorsPrivate / loaded.monitorCount)
              + "   (\(loaded.monitorCount) monitors)")
        print("upstream's limit: kubelet ≤ 200 MiB at 0 pods")
    }

    func deleteAll(observer: Observer, expected: Int) async throws {
        _ = try await client.deleteCollection(pods, options: ["gracePeriodSeconds": 0])
        for _ in 0..<600 where observer.goneCount() < expected {
            try await Task.sleep(for: .milliseconds(100))
        }
    }
}

enum Report {
    static func percentile(_ values: [Duration], _ p: Double) -> Duration {
        let sorted = values.sorted()
        guard !sorted.isEmpty else { return .zero }
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up)) - 1
        return sorted[min(max(rank, 0), sorted.count - 1)]
    }

    static func ms(_ duration: Duration) -> String {
        let value = Double(duration.components.seconds) * 1000 + Double(duration.components.attoseconds) / 1e15
        return String(format: "%7.0f ms", value)
    }

    static func row(_ label: String, _ values: [Duration]) -> String {
        let pad = label.padding(toLength: 30, withPad: " ", startingAt: 0)
        return "  \(pad) p50 \(ms(percentile(values, 50)))   p99 \(ms(percentile(values, 99)))   max \(ms(values.max() ?? .zero))"
    }

    static func memoryRow(_ label: String, _ idle: Int, _ loaded: Int) -> String {
        let pad = label.padding(toLength: 30, withPad: " ", startingAt: 0)
        return "  \(pad) \(String(format: "%8.1f MiB", Double(idle) / 1024))   \(String(format: "%8.1f MiB", Double(loaded) / 1024))"
    }
}

/// Memory in KiB from /proc: the kubelet's and the runtime daemon's RSS, and the runtime's
/// per-container monitors (its child processes that outlive it): their proportional share (PSS)
/// summed, and their private memory.
struct Memory {
    var kubelet: Int
    var runtime: Int
    var monitors: Int
    var monitorsPrivate = 0
    var monitorCount = 0

    static func sample(kubelet: Int32, runtime: Int32) -> Memory {
        var monitors = 0, monitorsPrivate = 0, monitorCount = 0
        let entries = (try? FileManager.default.contentsOfDirectory(atPath: "/proc")) ?? []
        for entry in entries {
            guard let pid = Int32(entry), pid != runtime else { continue }
            // A monitor is the init helper that stayed the container's parent: `kubeswift
            // __container-init …`, or the standalone kubeswift-container-init.
            let executable = (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/\(pid)/exe")) ?? ""
            let arguments = ((try? String(contentsOfFile: "/proc/\(pid)/cmdline", encoding: .utf8)) ?? "").split(separator: "\0")
            if executable.hasSuffix("/kubeswift-container-init") || arguments.dropFirst().first == "__container-init" {
                let rollup = smapsRollup(pid)
                monitors += rollup["Pss"] ?? 0
                monitorsPrivate += (rollup["Private_Clean"] ?? 0) + (rollup["Private_Dirty"] ?? 0)
                monitorCount += 1
            }
        }
        return Memory(kubelet: rss(kubelet), runtime: rss(runtime), monitors: monitors, monitorsPrivate: monitorsPrivate, monitorCount: monitorCount)
    }

    /// `/proc/PID/smaps_rollup` fields in KiB.
    static func smapsRollup(_ pid: Int32) -> [String: Int] {
        let text = (try? String(contentsOfFile: "/proc/\(pid)/smaps_rollup", encoding: .utf8)) ?? ""
        var fields: [String: Int] = [:]
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, parts[0].hasSuffix(":"), let value = Int(parts[1]) else { continue }
            fields[String(parts[0].dropLast())] = value
        }
        return fields
    }

    static func rss(_ pid: Int32) -> Int { smapsRollup(pid)["Rss"] ?? 0 }
}

let arguments = CommandLine.arguments
guard arguments.count == 6, let sequential = Int(arguments[2]), let burst = Int(arguments[3]),
      let kubelet = Int32(arguments[4]), let runtime = Int32(arguments[5]) else {
    FileHandle.standardError.write(Data("usage: kubeswift-pod-bench SERVER SEQUENTIAL BURST KUBELET_PID RUNTIME_PID\n".utf8))
    exit(2)
}
try await Bench(server: arguments[1]).run(sequential: sequential, burst: burst, kubeletPID: kubelet, runtimePID: runtime)
