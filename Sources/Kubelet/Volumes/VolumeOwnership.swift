#if canImport(Glibc)
import Glibc
#endif
import Foundation
import Logging

/// `fsGroup` ownership, as upstream's `SetVolumeOwnership`: every file and directory of the volume
/// (symlinks not followed) gets group fsGroup and the group bits rw (ro for read-only volumes);
/// directories also get setgid and group x, so files created later inherit the group. Failures on
/// single files are logged, not fatal, as upstream. With `fsGroupChangePolicy: OnRootMismatch`
/// the walk is skipped when the volume root already has the group and the bits.
enum VolumeOwnership {
    static let readWriteMask: mode_t = 0o660
    static let readOnlyMask: mode_t = 0o440
    static let executeMask: mode_t = 0o110

    static func apply(_ root: String, fsGroup: Int64, readOnly: Bool, changePolicy: String?, logger: Logger) {
        let gid = gid_t(truncatingIfNeeded: fsGroup)
        let mask = readOnly ? readOnlyMask : readWriteMask
        if changePolicy == "OnRootMismatch", rootMatches(root, gid: gid, mask: mask) { return }
        change(root, gid: gid, mask: mask, logger: logger)
        guard let walker = FileManager.default.enumerator(atPath: root) else { return }
        while let relative = walker.nextObject() as? String {
            change(root + "/" + relative, gid: gid, mask: mask, logger: logger)
        }
    }

    private static func change(_ path: String, gid: gid_t, mask: mode_t, logger: Logger) {
        var info = stat()
        guard lstat(path, &info) == 0 else { return }
        if lchown(path, uid_t.max, gid) != 0 {
            logger.warning("fsGroup: lchown failed", metadata: ["path": "\(path)", "error": "\(String(cString: strerror(errno)))"])
        }
        // chmod would go through a symlink to its target and undo the mode the plugin chose.
        if info.st_mode & S_IFMT == S_IFLNK { return }
        var bits = mask
        if info.st_mode & S_IFMT == S_IFDIR { bits |= S_ISGID | executeMask }
        if chmod(path, (info.st_mode & 0o7777) | bits) != 0 {
            logger.warning("fsGroup: chmod failed", metadata: ["path": "\(path)", "error": "\(String(cString: strerror(errno)))"])
        }
    }

    private static func rootMatches(_ root: String, gid: gid_t, mask: mode_t) -> Bool {
        var info = stat()
        guard stat(root, &info) == 0 else { return false }
        let wanted = mask | S_ISGID
        return info.st_gid == gid && info.st_mode & wanted == wanted
    }
}
