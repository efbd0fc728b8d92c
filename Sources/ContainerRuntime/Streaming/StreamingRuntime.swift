/// What the streaming server asks the runtime for. `CRIRuntime` implements it; tests can fake it.
public protocol StreamingRuntime: Sendable {
    /// Starts `command` in the running container with the given streams.
    func startExec(containerID: String, command: [String], streams: ExecStreams) async throws -> StreamingExecProcess
    /// The container's CRI log path and whether it still runs, for attach.
    func attachTarget(containerID: String) async throws -> AttachTarget
    /// The pod's network namespace for port forwarding; nil: the runtime's own (hostNetwork).
    func portForwardNamespace(podSandboxID: String) async throws -> String?
}

/// A container attach follows: its CRI log, and a probe for its exit.
public struct AttachTarget: Sendable {
    public var logPath: String
    /// nil while the container runs; its exit code once it has exited.
    public var exitCode: @Sendable () async -> Int32?

    public init(logPath: String, exitCode: @escaping @Sendable () async -> Int32?) {
        self.logPath = logPath
        self.exitCode = exitCode
    }
}
