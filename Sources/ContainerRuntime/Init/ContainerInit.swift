import CLinux
import Foundation
import Glibc
import Linux

/// The single-threaded helper that becomes a container (`kubeswift __container-init`):
/// it must be entered before the Swift process starts any thread, because it calls
/// setns/unshare and fork. It stays as the container's parent — its monitor (shim): in a
/// session of its own, so it outlives the runtime, it writes the CRI log, records the exit
/// on disk and reports it (`ContainerMonitor`). `exec` mode runs a command inside a running
/// container (`ContainerExec`).
public enum ContainerInit {
    public static let command = "__container-init"

    /// Dispatches helper modes from the full argv (`kubeswift [__container-init] [pin …]`); never returns.
    public static func main(_ argv: [String]) -> Never {
        var arguments = Array(argv.dropFirst())
        if arguments.first == command { arguments.removeFirst() }
        switch arguments.first {
        case "exec":
            ContainerExec.helperMain()
        case "pin":
            // pin <directory> <hostname> <kind,kind,…>
            guard arguments.count == 4 else { fail("usage: \(command) pin DIR HOSTNAME KINDS") }
            let kinds = arguments[3].split(separator: ",").compactMap { NamespaceKind(rawValue: String($0)) }
            do {
                _ = try NamespacePinning.createAndPin(kinds, in: arguments[1], hostname: arguments[2])
                exit(0)
            } catch { fail("pin namespaces: \(error)") }
        default:
            runContainer()
        }
    }

    static func fail(_ message: String) -> Never {
        FileHandle.standardError.write(Data((message + "\n").utf8))
        exit(1)
    }

    static func runContainer() -> Never {
        let requests = LineChannel(fd: InitDescriptors.requests)
        let events = LineChannel(fd: InitDescriptors.events)
        // The runtime may be gone when the container exits: a failed report must not kill us.
        signal(SIGPIPE, SIG_IGN)
        func report(_ event: InitEvent) { try? events.send(event) }

        guard case .create(let setup, let output, let stateDirectory)? = try? requests.receive(InitRequest.self) else {
            report(.failed(ContainerSetupError(step: .joinNamespaces, message: "no container setup received")))
            exit(1)
        }
        // Out of the runtime's session and process group: signals to the runtime's group
        // (a terminal's ^C, a service manager's stop) do not reach containers.
        _ = setsid()
        var monitor: ContainerMonitor
        do {
            if output.format == .raw { try output.redirect() }
            monitor = try ContainerMonitor.prepare(output: output, stateDirectory: stateDirectory)
        } catch {
            report(.failed(ContainerSetupError(step: .output, error)))
            exit(1)
        }
        let runner = ContainerSetupRunner(syscalls: KernelSyscalls(), setup: setup)
        do { try runner.enterNamespaces() } catch {
            report(.failed(error))
            exit(1)
        }
        let toHelper: (read: Int32, write: Int32)
        let toChild: (read: Int32, write: Int32)
        do {
            toHelper = try Spawn.pipe()
            toChild = try Spawn.pipe()
        } catch {
            report(.failed(ContainerSetupError(step: .newNamespaces, error)))
            exit(1)
        }

        // Into the cgroup at birth when the kernel can (clone3), else fork and join it after.
        var bornInCgroup = false
        var pid: pid_t = -1
        if let cgroupPath = setup.cgroupPath {
            let cgroup = ks_open(cgroupPath, O_RDONLY | O_DIRECTORY | O_CLOEXEC, 0)
            if cgroup >= 0 {
                pid = ks_fork_into_cgroup(cgroup)
                bornInCgroup = pid >= 0
                if pid != 0 { close(cgroup) }
            }
        }
        if pid < 0 { pid = fork() }
        if pid < 0 {
            report(.failed(ContainerSetupError(step: .newNamespaces, SyscallError.current("fork"))))
            exit(1)
        }
        if pid == 0 {
            monitor.attachChild()
            signal(SIGPIPE, SIG_DFL)
            childMain(runner, bornInCgroup: bornInCgroup, status: LineChannel(fd: toHelper.write), start: toChild.read,
                      closing: [toHelper.read, toChild.write])
        }

        monitor.closeChildEnds()
        close(toHelper.write)
        close(toChild.read)
        let child = LineChannel(fd: toHelper.read)
        // 1. setup result
        switch try? child.receive(ChildMessage.self) {
        case .ready?:
            report(.created(pid: pid))
        case .failed(let error)?:
            _ = try? Spawn.wait(pid)
            report(.failed(error))
            exit(1)
        case nil:
            let status = try? Spawn.wait(pid)
            report(.failed(ContainerSetupError(step: .rootfs, message: "container init died during setup (exit \(status?.code ?? -1))")))
            exit(1)
        }
        // 2. wait for start (end of file: the runtime gave up; take the container down)
        guard case .start? = try? requests.receive(InitRequest.self) else {
            kill(pid, SIGKILL)
            _ = try? Spawn.wait(pid)
            exit(1)
        }
        _ = write(toChild.write, "s", 1)
        close(toChild.write)
        // 3. exec result: end of file means the close-on-exec pipe closed in a successful exec
        if case .failed(let error)? = try? child.receive(ChildMessage.self) {
            _ = try? Spawn.wait(pid)
            report(.failed(error))
            exit(1)
        }
        report(.started)
        // 4. monitor until exit; exit.json is on disk before the report
        let status = monitor.run(pid: pid)
        report(.exited(status))
        exit(0)
    }

    enum ChildMessage: Codable {
        case ready
        case failed(ContainerSetupError)
    }

    /// Pid 1 of the new pid namespace: set up, report, wait for start, exec.
    static func childMain(_ runner: ContainerSetupRunner<KernelSyscalls>, bornInCgroup: Bool, status: LineChannel, start: Int32,
                          closing: [Int32]) -> Never {
        closing.forEach { close($0) }
        _ = ks_set_pdeathsig(SIGKILL)
        do {
            let executable = try runner.prepare(bornInCgroup: bornInCgroup)
            try status.send(ChildMessage.ready)
            var byte: UInt8 = 0
            guard read(start, &byte, 1) == 1 else { _exit(1) }
            close(start)
            // Only stdio survives exec; the status pipe closes on exec, telling the helper it worked.
            _ = ks_close_range_cloexec(3)
            try runner.exec(executable)
        } catch let error as ContainerSetupError {
            try? status.send(ChildMessage.failed(error))
            _exit(1)
        } catch {
            try? status.send(ChildMessage.failed(ContainerSetupError(step: .exec, error)))
            _exit(1)
        }
    }
}
