/// The cgroup v2 values for a container's resources, computed as the kubelet does.
public struct CgroupLimits: Codable, Sendable, Equatable {
    /// `cpu.max`: "quota period" or "max period".
    public var cpuMax: String?
    public var cpuWeight: UInt64?
    public var memoryMax: String?
    public var pidsMax: String?

    public static let cpuPeriod: Int64 = 100_000
    /// Kubernetes' MinQuotaPeriod: never give a quota below 1 ms.
    static let minimumQuota: Int64 = 1000
    static let minimumShares: Int64 = 2
    static let maximumShares: Int64 = 262_144

    public init(cpuMax: String? = nil, cpuWeight: UInt64? = nil, memoryMax: String? = nil, pidsMax: String? = nil) {
        self.cpuMax = cpuMax
        self.cpuWeight = cpuWeight
        self.memoryMax = memoryMax
        self.pidsMax = pidsMax
    }

    public init(cpuRequestMillis: Int64?, cpuLimitMillis: Int64?, memoryLimitBytes: Int64?, pidsLimit: Int64?) {
        if let limit = cpuLimitMillis, limit > 0 {
            let quota = max(limit * Self.cpuPeriod / 1000, Self.minimumQuota)
            cpuMax = "\(quota) \(Self.cpuPeriod)"
        }
        // A limit without a request means request = limit (API defaulting).
        if let request = cpuRequestMillis ?? cpuLimitMillis {
            cpuWeight = Self.weight(fromShares: Self.shares(milliCPU: request))
        }
        if let memory = memoryLimitBytes, memory > 0 { memoryMax = "\(memory)" }
        if let pids = pidsLimit, pids > 0 { pidsMax = "\(pids)" }
    }

    /// pkg/kubelet/cm: MilliCPUToShares.
    public static func shares(milliCPU: Int64) -> Int64 {
        if milliCPU == 0 { return minimumShares }
        return min(max(milliCPU * 1024 / 1000, minimumShares), maximumShares)
    }

    /// cgroup v1 shares → v2 weight, as runc/the kubelet convert: [2, 262144] → [1, 10000].
    public static func weight(fromShares shares: Int64) -> UInt64 {
        UInt64(1 + ((shares - 2) * 9999) / 262_142)
    }

    /// (file, controller, value) in the order they are written.
    public var files: [(file: String, controller: String, value: String)] {
        var files: [(String, String, String)] = []
        if let cpuWeight { files.append(("cpu.weight", "cpu", "\(cpuWeight)")) }
        if let cpuMax { files.append(("cpu.max", "cpu", cpuMax)) }
        if let memoryMax { files.append(("memory.max", "memory", memoryMax)) }
        if let pidsMax { files.append(("pids.max", "pids", pidsMax)) }
        return files
    }
}

/// A limit that was asked for but cannot be enforced, and why.
public struct UnenforcedLimit: Codable, Sendable, Equatable, CustomStringConvertible {
    public var file: String
    public var value: String
    public var reason: String
    public init(file: String, value: String, reason: String) {
        self.file = file
        self.value = value
        self.reason = reason
    }
    public var description: String { "\(file)=\(value) not enforced: \(reason)" }
}
