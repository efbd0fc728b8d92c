import Glibc
import Linux

/// Where a container's stdout and stderr go: files for now. This is the seam for the CRI
/// issue, which will hand the helper pipes read by a monitor writing the CRI log format.
public struct ContainerOutput: Sendable, Equatable {
    public var stdoutPath: String
    public var stderrPath: String

    public init(stdoutPath: String, stderrPath: String) {
        self.stdoutPath = stdoutPath
        self.stderrPath = stderrPath
    }

    /// Both streams appended to one file.
    public static func file(_ path: String) -> ContainerOutput { ContainerOutput(stdoutPath: path, stderrPath: path) }

    /// Opened descriptors (close-on-exec in the runtime; posix_spawn dup2s them into the helper).
    func open() throws(ContainerError) -> (stdout: Int32, stderr: Int32) {
        func openLog(_ path: String) throws(ContainerError) -> Int32 {
            let fd = Glibc.open(path, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o640)
            guard fd >= 0 else { throw .files("open \(path): \(Errno.name(errno))") }
            return fd
        }
        let stdout = try openLog(stdoutPath)
        if stderrPath == stdoutPath { return (stdout, stdout) }
        do { return (stdout, try openLog(stderrPath)) } catch {
            close(stdout)
            throw error
        }
    }
}
