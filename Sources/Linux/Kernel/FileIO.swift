import CLinux
import Glibc

/// Small file helpers over raw file descriptors (no Foundation: these also run in the
/// single-threaded container-init helper, right before exec).
public enum FileIO {
    public static func readFile(_ path: String) throws(SyscallError) -> String {
        let fd = try retryingEINTR("open(\(path))") { ks_open(path, O_RDONLY | O_CLOEXEC, 0) }
        defer { close(fd) }
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let count = try retryingEINTR("read(\(path))") { buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, 4096) } }
            if count == 0 { break }
            bytes.append(contentsOf: buffer[0..<count])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// Writes `contents` to an existing file (cgroup files) or creates it with `mode`.
    public static func writeFile(_ path: String, _ contents: String, create: Bool = false, mode: mode_t = 0o644) throws(SyscallError) {
        let flags = O_WRONLY | O_CLOEXEC | (create ? O_CREAT | O_TRUNC : 0)
        let fd = try retryingEINTR("open(\(path))") { ks_open(path, flags, mode) }
        defer { close(fd) }
        try writeAll(fd: fd, Array(contents.utf8), stage: "write(\(path) ← \(contents.trimmingNewline))")
    }

    public static func writeAll(fd: Int32, _ bytes: [UInt8], stage: @autoclosure () -> String) throws(SyscallError) {
        var offset = 0
        while offset < bytes.count {
            let written = try retryingEINTR(stage()) {
                bytes.withUnsafeBytes { write(fd, $0.baseAddress! + offset, bytes.count - offset) }
            }
            offset += written
        }
    }

    public static func exists(_ path: String) -> Bool { access(path, F_OK) == 0 }

    public static func kind(_ path: String) -> FileKind {
        var info = stat()
        guard stat(path, &info) == 0 else { return .missing }
        return (info.st_mode & S_IFMT) == S_IFDIR ? .directory : .file
    }

    /// `mkdir -p`.
    public static func makeDirectories(_ path: String, mode: mode_t = 0o755) throws(SyscallError) {
        if kind(path) == .directory { return }
        var prefix = ""
        for component in path.split(separator: "/") {
            prefix += "/" + component
            if mkdir(prefix, mode) != 0 && errno != EEXIST {
                throw SyscallError.current("mkdir(\(prefix))")
            }
        }
    }

    /// Creates an empty file (a bind-mount target) if nothing exists at `path`.
    public static func touch(_ path: String) throws(SyscallError) {
        if exists(path) { return }
        if let slash = path.lastIndex(of: "/"), slash != path.startIndex {
            try makeDirectories(String(path[..<slash]))
        }
        let fd = try retryingEINTR("create(\(path))") { ks_open(path, O_WRONLY | O_CREAT | O_CLOEXEC, 0o644) }
        close(fd)
    }
}

public enum FileKind: String, Sendable, Codable, Equatable {
    case missing, file, directory
}

extension String {
    var trimmingNewline: Substring { self.last == "\n" ? self.dropLast() : Substring(self) }
}
