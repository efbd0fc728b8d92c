import Linux

/// A process's start time (field 22 of /proc/<pid>/stat, in clock ticks since boot): with the
/// pid it identifies a process across pid reuse.
public enum ProcessStartTime {
    public static func of(_ pid: Int32) -> UInt64? {
        guard let stat = try? FileIO.readFile("/proc/\(pid)/stat"),
              let close = stat.lastIndex(of: ")") else { return nil }
        // Fields after the command name (which may contain spaces) start at field 3.
        let fields = stat[stat.index(after: close)...].split(separator: " ")
        return fields.count > 19 ? UInt64(fields[19]) : nil
    }
}
