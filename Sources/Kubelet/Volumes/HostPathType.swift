#if canImport(Glibc)
import Glibc
#endif

/// hostPath `type` checks, as upstream's `pkg/volume/hostpath` `checkTypeInternal`: the `OrCreate`
/// types create what is missing (a directory 0755, an empty file 0644), every type then insists on
/// the kind of file it names (symlinks followed). "" checks nothing.
enum HostPathType {
    struct Failure: Error, CustomStringConvertible {
        var description: String
    }

    static func check(path: String, type: String) throws {
        if path.split(separator: "/", omittingEmptySubsequences: false).contains("..") {
            throw Failure(description: "invalid HostPath `\(path)`: must not contain '..'")
        }
        switch type {
        case "":
            return
        case "DirectoryOrCreate":
            if !exists(path) { return try makeDirectory(path) }
            try require(path, S_IFDIR, "is not a directory")
        case "Directory":
            try require(path, S_IFDIR, "is not a directory")
        case "FileOrCreate":
            if !exists(path) { return try makeFile(path) }
            try require(path, S_IFREG, "is not a file")
        case "File":
            try require(path, S_IFREG, "is not a file")
        case "Socket":
            try require(path, S_IFSOCK, "is not a socket file")
        case "CharDevice":
            try require(path, S_IFCHR, "is not a character device")
        case "BlockDevice":
            try require(path, S_IFBLK, "is not a block device")
        default:
            throw Failure(description: "\(type) is an invalid volume type")
        }
    }

    private static func exists(_ path: String) -> Bool {
        var info = stat()
        return stat(path, &info) == 0
    }

    private static func require(_ path: String, _ kind: mode_t, _ complaint: String) throws {
        var info = stat()
        guard stat(path, &info) == 0, info.st_mode & S_IFMT == kind else {
            throw Failure(description: "hostPath type check failed: \(path) \(complaint)")
        }
    }

    /// mkdir -p with 0755 (upstream `os.MkdirAll(path, 0755)`, so the umask applies).
    private static func makeDirectory(_ path: String) throws {
        var current = path.hasPrefix("/") ? "" : "."
        for component in path.split(separator: "/") {
            current += "/" + component
            if mkdir(current, 0o755) != 0 && errno != EEXIST {
                throw Failure(description: "\(HostFileError(operation: "mkdir", path: current, errno: errno))")
            }
        }
    }

    /// An empty file, 0644; the parent must exist (upstream does not create it either).
    private static func makeFile(_ path: String) throws {
        let fd = open(path, O_CREAT | O_WRONLY | O_CLOEXEC, 0o644)
        if fd < 0 { throw Failure(description: "\(HostFileError(operation: "open", path: path, errno: errno))") }
        close(fd)
    }
}
