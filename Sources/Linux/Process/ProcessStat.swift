import Glibc

/// One read of /proc/PID/stat, with fields numbered as proc(5) numbers them. The command name
/// (field 2) may hold spaces and parentheses, so fields are counted from its last `)`.
public struct ProcessStat: Sendable {
    /// Field 3 onwards.
    private let fields: [Substring]

    /// nil when the process does not exist (or its stat cannot be read).
    public init?(pid: Int32) {
        guard let stat = try? FileIO.readFile("/proc/\(pid)/stat"), let close = stat.lastIndex(of: ")") else { return nil }
        fields = stat[stat.index(after: close)...].split(separator: " ")
    }

    /// Field `number` (3 or more), as proc(5) numbers it.
    public func field(_ number: Int) -> Substring? {
        let i = number - 3
        return fields.indices.contains(i) ? fields[i] : nil
    }

    /// Start time, clock ticks after boot (field 22): with the pid it names one process across pid reuse.
    public var startTime: UInt64? { field(22).flatMap { UInt64($0) } }

    /// User plus system CPU time so far, in seconds (fields 14 and 15).
    public var cpuSeconds: Double? {
        guard let user = field(14).flatMap({ Double($0) }), let system = field(15).flatMap({ Double($0) }) else { return nil }
        return (user + system) / Double(sysconf(Int32(_SC_CLK_TCK)))
    }
}
