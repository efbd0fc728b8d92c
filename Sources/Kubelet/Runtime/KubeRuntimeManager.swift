import CRI
import Foundation
import KubeAPI
import Logging

/// The outcome of one `syncPod`: start failures by container name (the waiting reasons the
/// status shows), the containers started, and when to sync again (a back-off ending).
public struct PodSyncResult: Sendable {
    public var failures: [String: ContainerStartFailure] = [:]
    public var started: Set<String> = []
    public var requeueAfter: Duration?
    public var sandboxError: String?

    mutating func requeue(after delay: Duration?) {
        guard let delay else { return }
        requeueAfter = min(requeueAfter ?? delay, delay)
    }
}

/// The kubelet's side of CRI (upstream's kubeGenericRuntimeManager): reads a pod's runtime
/// status, executes `computePodActions` in SyncPod's numbered steps, and kills pods.
public final class KubeRuntimeManager: Sendable {
    public let cri: CRIClient
    public let sandboxes: PodSandboxConfigBuilder
    let containers: ContainerConfigBuilder
    let images: ImageManager
    /// Crash-looping containers, keyed by pod and container.
    let backOff: BackOff
    let events: any KubeletEventRecorder
    let environment: any ContainerEnvironmentResolver
    let hooks: (any ContainerLifecycleHooks)?
    let nodeName: String
    let logger: Logger

    public init(cri: CRIClient, sandboxes: PodSandboxConfigBuilder, containers: ContainerConfigBuilder, images: ImageManager,
                backOff: BackOff, events: any KubeletEventRecorder, environment: any ContainerEnvironmentResolver,
                hooks: (any ContainerLifecycleHooks)?, nodeName: String, logger: Logger) {
        self.cri = cri
        self.sandboxes = sandboxes
        self.containers = containers
        self.images = images
        self.backOff = backOff
        self.events = events
        self.environment = environment
        self.hooks = hooks
        self.nodeName = nodeName
        self.logger = logger
    }

    // MARK: Reading the runtime

    /// Everything the runtime has for the pod with this UID.
    public func podStatus(uid: String, name: String, namespace: String) async throws -> RuntimePodStatus {
        var sandboxRequest = Runtime_V1_ListPodSandboxRequest()
        sandboxRequest.filter.labelSelector = [KubeletLabels.podUID: uid]
        let sandboxList = try await call("ListPodSandbox", uid) { try await self.cri.runtime.listPodSandbox(sandboxRequest).items }
        var sandboxes: [RuntimeSandboxStatus] = []
        for sandbox in sandboxList {
            var request = Runtime_V1_PodSandboxStatusRequest()
            request.podSandboxID = sandbox.id
            guard let status = try? await cri.runtime.podSandboxStatus(request).status else { continue }
            sandboxes.append(RuntimeSandboxStatus(
                id: status.id, ready: status.state == .sandboxReady, createdAt: status.createdAt,
                attempt: status.metadata.attempt, ip: status.network.ip, additionalIPs: status.network.additionalIps.map(\.ip),
                hostNetwork: status.linux.namespaces.options.network == .node))
        }
        var containerRequest = Runtime_V1_ListContainersRequest()
        containerRequest.filter.labelSelector = [KubeletLabels.podUID: uid]
        let containerList = try await call("ListContainers", uid) { try await self.cri.runtime.listContainers(containerRequest).containers }
        var containers: [RuntimeContainerStatus] = []
        for container in containerList {
            var request = Runtime_V1_ContainerStatusRequest()
            request.containerID = container.id
            guard let status = try? await cri.runtime.containerStatus(request).status else { continue }
            containers.append(Self.convert(status, sandboxID: container.podSandboxID))
        }
        return RuntimePodStatus(uid: uid, name: name, namespace: namespace, sandboxes: sandboxes, containers: containers)
    }

    static func convert(_ status: Runtime_V1_ContainerStatus, sandboxID: String) -> RuntimeContainerStatus {
        let state: RuntimeContainerStatus.State
        switch status.state {
        case .containerCreated: state = .created
        case .containerRunning: state = .running
        case .containerExited: state = .exited
        default: state = .unknown
        }
        return RuntimeContainerStatus(
            id: status.id, name: status.labels[KubeletLabels.containerName] ?? status.metadata.name, state: state,
            createdAt: status.createdAt, startedAt: status.startedAt, finishedAt: status.finishedAt, exitCode: status.exitCode,
            reason: status.reason, message: status.message, image: status.image.image, imageRef: status.imageRef,
            restartCount: Int32(status.annotations[KubeletLabels.containerRestartCount] ?? "") ?? Int32(status.metadata.attempt),
            hash: status.annotations[KubeletLabels.containerHash] ?? "", sandboxID: sandboxID)
    }

    // MARK: SyncPod

    /// Brings the pod's containers to its spec: kill what must go, create the sandbox if needed,
    /// start the next init container or the app containers (each behind its back-off).
    public func syncPod(_ pod: Pod, status: RuntimePodStatus, health: ContainerHealth, hostIP: String?,
                        mounts: any ContainerMountProvider) async -> PodSyncResult {
        var result = PodSyncResult()
        let actions = computePodActions(pod: pod, status: status, health: health)
        if actions.createSandbox && !status.sandboxes.isEmpty {
            events.normal(pod, "SandboxChanged", "Pod sandbox changed, it will be killed and re-created.")
        }
        // Step 1-2: kill the pod, or the containers that must go.
        if actions.killPod {
            do {
                try await killPod(pod, status: status, gracePeriodOverride: nil)
            } catch {
                logger.warning("kill pod \(Self.describe(pod)): \(error)")
                result.requeue(after: .seconds(1))
                return result
            }
            if !actions.createSandbox { return result }
        } else {
            for kill in actions.containersToKill {
                guard let container = (pod.spec.containers + (pod.spec.initContainers ?? [])).first(where: { $0.name == kill.name }) else { continue }
                do {
                    try await killContainer(pod, container: container, id: kill.id, message: kill.message, gracePeriodOverride: nil)
                } catch {
                    logger.warning("kill container \(kill.name) of \(Self.describe(pod)): \(error)")
                }
            }
        }

        // Step 3: the sandbox.
        var sandboxID = actions.sandboxID
        var podIPs = status.podIPs
        let sandboxConfig = sandboxes.config(pod, attempt: actions.attempt)
        if actions.createSandbox {
            do {
                try FileManager.default.createDirectory(atPath: sandboxConfig.logDirectory, withIntermediateDirectories: true)
                var request = Runtime_V1_RunPodSandboxRequest()
                request.config = sandboxConfig
                sandboxID = try await call("RunPodSandbox", Self.describe(pod)) { try await self.cri.runtime.runPodSandbox(request).podSandboxID }
                var statusRequest = Runtime_V1_PodSandboxStatusRequest()
                statusRequest.podSandboxID = sandboxID
                let sandbox = try await call("PodSandboxStatus", sandboxID) { try await self.cri.runtime.podSandboxStatus(statusRequest).status }
                podIPs = ([sandbox.network.ip] + sandbox.network.additionalIps.map(\.ip)).filter { !$0.isEmpty }
                if !(pod.spec.hostNetwork ?? false) && podIPs.isEmpty {
                    // A pod network without an address is a failed sandbox (upstream's runtimes fail
                    // RunPodSandbox when CNI does); keeping it would recreate it on every sync.
                    var stop = Runtime_V1_StopPodSandboxRequest()
                    stop.podSandboxID = sandboxID
                    _ = try? await cri.runtime.stopPodSandbox(stop)
                    var remove = Runtime_V1_RemovePodSandboxRequest()
                    remove.podSandboxID = sandboxID
                    _ = try? await cri.runtime.removePodSandbox(remove)
                    throw RuntimeCallError("RunPodSandbox", Self.describe(pod),
                                           SandboxNetworkError(detail: "the runtime gave the pod network no IP address (is CNI configured?)"))
                }
            } catch {
                let message = "Failed to create pod sandbox: \(RuntimeCallError.describe(error))"
                events.warning(pod, "FailedCreatePodSandBox", message)
                logger.warning("\(Self.describe(pod)): \(message)")
                result.sandboxError = message
                result.requeue(after: .seconds(10))
                return result
            }
        }
        if pod.spec.hostNetwork ?? false, let hostIP { podIPs = [hostIP] }

        let context = StartContext(pod: pod, status: status, sandboxID: sandboxID, sandboxConfig: sandboxConfig,
                                   podIPs: podIPs, hostIP: hostIP, mounts: mounts)
        // Step 4: the next init container, alone.
        if let name = actions.nextInitContainerToStart, let container = pod.spec.initContainers?.first(where: { $0.name == name }) {
            await startContainer(container, isInit: true, context, &result)
            return result
        }
        // Step 5: the app containers.
        for name in actions.containersToStart {
            guard let container = pod.spec.containers.first(where: { $0.name == name }) else { continue }
            await startContainer(container, isInit: false, context, &result)
        }
        return result
    }

    struct StartContext {
        var pod: Pod
        var status: RuntimePodStatus
        var sandboxID: String
        var sandboxConfig: Runtime_V1_PodSandboxConfig
        var podIPs: [String]
        var hostIP: String?
        var mounts: any ContainerMountProvider
    }

    static func fieldPath(_ container: Container, isInit: Bool) -> String {
        isInit ? "spec.initContainers{\(container.name)}" : "spec.containers{\(container.name)}"
    }

    /// upstream's format.Pod: `name_namespace(uid)`.
    static func describe(_ pod: Pod) -> String {
        "\(pod.metadata.name ?? "")_\(pod.metadata.namespace ?? "")(\(pod.metadata.uid ?? ""))"
    }

    func backOffKey(_ pod: Pod, _ container: Container) -> String {
        "\(pod.metadata.name ?? "")_\(pod.metadata.namespace ?? "")_\(pod.metadata.uid ?? "")_\(container.name)"
    }

    func startContainer(_ container: Container, isInit: Bool, _ context: StartContext, _ result: inout PodSyncResult) async {
        let pod = context.pod
        let fieldPath = Self.fieldPath(container, isInit: isInit)
        let latest = context.status.latest(container.name)

        // Back-off: a container that exited restarts only once its back-off from that exit is over.
        if let latest, latest.state == .exited, let finished = latest.finishedDate {
            let key = backOffKey(pod, container)
            if backOff.isInBackOffSince(key, eventTime: finished) {
                let message = "back-off \(backOff.get(key).goString) restarting failed container=\(container.name) pod=\(Self.describe(pod))"
                events.warning(pod, "BackOff", "Back-off restarting failed container \(container.name) in pod \(Self.describe(pod))",
                               fieldPath: fieldPath)
                result.failures[container.name] = ContainerStartFailure(reason: "CrashLoopBackOff", message: message)
                result.requeue(after: backOff.remaining(key, eventTime: finished) ?? .seconds(1))
                return
            }
            backOff.next(key, eventTime: finished)
        }

        do throws(ContainerStartFailure) {
            let imageRef = try await images.ensureImage(pod: pod, container: container, fieldPath: fieldPath)
            let restartCount = latest.map { $0.restartCount + 1 } ?? nextRestartCountFromLogs(context, container)
            let environment: [(name: String, value: String)]
            let mounts: [Runtime_V1_Mount]
            do {
                environment = try await self.environment.resolve(
                    container: container, pod: pod, podIP: context.podIPs.first, podIPs: context.podIPs, hostIP: context.hostIP,
                    nodeName: nodeName)
                let variables = Dictionary(environment.map { ($0.name, $0.value) }, uniquingKeysWith: { _, last in last })
                mounts = try context.mounts.mounts(for: container, environment: variables)
            } catch {
                throw ContainerStartFailure(reason: "CreateContainerConfigError", message: "\(error)")
            }
            let config = containers.config(pod: pod, container: container, imageRef: imageRef, restartCount: restartCount,
                                           environment: environment, mounts: mounts,
                                           expand: { self.environment.expand($0, with: $1) })
            try? FileManager.default.createDirectory(atPath: context.sandboxConfig.logDirectory + "/" + container.name,
                                                     withIntermediateDirectories: true)
            let id: String
            do {
                var request = Runtime_V1_CreateContainerRequest()
                request.podSandboxID = context.sandboxID
                request.config = config
                request.sandboxConfig = context.sandboxConfig
                id = try await cri.runtime.createContainer(request).containerID
            } catch {
                throw ContainerStartFailure(reason: "CreateContainerError", message: RuntimeCallError.describe(error))
            }
            events.normal(pod, "Created", "Created container \(container.name)", fieldPath: fieldPath)
            do {
                var request = Runtime_V1_StartContainerRequest()
                request.containerID = id
                _ = try await cri.runtime.startContainer(request)
            } catch {
                throw ContainerStartFailure(reason: "RunContainerError", message: RuntimeCallError.describe(error))
            }
            events.normal(pod, "Started", "Started container \(container.name)", fieldPath: fieldPath)
            if let postStart = container.lifecycle?.postStart, let hooks {
                do {
                    try await hooks.run(postStart, pod: pod, container: container, containerID: id, podIP: context.podIPs.first)
                } catch {
                    let message = "\(error)"
                    events.warning(pod, "FailedPostStartHook", message, fieldPath: fieldPath)
                    try? await killContainer(pod, container: container, id: id, message: "FailedPostStartHook", gracePeriodOverride: nil)
                    throw ContainerStartFailure(reason: "PostStartHookError", message: message)
                }
            }
            result.started.insert(container.name)
        } catch {
            if error.reason != "ErrImagePull" && error.reason != "ImagePullBackOff" && error.reason != "ErrImageNeverPull" {
                events.warning(pod, "Failed", "Error: \(error.message)", fieldPath: fieldPath)
            }
            logger.info("\(Self.describe(pod)) container \(container.name): \(error)")
            result.failures[container.name] = error
            result.requeue(after: error.reason == "ImagePullBackOff" || error.reason == "ErrImagePull"
                ? max(images.backOff.initial / 2, .seconds(1)) : .seconds(2))
        }
    }

    /// With no runtime record of the container (removed), the next restart count is one past the
    /// highest `<n>.log` in its log directory, as upstream does.
    func nextRestartCountFromLogs(_ context: StartContext, _ container: Container) -> Int32 {
        let directory = context.sandboxConfig.logDirectory + "/" + container.name
        let counts = ((try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? [])
            .compactMap { $0.hasSuffix(".log") ? Int32($0.dropLast(4)) : nil }
        return counts.max().map { $0 + 1 } ?? 0
    }

    // MARK: Killing

    /// The grace period for stopping a container: the deletion's, else the spec's (default 30 s),
    /// never below 2 s unless overridden — upstream's killContainer rule.
    static func gracePeriod(_ pod: Pod?, override: Int64?) -> Int64 {
        if let override { return override }
        let grace = pod?.metadata.deletionGracePeriodSeconds ?? pod?.spec.terminationGracePeriodSeconds ?? 30
        return max(grace, 2)
    }

    func killContainer(_ pod: Pod?, container: Container?, id: String, message: String, gracePeriodOverride: Int64?) async throws {
        var grace = Self.gracePeriod(pod, override: gracePeriodOverride)
        if let pod, let container {
            let fieldPath = Self.fieldPath(container, isInit: pod.spec.initContainers?.contains(where: { $0.name == container.name }) ?? false)
            if let preStop = container.lifecycle?.preStop, let hooks, grace > 0 {
                let started = ContinuousClock.now
                do {
                    try await withTimeout(.seconds(grace)) {
                        try await hooks.run(preStop, pod: pod, container: container, containerID: id, podIP: pod.status.podIP)
                    }
                } catch {
                    events.warning(pod, "FailedPreStopHook", "\(error)", fieldPath: fieldPath)
                }
                grace = max(grace - Int64((ContinuousClock.now - started).seconds), 2)
            }
            events.normal(pod, "Killing", message.isEmpty ? "Stopping container \(container.name)" : message, fieldPath: fieldPath)
        }
        var request = Runtime_V1_StopContainerRequest()
        request.containerID = id
        request.timeout = grace
        try await call("StopContainer", id) { _ = try await self.cri.runtime.stopContainer(request) }
    }

    /// Stops every running container (in parallel, each with its grace period), then every sandbox.
    public func killPod(_ pod: Pod?, status: RuntimePodStatus, gracePeriodOverride: Int64?) async throws {
        let running = status.containers.filter { $0.state == .running || $0.state == .unknown || $0.state == .created }
        let specs = pod.map { $0.spec.containers + ($0.spec.initContainers ?? []) } ?? []
        try await withThrowingTaskGroup(of: Void.self) { group in
            for container in running {
                let spec = specs.first { $0.name == container.name }
                group.addTask {
                    try await self.killContainer(pod, container: spec, id: container.id,
                                                 message: spec.map { "Stopping container \($0.name)" } ?? "",
                                                 gracePeriodOverride: gracePeriodOverride)
                }
            }
            try await group.waitForAll()
        }
        for sandbox in status.sandboxes where sandbox.ready {
            var request = Runtime_V1_StopPodSandboxRequest()
            request.podSandboxID = sandbox.id
            try await call("StopPodSandbox", sandbox.id) { _ = try await self.cri.runtime.stopPodSandbox(request) }
        }
    }

    /// Removes the pod's sandboxes (and with them its containers) from the runtime.
    public func removePod(_ status: RuntimePodStatus) async throws {
        for sandbox in status.sandboxes {
            var request = Runtime_V1_RemovePodSandboxRequest()
            request.podSandboxID = sandbox.id
            try await call("RemovePodSandbox", sandbox.id) { _ = try await self.cri.runtime.removePodSandbox(request) }
        }
        for container in status.containers where !status.sandboxes.contains(where: { $0.id == container.sandboxID }) {
            var request = Runtime_V1_RemoveContainerRequest()
            request.containerID = container.id
            try await call("RemoveContainer", container.id) { _ = try await self.cri.runtime.removeContainer(request) }
        }
    }

    // MARK: Relisting (PLEG)

    /// One pass over the runtime: per pod UID, the state of each sandbox and container.
    public func relist() async throws -> [String: PodRuntimeFingerprint] {
        let sandboxes = try await call("ListPodSandbox", "all") { try await self.cri.runtime.listPodSandbox(Runtime_V1_ListPodSandboxRequest()).items }
        let containers = try await call("ListContainers", "all") { try await self.cri.runtime.listContainers(Runtime_V1_ListContainersRequest()).containers }
        var pods: [String: PodRuntimeFingerprint] = [:]
        for sandbox in sandboxes {
            guard let uid = sandbox.labels[KubeletLabels.podUID] else { continue }
            pods[uid, default: PodRuntimeFingerprint(uid: uid, name: sandbox.metadata.name, namespace: sandbox.metadata.namespace)]
                .states[sandbox.id] = sandbox.state == .sandboxReady ? "ready" : "notready"
        }
        for container in containers {
            guard let uid = container.labels[KubeletLabels.podUID] else { continue }
            pods[uid, default: PodRuntimeFingerprint(uid: uid, name: container.labels[KubeletLabels.podName] ?? "",
                                                     namespace: container.labels[KubeletLabels.podNamespace] ?? "")]
                .states[container.id] = "\(container.state)"
        }
        return pods
    }

    func call<T>(_ name: String, _ object: String, _ body: () async throws -> T) async throws -> T {
        do {
            return try await body()
        } catch {
            throw RuntimeCallError(name, object, error)
        }
    }
}

public struct SandboxNetworkError: Error, CustomStringConvertible, Sendable {
    public var detail: String
    public var description: String { detail }
}

/// The runtime objects of one pod and their states, compared between relists.
public struct PodRuntimeFingerprint: Sendable, Equatable {
    public var uid: String
    public var name: String
    public var namespace: String
    /// Sandbox or container id → state.
    public var states: [String: String] = [:]
}

/// Runs `body`, throwing CancellationError if it takes longer than `timeout`.
func withTimeout<T: Sendable>(_ timeout: Duration, _ body: @escaping @Sendable () async throws -> T) async throws -> T {
    try await withThrowingTaskGroup(of: T.self) { group in
        group.addTask { try await body() }
        group.addTask {
            try await Task.sleep(for: timeout)
            throw CancellationError()
        }
        let first = try await group.next()!
        group.cancelAll()
        return first
    }
}
