import CLinux
import Dispatch
import Glibc
import Linux

/// Runs a command inside a running container: the runtime spawns the helper in `exec` mode
/// with pipes for stdout/stderr, the helper joins the container's cgroup and namespaces,
/// forks, and the child takes the container's identity and security settings and execs.
/// The helper exits with the command's exit code (128+n for a signal).
public enum ContainerExec {
    public static let maxOutputBytes = 16 * 1024 * 1024

    /// Runtime side. `timeout` nil or ≤ 0: no limit.
    public static func run(_ plan: ExecPlan, configuration: RuntimeConfiguration, timeoutSeconds: Int64?) async throws(ExecError) -> ExecResult {
        let result: Result<ExecResult, ExecError> = await OwnThread.run {
            Result { () throws(ExecError) -> ExecResult in
                try runBlocking(plan, configuration: configuration, timeoutSeconds: timeoutSeconds)
            }
        }
        return try result.get()
    }

    static func runBlocking(_ plan: ExecPlan, configuration: RuntimeConfiguration, timeoutSeconds: Int64?) throws(ExecError) -> ExecResult {
        let out: (read: Int32, write: Int32), err: (read: Int32, write: Int32)
        let requests: (read: Int32, write: Int32), events: (read: Int32, write: Int32)
        let pid: pid_t
        do {
            out = try Spawn.pipe()
            err = try Spawn.pipe()
            requests = try Spawn.pipe()
            events = try Spawn.pipe()
            let devNull = try retryingEINTR("open(/dev/null)") { ks_open("/dev/null", O_RDWR | O_CLOEXEC, 0) }
            defer {
                [devNull, out.write, err.write, requests.read, events.write].forEach { close($0) }
            }
            pid = try Spawn.spawn(configuration.helperPath, args: ["kubeswift"] + configuration.helperArguments + ["exec"],
                                  env: ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"],
                                  fds: [0: devNull, 1: out.write, 2: err.write,
                                        InitDescriptors.requests: requests.read, InitDescriptors.events: events.write])
        } catch {
            throw .helper("\(error)")
        }
        let requestChannel = LineChannel(fd: requests.write)
        let eventChannel = LineChannel(fd: events.read)
        defer {
            requestChannel.close()
            eventChannel.close()
        }
        try? requestChannel.send(plan)

        var stdout: [UInt8] = [], stderr: [UInt8] = []
        let streams = [out.read, err.read]
        var open = [true, true]
        let pidFD = ks_pidfd_open(pid, 0)
        let start = ContainerMonitor.monotonicMilliseconds()
        let deadline = (timeoutSeconds ?? 0) > 0 ? start + timeoutSeconds! * 1000 : Int64.max
        var exitedAt: Int64?
        var status = ExitStatus(code: 255, signal: nil)
        var timedOut = false
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let now = ContainerMonitor.monotonicMilliseconds()
            if exitedAt == nil {
                var raw: Int32 = 0
                if waitpid(pid, &raw, WNOHANG) == pid {
                    status = ExitStatus(raw: raw)
                    exitedAt = now
                } else if now >= deadline && !timedOut {
                    // The command is the helper's child with PDEATHSIG: it dies with the helper.
                    kill(pid, SIGKILL)
                    timedOut = true
                }
            }
            // Background processes may keep the pipes open: stop reading shortly after the exit.
            if let exitedAt, !open.contains(true) || now - exitedAt > 500 { break }
            var fds: [pollfd] = []
            for (index, fd) in streams.enumerated() where open[index] { fds.append(pollfd(fd: fd, events: Int16(POLLIN), revents: 0)) }
            if exitedAt == nil && pidFD >= 0 { fds.append(pollfd(fd: pidFD, events: Int16(POLLIN), revents: 0)) }
            let wait = exitedAt != nil ? 50 : min(deadline == Int64.max ? 1000 : max(deadline - now, 1), 1000)
            _ = poll(&fds, nfds_t(fds.count), Int32(wait))
            for entry in fds where entry.revents != 0 {
                guard let index = streams.firstIndex(of: entry.fd), open[index] else { continue }
                let count = buffer.withUnsafeMutableBytes { read(entry.fd, $0.baseAddress, 65536) }
                if count > 0 {
                    if index == 0 {
                        stdout.append(contentsOf: buffer[0..<min(count, maxOutputBytes - stdout.count)])
                    } else {
                        stderr.append(contentsOf: buffer[0..<min(count, maxOutputBytes - stderr.count)])
                    }
                } else if count == 0 || (errno != EINTR && errno != EAGAIN) {
                    open[index] = false
                }
            }
        }
        streams.forEach { close($0) }
        if pidFD >= 0 { close(pidFD) }
        if timedOut { throw .timedOut(command: plan.setup.process.args, seconds: timeoutSeconds ?? 0) }
        while let event = try? eventChannel.receive(InitEvent.self) {
            if case .failed(let error) = event { throw .setup(error) }
        }
        return ExecResult(stdout: stdout, stderr: stderr, exitCode: status.code)
    }

    /// Helper side (`kubeswift __container-init exec`), single-threaded.
    static func helperMain() -> Never {
        let requests = LineChannel(fd: InitDescriptors.requests)
        let events = LineChannel(fd: InitDescriptors.events)
        signal(SIGPIPE, SIG_IGN)
        func fail(_ error: ContainerSetupError) -> Never {
            try? events.send(InitEvent.failed(error))
            exit(126)
        }
        guard let plan = try? requests.receive(ExecPlan.self) else {
            fail(ContainerSetupError(step: .joinNamespaces, message: "no exec plan received"))
        }
        var namespaceFDs: [(NamespaceKind, Int32)] = []
        for kind in ExecPlan.namespaceOrder {
            let path = "/proc/\(plan.pid)/ns/\(kind.rawValue)"
            let fd = ks_open(path, O_RDONLY | O_CLOEXEC, 0)
            guard fd >= 0 else {
                fail(ContainerSetupError(step: .joinNamespaces, SyscallError.current("open(\(path)): container not running")))
            }
            namespaceFDs.append((kind, fd))
        }
        if let cgroupPath = plan.cgroupPath {
            do { try FileIO.writeFile(cgroupPath + "/cgroup.procs", "\(getpid())") } catch {
                fail(ContainerSetupError(step: .joinCgroup, error))
            }
        }
        for (kind, fd) in namespaceFDs {
            if ks_setns(fd, kind.cloneFlag) != 0 {
                fail(ContainerSetupError(step: .joinNamespaces, SyscallError.current("setns(\(kind.rawValue) of pid \(plan.pid))")))
            }
            close(fd)
        }
        let status: (read: Int32, write: Int32)
        do { status = try Spawn.pipe() } catch { fail(ContainerSetupError(step: .exec, error)) }
        let pid = fork()
        if pid < 0 { fail(ContainerSetupError(step: .exec, SyscallError.current("fork"))) }
        if pid == 0 {
            close(status.read)
            _ = ks_set_pdeathsig(SIGKILL)
            signal(SIGPIPE, SIG_DFL)
            if plan.tty == true && ks_set_controlling_tty(0) != 0 {
                try? LineChannel(fd: status.write).send(ContainerSetupError(step: .exec, SyscallError.current("set controlling terminal")))
                _exit(127)
            }
            do {
                let executable = try prepareChild(plan.setup)
                try KernelSyscalls().exec(executable, args: plan.setup.process.args, env: plan.setup.process.env)
            } catch let error as ContainerSetupError {
                try? LineChannel(fd: status.write).send(error)
            } catch {
                try? LineChannel(fd: status.write).send(ContainerSetupError(step: .exec, error))
            }
            _exit(127)
        }
        close(status.write)
        if let error = try? LineChannel(fd: status.read).receive(ContainerSetupError.self) {
            _ = try? Spawn.wait(pid)
            fail(error)
        }
        try? events.send(InitEvent.started)
        let exitStatus = (try? Spawn.wait(pid)) ?? ExitStatus(code: 255, signal: nil)
        exit(exitStatus.code)
    }

    /// The tail of container setup, as in `ContainerSetupRunner.prepare` after pivot_root.
    static func prepareChild(_ setup: ContainerSetup) throws(ContainerSetupError) -> String {
        let syscalls = KernelSyscalls()
        func step(_ step: SetupStep, _ body: () throws -> Void) throws(ContainerSetupError) {
            do { try body() } catch { throw ContainerSetupError(step: step, error) }
        }
        try step(.rlimits) { for limit in setup.rlimits { try syscalls.setRlimit(limit) } }
        func loadSeccomp() throws(ContainerSetupError) {
            if let program = setup.seccompProgram {
                try step(.seccomp) { try syscalls.loadSeccompProgram(program.bytes) }
            } else if let profile = setup.seccomp {
                try step(.seccomp) { try syscalls.loadSeccomp(profile) }
            }
        }
        if !setup.noNewPrivileges { try loadSeccomp() }
        if let capabilities = setup.capabilities {
            try step(.capabilities) { try syscalls.dropBoundingSet(keeping: capabilities) }
        }
        try step(.user) { try syscalls.setUser(setup.user) }
        if let capabilities = setup.capabilities {
            try step(.capabilities) { try syscalls.setCapabilities(capabilities) }
        }
        if setup.noNewPrivileges {
            try step(.noNewPrivileges) { try syscalls.setNoNewPrivileges() }
            try loadSeccomp()
        }
        try step(.exec) { try syscalls.changeDirectory(setup.process.cwd) }
        guard let name = setup.process.args.first, !name.isEmpty else {
            throw ContainerSetupError(step: .exec, message: "no command given")
        }
        guard let path = ExecPlan.resolve(name, env: setup.process.env, isExecutable: syscalls.isExecutable) else {
            throw ContainerSetupError(step: .exec, message: "executable \"\(name)\" not found in the container's PATH")
        }
        return path
    }
}
