#if canImport(Glibc)
import Glibc
#endif
import Foundation

/// One file of a projected payload.
struct FileProjection: Sendable, Equatable {
    var data: Data
    var mode: Int32
}

/// Projects a set of files into a directory so that readers see either the old set or the new
/// one, never a mix (upstream `pkg/volume/util/atomic_writer.go`):
///
///     <target>/..2026_11_24_09_10_45.1234567/   the real files (a fresh one per update)
///     <target>/..data -> ..2026_11_24_09_10_45.1234567
///     <target>/key    -> ..data/key             user-visible, one per top-level name
///
/// An update writes a new timestamped directory, points `..data_tmp` at it and renames that over
/// `..data` (rename(2) is atomic), then drops user-visible links no longer in the payload and the
/// old directory. Names starting with `..` are reserved. Callers serialize writes per directory.
struct AtomicWriter {
    static let dataDirName = "..data"
    static let newDataDirName = "..data_tmp"

    let targetDirectory: String

    struct InvalidPath: Error, CustomStringConvertible {
        var description: String
    }

    /// Returns whether anything changed on disk.
    @discardableResult
    func write(_ payload: [String: FileProjection]) throws -> Bool {
        let clean = try Self.validate(payload)
        let dataDirPath = targetDirectory + "/" + Self.dataDirName
        let oldTimestampDir = try? FileManager.default.destinationOfSymbolicLink(atPath: dataDirPath)

        var pathsToRemove: Set<String> = []
        if let old = oldTimestampDir {
            let oldPath = targetDirectory + "/" + old
            pathsToRemove = try Self.pathsToRemove(clean, oldTimestampPath: oldPath)
            if try !Self.shouldWrite(clean, oldTimestampPath: oldPath), pathsToRemove.isEmpty,
               try userVisibleFilesExist(clean)
            {
                return false
            }
        }

        let timestampDir = try newTimestampDirectory()
        let timestampName = (timestampDir as NSString).lastPathComponent
        do {
            try writePayload(clean, into: timestampDir)
            let newDataDirPath = targetDirectory + "/" + Self.newDataDirName
            unlink(newDataDirPath)
            try check(symlink(timestampName, newDataDirPath), "symlink", newDataDirPath)
            if rename(newDataDirPath, dataDirPath) != 0 {
                let saved = errno
                unlink(newDataDirPath)
                throw HostFileError(operation: "rename(\(newDataDirPath) →)", path: dataDirPath, errno: saved)
            }
        } catch {
            try? FileManager.default.removeItem(atPath: timestampDir)
            throw error
        }
        try createUserVisibleFiles(clean)
        for path in pathsToRemove where !path.contains("/") {
            let full = targetDirectory + "/" + path
            if unlink(full) != 0 && errno != ENOENT { throw HostFileError(operation: "unlink", path: full, errno: errno) }
        }
        if let old = oldTimestampDir {
            try FileManager.default.removeItem(atPath: targetDirectory + "/" + old)
        }
        return true
    }

    /// Paths are relative, free of `..` elements, not starting with `..`, at most 4096 bytes with
    /// 255-byte names; they are returned cleaned (`a//b/./c` → `a/b/c`).
    static func validate(_ payload: [String: FileProjection]) throws -> [String: FileProjection] {
        var clean: [String: FileProjection] = [:]
        for (path, file) in payload {
            if path.isEmpty { throw InvalidPath(description: "invalid path: must not be empty: \"\"") }
            if path.hasPrefix("/") { throw InvalidPath(description: "invalid path: must be relative path: \(path)") }
            if path.utf8.count > 4096 { throw InvalidPath(description: "invalid path: must be less than or equal to 4096 characters") }
            let items = path.split(separator: "/", omittingEmptySubsequences: false)
            for item in items {
                if item == ".." { throw InvalidPath(description: "invalid path: must not contain '..': \(path)") }
                if item.utf8.count > 255 {
                    throw InvalidPath(description: "invalid path: filenames must be less than or equal to 255 characters")
                }
            }
            if items[0].hasPrefix("..") && items[0].count > 2 {
                throw InvalidPath(description: "invalid path: must not start with '..': \(path)")
            }
            let cleaned = items.filter { !$0.isEmpty && $0 != "." }.joined(separator: "/")
            clean[cleaned.isEmpty ? "." : cleaned] = file
        }
        return clean
    }

    private static func shouldWrite(_ payload: [String: FileProjection], oldTimestampPath: String) throws -> Bool {
        for (path, file) in payload {
            let full = oldTimestampPath + "/" + path
            var info = stat()
            if lstat(full, &info) != 0 { return true }
            if Int32(info.st_mode & 0o7777) != file.mode & 0o7777 { return true }
            guard let onDisk = FileManager.default.contents(atPath: full) else { return true }
            if onDisk != file.data { return true }
        }
        return false
    }

    /// Everything under the old timestamped directory that the new payload no longer has
    /// (directories still holding new files are kept).
    private static func pathsToRemove(_ payload: [String: FileProjection], oldTimestampPath: String) throws -> Set<String> {
        guard let enumerator = FileManager.default.enumerator(atPath: oldTimestampPath) else { return [] }
        var existing: Set<String> = []
        while let relative = enumerator.nextObject() as? String { existing.insert(relative) }
        var wanted: Set<String> = []
        for path in payload.keys {
            var components = path.split(separator: "/").map(String.init)
            while !components.isEmpty {
                wanted.insert(components.joined(separator: "/"))
                components.removeLast()
            }
        }
        return existing.subtracting(wanted)
    }

    private func userVisibleFilesExist(_ payload: [String: FileProjection]) throws -> Bool {
        for name in Self.topLevelNames(payload) {
            var info = stat()
            if lstat(targetDirectory + "/" + name, &info) != 0 { return false }
        }
        return true
    }

    private func newTimestampDirectory() throws -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "yyyy_MM_dd_HH_mm_ss"
        let stamp = formatter.string(from: Date())
        while true {
            let path = "\(targetDirectory)/..\(stamp).\(UInt32.random(in: 0...UInt32.max))"
            if mkdir(path, 0o755) == 0 {
                // 0755 whatever the umask: group and other must be able to traverse it.
                try check(chmod(path, 0o755), "chmod", path)
                return path
            }
            if errno != EEXIST { throw HostFileError(operation: "mkdir", path: path, errno: errno) }
        }
    }

    private func writePayload(_ payload: [String: FileProjection], into directory: String) throws {
        for (path, file) in payload.sorted(by: { $0.key < $1.key }) {
            let full = directory + "/" + path
            let parent = (full as NSString).deletingLastPathComponent
            try FileManager.default.createDirectory(atPath: parent, withIntermediateDirectories: true)
            let fd = open(full, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC | O_NOFOLLOW, mode_t(file.mode & 0o7777))
            if fd < 0 { throw HostFileError(operation: "open", path: full, errno: errno) }
            defer { close(fd) }
            try file.data.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let n = Glibc.write(fd, buffer.baseAddress! + offset, buffer.count - offset)
                    if n < 0 {
                        if errno == EINTR { continue }
                        throw HostFileError(operation: "write", path: full, errno: errno)
                    }
                    offset += n
                }
            }
            // The mode as given, not as masked by the umask at open(2).
            try check(fchmod(fd, mode_t(file.mode & 0o7777)), "chmod", full)
        }
    }

    /// `name -> ..data/name` for each top-level name of the payload that has no link yet.
    private func createUserVisibleFiles(_ payload: [String: FileProjection]) throws {
        for name in Self.topLevelNames(payload) {
            let visible = targetDirectory + "/" + name
            var info = stat()
            if lstat(visible, &info) == 0 { continue }
            try check(symlink(Self.dataDirName + "/" + name, visible), "symlink", visible)
        }
    }

    private static func topLevelNames(_ payload: [String: FileProjection]) -> Set<String> {
        Set(payload.keys.map { String($0.split(separator: "/", maxSplits: 1).first ?? Substring($0)) })
    }

    private func check(_ result: Int32, _ operation: String, _ path: String) throws {
        if result != 0 { throw HostFileError(operation: operation, path: path, errno: errno) }
    }
}
