import CRI
import Foundation
import Linux
import Synchronization

/// Container CPU and memory from cgroup v2 files. usage_nano_cores is the rate between two
/// samples (the previous call's, or one taken 100 ms earlier on a first call). Without the
/// memory controller (this host's cgroup2 mount has none) the working set falls back to the
/// summed RSS of the cgroup's processes.
final class ContainerStatsSampler: Sendable {
    struct Sample: Sendable {
        var cpuNanoseconds: UInt64
        var at: Int64
    }

    private let previous = Mutex<[String: Sample]>([:])

    static let firstSampleWindow: Duration = .milliseconds(100)

    func cpuSample(_ cgroupPath: String) -> Sample? {
        guard let stat = try? FileIO.readFile(cgroupPath + "/cpu.stat"),
              let usec = Self.field("usage_usec", in: stat).flatMap(UInt64.init) else { return nil }
        return Sample(cpuNanoseconds: usec * 1000, at: ExitRecord.nowNanoseconds())
    }

    /// Seeds a first sample for ids that have none; true if any was seeded (the caller then
    /// waits `firstSampleWindow` so the rate has a window).
    func seed(_ cgroups: [(id: String, path: String)]) -> Bool {
        var seeded = false
        for (id, path) in cgroups where previous.withLock({ $0[id] == nil }) {
            if let sample = cpuSample(path) {
                previous.withLock { $0[id] = sample }
                seeded = true
            }
        }
        return seeded
    }

    func forget(except ids: Set<String>) {
        previous.withLock { $0 = $0.filter { ids.contains($0.key) } }
    }

    func stats(id: String, cgroupPath: String?, attributes: Runtime_V1_ContainerAttributes, upperDir: String,
               memoryLimit: Int64?) -> Runtime_V1_ContainerStats {
        var stats = Runtime_V1_ContainerStats()
        stats.attributes = attributes
        let now = ExitRecord.nowNanoseconds()
        if let cgroupPath, let sample = cpuSample(cgroupPath) {
            var cpu = Runtime_V1_CpuUsage()
            cpu.timestamp = sample.at
            cpu.usageCoreNanoSeconds.value = sample.cpuNanoseconds
            if let last = previous.withLock({ $0[id] }), sample.at > last.at, sample.cpuNanoseconds >= last.cpuNanoseconds {
                let cores = Double(sample.cpuNanoseconds - last.cpuNanoseconds) / Double(sample.at - last.at) * 1e9
                cpu.usageNanoCores.value = UInt64(cores)
            }
            previous.withLock { $0[id] = sample }
            stats.cpu = cpu
        }
        if let cgroupPath, let bytes = memory(cgroupPath) {
            let workingSet = bytes.workingSet
            var memory = Runtime_V1_MemoryUsage()
            memory.timestamp = now
            memory.usageBytes.value = bytes.usage
            memory.workingSetBytes.value = workingSet
            if let memoryLimit, memoryLimit > 0 {
                memory.availableBytes.value = UInt64(max(0, memoryLimit - Int64(workingSet)))
            }
            stats.memory = memory
        }
        var layer = Runtime_V1_FilesystemUsage()
        layer.timestamp = now
        layer.fsID.mountpoint = upperDir
        let (bytes, inodes) = Self.diskUsage(upperDir)
        layer.usedBytes.value = bytes
        layer.inodesUsed.value = inodes
        stats.writableLayer = layer
        return stats
    }

    /// (usage, working set): memory.current minus inactive_file, as cadvisor computes it.
    func memory(_ cgroupPath: String) -> (usage: UInt64, workingSet: UInt64)? {
        if let current = (try? FileIO.readFile(cgroupPath + "/memory.current"))
            .flatMap({ UInt64($0.trimmingCharacters(in: .whitespacesAndNewlines)) }) {
            let inactive = (try? FileIO.readFile(cgroupPath + "/memory.stat"))
                .flatMap { Self.field("inactive_file", in: $0) }.flatMap(UInt64.init) ?? 0
            return (current, current > inactive ? current - inactive : 0)
        }
        let pids = ((try? FileIO.readFile(cgroupPath + "/cgroup.procs")) ?? "").split(separator: "\n")
        guard !pids.isEmpty else { return nil }
        var rss: UInt64 = 0
        for pid in pids {
            guard let status = try? FileIO.readFile("/proc/\(pid)/status"),
                  let line = status.split(separator: "\n").first(where: { $0.hasPrefix("VmRSS:") }),
                  let kib = line.split(separator: " ", omittingEmptySubsequences: true).dropFirst().first.flatMap({ UInt64($0) })
            else { continue }
            rss += kib * 1024
        }
        return (rss, rss)
    }

    static func diskUsage(_ directory: String) -> (bytes: UInt64, inodes: UInt64) {
        guard let enumerator = FileManager.default.enumerator(atPath: directory) else { return (0, 0) }
        var bytes: UInt64 = 0
        var inodes: UInt64 = 0
        while let path = enumerator.nextObject() as? String {
            inodes += 1
            var info = stat()
            if lstat(directory + "/" + path, &info) == 0 { bytes += UInt64(info.st_blocks) * 512 }
        }
        return (bytes, inodes)
    }

    static func field(_ key: String, in text: String) -> String? {
        for line in text.split(separator: "\n") {
            let parts = line.split(separator: " ")
            if parts.count == 2 && parts[0] == key { return String(parts[1]) }
        }
        return nil
    }
}

extension CRIRuntime {
    public func containerStats(_ filter: Runtime_V1_ContainerStatsFilter?, single id: String? = nil) async throws(CRIError) -> [Runtime_V1_ContainerStats] {
        var selected: [ContainerEntry] = []
        if let id {
            selected = [try containerEntry(id)]
        } else {
            for entry in containers.values.sorted(by: { $0.record.createdAt < $1.record.createdAt }) {
                if let filter {
                    if !filter.id.isEmpty && !entry.record.id.hasPrefix(filter.id) { continue }
                    if !filter.podSandboxID.isEmpty && !entry.record.sandboxID.hasPrefix(filter.podSandboxID) { continue }
                    if !Self.matches(entry.record.decodedConfig().labels, filter.labelSelector) { continue }
                }
                // Upstream lists stats of running containers only.
                guard case .running = await entry.container.state else { continue }
                selected.append(entry)
            }
        }
        var cgroups: [(id: String, path: String)] = []
        for entry in selected {
            if let path = await entry.container.cgroupPath { cgroups.append((entry.record.id, path)) }
        }
        if sampler.seed(cgroups) { try? await Task.sleep(for: ContainerStatsSampler.firstSampleWindow) }
        if id == nil { sampler.forget(except: Set(containers.keys)) }
        return selected.map { entry in
            let config = entry.record.decodedConfig()
            var attributes = Runtime_V1_ContainerAttributes()
            attributes.id = entry.record.id
            attributes.metadata = config.metadata
            attributes.labels = config.labels
            attributes.annotations = config.annotations
            return sampler.stats(id: entry.record.id, cgroupPath: cgroups.first { $0.id == entry.record.id }?.path,
                                 attributes: attributes, upperDir: configuration.containerDirectory(entry.record.id) + "/upper",
                                 memoryLimit: entry.record.spec.resources.memoryLimitBytes)
        }
    }
}
