import Foundation
import KubeAPI
import KubeClient
import Logging

/// Deletes finished Jobs `ttlSecondsAfterFinished` after they finished (upstream's
/// `ttl-after-finished` controller), with foreground propagation so their pods go first.
public final class TTLAfterFinishedController: Controller {
    public let name = "ttl-after-finished"
    let jobs: Informer<Job>
    let client: RESTClient
    let queue = WorkQueue<String>(name: "ttl-after-finished")
    let clock: any ControllerClock
    let logger: Logger

    public init(factory: SharedInformerFactory, client: RESTClient, logger: Logger, clock: any ControllerClock = SystemClock()) {
        jobs = factory.informer(Job.self)
        self.client = client
        self.clock = clock
        self.logger = logger
        let enqueue: @Sendable (Job) -> Void = { [queue] job in
            if job.spec.ttlSecondsAfterFinished != nil, job.isFinished, !job.metadata.isBeingDeleted { queue.add(objectKey(job)) }
        }
        jobs.addHandler(EventHandler(onAdd: enqueue, onUpdate: { _, new in enqueue(new) }))
    }

    public func run(workers: Int) async {
        await jobs.waitForCacheSync()
        await QueueWorkers(queue: queue, name: name, logger: logger).run(count: workers) { [self] key in try await sync(key) }
    }

    /// When `job` expires, or nil if it never does.
    static func expiry(_ job: Job) -> Date? {
        guard let ttl = job.spec.ttlSecondsAfterFinished, job.isFinished, let finished = job.finishTime else { return nil }
        return finished.addingTimeInterval(TimeInterval(ttl))
    }

    func sync(_ key: String) async throws {
        guard let cached = jobs.store.get(key: key), !cached.metadata.isBeingDeleted, let expiry = Self.expiry(cached) else { return }
        if expiry > clock.now() {
            queue.addAfter(key, clock.delay(until: expiry))
            return
        }
        // The cache may be stale (the TTL changed): decide on the live object.
        let api = client.resource(Job.self, namespace: cached.metadata.namespace)
        let live = try await api.get(cached.metadata.name ?? "")
        guard let liveExpiry = Self.expiry(live), liveExpiry <= clock.now(), !live.metadata.isBeingDeleted else {
            if let liveExpiry = Self.expiry(live) { queue.addAfter(key, clock.delay(until: liveExpiry)) }
            return
        }
        logger.debug("ttl-after-finished: deleting Job \(key)")
        do {
            try await api.delete(live.metadata.name ?? "", options: DeleteOptions(
                preconditions: Preconditions(uid: live.metadata.uid), propagationPolicy: "Foreground"))
        } catch let error as APIError where error.isNotFound {}
    }
}
