import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// What the node reports about its machine: read from /proc, /etc, statfs and uname (upstream
/// gets the same from cadvisor's MachineInfo and the OS).
public struct MachineInfo: Sendable, Equatable {
    public var cpus: Int
    public var memoryBytes: Int64
    /// The filesystem holding the kubelet root directory.
    public var ephemeralStorageBytes: Int64
    public var kernelVersion: String
    public var osImage: String
    public var architecture: String
    public var machineID: String
    public var systemUUID: String
    public var bootID: String

    public init(cpus: Int, memoryBytes: Int64, ephemeralStorageBytes: Int64, kernelVersion: String, osImage: String,
                architecture: String, machineID: String = "", systemUUID: String = "", bootID: String = "") {
        self.cpus = cpus
        self.memoryBytes = memoryBytes
        self.ephemeralStorageBytes = ephemeralStorageBytes
        self.kernelVersion = kernelVersion
        self.osImage = osImage
        self.architecture = architecture
        self.machineID = machineID
        self.systemUUID = systemUUID
        self.bootID = bootID
    }

    public static func read(rootDirectory: String) -> MachineInfo {
        var name = utsname()
        uname(&name)
        func field<T>(_ value: T) -> String {
            withUnsafeBytes(of: value) { String(decoding: $0.prefix { $0 != 0 }, as: UTF8.self) }
        }
        let machine = field(name.machine)
        return MachineInfo(
            cpus: ProcessInfo.processInfo.activeProcessorCount,
            memoryBytes: meminfo("MemTotal") ?? Int64(ProcessInfo.processInfo.physicalMemory),
            ephemeralStorageBytes: filesystem(existingAncestorOf: rootDirectory)?.total ?? 0,
            kernelVersion: field(name.release),
            osImage: osRelease("PRETTY_NAME") ?? "Linux",
            architecture: goArchitecture(machine),
            machineID: trimmedFile("/etc/machine-id"),
            systemUUID: trimmedFile("/sys/class/dmi/id/product_uuid"),
            bootID: trimmedFile("/proc/sys/kernel/random/boot_id"))
    }

    /// A /proc/meminfo field in bytes.
    static func meminfo(_ key: String) -> Int64? {
        guard let text = try? String(contentsOfFile: "/proc/meminfo", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(key + ":") {
            let fields = line.split(separator: " ")
            if fields.count >= 2, let kib = Int64(fields[1]) { return kib * 1024 }
        }
        return nil
    }

    /// Total and available bytes of the filesystem holding `path` (or its nearest existing ancestor).
    static func filesystem(existingAncestorOf path: String) -> (total: Int64, available: Int64)? {
        var candidate = path
        while !FileManager.default.fileExists(atPath: candidate) && candidate != "/" {
            candidate = (candidate as NSString).deletingLastPathComponent
            if candidate.isEmpty { candidate = "/" }
        }
        var stats = statvfs()
        guard statvfs(candidate, &stats) == 0 else { return nil }
        return (Int64(stats.f_blocks) * Int64(stats.f_frsize), Int64(stats.f_bavail) * Int64(stats.f_frsize))
    }

    static func osRelease(_ key: String) -> String? {
        guard let text = try? String(contentsOfFile: "/etc/os-release", encoding: .utf8) else { return nil }
        for line in text.split(separator: "\n") where line.hasPrefix(key + "=") {
            return String(line.dropFirst(key.count + 1)).trimmingCharacters(in: CharacterSet(charactersIn: "\"'"))
        }
        return nil
    }

    static func trimmedFile(_ path: String) -> String {
        ((try? String(contentsOfFile: path, encoding: .utf8)) ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
    }

    /// uname's machine as Go's GOARCH names it (what nodeInfo.architecture and kubernetes.io/arch use).
    static func goArchitecture(_ machine: String) -> String {
        switch machine {
        case "x86_64": "amd64"
        case "aarch64", "arm64": "arm64"
        case "i386", "i686": "386"
        case "ppc64le": "ppc64le"
        case "s390x": "s390x"
        case "riscv64": "riscv64"
        default: machine.hasPrefix("arm") ? "arm" : machine
        }
    }
}

/// What the pressure conditions are computed from, sampled each node-status update.
public struct NodeResourceSample: Sendable, Equatable {
    public var memoryAvailableBytes: Int64?
    public var filesystemTotalBytes: Int64?
    public var filesystemAvailableBytes: Int64?
    public var processes: Int?
    public var maxPIDs: Int?

    public init(memoryAvailableBytes: Int64? = nil, filesystemTotalBytes: Int64? = nil, filesystemAvailableBytes: Int64? = nil,
                processes: Int? = nil, maxPIDs: Int? = nil) {
        self.memoryAvailableBytes = memoryAvailableBytes
        self.filesystemTotalBytes = filesystemTotalBytes
        self.filesystemAvailableBytes = filesystemAvailableBytes
        self.processes = processes
        self.maxPIDs = maxPIDs
    }

    public static func read(rootDirectory: String) -> NodeResourceSample {
        let fs = MachineInfo.filesystem(existingAncestorOf: rootDirectory)
        let loadavg = MachineInfo.trimmedFile("/proc/loadavg").split(separator: " ")
        // loadavg's 4th field is running/total scheduling entities (threads).
        let processes = loadavg.count > 3 ? loadavg[3].split(separator: "/").last.flatMap { Int($0) } : nil
        return NodeResourceSample(
            memoryAvailableBytes: MachineInfo.meminfo("MemAvailable"), filesystemTotalBytes: fs?.total,
            filesystemAvailableBytes: fs?.available, processes: processes,
            maxPIDs: Int(MachineInfo.trimmedFile("/proc/sys/kernel/pid_max")))
    }
}
