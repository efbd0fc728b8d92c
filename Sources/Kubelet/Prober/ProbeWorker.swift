import Foundation
import KubeAPI
import Synchronization

/// Probes one container's one probe kind on its period until stopped (upstream's worker.go).
///
/// Per tick: no view of the pod or no container ID yet → wait; a terminal pod → exit; a new
/// container ID → drop the old instance's result and set the kind's initial value (readiness
/// failure, liveness success, startup unknown), resuming probing; a container that is not running →
/// failure; a pod being deleted → liveness/startup success and exit; within initialDelaySeconds of
/// startedAt → wait; liveness and readiness wait until the startup probe has succeeded, and the
/// startup probe stops once it has; otherwise probe, and change the result only after
/// successThreshold / failureThreshold equal results in a row. A liveness or startup failure puts
/// the worker on hold until the kubelet has restarted the container (a new container ID).
final class ProbeWorker: Sendable {
    struct Key: Hashable, Sendable {
        var podUID: String
        var containerName: String
        var kind: ProbeKind
    }

    let key: Key
    let container: Container
    let spec: Probe
    let isInitContainer: Bool
    private let settings: ProbeSettings
    private let context: ProbeContext
    private let onStarted: @Sendable (Key) -> Void
    private let wake = WakeSignal()
    private let task = Mutex<Task<Void, Never>?>(nil)

    /// The loop's memory between ticks (touched only by the loop task).
    private struct LoopState {
        var containerID: String?
        var containerSeen: Date?
        var lastResult: ProbeOutcome?
        var resultRun = 0
        var onHold = false
    }

    init(key: Key, container: Container, spec: Probe, isInitContainer: Bool, context: ProbeContext,
         onStarted: @escaping @Sendable (Key) -> Void) {
        self.key = key
        self.container = container
        self.spec = spec
        self.isInitContainer = isInitContainer
        self.settings = ProbeSettings(spec, periodUnit: context.periodUnit)
        self.context = context
        self.onStarted = onStarted
    }

    var initialValue: ProbeOutcome {
        switch key.kind {
        case .readiness: .failure("")
        case .liveness: .success
        case .startup: .unknown
        }
    }

    var fieldPath: String {
        isInitContainer ? "spec.initContainers{\(container.name)}" : "spec.containers{\(container.name)}"
    }

    func start() {
        task.withLock { task in
            guard task == nil else { return }
            task = Task { await self.run() }
        }
    }

    /// Ends the loop; the worker drops its result.
    func stop() {
        task.withLock { $0?.cancel() }
        wake.fire()
    }

    /// Probe now instead of at the next period (upstream's manualTriggerCh).
    func trigger() {
        wake.fire()
    }

    private func run() async {
        var loop = LoopState()
        while !Task.isCancelled {
            let keepGoing = await probeOnce(&loop)
            if !keepGoing || Task.isCancelled { break }
            await wake.wait(for: settings.period)
        }
        // A finished worker stays registered until the manager drops it, so that the next pod
        // sync does not start a new one (which would set an initial result, call back, and loop).
        if let containerID = loop.containerID { context.removeResult(key.kind, containerID: containerID) }
    }

    /// One tick; returns whether the worker keeps going.
    private func probeOnce(_ loop: inout LoopState) async -> Bool {
        guard let view = context.view(of: key.podUID) else { return true }
        let pod = view.pod
        if pod.status.phase == "Failed" || pod.status.phase == "Succeeded" { return false }
        guard let status = view.statuses[container.name], let containerID = status.containerID, !containerID.isEmpty else {
            return true
        }

        if loop.containerID != containerID {
            if let previous = loop.containerID { context.removeResult(key.kind, containerID: previous) }
            loop = LoopState(containerID: containerID, containerSeen: Date())
            record(initialValue, containerID: containerID)
        }
        if loop.onHold { return true }

        guard status.state.running != nil else {
            record(.failure("container \(container.name) is not running"), containerID: containerID)
            // Keep watching unless this instance ended for good.
            return status.state.terminated == nil || pod.spec.restartPolicy != "Never"
        }

        if pod.metadata.deletionTimestamp != nil && (key.kind == .liveness || key.kind == .startup) {
            // A quiet shutdown: a container being stopped must not be "restarted" for failing probes.
            record(.success, containerID: containerID)
            return false
        }

        let startedAt = status.state.running?.startedAt?.date ?? loop.containerSeen ?? Date()
        if Int64(Date().timeIntervalSince(startedAt)) < settings.initialDelaySeconds { return true }

        if hasStarted(containerID: containerID) {
            if key.kind == .startup { return true }
        } else if key.kind != .startup {
            return true
        }

        let outcome: ProbeOutcome
        do {
            outcome = try await context.prober.probe(
                key.kind, spec: spec, pod: pod, container: container, containerID: containerID,
                podIP: view.podIP, fieldPath: fieldPath)
        } catch {
            context.logger.debug("\(key.kind.displayName) probe errored", metadata: [
                "pod": "\(PodDescription.of(pod))", "container": "\(container.name)", "error": "\(error)",
            ])
            return true
        }
        if Task.isCancelled { return false }

        if let last = loop.lastResult, last.hasSameResult(as: outcome) {
            loop.resultRun += 1
        } else {
            loop.lastResult = outcome
            loop.resultRun = 1
        }
        if case .failure = outcome, loop.resultRun < settings.failureThreshold { return true }
        if case .success = outcome, loop.resultRun < settings.successThreshold { return true }

        record(outcome, containerID: containerID)

        if case .failure = outcome, key.kind == .liveness || key.kind == .startup {
            // The kubelet kills the container; probing resumes with the next container ID.
            loop.onHold = true
            loop.resultRun = 0
            let probeName = key.kind == .liveness ? "liveness" : "startup"
            context.onLivenessFailure(key.podUID, container.name, "Container \(container.name) failed \(probeName) probe")
        }
        return true
    }

    /// Without a startup probe a running container has started; with one, once it succeeded.
    private func hasStarted(containerID: String) -> Bool {
        guard container.startupProbe != nil else { return true }
        return context.result(.startup, containerID: containerID) == .success
    }

    private func record(_ outcome: ProbeOutcome, containerID: String) {
        let changed = context.setResult(key.kind, containerID: containerID, outcome)
        if changed && (key.kind == .readiness || key.kind == .startup) {
            context.onResultChange(key.podUID)
        }
        if changed && key.kind == .startup && outcome == .success {
            // Liveness and readiness were waiting for this; let them probe now, not a period later.
            onStarted(key)
        }
    }
}
