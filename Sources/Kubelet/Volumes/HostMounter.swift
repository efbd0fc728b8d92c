#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// The host mounts volumes need: tmpfs for memory-backed emptyDirs, secrets and projected
/// volumes. Mounting volumes on the host is the kubelet's job upstream (it never enters a
/// container), so this is the kubelet's one direct use of mount(2). Tests substitute a fake.
public protocol VolumeHostMounter: Sendable {
    /// tmpfs at `path` (an existing directory), `size=<bytes>` when given.
    func mountTmpfs(at path: String, sizeBytes: Int64?) throws
    func unmount(_ path: String) throws
    /// Mount points at `directory` or below it, as the kernel lists them.
    func mountPoints(under directory: String) throws -> [String]
}

/// mount(2)/umount2(2) on this host, with /proc/self/mountinfo as the mount table.
public struct SystemVolumeHostMounter: VolumeHostMounter {
    public init() {}

    public func mountTmpfs(at path: String, sizeBytes: Int64?) throws {
        let options = sizeBytes.map { "size=\($0)" } ?? ""
        let result = options.withCString { data in
            Glibc.mount("tmpfs", path, "tmpfs", 0, options.isEmpty ? nil : UnsafeRawPointer(data))
        }
        if result != 0 {
            throw HostFileError(operation: "mount", path: "tmpfs\(options.isEmpty ? "" : " " + options) → \(path)", errno: errno)
        }
    }

    public func unmount(_ path: String) throws {
        while umount2(path, 0) != 0 {
            if errno == EINTR { continue }
            throw HostFileError(operation: "umount", path: path, errno: errno)
        }
    }

    public func mountPoints(under directory: String) throws -> [String] {
        let table = try String(contentsOfFile: "/proc/self/mountinfo", encoding: .utf8)
        let base = directory.hasSuffix("/") ? String(directory.dropLast()) : directory
        return MountInfo.mountPoints(table).filter { $0 == base || $0.hasPrefix(base + "/") }
    }
}

enum MountInfo {
    /// Field 5 of every mountinfo line, octal escapes (`\040` for space) decoded.
    static func mountPoints(_ table: String) -> [String] {
        table.split(separator: "\n").compactMap { line in
            let fields = line.split(separator: " ", omittingEmptySubsequences: false)
            return fields.count > 4 ? unescape(fields[4]) : nil
        }
    }

    static func unescape(_ field: Substring) -> String {
        var bytes: [UInt8] = []
        let raw = Array(field.utf8)
        var i = 0
        while i < raw.count {
            if raw[i] == UInt8(ascii: "\\"), i + 3 < raw.count,
               let value = UInt8(String(decoding: raw[(i + 1)...(i + 3)], as: UTF8.self), radix: 8)
            {
                bytes.append(value)
                i += 4
            } else {
                bytes.append(raw[i])
                i += 1
            }
        }
        return String(decoding: bytes, as: UTF8.self)
    }
}
