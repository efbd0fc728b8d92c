import Linux

/// What the exec helper needs to run a command inside a running container: the container's
/// pid (its namespaces are joined through /proc/<pid>/ns), its cgroup, and the container's
/// own setup (user, capabilities, no_new_privs, seccomp, rlimits) with the command's process.
public struct ExecPlan: Codable, Sendable, Equatable {
    public var pid: Int32
    public var cgroupPath: String?
    public var setup: ContainerSetup
    /// Streaming exec with a terminal: the command's stdio is a pty slave, which the command
    /// takes as its controlling terminal in a new session.
    public var tty: Bool?

    /// Joined in this order; mnt last, since after it /proc is the container's.
    public static let namespaceOrder: [NamespaceKind] = [.ipc, .uts, .net, .pid, .cgroup, .mnt]

    public init(pid: Int32, cgroupPath: String?, setup: ContainerSetup, tty: Bool? = nil) {
        self.pid = pid
        self.cgroupPath = cgroupPath
        self.setup = setup
        self.tty = tty
    }

    /// The container's setup with `command` as the process (same env and working directory).
    public static func command(_ command: [String], pid: Int32, cgroupPath: String?, containerSetup: ContainerSetup) -> ExecPlan {
        var setup = containerSetup
        setup.process.args = command
        return ExecPlan(pid: pid, cgroupPath: cgroupPath, setup: setup)
    }

    /// The absolute path of `name`, searched in the process's PATH like execvp (call after
    /// joining the container's mount namespace).
    static func resolve(_ name: String, env: [String], isExecutable: (String) -> Bool) -> String? {
        if name.contains("/") { return isExecutable(name) ? name : nil }
        let path = env.last(where: { $0.hasPrefix("PATH=") }).map { String($0.dropFirst(5)) }
            ?? ContainerSetupRunner<KernelSyscalls>.defaultPath
        for directory in path.split(separator: ":") {
            let candidate = directory.hasSuffix("/") ? "\(directory)\(name)" : "\(directory)/\(name)"
            if isExecutable(candidate) { return candidate }
        }
        return nil
    }
}

/// What an exec produced. Output beyond `ContainerExec.maxOutputBytes` per stream is dropped
/// (the CRI's cap, CVE-2022-1708), the command continues.
public struct ExecResult: Sendable, Equatable {
    public var stdout: [UInt8]
    public var stderr: [UInt8]
    public var exitCode: Int32
}

public enum ExecError: Error, Sendable, Equatable, CustomStringConvertible {
    case timedOut(command: [String], seconds: Int64)
    case setup(ContainerSetupError)
    case helper(String)

    public var description: String {
        switch self {
        case .timedOut(let command, let seconds): "command \(command) timed out after \(seconds)s"
        case .setup(let error): "exec: \(error)"
        case .helper(let reason): "exec helper: \(reason)"
        }
    }
}
