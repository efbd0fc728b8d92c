import KubeAPI
import Logging
import Synchronization

/// Runs the liveness, readiness and startup probes of every pod on the node: one worker per
/// (pod, container, probe kind), results kept per container ID so that a restarted container starts
/// over (upstream's prober_manager.go). The kubelet feeds it after every pod sync and reads readiness
/// and startedness back when it computes the pod's status.
public final class ProbeManager: Sendable {
    private let context: ProbeContext
    private let workers = Mutex<[ProbeWorker.Key: ProbeWorker]>([:])

    /// onLivenessFailure: a liveness or startup probe crossed its failure threshold; the message is
    /// upstream's kill reason ("Container web failed liveness probe" / "… failed startup probe") —
    /// the kubelet kills the container with a Killing event (appending ", will be restarted" when it will).
    /// onResultChange: a readiness or startup result flipped — the kubelet resyncs the pod's status.
    public convenience init(runner: any ContainerCommandRunner, events: any KubeletEventRecorder, logger: Logger,
                            onResultChange: @escaping @Sendable (_ podUID: String) -> Void,
                            onLivenessFailure: @escaping @Sendable (_ podUID: String, _ containerName: String, _ message: String) -> Void) {
        self.init(runner: runner, events: events, logger: logger, periodUnit: .seconds(1),
                  onResultChange: onResultChange, onLivenessFailure: onLivenessFailure)
    }

    /// periodUnit: how long one `periodSeconds` lasts — one second; tests shorten it so that a
    /// threshold of three takes milliseconds. Timeouts and initial delays stay in real seconds.
    public init(runner: any ContainerCommandRunner, events: any KubeletEventRecorder, logger: Logger,
                periodUnit: Duration,
                onResultChange: @escaping @Sendable (_ podUID: String) -> Void,
                onLivenessFailure: @escaping @Sendable (_ podUID: String, _ containerName: String, _ message: String) -> Void) {
        context = ProbeContext(
            prober: Prober(runner: runner, events: events), logger: logger, periodUnit: periodUnit,
            onResultChange: onResultChange, onLivenessFailure: onLivenessFailure)
    }

    /// Called by the kubelet after every pod sync with the pod and its current container statuses
    /// (containerID, state.running.startedAt) and the pod IP. Starts the workers the pod's probes
    /// need and stops the ones it no longer does (a terminal pod needs none; a pod being deleted no
    /// liveness or startup probes). A container with a new ID gets probed at once, as does a running
    /// container not yet ready (upstream's UpdatePodStatus trigger).
    public func update(pod: Pod, statuses: [ContainerStatus], podIP: String?) {
        guard let podUID = pod.metadata.uid else { return }
        let previous = context.view(of: podUID)
        var byName: [String: ContainerStatus] = [:]
        for status in statuses { byName[status.name] = status }
        context.setView(.init(pod: pod, statuses: byName, podIP: podIP), for: podUID)

        let desired = Self.desiredWorkers(for: pod, podUID: podUID)
        var toStop: [ProbeWorker] = []
        var toStart: [ProbeWorker] = []
        var toTrigger: [ProbeWorker] = []
        workers.withLock { workers in
            for (key, worker) in workers where key.podUID == podUID && desired[key] == nil {
                workers.removeValue(forKey: key)
                toStop.append(worker)
            }
            for (key, wanted) in desired where workers[key] == nil {
                let worker = makeWorker(key: key, container: wanted.container, spec: wanted.probe,
                                        isInitContainer: wanted.isInitContainer)
                workers[key] = worker
                toStart.append(worker)
            }
            for (key, worker) in workers where key.podUID == podUID && !toStart.contains(where: { $0 === worker }) {
                let status = byName[key.containerName]
                if status?.containerID != previous?.statuses[key.containerName]?.containerID {
                    toTrigger.append(worker)
                } else if key.kind == .readiness, let status, status.state.running != nil,
                          let containerID = status.containerID,
                          context.result(.readiness, containerID: containerID) != .success {
                    toTrigger.append(worker)
                }
            }
        }
        toStop.forEach { $0.stop() }
        toStart.forEach { $0.start() }
        toTrigger.forEach { $0.trigger() }
    }

    /// Stops the pod's workers (each drops its results) and forgets the pod.
    public func removePod(uid: String) {
        let stopped = workers.withLock { workers in
            let keys = workers.keys.filter { $0.podUID == uid }
            return keys.compactMap { workers.removeValue(forKey: $0) }
        }
        stopped.forEach { $0.stop() }
        context.removeView(of: uid)
    }

    /// nil when the container has no readiness probe (ready = running); otherwise whether its
    /// current instance is running and its readiness probe has succeeded.
    public func isReady(podUID: String, containerName: String) -> Bool? {
        gate(.readiness, podUID: podUID, containerName: containerName)
    }

    /// nil when the container has no startup probe; otherwise whether its current instance is
    /// running and its startup probe has succeeded.
    public func isStarted(podUID: String, containerName: String) -> Bool? {
        gate(.startup, podUID: podUID, containerName: containerName)
    }

    /// The cached result for the container's current instance; nil when there is no such probe
    /// or the container has not been seen yet.
    public func result(podUID: String, containerName: String, kind: ProbeKind) -> ProbeOutcome? {
        guard hasWorker(.init(podUID: podUID, containerName: containerName, kind: kind)),
              let containerID = context.view(of: podUID)?.statuses[containerName]?.containerID
        else { return nil }
        return context.result(kind, containerID: containerID)
    }

    /// How many probe workers run (all pods); for tests and metrics.
    public var workerCount: Int { workers.withLock { $0.count } }

    private func gate(_ kind: ProbeKind, podUID: String, containerName: String) -> Bool? {
        guard hasWorker(.init(podUID: podUID, containerName: containerName, kind: kind)) else { return nil }
        guard let status = context.view(of: podUID)?.statuses[containerName], status.state.running != nil,
              let containerID = status.containerID
        else { return false }
        return context.result(kind, containerID: containerID) == .success
    }

    private func hasWorker(_ key: ProbeWorker.Key) -> Bool {
        workers.withLock { $0[key] != nil }
    }

    private func makeWorker(key: ProbeWorker.Key, container: Container, spec: Probe, isInitContainer: Bool) -> ProbeWorker {
        ProbeWorker(
            key: key, container: container, spec: spec, isInitContainer: isInitContainer, context: context,
            onStarted: { [weak self] key in
                let siblings = self?.workers.withLock { workers in
                    [ProbeKind.liveness, .readiness].compactMap {
                        workers[.init(podUID: key.podUID, containerName: key.containerName, kind: $0)]
                    }
                }
                siblings?.forEach { $0.trigger() }
            })
    }

    private struct WantedWorker {
        var container: Container
        var probe: Probe
        var isInitContainer: Bool
    }

    /// App containers' probes, and those of restartable init containers (sidecars).
    private static func desiredWorkers(for pod: Pod, podUID: String) -> [ProbeWorker.Key: WantedWorker] {
        if pod.status.phase == "Failed" || pod.status.phase == "Succeeded" { return [:] }
        let deleting = pod.metadata.deletionTimestamp != nil
        var wanted: [ProbeWorker.Key: WantedWorker] = [:]
        func add(_ container: Container, isInitContainer: Bool) {
            let probes: [(ProbeKind, Probe?)] = [
                (.readiness, container.readinessProbe),
                (.liveness, deleting ? nil : container.livenessProbe),
                (.startup, deleting ? nil : container.startupProbe),
            ]
            for case let (kind, probe?) in probes {
                wanted[.init(podUID: podUID, containerName: container.name, kind: kind)] =
                    WantedWorker(container: container, probe: probe, isInitContainer: isInitContainer)
            }
        }
        for container in pod.spec.initContainers ?? [] where container.restartPolicy == "Always" {
            add(container, isInitContainer: true)
        }
        for container in pod.spec.containers {
            add(container, isInitContainer: false)
        }
        return wanted
    }
}
