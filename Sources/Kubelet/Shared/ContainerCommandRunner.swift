import Foundation

/// Runs a command in a running container (CRI ExecSync). Exec probes and exec hooks use it.
public protocol ContainerCommandRunner: Sendable {
    func runInContainer(id containerID: String, command: [String], timeout: Duration) async throws -> ExecResult
}

public struct ExecResult: Sendable, Equatable {
    public var exitCode: Int32
    public var stdout: Data
    public var stderr: Data

    public init(exitCode: Int32, stdout: Data = Data(), stderr: Data = Data()) {
        self.exitCode = exitCode
        self.stdout = stdout
        self.stderr = stderr
    }
}
