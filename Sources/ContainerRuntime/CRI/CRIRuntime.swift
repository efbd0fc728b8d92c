import CRI
import Foundation
import Glibc
import Linux
import Logging

/// The CRI's state machine over the runtime core: pod sandboxes and containers by id, their
/// records on disk, re-adoption after a restart. The gRPC handlers translate to and from it.
///
/// Sandbox: run → READY → stop → NOTREADY → remove. Container: create → CREATED → start →
/// RUNNING → (exit | stop) → EXITED → remove. Names (pod name/namespace/uid/attempt; container
/// name/attempt within a pod) are reserved while an object holds them, as containerd does.
public actor CRIRuntime {
    struct SandboxEntry {
        var record: SandboxRecord
        var sandbox: PodSandbox
    }

    struct ContainerEntry {
        var record: ContainerRecord
        let container: Container
    }

    public nonisolated let configuration: RuntimeConfiguration
    let store: RecordStore
    let images: LocalImages
    let puller: any ImagePuller
    let logger: Logger
    var sandboxes: [String: SandboxEntry] = [:]
    var containers: [String: ContainerEntry] = [:]
    var reservedNames: [String: String] = [:]
    /// Ids with a create or remove in flight (their entry may not exist yet).
    var busy: Set<String> = []
    let sampler = ContainerStatsSampler()
    nonisolated let network: SandboxNetwork

    public init(configuration: RuntimeConfiguration, puller: (any ImagePuller)? = nil,
                logger: Logger = Logger(label: "kubeswift.runtime")) {
        self.configuration = configuration
        store = RecordStore(configuration: configuration)
        images = LocalImages(configuration: configuration)
        self.puller = puller ?? RegistryImagePuller(configuration: configuration)
        self.logger = logger
        network = SandboxNetwork(configuration: configuration)
    }

    // MARK: Restart

    /// Re-adopts what the records describe: sandboxes with their pinned namespaces, containers
    /// whose monitors still run (or the exit they recorded meanwhile). Directories of creates
    /// that never finished are removed.
    public func recover() {
        for record in store.loadSandboxes() {
            sandboxes[record.id] = SandboxEntry(record: record, sandbox: record.podSandbox)
            let metadata = record.decodedConfig().metadata
            reservedNames[Self.sandboxName(metadata)] = record.id
        }
        let (records, orphans) = store.loadContainers()
        for id in orphans {
            logger.warning("removing unfinished container directory", metadata: ["id": "\(id)"])
            try? FileManager.default.removeItem(atPath: configuration.containerDirectory(id))
        }
        for record in records {
            let container = Container.adopt(
                id: record.id, spec: record.spec, setup: record.setup, output: record.output, configuration: configuration,
                cgroupRelativePath: record.cgroupRelativePath, pid: record.pid, monitorPID: record.monitorPID,
                monitorStartTime: record.startedAt > 0 ? record.monitorStartTime : nil)
            containers[record.id] = ContainerEntry(record: record, container: container)
            reservedNames[Self.containerName(record.sandboxID, record.decodedConfig().metadata)] = record.id
        }
        logger.info("recovered state", metadata: ["sandboxes": "\(sandboxes.count)", "containers": "\(containers.count)"])
    }

    // MARK: Sandboxes

    public func runPodSandbox(_ config: Runtime_V1_PodSandboxConfig, runtimeHandler: String) async throws(CRIError) -> String {
        guard runtimeHandler.isEmpty || runtimeHandler == "kubeswift" else {
            throw .invalidArgument("runtime handler \"\(runtimeHandler)\" is not configured (only the default handler exists)")
        }
        let plan = try SandboxPlan.make(config) { try? String(contentsOfFile: "/etc/resolv.conf", encoding: .utf8) }
        let name = Self.sandboxName(config.metadata)
        if let holder = reservedNames[name] {
            throw .alreadyExists("pod sandbox name \"\(name)\" is reserved for \(holder)")
        }
        let id = Self.newID()
        reservedNames[name] = id
        busy.insert(id)
        defer { busy.remove(id) }
        let sandbox: PodSandbox
        do {
            sandbox = try await PodSandbox.create(id: id, uid: config.metadata.uid, plan: plan, configuration: configuration)
        } catch {
            reservedNames[name] = nil
            throw .internal("pod sandbox \(config.metadata.namespace)/\(config.metadata.name): \(error)")
        }
        var podIPs: [String]?
        if !plan.hostNetwork, let netns = sandbox.networkNamespacePath {
            do {
                podIPs = try await network.setUp(config, sandboxID: id, netns: netns, logger: logger)
            } catch {
                // A chain that failed half-way may have left an interface or an address behind.
                try? await network.tearDown(config, sandboxID: id, netns: netns)
                sandbox.remove()
                reservedNames[name] = nil
                throw error
            }
        }
        let record = SandboxRecord(
            id: id, config: (try? config.serializedBytes()) ?? Data(), runtimeHandler: runtimeHandler,
            createdAt: ExitRecord.nowNanoseconds(), state: .ready, directory: sandbox.directory, hostname: sandbox.hostname,
            namespaces: sandbox.namespaces, etcFiles: sandbox.etcFiles, hostNetwork: plan.hostNetwork,
            hostIPC: plan.hostIPC, hostPID: plan.hostPID, podIPs: podIPs, networkAttached: podIPs != nil)
        do { try store.save(record) } catch {
            if let netns = sandbox.networkNamespacePath, podIPs != nil {
                try? await network.tearDown(config, sandboxID: id, netns: netns)
            }
            sandbox.remove()
            reservedNames[name] = nil
            throw .internal("pod sandbox \(id): save record: \(error)")
        }
        sandboxes[id] = SandboxEntry(record: record, sandbox: sandbox)
        logger.info("pod sandbox ready", metadata: ["id": "\(id)", "pod": "\(config.metadata.namespace)/\(config.metadata.name)"])
        return id
    }

    /// Force-stops every container of the pod and tears its CNI network down (DEL); the
    /// namespaces stay until removal. Idempotent: DEL runs until it has succeeded once.
    public func stopPodSandbox(_ id: String) async throws(CRIError) {
        let id = try resolveSandbox(id)
        for entry in containers.values where entry.record.sandboxID == id {
            await stop(entry.container, timeoutSeconds: 0)
        }
        guard var entry = sandboxes[id] else { return }
        if entry.record.state != .notReady {
            entry.record.state = .notReady
            try? store.save(entry.record)
            sandboxes[id] = entry
        }
        try await detachNetwork(id)
    }

    /// CNI DEL for a sandbox whose network is attached; records success.
    func detachNetwork(_ id: String) async throws(CRIError) {
        guard let entry = sandboxes[id], entry.record.networkAttached == true,
              let netns = entry.sandbox.networkNamespacePath else { return }
        try await network.tearDown(entry.record.decodedConfig(), sandboxID: id, netns: netns)
        guard var current = sandboxes[id] else { return }
        current.record.networkAttached = false
        try? store.save(current.record)
        sandboxes[id] = current
    }

    /// Idempotent: an unknown id is already removed.
    public func removePodSandbox(_ id: String) async throws(CRIError) {
        guard let id = try? resolveSandbox(id), let entry = sandboxes[id] else { return }
        guard !busy.contains(id) else { throw .failedPrecondition("pod sandbox \(id) is being changed; retry") }
        busy.insert(id)
        defer { busy.remove(id) }
        for container in containers.values where container.record.sandboxID == id {
            try await removeContainer(container.record.id)
        }
        do { try await detachNetwork(id) } catch {
            // The network config may be gone for good; the sandbox must still be removable.
            logger.warning("removing pod sandbox without network teardown", metadata: ["id": "\(id)", "error": "\(error)"])
        }
        entry.sandbox.remove()
        store.removeSandbox(id)
        sandboxes[id] = nil
        reservedNames[Self.sandboxName(entry.record.decodedConfig().metadata)] = nil
    }

    func sandboxEntry(_ id: String) throws(CRIError) -> SandboxEntry {
        let id = try resolveSandbox(id)
        guard let entry = sandboxes[id] else { throw .notFound("pod sandbox \(id) not found") }
        return entry
    }

    // MARK: Containers

    public func createContainer(sandboxID: String, config: Runtime_V1_ContainerConfig) async throws(CRIError) -> String {
        let sandbox = try sandboxEntry(sandboxID)
        guard sandbox.record.state == .ready else {
            throw .failedPrecondition("pod sandbox \(sandbox.record.id) is not ready (stopped); cannot create containers in it")
        }
        guard let image = images.find(config.image.image) else {
            throw .notFound("container \(config.metadata.name): image \"\(config.image.image)\" not found: pull it first")
        }
        let spec = try ContainerConfigTranslation.spec(config, image: image.specReference)
        if config.linux.securityContext.namespaceOptions.pid == .target {
            throw .invalidArgument("container \(spec.name): pid namespace mode TARGET is not supported")
        }
        let name = Self.containerName(sandbox.record.id, config.metadata)
        if let holder = reservedNames[name] {
            throw .alreadyExists("container name \"\(name)\" is reserved for \(holder)")
        }
        let id = Self.newID()
        reservedNames[name] = id
        busy.insert(id)
        defer { busy.remove(id) }
        let sandboxConfig = sandbox.record.decodedConfig()
        let logPath = sandboxConfig.logDirectory.isEmpty || config.logPath.isEmpty
            ? configuration.containerDirectory(id) + "/container.log"
            : sandboxConfig.logDirectory + "/" + config.logPath
        let container: Container
        do {
            container = try await Container.create(id: id, spec: spec, sandbox: sandbox.sandbox, configuration: configuration,
                                                   output: .criLog(logPath), stateOnDisk: true)
        } catch {
            reservedNames[name] = nil
            throw CRIError.container(id, error)
        }
        let record = ContainerRecord(
            id: id, sandboxID: sandbox.record.id, config: (try? config.serializedBytes()) ?? Data(), spec: spec,
            setup: container.setup, output: container.output, imageRef: image.id, imageID: image.id,
            createdAt: ExitRecord.nowNanoseconds(), startedAt: 0, pid: await container.pid ?? 0,
            monitorPID: container.monitorPID, monitorStartTime: ProcessStartTime.of(container.monitorPID),
            cgroupRelativePath: container.cgroupRelativePath, logPath: logPath)
        do { try store.save(record) } catch {
            try? await container.delete()
            reservedNames[name] = nil
            throw .internal("container \(id): save record: \(error)")
        }
        containers[id] = ContainerEntry(record: record, container: container)
        return id
    }

    public func startContainer(_ id: String) async throws(CRIError) {
        var entry = try containerEntry(id)
        let state = await entry.container.state
        guard case .created = state else {
            throw .failedPrecondition("container \(entry.record.id) is \(state.name), not created; cannot start it")
        }
        do { try await entry.container.start() } catch { throw CRIError.container(entry.record.id, error) }
        entry.record.startedAt = ExitRecord.nowNanoseconds()
        containers[entry.record.id] = entry
        do { try store.save(entry.record) } catch {
            throw .internal("container \(entry.record.id): save record: \(error)")
        }
    }

    /// SIGTERM, then SIGKILL once `timeoutSeconds` pass (0: SIGKILL at once). Idempotent.
    public func stopContainer(_ id: String, timeoutSeconds: Int64) async throws(CRIError) {
        let entry = try containerEntry(id)
        await stop(entry.container, timeoutSeconds: timeoutSeconds)
    }

    func stop(_ container: Container, timeoutSeconds: Int64) async {
        // Created or exited: nothing runs, nothing to stop (containerd does the same).
        guard case .running(let pid) = await container.state else { return }
        if timeoutSeconds > 0 {
            try? await container.kill(SIGTERM)
            // Polled: a task waiting on the exit cannot be cancelled, so racing one in a task
            // group would keep the group open until the container exits by itself.
            let deadline = ContinuousClock.now + .seconds(timeoutSeconds)
            while ContinuousClock.now < deadline {
                if case .exited = await container.state { return }
                try? await Task.sleep(for: .milliseconds(20))
            }
        }
        await container.killAll(pid: pid)
        _ = try? await container.wait()
    }

    /// Idempotent: an unknown id is already removed. A running container is killed first.
    public func removeContainer(_ id: String) async throws(CRIError) {
        guard let entry = try? containerEntry(id) else { return }
        await stop(entry.container, timeoutSeconds: 0)
        do { try await entry.container.delete() } catch {
            if case .invalidState = error {} else { throw CRIError.container(entry.record.id, error) }
        }
        containers[entry.record.id] = nil
        reservedNames[Self.containerName(entry.record.sandboxID, entry.record.decodedConfig().metadata)] = nil
    }

    func containerEntry(_ id: String) throws(CRIError) -> ContainerEntry {
        guard !id.isEmpty else { throw .invalidArgument("container id is required") }
        if let entry = containers[id] { return entry }
        let matches = containers.keys.filter { $0.hasPrefix(id) }
        guard matches.count == 1, let entry = containers[matches[0]] else {
            throw matches.isEmpty ? .notFound("container \(id) not found") : .invalidArgument("container id prefix \(id) is ambiguous")
        }
        return entry
    }

    func resolveSandbox(_ id: String) throws(CRIError) -> String {
        guard !id.isEmpty else { throw .invalidArgument("pod sandbox id is required") }
        if sandboxes[id] != nil { return id }
        let matches = sandboxes.keys.filter { $0.hasPrefix(id) }
        guard matches.count == 1 else {
            throw matches.isEmpty ? .notFound("pod sandbox \(id) not found") : .invalidArgument("pod sandbox id prefix \(id) is ambiguous")
        }
        return matches[0]
    }

    public func updateContainerResources(_ id: String, _ resources: Runtime_V1_LinuxContainerResources) async throws(CRIError) {
        let entry = try containerEntry(id)
        let state = await entry.container.state
        switch state {
        case .created, .running: break
        default: throw .failedPrecondition("container \(entry.record.id) is \(state.name); cannot update its resources")
        }
        do { try await entry.container.updateLimits(ContainerConfigTranslation.resources(resources).limits) } catch {
            throw .internal("container \(entry.record.id): update resources: \(error)")
        }
    }

    /// Asks the monitor to reopen the log (after the kubelet renamed it), then waits until
    /// the new file exists.
    public func reopenContainerLog(_ id: String) async throws(CRIError) {
        let entry = try containerEntry(id)
        guard case .running = await entry.container.state else {
            throw .failedPrecondition("container \(entry.record.id) is not running; its log is not reopened")
        }
        let control = configuration.containerDirectory(entry.record.id) + "/" + ContainerMonitor.controlName
        let fd = open(control, O_WRONLY | O_NONBLOCK | O_CLOEXEC)
        guard fd >= 0 else { throw .internal("container \(entry.record.id): open \(control): \(Errno.name(errno))") }
        defer { close(fd) }
        guard write(fd, "reopen\n", 7) == 7 else { throw .internal("container \(entry.record.id): write \(control): \(Errno.name(errno))") }
        for _ in 0..<100 {
            if FileManager.default.fileExists(atPath: entry.record.logPath) { return }
            try? await Task.sleep(for: .milliseconds(10))
        }
        throw .internal("container \(entry.record.id): log \(entry.record.logPath) not reopened within 1s")
    }

    public func execSync(_ id: String, command: [String], timeoutSeconds: Int64) async throws(CRIError) -> ExecResult {
        let entry = try containerEntry(id)
        guard !command.isEmpty else { throw .invalidArgument("exec in container \(entry.record.id): command is required") }
        guard case .running(let pid) = await entry.container.state else {
            throw .failedPrecondition("container \(entry.record.id) is not running; cannot exec in it")
        }
        let plan = ExecPlan.command(command, pid: pid, cgroupPath: await entry.container.cgroupPath,
                                    containerSetup: entry.record.setup)
        do {
            return try await ContainerExec.run(plan, configuration: configuration, timeoutSeconds: timeoutSeconds)
        } catch {
            switch error {
            case .timedOut: throw .deadlineExceeded("exec in container \(entry.record.id): \(error)")
            case .setup(let setup) where setup.step == .exec:
                throw .failedPrecondition("exec in container \(entry.record.id): \(setup.message)")
            default: throw .internal("exec in container \(entry.record.id): \(error)")
            }
        }
    }

    // MARK: Names

    static func sandboxName(_ metadata: Runtime_V1_PodSandboxMetadata) -> String {
        "\(metadata.name)_\(metadata.namespace)_\(metadata.uid)_\(metadata.attempt)"
    }

    static func containerName(_ sandboxID: String, _ metadata: Runtime_V1_ContainerMetadata) -> String {
        "\(metadata.name)_\(metadata.attempt)_\(sandboxID.prefix(12))"
    }

    /// 64 hex characters, like containerd's ids.
    static func newID() -> String {
        (0..<4).map { _ in
            let hex = String(UInt64.random(in: 0...UInt64.max), radix: 16)
            return String(repeating: "0", count: 16 - hex.count) + hex
        }.joined()
    }
}
