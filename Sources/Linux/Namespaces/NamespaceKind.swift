import CLinux

/// A Linux namespace type, with its clone flag and its name under /proc/<pid>/ns.
public enum NamespaceKind: String, Codable, Sendable, CaseIterable, Comparable {
    case net, ipc, uts, pid, mnt, cgroup

    public var cloneFlag: Int32 {
        switch self {
        case .net: ks_CLONE_NEWNET
        case .ipc: ks_CLONE_NEWIPC
        case .uts: ks_CLONE_NEWUTS
        case .pid: ks_CLONE_NEWPID
        case .mnt: ks_CLONE_NEWNS
        case .cgroup: ks_CLONE_NEWCGROUP
        }
    }

    public static func flags(_ kinds: [NamespaceKind]) -> Int32 {
        kinds.reduce(0) { $0 | $1.cloneFlag }
    }

    /// Order for joining: setns into net before mnt etc. does not matter for these kinds,
    /// but a fixed order keeps plans reproducible.
    public static func < (a: NamespaceKind, b: NamespaceKind) -> Bool {
        allCases.firstIndex(of: a)! < allCases.firstIndex(of: b)!
    }
}

/// A namespace to join: its kind and the nsfs file pinning it.
public struct NamespacePath: Codable, Sendable, Equatable {
    public var kind: NamespaceKind
    public var path: String
    public init(kind: NamespaceKind, path: String) {
        self.kind = kind
        self.path = path
    }
}
