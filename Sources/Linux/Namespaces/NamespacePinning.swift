import CLinux
import Glibc

/// Pins namespaces as nsfs bind mounts (`<dir>/net` ← /proc/self/ns/net) so they outlive
/// the process that made them: pod sandboxes need no pause process.
public enum NamespacePinning {
    /// In a single-threaded helper: unshare `kinds`, set the hostname, bring `lo` up, bind
    /// each new namespace to `<directory>/<kind>`. Undoes what it did on failure.
    public static func createAndPin(_ kinds: [NamespaceKind], in directory: String, hostname: String?) throws(SyscallError) -> [NamespacePath] {
        try FileIO.makeDirectories(directory)
        try retryingEINTR("unshare(\(kinds.map(\.rawValue).joined(separator: ",")))") { ks_unshare(NamespaceKind.flags(kinds)) }
        if let hostname, kinds.contains(.uts) {
            try retryingEINTR("sethostname(\(hostname))") { sethostname(hostname, hostname.utf8.count) }
        }
        if kinds.contains(.net) {
            try retryingEINTR("ioctl(lo, SIOCSIFFLAGS IFF_UP)") { ks_link_up("lo") }
        }
        var pinned: [NamespacePath] = []
        do {
            for kind in kinds {
                let path = directory + "/" + kind.rawValue
                try FileIO.touch(path)
                try retryingEINTR("mount(bind /proc/self/ns/\(kind.rawValue) → \(path))") {
                    mount("/proc/self/ns/\(kind.rawValue)", path, nil, MountFlags.bind.rawValue, nil)
                }
                pinned.append(NamespacePath(kind: kind, path: path))
            }
        } catch {
            unpin(pinned.map(\.path))
            throw error
        }
        return pinned
    }

    /// Unmounts and removes pinned namespace files (safe from any thread).
    public static func unpin(_ paths: [String]) {
        for path in paths {
            umount2(path, ks_MNT_DETACH)
            unlink(path)
        }
    }
}
