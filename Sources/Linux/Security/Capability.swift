/// Linux capabilities by number (include/uapi/linux/capability.h), named as the
/// Kubernetes API and the OCI spec name them without the `CAP_` prefix.
public enum Capability: Int32, CaseIterable, Codable, Sendable, Comparable, CustomStringConvertible {
    case CHOWN = 0, DAC_OVERRIDE, DAC_READ_SEARCH, FOWNER, FSETID, KILL, SETGID, SETUID, SETPCAP,
         LINUX_IMMUTABLE, NET_BIND_SERVICE, NET_BROADCAST, NET_ADMIN, NET_RAW, IPC_LOCK, IPC_OWNER,
         SYS_MODULE, SYS_RAWIO, SYS_CHROOT, SYS_PTRACE, SYS_PACCT, SYS_ADMIN, SYS_BOOT, SYS_NICE,
         SYS_RESOURCE, SYS_TIME, SYS_TTY_CONFIG, MKNOD, LEASE, AUDIT_WRITE, AUDIT_CONTROL, SETFCAP,
         MAC_OVERRIDE, MAC_ADMIN, SYSLOG, WAKE_ALARM, BLOCK_SUSPEND, AUDIT_READ, PERFMON, BPF,
         CHECKPOINT_RESTORE

    public var description: String { "CAP_\(name)" }
    public var name: String { String(describing: Self.allCasesNames[Int(rawValue)]) }

    private static let allCasesNames: [String] = [
        "CHOWN", "DAC_OVERRIDE", "DAC_READ_SEARCH", "FOWNER", "FSETID", "KILL", "SETGID", "SETUID", "SETPCAP",
        "LINUX_IMMUTABLE", "NET_BIND_SERVICE", "NET_BROADCAST", "NET_ADMIN", "NET_RAW", "IPC_LOCK", "IPC_OWNER",
        "SYS_MODULE", "SYS_RAWIO", "SYS_CHROOT", "SYS_PTRACE", "SYS_PACCT", "SYS_ADMIN", "SYS_BOOT", "SYS_NICE",
        "SYS_RESOURCE", "SYS_TIME", "SYS_TTY_CONFIG", "MKNOD", "LEASE", "AUDIT_WRITE", "AUDIT_CONTROL", "SETFCAP",
        "MAC_OVERRIDE", "MAC_ADMIN", "SYSLOG", "WAKE_ALARM", "BLOCK_SUSPEND", "AUDIT_READ", "PERFMON", "BPF",
        "CHECKPOINT_RESTORE",
    ]

    /// Accepts `NET_ADMIN` and `CAP_NET_ADMIN`, any case.
    public init?(name: String) {
        var upper = name.uppercased()
        if upper.hasPrefix("CAP_") { upper.removeFirst(4) }
        guard let index = Self.allCasesNames.firstIndex(of: upper) else { return nil }
        self.init(rawValue: Int32(index))
    }

    public static func < (a: Capability, b: Capability) -> Bool { a.rawValue < b.rawValue }

    /// The default set container runtimes give (containerd/CRI-O, as Kubernetes expects).
    public static let runtimeDefault: Set<Capability> = [
        .CHOWN, .DAC_OVERRIDE, .FSETID, .FOWNER, .MKNOD, .NET_RAW, .SETGID, .SETUID, .SETFCAP,
        .SETPCAP, .NET_BIND_SERVICE, .SYS_CHROOT, .KILL, .AUDIT_WRITE,
    ]
}

public enum CapabilityError: Error, Sendable, Equatable, CustomStringConvertible {
    case unknown(String)
    public var description: String { "capabilities: unknown capability \"\(name)\"" }
    private var name: String { if case .unknown(let n) = self { n } else { "" } }
}

/// The capability sets a container process gets. Effective = permitted = bounding;
/// inheritable and ambient stay empty, as containerd does since CVE-2022-24769.
public struct CapabilitySet: Codable, Sendable, Equatable {
    public var bounding: [Capability]
    public init(_ capabilities: Set<Capability>) { bounding = capabilities.sorted() }

    /// Kubernetes semantics: privileged = all; else default + add − drop, where `ALL`
    /// in add or drop means every capability (drop is applied after add, as runtimes do).
    public static func resolve(privileged: Bool, add: [String], drop: [String],
                               supported: [Capability] = Capability.allCases) throws(CapabilityError) -> CapabilitySet {
        if privileged { return CapabilitySet(Set(supported)) }
        var set = Capability.runtimeDefault
        for name in add {
            if name.uppercased() == "ALL" { set.formUnion(supported); continue }
            guard let cap = Capability(name: name) else { throw .unknown(name) }
            set.insert(cap)
        }
        for name in drop {
            if name.uppercased() == "ALL" { set.removeAll(); continue }
            guard let cap = Capability(name: name) else { throw .unknown(name) }
            set.remove(cap)
        }
        return CapabilitySet(set)
    }

    /// The CapEff mask as /proc/<pid>/status shows it.
    public var mask: UInt64 { bounding.reduce(0) { $0 | (1 << UInt64($1.rawValue)) } }
}
