import Foundation
import KubeAPI
import Logging
import Synchronization

/// The kubelet's per-pod sync steps, run by the pod workers (upstream's Kubelet.SyncPod,
/// SyncTerminatingPod and SyncTerminatedPod): runtime status → volumes → computePodActions and
/// its execution → the API status, written when it changed.
final class PodSyncHandler: PodSyncer {
    let runtime: KubeRuntimeManager
    let statusManager: StatusManager
    let volumes: (any PodVolumeProvider)?
    let prober: any PodProber
    let events: any KubeletEventRecorder
    let hostIPs: [String]
    let logger: Logger
    /// The last start failure per pod UID and container (upstream's reasonCache).
    let failures = Mutex<[String: [String: ContainerStartFailure]]>([:])
    /// Liveness/startup failures reported by the prober, consumed by the next sync.
    let health = Mutex<[String: ContainerHealth]>([:])
    /// Pods the kubelet failed itself (activeDeadlineSeconds): the reason and message their status shows.
    let failedPods = Mutex<[String: (reason: String, message: String)]>([:])

    init(runtime: KubeRuntimeManager, statusManager: StatusManager, volumes: (any PodVolumeProvider)?, prober: any PodProber,
         events: any KubeletEventRecorder, hostIPs: [String], logger: Logger) {
        self.runtime = runtime
        self.statusManager = statusManager
        self.volumes = volumes
        self.prober = prober
        self.events = events
        self.hostIPs = hostIPs
        self.logger = logger
    }

    func recordLivenessFailure(uid: String, container: String, message: String) {
        health.withLock { $0[uid, default: .healthy].livenessFailures[container] = message }
    }

    func generator(for uid: String) -> PodStatusGenerator {
        let prober = self.prober
        return PodStatusGenerator(
            hostIPs: hostIPs,
            readiness: { prober.isReady(podUID: uid, containerName: $0) },
            started: { prober.isStarted(podUID: uid, containerName: $0) })
    }

    /// The pod with the newest status the kubelet knows (its own last write may be newer than the informer's copy).
    func withLatestStatus(_ pod: Pod) -> Pod {
        var pod = pod
        if let uid = pod.metadata.uid, let latest = statusManager.latest(uid: uid) {
            let scheduled = pod.status.conditions?.first { $0.type == "PodScheduled" }
            pod.status = latest
            if let scheduled, !(pod.status.conditions?.contains { $0.type == "PodScheduled" } ?? false) {
                pod.status.conditions = (pod.status.conditions ?? []) + [scheduled]
            }
        }
        return pod
    }

    func runtimeStatus(_ pod: Pod) async throws -> RuntimePodStatus {
        try await runtime.podStatus(uid: pod.metadata.uid ?? "", name: pod.metadata.name ?? "", namespace: pod.metadata.namespace ?? "")
    }

    static func isTerminal(_ phase: String?) -> Bool { phase == "Succeeded" || phase == "Failed" }

    // MARK: PodSyncer

    func syncPod(_ apiPod: Pod) async -> PodSyncOutcome {
        let clock = ContinuousClock()
        let began = clock.now
        var marks: [(String, ContinuousClock.Instant)] = []
        defer {
            if logger.logLevel <= .debug {
                var previous = began
                let steps = marks.map { name, at in
                    defer { previous = at }
                    return "\(name) \((at - previous).formatted(.units(allowed: [.milliseconds])))"
                }
                logger.debug("synced \(KubeRuntimeManager.describe(apiPod)) in \((clock.now - began).formatted(.units(allowed: [.milliseconds]))): \(steps.joined(separator: ", "))")
            }
        }
        let uid = apiPod.metadata.uid ?? ""
        let pod = withLatestStatus(apiPod)
        if Self.isTerminal(pod.status.phase) { return .terminal }
        if let deadline = pod.spec.activeDeadlineSeconds, let start = pod.status.startTime,
           Date().timeIntervalSince(start.date) >= Double(deadline) {
            // Upstream's activeDeadlineHandler: the pod fails, and its containers are stopped.
            let message = "Pod was active on the node longer than the specified deadline"
            failedPods.withLock { $0[uid] = ("DeadlineExceeded", message) }
            events.normal(pod, "DeadlineExceeded", message)
            return .terminal
        }
        let before: RuntimePodStatus
        do {
            before = try await runtimeStatus(pod)
            marks.append(("runtime status", clock.now))
        } catch {
            logger.warning("sync \(KubeRuntimeManager.describe(pod)): \(error)")
            return .requeue(after: .seconds(1))
        }

        let mounts: any ContainerMountProvider
        if let volumes {
            do {
                mounts = try await volumes.setUpPod(pod)
            } catch {
                let message = "Unable to attach or mount volumes for pod \(pod.metadata.namespace ?? "")/\(pod.metadata.name ?? ""): \(error)"
                events.warning(pod, "FailedMount", message)
                await writeStatus(apiPod, pod, runtime: before)
                return .requeue(after: .seconds(2))
            }
        } else {
            mounts = NoMounts()
        }
        marks.append(("volumes", clock.now))

        let health = self.health.withLock { $0.removeValue(forKey: uid) } ?? .healthy
        let result = await runtime.syncPod(pod, status: before, health: health, hostIP: hostIPs.first, mounts: mounts)
        failures.withLock { failures in
            var entry = failures[uid] ?? [:]
            for name in result.started { entry[name] = nil }
            for (name, failure) in result.failures { entry[name] = failure }
            failures[uid] = entry
        }
        marks.append(("runtime sync", clock.now))
        let after = (try? await runtimeStatus(pod)) ?? before
        marks.append(("runtime status", clock.now))
        let status = await writeStatus(apiPod, pod, runtime: after)
        marks.append(("status", clock.now))
        prober.update(pod: pod, statuses: (status.initContainerStatuses ?? []) + (status.containerStatuses ?? []), podIP: status.podIP)
        if Self.isTerminal(status.phase) { return .terminal }
        var next = result.requeueAfter ?? .seconds(60)
        if let deadline = pod.spec.activeDeadlineSeconds, let start = status.startTime {
            let left = Double(deadline) - Date().timeIntervalSince(start.date)
            next = min(next, .milliseconds(Int64(max(left, 0) * 1000) + 100))
        }
        return .requeue(after: next)
    }

    @discardableResult
    func writeStatus(_ apiPod: Pod, _ pod: Pod, runtime: RuntimePodStatus, podIsTerminal: Bool = false) async -> PodStatus {
        let uid = apiPod.metadata.uid ?? ""
        var status = generator(for: uid).generate(
            pod: pod, runtime: runtime, failures: failures.withLock { $0[uid] ?? [:] }, podIsTerminal: podIsTerminal)
        if let failed = failedPods.withLock({ $0[uid] }) {
            status.phase = "Failed"
            status.reason = failed.reason
            status.message = failed.message
        }
        await statusManager.setStatus(apiPod, status)
        return status
    }

    func syncTerminatingPod(_ apiPod: Pod, gracePeriodOverride: Int64?) async -> Bool {
        let pod = withLatestStatus(apiPod)
        do {
            let status = try await runtimeStatus(pod)
            try await runtime.killPod(pod, status: status, gracePeriodOverride: gracePeriodOverride)
            prober.removePod(uid: pod.metadata.uid ?? "")
            let after = (try? await runtimeStatus(pod)) ?? status
            // Stopped containers are no start failures any more: show how they ended.
            failures.withLock { $0[pod.metadata.uid ?? ""] = nil }
            await writeStatus(apiPod, pod, runtime: after, podIsTerminal: true)
            return true
        } catch {
            logger.warning("terminate \(KubeRuntimeManager.describe(pod)): \(error)")
            return false
        }
    }

    func syncTerminatedPod(_ apiPod: Pod, deletedFromAPI: Bool) async -> Bool {
        let uid = apiPod.metadata.uid ?? ""
        do {
            if let volumes { try await volumes.tearDownPod(uid: uid) }
        } catch {
            logger.warning("tear down volumes of \(KubeRuntimeManager.describe(apiPod)): \(error)")
            return false
        }
        if deletedFromAPI {
            do {
                let status = try await runtimeStatus(apiPod)
                try await runtime.killPod(apiPod, status: status, gracePeriodOverride: nil)
                try await runtime.removePod(status)
            } catch {
                logger.warning("remove \(KubeRuntimeManager.describe(apiPod)) from the runtime: \(error)")
                return false
            }
            statusManager.forget(uid: uid)
            failures.withLock { $0[uid] = nil }
            health.withLock { $0[uid] = nil }
            failedPods.withLock { $0[uid] = nil }
            return true
        }
        if apiPod.metadata.deletionTimestamp != nil {
            return await statusManager.deletePod(apiPod)
        }
        return true
    }
}
