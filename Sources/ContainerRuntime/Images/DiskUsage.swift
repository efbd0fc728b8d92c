import Glibc

/// Allocated bytes (st_blocks) and inodes under directories, each inode counted once
/// (hard links), not following symlinks or crossing into other filesystems' mounts.
struct DiskUsage {
    var bytes: UInt64 = 0
    var inodes: UInt64 = 0
    var seen: Set<[UInt64]> = []

    mutating func add(_ path: String) {
        var st = stat()
        guard lstat(path, &st) == 0 else { return }
        walk(path, st, device: st.st_dev)
    }

    private mutating func walk(_ path: String, _ st: stat, device: UInt) {
        guard st.st_dev == device, seen.insert([UInt64(st.st_dev), UInt64(st.st_ino)]).inserted else { return }
        bytes += UInt64(max(0, st.st_blocks)) * 512
        inodes += 1
        guard (st.st_mode & S_IFMT) == S_IFDIR, let dir = opendir(path) else { return }
        defer { closedir(dir) }
        while let entry = readdir(dir) {
            let name = withUnsafeBytes(of: entry.pointee.d_name) { String(cString: $0.bindMemory(to: CChar.self).baseAddress!) }
            if name == "." || name == ".." { continue }
            let child = path + "/" + name
            var childStat = stat()
            if lstat(child, &childStat) == 0 { walk(child, childStat, device: device) }
        }
    }
}
