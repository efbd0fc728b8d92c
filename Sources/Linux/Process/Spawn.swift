import CLinux
import Glibc

/// posix_spawn: the only way the multithreaded runtime starts processes (never fork()).
public enum Spawn {
    /// Starts `path` with `args`; `fds` maps child descriptor → parent descriptor
    /// (0, 1, 2 and any extra pipes). Every other descriptor is closed in the child.
    /// `newProcessGroup` puts the child in a group of its own, so a terminal's Ctrl-C reaches only
    /// the parent, which then stops its children in its own order.
    public static func spawn(_ path: String, args: [String], env: [String], fds: [Int32: Int32],
                             newProcessGroup: Bool = false) throws(SyscallError) -> pid_t {
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        // dup2 onto a descriptor that is itself a source would clobber it: go through numbers
        // above every descriptor involved (a fixed offset can land on a busy parent's source fd).
        let base = max(fds.keys.max() ?? 0, fds.values.max() ?? 0) + 1
        for (child, parent) in fds.sorted(by: { $0.key < $1.key }) {
            posix_spawn_file_actions_adddup2(&actions, parent, base + child)
        }
        for child in fds.keys.sorted() {
            posix_spawn_file_actions_adddup2(&actions, base + child, child)
            posix_spawn_file_actions_addclose(&actions, base + child)
        }
        // Libraries in the parent (NIO's sockets and epoll descriptors) do not all set
        // O_CLOEXEC: close everything above the mapped descriptors, or helpers that outlive
        // the runtime (container monitors) would hold its sockets open.
        ks_spawn_closefrom(&actions, (fds.keys.max() ?? 2) + 1)
        var attributes = posix_spawnattr_t()
        posix_spawnattr_init(&attributes)
        defer { posix_spawnattr_destroy(&attributes) }
        var noSignals = sigset_t()
        sigemptyset(&noSignals)
        var allSignals = sigset_t()
        sigfillset(&allSignals)
        posix_spawnattr_setsigmask(&attributes, &noSignals)
        posix_spawnattr_setsigdefault(&attributes, &allSignals)
        var flags = POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF
        if newProcessGroup {
            posix_spawnattr_setpgroup(&attributes, 0)
            flags |= POSIX_SPAWN_SETPGROUP
        }
        posix_spawnattr_setflags(&attributes, Int16(flags))

        let argv = args.map { strdup($0) } + [nil]
        let envp = env.map { strdup($0) } + [nil]
        defer {
            argv.forEach { free($0) }
            envp.forEach { free($0) }
        }
        var pid: pid_t = 0
        let result = posix_spawn(&pid, path, &actions, &attributes, argv, envp)
        guard result == 0 else { throw SyscallError(stage: "posix_spawn(\(path))", errno: result) }
        return pid
    }

    /// A pipe whose both ends are close-on-exec (posix_spawn's dup2 clears it on the child's copy).
    public static func pipe() throws(SyscallError) -> (read: Int32, write: Int32) {
        var fds: [Int32] = [0, 0]
        try retryingEINTR("pipe2") { ks_pipe_cloexec(&fds) }
        return (fds[0], fds[1])
    }

    /// Blocks until `pid` exits; returns its status.
    public static func wait(_ pid: pid_t) throws(SyscallError) -> ExitStatus {
        var status: Int32 = 0
        try retryingEINTR("waitpid(\(pid))") { waitpid(pid, &status, 0) }
        return ExitStatus(raw: status)
    }
}

/// How a process ended.
public struct ExitStatus: Codable, Sendable, Equatable {
    public var code: Int32
    public var signal: Int32?

    public init(code: Int32, signal: Int32?) {
        self.code = code
        self.signal = signal
    }

    public init(raw: Int32) {
        if ks_wifsignaled(raw) != 0 {
            signal = ks_wtermsig(raw)
            code = 128 + ks_wtermsig(raw)
        } else {
            signal = nil
            code = ks_wexitstatus(raw)
        }
    }
}
