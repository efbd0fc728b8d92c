import CLinux
import Foundation
import Glibc
import Linux

/// One container's lifecycle: created → running → exited → (deleted).
/// Operations in the wrong state throw `invalidState`.
public actor Container {
    public enum State: Sendable {
        case created(pid: Int32)
        case running(pid: Int32)
        case exited(ContainerExit)
        case deleted

        public var name: String {
            switch self {
            case .created: "created"
            case .running: "running"
            case .exited: "exited"
            case .deleted: "deleted"
            }
        }
    }

    public nonisolated let id: String
    public nonisolated let spec: ContainerSpec
    public nonisolated let directory: String
    /// Limits asked for that this host's cgroup hierarchy cannot enforce.
    public nonisolated let unenforcedLimits: [UnenforcedLimit]
    public nonisolated let output: ContainerOutput
    /// The stdout file (for tests and the CLI; the CRI log path comes with the CRI issue).
    public nonisolated var logPath: String { output.stdoutPath }
    /// The compiled setup the container was created with: exec runs commands with the same
    /// user, capabilities and seccomp program.
    public nonisolated let setup: ContainerSetup
    /// The container's monitor (its container-init helper), which outlives the runtime.
    public nonisolated let monitorPID: Int32
    public nonisolated let cgroupRelativePath: String?
    let cgroup: Cgroup?
    let cgroupManager: CgroupManager?
    /// nil for a container adopted after a runtime restart: its exit is learnt from the
    /// monitor's pidfd and exit.json instead of the helper's event pipe.
    let initProcess: InitProcess?
    public private(set) var state: State
    private var exitWaiters: [CheckedContinuation<ContainerExit, Never>] = []

    init(id: String, spec: ContainerSpec, directory: String, output: ContainerOutput, unenforcedLimits: [UnenforcedLimit],
         setup: ContainerSetup, cgroup: Cgroup?, cgroupRelativePath: String?, cgroupManager: CgroupManager?,
         initProcess: InitProcess?, monitorPID: Int32, state: State) {
        self.id = id
        self.spec = spec
        self.directory = directory
        self.output = output
        self.unenforcedLimits = unenforcedLimits
        self.setup = setup
        self.cgroup = cgroup
        self.cgroupRelativePath = cgroupRelativePath
        self.cgroupManager = cgroupManager
        self.initProcess = initProcess
        self.monitorPID = monitorPID
        self.state = state
    }

    public var pid: Int32? {
        switch state {
        case .created(let pid), .running(let pid): pid
        default: nil
        }
    }

    public var cgroupPath: String? { cgroup?.path }

    /// CPU and memory usage from the container's cgroup (nil fields: controller absent).
    public var usage: Cgroup.Usage? { cgroup?.usage() }

    /// Creates the container: image layers, overlay dirs, cgroup, and a helper that has done
    /// every setup step and waits before exec. On failure nothing is left behind.
    /// `output`: where stdout/stderr go; by default `container.log` in the container's directory.
    /// `stateOnDisk`: the monitor writes `exit.json` (and serves a `control` FIFO) in the
    /// container's directory, so the exit survives a runtime restart (see `adopt`).
    public static func create(id: String, spec: ContainerSpec, sandbox: PodSandbox?, configuration: RuntimeConfiguration,
                              output: ContainerOutput? = nil, stateOnDisk: Bool = false) async throws(ContainerError) -> Container {
        let directory = configuration.containerDirectory(id)
        var cgroupManager: CgroupManager?
        var cgroupRelativePath: String?
        var cleanups: [() -> Void] = [{ try? FileManager.default.removeItem(atPath: directory) }]
        func cleanUp() { cleanups.reversed().forEach { $0() } }
        do {
            let store = configuration.imageStore
            let image = try store.resolve(spec.image)
            let layers = try store.unpackedLayers(of: image)
            for sub in ["upper", "work"] {
                try FileManager.default.createDirectory(atPath: directory + "/" + sub, withIntermediateDirectories: true)
            }
            // One empty mount point serves every container: each mounts its overlay there in its
            // own private mount namespace, so the host never sees it and nothing needs removing.
            try FileManager.default.createDirectory(atPath: configuration.rootfsMountPoint, withIntermediateDirectories: true)

            var cgroup: Cgroup?
            var unenforced: [UnenforcedLimit] = []
            if let mount = try? CgroupMount.detect() {
                let manager = try CgroupManager(mount: mount, base: configuration.cgroupBase)
                let qos = QOSClass.of([spec.resources])
                let relative = "\(qos.cgroupParent)/pod\(sandbox?.uid ?? "-" + id)/\(id)"
                cleanups.append { manager.remove(relative) }
                let created = try manager.create(relative)
                unenforced = try created.apply(spec.resources.limits)
                (cgroup, cgroupManager, cgroupRelativePath) = (created, manager, relative)
            }

            let placement = ContainerPlacement(
                lowerDirs: layers, upperDir: directory + "/upper", workDir: directory + "/work",
                rootfsPath: configuration.rootfsMountPoint, cgroupPath: cgroup?.path, podNamespaces: sandbox?.namespaces,
                hostname: sandbox?.hostname ?? String(id.prefix(12)), etcFiles: sandbox?.etcFiles ?? [:],
                hostPID: sandbox?.hostPID ?? false)
            let plan = try ContainerPlanner.plan(spec, image: image.config, placement: placement)
            let setup: ContainerSetup
            do { setup = try SeccompPrograms.shared.compile(plan) } catch { throw ContainerError.plan(.seccomp(error)) }

            let output = output ?? .file(directory + "/container.log")
            let process = try HelperPool.shared.take(configuration)
            do {
                try process.send(.create(setup, output: output, stateDirectory: stateOnDisk ? directory : nil))
                switch try await process.nextEvent() {
                case .created(let pid)?:
                    return Container(id: id, spec: spec, directory: directory, output: output, unenforcedLimits: unenforced,
                                     setup: setup, cgroup: cgroup, cgroupRelativePath: cgroupRelativePath,
                                     cgroupManager: cgroupManager, initProcess: process, monitorPID: process.helperPID,
                                     state: .created(pid: pid))
                case .failed(let error)?:
                    throw ContainerError.setup(error)
                case let other:
                    throw ContainerError.helper("expected created, got \(other.map { "\($0)" } ?? "end of stream")")
                }
            } catch {
                await process.finish()
                throw error
            }
        } catch {
            cleanUp()
            throw Self.classify(error)
        }
    }

    static func classify(_ error: any Error) -> ContainerError {
        switch error {
        case let error as ContainerError: error
        case let error as ImageError: .image(error)
        case let error as ContainerPlanError: .plan(error)
        case let error as CgroupError: .cgroup(error)
        case let error as InitProcessError: .helper("\(error)")
        default: .files("\(error)")
        }
    }

    public func start() async throws(ContainerError) {
        guard case .created(let pid) = state, let initProcess else { throw invalid("start") }
        do {
            try initProcess.send(.start)
            switch try await initProcess.nextEvent() {
            case .started?:
                state = .running(pid: pid)
                Task { await self.monitorExit() }
            case .failed(let error)?:
                await recordExit(ExitStatus(code: 128, signal: nil), reason: "StartError")
                throw ContainerError.setup(error)
            case let other:
                throw ContainerError.helper("expected started, got \(other.map { "\($0)" } ?? "end of stream")")
            }
        } catch {
            throw Self.classify(error)
        }
    }

    func monitorExit() async {
        guard let initProcess else { return await monitorAdoptedExit() }
        var status = ExitStatus(code: 255, signal: nil)
        while let event = try? await initProcess.nextEvent() {
            if case .exited(let exit) = event {
                status = exit
                break
            }
        }
        await recordExit(status, reason: nil)
    }

    func recordExit(_ status: ExitStatus, reason: String?) async {
        guard case .exited = state else {
            await initProcess?.finish()
            let oomKilled = (cgroup?.oomKillCount() ?? 0) > 0
            let exit = ContainerExit(exitCode: oomKilled ? ContainerExit.oomKilledCode : status.code,
                                     reason: oomKilled ? "OOMKilled" : reason ?? (status.code == 0 ? "Completed" : "Error"),
                                     signal: status.signal)
            state = .exited(exit)
            exitWaiters.forEach { $0.resume(returning: exit) }
            exitWaiters.removeAll()
            return
        }
    }

    /// Waits for the container to exit (it must have been started).
    public func wait() async throws(ContainerError) -> ContainerExit {
        switch state {
        case .exited(let exit): return exit
        case .running: return await withCheckedContinuation { exitWaiters.append($0) }
        default: throw invalid("wait")
        }
    }

    /// Signals the container's init process (pid 1 inside).
    public func kill(_ signal: Int32 = SIGTERM) throws(ContainerError) {
        guard case .running(let pid) = state else { throw invalid("kill") }
        if Glibc.kill(pid, signal) != 0 && errno != ESRCH {
            throw .files("kill(\(pid), \(signal)): \(Errno.name(errno))")
        }
    }

    /// SIGKILL to everything in the container (cgroup.kill, else pid 1, which takes its pid
    /// namespace with it).
    public func killAll(pid: Int32) {
        guard case .running = state else { return }
        if cgroup?.killAll() != true { Glibc.kill(pid, SIGKILL) }
    }

    /// New limits on a created or running container; returns those this host cannot enforce.
    @discardableResult
    public func updateLimits(_ limits: CgroupLimits) throws(ContainerError) -> [UnenforcedLimit] {
        guard let cgroup else { return [] }
        do { return try cgroup.apply(limits) } catch { throw .cgroup(error) }
    }

    /// Stops whatever still runs (cgroup.kill, else SIGKILL to pid 1 — which takes its pid
    /// namespace with it), then removes the cgroup and the container's files.
    public func delete() async throws(ContainerError) {
        switch state {
        case .deleted: throw invalid("delete")
        case .created:
            await initProcess?.finish()
            await recordExit(ExitStatus(code: 137, signal: SIGKILL), reason: "Deleted")
        case .running(let pid):
            if cgroup?.killAll() != true { Glibc.kill(pid, SIGKILL) }
            _ = try await wait()
        case .exited:
            break
        }
        if let cgroupManager, let cgroupRelativePath { cgroupManager.remove(cgroupRelativePath) }
        try? FileManager.default.removeItem(atPath: directory)
        state = .deleted
    }

    /// Re-adopts a container whose monitor outlived a runtime restart (the runtime's
    /// records say it was started). `monitorStartTime` guards against pid reuse: a monitor
    /// that is gone (or a different process under its pid) means the exit is whatever its
    /// exit.json says, or unknown.
    public static func adopt(id: String, spec: ContainerSpec, setup: ContainerSetup, output: ContainerOutput,
                             configuration: RuntimeConfiguration, cgroupRelativePath: String?, pid: Int32,
                             monitorPID: Int32, monitorStartTime: UInt64?) -> Container {
        let directory = configuration.containerDirectory(id)
        var manager: CgroupManager?
        if cgroupRelativePath != nil, let mount = try? CgroupMount.detect() {
            manager = try? CgroupManager(mount: mount, base: configuration.cgroupBase)
        }
        let cgroup = cgroupRelativePath.flatMap { manager?.cgroup($0) }
        let alive = monitorStartTime != nil && ProcessStartTime.of(monitorPID) == monitorStartTime
        let state: State
        // exit.json is written just before the monitor exits: when present, the container is done.
        if let record = ExitRecord.read(directory: directory) {
            let oomKilled = (cgroup?.oomKillCount() ?? 0) > 0
            state = .exited(ContainerExit(exitCode: oomKilled ? ContainerExit.oomKilledCode : record.exitCode,
                                          reason: oomKilled ? "OOMKilled" : record.exitCode == 0 ? "Completed" : "Error",
                                          signal: record.signal))
        } else if alive {
            state = .running(pid: pid)
        } else {
            state = .exited(ContainerExit(exitCode: 255, reason: "Unknown", signal: nil))
        }
        let container = Container(id: id, spec: spec, directory: directory, output: output, unenforcedLimits: [],
                                  setup: setup, cgroup: cgroup, cgroupRelativePath: cgroupRelativePath,
                                  cgroupManager: manager, initProcess: nil, monitorPID: monitorPID, state: state)
        if alive { Task { await container.monitorExit() } }
        return container
    }

    /// An adopted container's monitor is not our child: wait on its pidfd, then read exit.json.
    func monitorAdoptedExit() async {
        let pid = monitorPID
        await OwnThread.run {
            let fd = ks_pidfd_open(pid, 0)
            if fd >= 0 {
                var entry = pollfd(fd: fd, events: Int16(POLLIN), revents: 0)
                while poll(&entry, 1, -1) < 0 && errno == EINTR {}
                close(fd)
            }
        }
        let record = ExitRecord.read(directory: directory)
        await recordExit(ExitStatus(code: record?.exitCode ?? 255, signal: record?.signal),
                         reason: record == nil ? "Unknown" : nil)
    }

    func invalid(_ operation: String) -> ContainerError {
        .invalidState(id: id, operation: operation, state: state.name)
    }
}
