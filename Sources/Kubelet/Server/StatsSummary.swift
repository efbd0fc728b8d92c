import Foundation
import KubeAPI

/// `/stats/summary` in upstream's shape (k8s.io/kubelet/pkg/apis/stats/v1alpha1 Summary): the node's
/// CPU and memory from /proc, and per pod its containers' CPU and memory from CRI ListContainerStats,
/// the pod figures being their sums.
enum StatsSummary {
    static func build(backend: any KubeletServerBackend) async -> JSONValue {
        let now = Date()
        let stats = (try? await backend.resourceStats()) ?? ResourceStats()
        var node: JSONValue = ["nodeName": .string(backend.nodeName), "systemContainers": []]
        if let boot = NodeUsage.bootTime() { node["startTime"] = .string(rfc3339(boot)) }
        if let cpu = NodeUsage.cpuUsageCoreNanoSeconds() {
            node["cpu"] = ["time": .string(rfc3339(now)), "usageCoreNanoSeconds": .int(Int64(clamping: cpu))]
        }
        if let memory = NodeUsage.memory() {
            node["memory"] = [
                "time": .string(rfc3339(now)), "availableBytes": .int(Int64(clamping: memory.available)),
                "usageBytes": .int(Int64(clamping: memory.total - memory.free)),
                "workingSetBytes": .int(Int64(clamping: memory.total - memory.available)),
            ]
        }
        var pods: [JSONValue] = []
        for pod in backend.runningPods() {
            let meta = pod.metadata
            let mine = stats.containers.filter {
                $0.podUID == (meta.uid ?? "") || ($0.podNamespace == (meta.namespace ?? "") && $0.podName == (meta.name ?? ""))
            }
            var containers: [JSONValue] = []
            var podCPU: UInt64?, podMemory: UInt64?
            var latest: Int64 = 0
            for c in mine {
                var entry: JSONValue = ["name": .string(c.name)]
                if let started = pod.status.containerStatuses?.first(where: { $0.name == c.name })?.state.running?.startedAt {
                    entry["startTime"] = .string(started.description)
                }
                let time = JSONValue.string(rfc3339(Date(timeIntervalSince1970: Double(c.usage.timestamp) / 1e9)))
                if let cpu = c.usage.cpuUsageCoreNanoSeconds {
                    entry["cpu"] = ["time": time, "usageCoreNanoSeconds": .int(Int64(clamping: cpu))]
                    podCPU = (podCPU ?? 0) + cpu
                }
                if let memory = c.usage.memoryWorkingSetBytes {
                    entry["memory"] = ["time": time, "workingSetBytes": .int(Int64(clamping: memory))]
                    podMemory = (podMemory ?? 0) + memory
                }
                latest = max(latest, c.usage.timestamp)
                containers.append(entry)
            }
            var entry: JSONValue = [
                "podRef": ["name": .string(meta.name ?? ""), "namespace": .string(meta.namespace ?? ""), "uid": .string(meta.uid ?? "")],
            ]
            if let start = pod.status.startTime { entry["startTime"] = .string(start.description) }
            entry["containers"] = .array(containers)
            let time = JSONValue.string(rfc3339(latest > 0 ? Date(timeIntervalSince1970: Double(latest) / 1e9) : now))
            if let podCPU { entry["cpu"] = ["time": time, "usageCoreNanoSeconds": .int(Int64(clamping: podCPU))] }
            if let podMemory { entry["memory"] = ["time": time, "workingSetBytes": .int(Int64(clamping: podMemory))] }
            pods.append(entry)
        }
        return ["node": node, "pods": .array(pods)]
    }

    static func rfc3339(_ date: Date) -> String {
        let formatter = ISO8601DateFormatter()
        formatter.formatOptions = [.withInternetDateTime]
        return formatter.string(from: date)
    }
}

/// Whole-node figures from /proc.
enum NodeUsage {
    /// Cumulative non-idle CPU time of all CPUs (/proc/stat's first line, in USER_HZ ticks).
    static func cpuUsageCoreNanoSeconds(stat: String? = try? String(contentsOfFile: "/proc/stat", encoding: .utf8)) -> UInt64? {
        guard let line = stat?.split(separator: "\n").first(where: { $0.hasPrefix("cpu ") }) else { return nil }
        let fields = line.split(separator: " ").dropFirst().compactMap { UInt64($0) }
        guard fields.count >= 4 else { return nil }
        // user nice system idle iowait irq softirq steal: idle and iowait are not usage.
        let busy = fields.enumerated().filter { $0.offset != 3 && $0.offset != 4 && $0.offset < 8 }.reduce(0) { $0 + $1.element }
        let hz = UInt64(max(sysconf(Int32(_SC_CLK_TCK)), 1))
        return busy * (1_000_000_000 / hz)
    }

    static func memory(meminfo: String? = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8)) -> (total: UInt64, free: UInt64, available: UInt64)? {
        guard let meminfo else { return nil }
        var values: [String: UInt64] = [:]
        for line in meminfo.split(separator: "\n") {
            let parts = line.split(separator: " ", omittingEmptySubsequences: true)
            guard parts.count >= 2, let kib = UInt64(parts[1]) else { continue }
            values[String(parts[0].dropLast())] = kib * 1024
        }
        guard let total = values["MemTotal"], let free = values["MemFree"], let available = values["MemAvailable"] else { return nil }
        return (total, free, available)
    }

    static func bootTime() -> Date? {
        guard let stat = try? String(contentsOfFile: "/proc/stat", encoding: .utf8),
              let line = stat.split(separator: "\n").first(where: { $0.hasPrefix("btime ") }),
              let seconds = Double(line.dropFirst(6)) else { return nil }
        return Date(timeIntervalSince1970: seconds)
    }
}
