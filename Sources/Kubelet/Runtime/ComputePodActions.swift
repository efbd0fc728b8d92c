import KubeAPI

/// Why a running container must be restarted though it has not exited: the prober's verdicts.
public struct ContainerHealth: Sendable, Equatable {
    /// Container name → the failure message, for containers whose liveness probe failed.
    public var livenessFailures: [String: String]
    /// Likewise for startup probes.
    public var startupFailures: [String: String]

    public init(livenessFailures: [String: String] = [:], startupFailures: [String: String] = [:]) {
        self.livenessFailures = livenessFailures
        self.startupFailures = startupFailures
    }

    public static let healthy = ContainerHealth()
}

/// The diff between a pod's spec and what the runtime runs for it, as upstream's
/// kuberuntime_manager.go computePodActions: pure, so every restart-policy case is a unit test.
///
/// 1. A missing, not-ready or stale sandbox means a new sandbox and every container (re)started
///    from the beginning (the first init container, else the app containers), unless the pod
///    already ran to completion under restartPolicy Never.
/// 2. Init containers run one at a time; a failed one is retried (OnFailure, Always) or fails
///    the pod (Never, by killing it). App containers wait for all of them.
/// 3. App containers that are not running are started when the restart policy says so; running
///    ones whose spec changed or whose liveness/startup probe failed are killed (and restarted).
/// 4. Nothing running and nothing to start: kill the pod (stop its sandbox).
public func computePodActions(pod: Pod, status: RuntimePodStatus, health: ContainerHealth = .healthy) -> PodActions {
    let restartPolicy = pod.spec.restartPolicy ?? "Always"
    let restartOnFailure = restartPolicy != "Never"
    let (sandboxChanged, attempt, sandboxID) = podSandboxChanged(pod: pod, status: status)
    var actions = PodActions(killPod: sandboxChanged, createSandbox: sandboxChanged, sandboxID: sandboxID, attempt: attempt)

    if sandboxChanged {
        if !restartOnFailure && attempt != 0 && !status.containers.isEmpty {
            // The pod ran once under restartPolicy Never; a lost sandbox is not a reason to run it again.
            actions.createSandbox = false
            return actions
        }
        let toStart = pod.spec.containers.map(\.name).filter { name in
            !(restartPolicy == "OnFailure" && containerSucceeded(name, status))
        }
        if toStart.isEmpty {
            actions.createSandbox = false
            return actions
        }
        if let first = pod.spec.initContainers?.first {
            actions.nextInitContainerToStart = first.name
        } else {
            actions.containersToStart = toStart
        }
        return actions
    }

    // Initialization: app containers wait until every init container has succeeded.
    let progress = initContainerProgress(pod: pod, status: status)
    if !progress.done {
        if let next = progress.next {
            let failed = progress.lastStatus.map(isInitContainerFailed) ?? false
            if failed && !restartOnFailure {
                actions.killPod = true
            } else {
                if let last = progress.lastStatus, last.state == .unknown {
                    actions.containersToKill.append(ContainerToKill(
                        id: last.id, name: last.name, reason: .unknownState,
                        message: "Init container is in \"unknown\" state, try killing it before restart"))
                }
                actions.nextInitContainerToStart = next
            }
        }
        return actions
    }

    var keepCount = 0
    for container in pod.spec.containers {
        let latest = status.latest(container.name)
        guard let running = latest, running.state == .running else {
            if shouldContainerBeRestarted(container, pod: pod, status: status) {
                actions.containersToStart.append(container.name)
                if let latest, latest.state == .unknown {
                    actions.containersToKill.append(ContainerToKill(
                        id: latest.id, name: container.name, reason: .unknownState,
                        message: "Container is in \"unknown\" state, try killing it before restart"))
                }
            }
            continue
        }
        var restart = restartOnFailure
        let message: String
        let reason: ContainerToKill.Reason
        if !running.hash.isEmpty && running.hash != ContainerHash.of(container) {
            message = "Container \(container.name) definition changed"
            reason = .specChanged
            restart = true
        } else if health.livenessFailures[container.name] != nil {
            message = "Container \(container.name) failed liveness probe"
            reason = .livenessProbe
        } else if health.startupFailures[container.name] != nil {
            message = "Container \(container.name) failed startup probe"
            reason = .startupProbe
        } else {
            keepCount += 1
            continue
        }
        actions.containersToKill.append(ContainerToKill(
            id: running.id, name: container.name, reason: reason, message: restart ? message + ", will be restarted" : message))
        if restart { actions.containersToStart.append(container.name) }
    }
    if keepCount == 0 && actions.containersToStart.isEmpty {
        actions.killPod = true
    }
    return actions
}

/// Upstream's ShouldContainerBeRestarted: never for a pod being deleted; always for a container
/// never started or in an unknown state; otherwise as the restart policy says about its exit.
public func shouldContainerBeRestarted(_ container: Container, pod: Pod, status: RuntimePodStatus) -> Bool {
    if pod.metadata.deletionTimestamp != nil { return false }
    guard let latest = status.latest(container.name) else { return true }
    switch latest.state {
    case .running: return false
    case .unknown, .created: return true
    case .exited:
        switch pod.spec.restartPolicy ?? "Always" {
        case "Never": return false
        case "OnFailure": return latest.exitCode != 0
        default: return true
        }
    }
}

/// Whether the pod needs a new sandbox, the attempt number it gets, and the current sandbox's id.
func podSandboxChanged(pod: Pod, status: RuntimePodStatus) -> (changed: Bool, attempt: UInt32, sandboxID: String) {
    guard let newest = status.sandboxes.first else { return (true, 0, "") }
    let readyCount = status.sandboxes.filter(\.ready).count
    if readyCount > 1 || !newest.ready { return (true, newest.attempt + 1, newest.id) }
    let hostNetwork = pod.spec.hostNetwork ?? false
    if newest.hostNetwork != hostNetwork { return (true, newest.attempt + 1, newest.id) }
    if !hostNetwork && newest.ip.isEmpty { return (true, newest.attempt + 1, newest.id) }
    return (false, newest.attempt, newest.id)
}

func containerSucceeded(_ name: String, _ status: RuntimePodStatus) -> Bool {
    guard let latest = status.latest(name) else { return false }
    return latest.state == .exited && latest.exitCode == 0
}

func isInitContainerFailed(_ status: RuntimeContainerStatus) -> Bool {
    switch status.state {
    case .exited: return status.exitCode != 0
    case .unknown: return true
    case .created, .running: return false
    }
}

/// Upstream's findNextInitContainerToRun: the last init container's status when it failed, the
/// init container to run next (nil: wait, one is running), and whether initialization is done.
func initContainerProgress(pod: Pod, status: RuntimePodStatus)
    -> (lastStatus: RuntimeContainerStatus?, next: String?, done: Bool)
{
    let initContainers = pod.spec.initContainers ?? []
    if initContainers.isEmpty { return (nil, nil, true) }
    // Once an app container exists, initialization already finished (it may have been GC'd since).
    if pod.spec.containers.contains(where: { status.latest($0.name) != nil }) { return (nil, nil, true) }
    for container in initContainers.reversed() {
        if let latest = status.latest(container.name), isInitContainerFailed(latest) {
            return (latest, container.name, false)
        }
    }
    for (index, container) in initContainers.enumerated() {
        guard let latest = status.latest(container.name) else { return (nil, container.name, false) }
        switch latest.state {
        case .running: return (nil, nil, false)
        case .exited:
            if index == initContainers.count - 1 { return (nil, nil, true) }
        case .created, .unknown:
            return (latest, container.name, false)
        }
    }
    return (nil, nil, true)
}
