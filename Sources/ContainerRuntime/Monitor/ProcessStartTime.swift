import Linux

/// A process's start time (field 22 of /proc/<pid>/stat, in clock ticks since boot): with the
/// pid it identifies a process across pid reuse.
public enum ProcessStartTime {
    public static func of(_ pid: Int32) -> UInt64? { ProcessStat(pid: pid)?.startTime }
}
