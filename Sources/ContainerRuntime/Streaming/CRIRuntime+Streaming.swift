import CRI

/// The runtime side of the streaming server's sessions.
extension CRIRuntime: StreamingRuntime {
    public func startExec(containerID: String, command: [String], streams: ExecStreams) async throws -> StreamingExecProcess {
        let entry = try containerEntry(containerID)
        guard !command.isEmpty else { throw CRIError.invalidArgument("exec in container \(entry.record.id): command is required") }
        guard case .running(let pid) = await entry.container.state else {
            throw CRIError.failedPrecondition("container \(entry.record.id) is not running; cannot exec in it")
        }
        let plan = ExecPlan.command(command, pid: pid, cgroupPath: await entry.container.cgroupPath,
                                    containerSetup: entry.record.setup)
        return try StreamingExecProcess.start(plan, streams: streams, configuration: configuration)
    }

    public func attachTarget(containerID: String) async throws -> AttachTarget {
        let entry = try containerEntry(containerID)
        guard case .running = await entry.container.state else {
            throw CRIError.failedPrecondition("container \(entry.record.id) is not running; cannot attach to it")
        }
        let container = entry.container
        return AttachTarget(logPath: entry.record.logPath) {
            switch await container.state {
            case .exited(let exit): exit.exitCode
            case .deleted: 137
            default: nil
            }
        }
    }

    public func portForwardNamespace(podSandboxID: String) async throws -> String? {
        let entry = try sandboxEntry(podSandboxID)
        guard entry.record.state == .ready else {
            throw CRIError.failedPrecondition("pod sandbox \(entry.record.id) is not ready; cannot forward ports to it")
        }
        return entry.sandbox.networkNamespacePath
    }

    /// Checks a streaming request names what exists before a URL is handed out (as upstream's
    /// runtimes do), so a bad id fails the CRI call rather than the websocket.
    func validate(_ request: StreamingRequest) async throws(CRIError) {
        switch request {
        case .exec(let exec):
            let entry = try containerEntry(exec.containerID)
            guard !exec.cmd.isEmpty else { throw .invalidArgument("exec in container \(entry.record.id): command is required") }
            guard exec.stdin || exec.stdout || exec.stderr else {
                throw .invalidArgument("exec in container \(entry.record.id): one of stdin, stdout, stderr must be set")
            }
            guard case .running = await entry.container.state else {
                throw .failedPrecondition("container \(entry.record.id) is not running; cannot exec in it")
            }
        case .attach(let attach):
            let entry = try containerEntry(attach.containerID)
            guard attach.stdin || attach.stdout || attach.stderr else {
                throw .invalidArgument("attach to container \(entry.record.id): one of stdin, stdout, stderr must be set")
            }
            guard case .running = await entry.container.state else {
                throw .failedPrecondition("container \(entry.record.id) is not running; cannot attach to it")
            }
        case .portForward(let forward):
            _ = try sandboxEntry(forward.podSandboxID)
        }
    }
}
