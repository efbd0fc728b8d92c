import Foundation
import KubeAPI

/// The API status of a pod from what the runtime reports, as upstream's generateAPIPodStatus
/// (pkg/kubelet/kubelet_pods.go) and getPhase compute it. Pure: the clock, probe results and the
/// last start failures are inputs.
public struct PodStatusGenerator: Sendable {
    public var hostIPs: [String]
    /// Readiness by container name (nil: no readiness probe, so ready = running).
    public var readiness: @Sendable (_ containerName: String) -> Bool?
    /// Startup probe results likewise (nil: started = running).
    public var started: @Sendable (_ containerName: String) -> Bool?
    public var now: @Sendable () -> Date

    public init(hostIPs: [String], readiness: @escaping @Sendable (String) -> Bool? = { _ in nil },
                started: @escaping @Sendable (String) -> Bool? = { _ in nil }, now: @escaping @Sendable () -> Date = Date.init) {
        self.hostIPs = hostIPs
        self.readiness = readiness
        self.started = started
        self.now = now
    }

    public static let containerIDScheme = "kubeswift://"

    /// - Parameters:
    ///   - failures: the last start failure per container name (cleared when a start succeeds).
    ///   - podIsTerminal: the kubelet has stopped the pod for good (deleted, or done): a phase
    ///     that is not Succeeded or Failed yet becomes one, from how its containers ended.
    public func generate(pod: Pod, runtime: RuntimePodStatus, failures: [String: ContainerStartFailure],
                         podIsTerminal: Bool = false) -> PodStatus {
        let old = pod.status
        var status = PodStatus()
        status.observedGeneration = old.observedGeneration
        status.nominatedNodeName = old.nominatedNodeName
        status.qosClass = QOSClass.of(pod).rawValue
        status.hostIP = hostIPs.first
        status.hostIPs = hostIPs.isEmpty ? nil : hostIPs.map { HostIP(ip: $0) }
        let podIPs = (pod.spec.hostNetwork ?? false) ? hostIPs : runtime.podIPs
        status.podIP = podIPs.first
        status.podIPs = podIPs.isEmpty ? nil : podIPs.map { PodIP(ip: $0) }
        status.startTime = old.startTime ?? Time(now())

        let initContainers = pod.spec.initContainers ?? []
        let initStatuses = initContainers.map {
            containerStatus($0, pod: pod, runtime: runtime, failure: failures[$0.name], defaultWaiting: "PodInitializing", isInit: true)
        }
        let initialized = initContainersDone(pod: pod, runtime: runtime, statuses: initStatuses)
        let appStatuses = pod.spec.containers.map {
            containerStatus($0, pod: pod, runtime: runtime, failure: failures[$0.name],
                            defaultWaiting: initialized ? "ContainerCreating" : "PodInitializing", isInit: false)
        }
        status.initContainerStatuses = initContainers.isEmpty ? nil : initStatuses
        status.containerStatuses = appStatuses

        var phase: String
        if old.phase == "Succeeded" || old.phase == "Failed" {
            phase = old.phase!  // terminal phases never change back
        } else {
            phase = Self.phase(pod: pod, initStatuses: initStatuses, appStatuses: appStatuses)
            if podIsTerminal && phase != "Succeeded" && phase != "Failed" {
                let allSucceeded = !appStatuses.isEmpty && appStatuses.allSatisfy { $0.state.terminated?.exitCode == 0 }
                phase = allSucceeded ? "Succeeded" : "Failed"
            }
        }
        status.phase = phase
        if phase == "Succeeded" || phase == "Failed" {
            // A finished pod's containers are not ready, whatever their probes said last.
            status.containerStatuses = status.containerStatuses?.map { var s = $0; s.ready = false; return s }
        }
        status.conditions = conditions(pod: pod, runtime: runtime, phase: phase, initStatuses: initStatuses,
                                       initialized: initialized, appStatuses: status.containerStatuses ?? [])
        return status
    }

    // MARK: Containers

    func containerStatus(_ container: Container, pod: Pod, runtime: RuntimePodStatus, failure: ContainerStartFailure?,
                         defaultWaiting: String, isInit: Bool) -> ContainerStatus {
        var status = ContainerStatus(name: container.name, image: container.image ?? "")
        let instances = runtime.instances(container.name)
        guard let latest = instances.first else {
            status.state = ContainerState(waiting: failure.map { ContainerStateWaiting(reason: $0.reason, message: $0.message) }
                ?? ContainerStateWaiting(reason: defaultWaiting))
            // Keep what the API last showed about earlier runs (containers may have been removed since).
            if let previous = (isInit ? pod.status.initContainerStatuses : pod.status.containerStatuses)?
                .first(where: { $0.name == container.name }) {
                status.restartCount = previous.restartCount
                status.lastState = previous.lastState
            }
            status.started = false
            return status
        }
        status.containerID = Self.containerIDScheme + latest.id
        status.imageID = latest.imageRef
        status.restartCount = latest.restartCount
        if instances.count > 1, let previous = terminatedState(instances[1]).terminated {
            status.lastState = ContainerState(terminated: previous)
        }
        switch latest.state {
        case .running:
            status.state = ContainerState(running: ContainerStateRunning(startedAt: latest.startedDate.map(Time.init)))
            let started = self.started(container.name) ?? true
            status.started = started
            status.ready = started && (readiness(container.name) ?? true)
        case .exited:
            status.state = terminatedState(latest)
            status.started = false
        case .created, .unknown:
            status.state = ContainerState(waiting: ContainerStateWaiting(reason: "ContainerCreating"))
            status.started = false
        }
        if let failure, latest.state != .running {
            // A failed (re)start: the attempt that ended moves to lastState, the failure shows as waiting.
            if latest.state == .exited { status.lastState = terminatedState(latest) }
            status.state = ContainerState(waiting: ContainerStateWaiting(reason: failure.reason, message: failure.message))
        }
        return status
    }

    func terminatedState(_ instance: RuntimeContainerStatus) -> ContainerState {
        guard instance.state == .exited else { return ContainerState() }
        let reason = instance.reason.isEmpty ? (instance.exitCode == 0 ? "Completed" : "Error") : instance.reason
        return ContainerState(terminated: ContainerStateTerminated(
            exitCode: instance.exitCode, reason: reason, message: instance.message.isEmpty ? nil : instance.message,
            startedAt: instance.startedDate.map(Time.init), finishedAt: instance.finishedDate.map(Time.init),
            containerID: Self.containerIDScheme + instance.id))
    }

    func initContainersDone(pod: Pod, runtime: RuntimePodStatus, statuses: [ContainerStatus]) -> Bool {
        if statuses.isEmpty { return true }
        if pod.spec.containers.contains(where: { runtime.latest($0.name) != nil }) { return true }
        return statuses.allSatisfy { $0.state.terminated?.exitCode == 0 }
    }

    // MARK: Phase

    /// Upstream's getPhase.
    static func phase(pod: Pod, initStatuses: [ContainerStatus], appStatuses: [ContainerStatus]) -> String {
        var pendingInitialization = 0, failedInitialization = 0
        for status in initStatuses {
            if status.state.running != nil {
                pendingInitialization += 1
            } else if let terminated = status.state.terminated {
                if terminated.exitCode != 0 { failedInitialization += 1 }
            } else if status.state.waiting != nil {
                if let last = status.lastState.terminated {
                    if last.exitCode != 0 { failedInitialization += 1 }
                } else {
                    pendingInitialization += 1
                }
            } else {
                pendingInitialization += 1
            }
        }
        var unknown = 0, running = 0, waiting = 0, stopped = 0, succeeded = 0
        for status in appStatuses {
            if status.state.running != nil {
                running += 1
            } else if let terminated = status.state.terminated {
                stopped += 1
                if terminated.exitCode == 0 { succeeded += 1 }
            } else if status.state.waiting != nil {
                if status.lastState.terminated != nil { stopped += 1 } else { waiting += 1 }
            } else {
                unknown += 1
            }
        }
        let restartPolicy = pod.spec.restartPolicy ?? "Always"
        if failedInitialization > 0 && restartPolicy == "Never" { return "Failed" }
        if pendingInitialization > 0 || waiting > 0 { return "Pending" }
        if running > 0 && unknown == 0 { return "Running" }
        if running == 0 && stopped > 0 && unknown == 0 {
            if restartPolicy == "Always" { return "Running" }
            if stopped == succeeded { return "Succeeded" }
            if restartPolicy == "Never" { return "Failed" }
            return "Running"
        }
        return "Pending"
    }

    // MARK: Conditions

    func conditions(pod: Pod, runtime: RuntimePodStatus, phase: String, initStatuses: [ContainerStatus], initialized: Bool,
                    appStatuses: [ContainerStatus]) -> [PodCondition] {
        let old = pod.status.conditions ?? []
        let now = Time(self.now())
        func condition(_ type: String, _ value: Bool, reason: String? = nil, message: String? = nil) -> PodCondition {
            let status = value ? "True" : "False"
            let previous = old.first { $0.type == type }
            let transition = previous?.status == status ? (previous?.lastTransitionTime ?? now) : now
            return PodCondition(type: type, status: status, lastProbeTime: nil, lastTransitionTime: transition,
                                reason: value ? nil : reason, message: value ? nil : message)
        }
        let sandbox = runtime.sandboxes.first
        let sandboxReady = sandbox.map { $0.ready && ((pod.spec.hostNetwork ?? false) || !$0.ip.isEmpty) } ?? false

        let incomplete = initStatuses.filter { $0.state.terminated?.exitCode != 0 }.map(\.name)
        let initializedCondition = initialized
            ? condition("Initialized", true)
            : condition("Initialized", false, reason: "ContainersNotInitialized",
                        message: "containers with incomplete status: [\(incomplete.joined(separator: " "))]")

        let unready = appStatuses.filter { !$0.ready }.map(\.name)
        let containersReady: PodCondition
        if phase == "Succeeded" {
            containersReady = condition("ContainersReady", false, reason: "PodCompleted")
        } else if !initialized {
            containersReady = condition("ContainersReady", false, reason: "ContainersNotInitialized",
                                        message: "containers with incomplete status: [\(incomplete.joined(separator: " "))]")
        } else if !unready.isEmpty {
            containersReady = condition("ContainersReady", false, reason: "ContainersNotReady",
                                        message: "containers with unready status: [\(unready.joined(separator: " "))]")
        } else {
            containersReady = condition("ContainersReady", true)
        }
        var ready = condition("Ready", containersReady.status == "True", reason: containersReady.reason, message: containersReady.message)
        if ready.status == "True", let gates = pod.spec.readinessGates, !gates.isEmpty {
            let missing = gates.map(\.conditionType).filter { type in old.first { $0.type == type }?.status != "True" }
            if !missing.isEmpty {
                ready = condition("Ready", false, reason: "ReadinessGatesNotReady",
                                  message: "corresponding condition of pod readiness gate \(missing.map { "\"\($0)\"" }.joined(separator: ", ")) does not exist.")
            }
        }

        var conditions: [PodCondition] = []
        conditions.append(condition("PodReadyToStartContainers", sandboxReady))
        conditions.append(initializedCondition)
        conditions.append(ready)
        conditions.append(containersReady)
        conditions.append(old.first { $0.type == "PodScheduled" } ?? condition("PodScheduled", true))
        // Conditions others own (readiness gates, DisruptionTarget…) stay as they are.
        let ours: Set<String> = ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"]
        conditions += old.filter { !ours.contains($0.type) }
        return conditions
    }
}
