import Foundation
import KubeAPI
import Synchronization

/// What a pod worker runs at each step; the Kubelet implements it.
public protocol PodSyncer: Sendable {
    /// Brings a running pod toward its spec; `.terminal` once it has finished (Succeeded/Failed).
    func syncPod(_ pod: Pod) async -> PodSyncOutcome
    /// Stops every container of the pod (grace period honoured). Returns false to be retried.
    func syncTerminatingPod(_ pod: Pod, gracePeriodOverride: Int64?) async -> Bool
    /// After termination: final status, volumes torn down, and — when the API asked for the
    /// deletion — the runtime objects removed and the final delete. Returns false to be retried.
    func syncTerminatedPod(_ pod: Pod, deletedFromAPI: Bool) async -> Bool
}

public enum PodSyncOutcome: Sendable, Equatable {
    case requeue(after: Duration?)
    case terminal
}

/// One worker per pod (upstream's podWorkers), each a task that runs its pod's syncs one at a
/// time, in three phases:
///
///     syncing ──(deletionTimestamp, terminal phase, or gone from the API)──▶ terminating
///     terminating ──(every container stopped)──▶ terminated
///     terminated ──(gone from the API, runtime objects removed)──▶ (worker removed)
///
/// Updates (the pod changed, PLEG saw its containers change, a probe result flipped) coalesce
/// into one pending signal, so a worker never queues more than one sync behind the current one.
public final class PodWorkers: Sendable {
    public enum Phase: String, Sendable { case syncing, terminating, terminated }

    struct Worker {
        var pod: Pod
        var phase: Phase
        var deletedFromAPI = false
        var gracePeriodOverride: Int64?
        /// The terminated step ran for a pod still in the API; it runs again once the pod is deleted.
        var cleanedUp = false
        var signal: AsyncStream<Void>.Continuation
        var task: Task<Void, Never>?
        var requeue: Task<Void, Never>?
    }

    let syncer: any PodSyncer
    let workers = Mutex<[String: Worker]>([:])

    public init(syncer: any PodSyncer) {
        self.syncer = syncer
    }

    /// The API's version of the pod (added or changed).
    public func update(_ pod: Pod) {
        guard let uid = pod.metadata.uid else { return }
        let created = workers.withLock { workers -> AsyncStream<Void>? in
            if var worker = workers[uid] {
                worker.pod = pod
                if worker.phase == .syncing && pod.metadata.deletionTimestamp != nil { worker.phase = .terminating }
                workers[uid] = worker
                worker.signal.yield()
                return nil
            }
            let (stream, continuation) = AsyncStream<Void>.makeStream(bufferingPolicy: .bufferingNewest(1))
            let phase: Phase = pod.metadata.deletionTimestamp != nil ? .terminating : .syncing
            workers[uid] = Worker(pod: pod, phase: phase, signal: continuation)
            continuation.yield()
            return stream
        }
        if let stream = created {
            let task = Task { await self.run(uid: uid, signals: stream) }
            workers.withLock { $0[uid]?.task = task }
        }
    }

    /// The pod is gone from the API (the final delete, or a forced one).
    public func deleted(_ pod: Pod) {
        guard let uid = pod.metadata.uid else { return }
        workers.withLock { workers in
            guard var worker = workers[uid] else { return }
            worker.deletedFromAPI = true
            if worker.phase == .syncing { worker.phase = .terminating }
            workers[uid] = worker
            worker.signal.yield()
        }
    }

    /// Something about the pod's containers changed: sync it.
    public func signal(uid: String) {
        _ = workers.withLock { $0[uid]?.signal.yield() }
    }

    public func phase(uid: String) -> Phase? {
        workers.withLock { $0[uid]?.phase }
    }

    public func pod(uid: String) -> Pod? {
        workers.withLock { $0[uid]?.pod }
    }

    /// Pods with a worker, in any phase.
    public func knownPods() -> [Pod] {
        workers.withLock { $0.values.map(\.pod) }
    }

    /// Pods whose containers may run (syncing or terminating).
    public func activePods() -> [Pod] {
        workers.withLock { $0.values.filter { $0.phase != .terminated }.map(\.pod) }
    }

    public func stopAll() {
        let tasks = workers.withLock { workers -> [Task<Void, Never>] in
            defer { workers.removeAll() }
            return workers.values.flatMap { worker -> [Task<Void, Never>] in
                worker.signal.finish()
                return [worker.task, worker.requeue].compactMap { $0 }
            }
        }
        tasks.forEach { $0.cancel() }
    }

    func run(uid: String, signals: AsyncStream<Void>) async {
        for await _ in signals {
            if Task.isCancelled { return }
            guard let worker = workers.withLock({ $0[uid] }) else { return }
            switch worker.phase {
            case .syncing:
                switch await syncer.syncPod(worker.pod) {
                case .terminal:
                    transition(uid, from: .syncing, to: .terminating)
                case .requeue(let delay):
                    if let delay { requeue(uid, after: delay) }
                }
            case .terminating:
                if await syncer.syncTerminatingPod(worker.pod, gracePeriodOverride: worker.gracePeriodOverride) {
                    transition(uid, from: .terminating, to: .terminated)
                } else {
                    requeue(uid, after: .seconds(1))
                }
            case .terminated:
                if worker.cleanedUp && !worker.deletedFromAPI { continue }
                if await syncer.syncTerminatedPod(worker.pod, deletedFromAPI: worker.deletedFromAPI) {
                    if worker.deletedFromAPI {
                        workers.withLock { workers in
                            workers[uid]?.signal.finish()
                            workers[uid]?.requeue?.cancel()
                            workers[uid] = nil
                        }
                        return
                    }
                    workers.withLock { $0[uid]?.cleanedUp = true }
                } else {
                    requeue(uid, after: .seconds(1))
                }
            }
        }
    }

    func transition(_ uid: String, from: Phase, to: Phase) {
        workers.withLock { workers in
            guard workers[uid]?.phase == from else { return }
            workers[uid]?.phase = to
            workers[uid]?.signal.yield()
        }
    }

    func requeue(_ uid: String, after delay: Duration) {
        let task = Task {
            try? await Task.sleep(for: delay)
            if !Task.isCancelled { self.signal(uid: uid) }
        }
        workers.withLock { workers in
            workers[uid]?.requeue?.cancel()
            workers[uid]?.requeue = task
        }
    }
}
