import Glibc
import Linux

/// Where a container's stdout and stderr go: files for now. This is the seam for the CRI
/// issue, which will hand the helper pipes read by a monitor writing the CRI log format.
public struct ContainerOutput: Codable, Sendable, Equatable {
    public var stdoutPath: String
    public var stderrPath: String

    public init(stdoutPath: String, stderrPath: String) {
        self.stdoutPath = stdoutPath
        self.stderrPath = stderrPath
    }

    /// Both streams appended to one file.
    public static func file(_ path: String) -> ContainerOutput { ContainerOutput(stdoutPath: path, stderrPath: path) }

    /// In the helper: opens the files onto descriptors 1 and 2, which the container inherits.
    func redirect() throws(SyscallError) {
        func openOnto(_ path: String, _ target: Int32) throws(SyscallError) {
            let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
            guard fd >= 0 else { throw .current("open(\(path))") }
            defer { close(fd) }
            guard dup2(fd, target) == target else { throw .current("dup2(\(path) → \(target))") }
        }
        try openOnto(stdoutPath, 1)
        if stderrPath == stdoutPath {
            guard dup2(1, 2) == 2 else { throw .current("dup2(stdout → stderr)") }
        } else {
            try openOnto(stderrPath, 2)
        }
    }
}
