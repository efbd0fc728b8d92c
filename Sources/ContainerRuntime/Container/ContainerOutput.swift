import Glibc
import Linux

/// Where a container's stdout and stderr go.
/// - `raw`: the helper opens the files onto descriptors 1 and 2, which the container inherits.
/// - `cri`: the container writes into pipes; its monitor (the helper) reads them and appends
///   CRI-format lines (`<RFC3339Nano> stdout|stderr F|P <line>`) to `stdoutPath`.
public struct ContainerOutput: Codable, Sendable, Equatable {
    public enum Format: String, Codable, Sendable {
        case raw, cri
    }

    public var stdoutPath: String
    public var stderrPath: String
    public var format: Format

    public init(stdoutPath: String, stderrPath: String, format: Format = .raw) {
        self.stdoutPath = stdoutPath
        self.stderrPath = stderrPath
        self.format = format
    }

    /// Both streams appended to one file.
    public static func file(_ path: String) -> ContainerOutput { ContainerOutput(stdoutPath: path, stderrPath: path) }

    /// Both streams, tagged, as one CRI log file (what kubelet reads for `kubectl logs`).
    public static func criLog(_ path: String) -> ContainerOutput {
        ContainerOutput(stdoutPath: path, stderrPath: path, format: .cri)
    }

    /// In the helper, raw format: opens the files onto descriptors 1 and 2.
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
