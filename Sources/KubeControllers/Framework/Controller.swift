import KubeAPI
import KubeClient
import Logging

/// One control loop of the controller-manager: informer handlers enqueue keys, workers sync them.
public protocol Controller: Sendable {
    /// Upstream's name for it (`replicaset`, `deployment`, `endpoints`, …), used in flags and logs.
    var name: String { get }
    /// Runs until the task is cancelled.
    func run(workers: Int) async
}

/// Workers pulling keys from a rate-limited queue and syncing them, as upstream's `processNextWorkItem`:
/// success forgets the key's back-off; a failure requeues it rate-limited, up to `maxRetries`.
public struct QueueWorkers: Sendable {
    public let queue: WorkQueue<String>
    public let name: String
    public let logger: Logger
    public var maxRetries = 15

    public init(queue: WorkQueue<String>, name: String, logger: Logger) {
        self.queue = queue
        self.name = name
        self.logger = logger
    }

    /// Runs `count` workers over `sync` until cancelled; the queue is shut down on cancellation.
    public func run(count: Int, _ sync: @escaping @Sendable (String) async throws -> Void) async {
        await withTaskCancellationHandler {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<max(1, count) {
                    group.addTask {
                        while let key = await queue.get() {
                            do {
                                try await sync(key)
                                queue.forget(key)
                            } catch is CancellationError {
                                queue.done(key)
                                return
                            } catch {
                                if queue.numRequeues(key) < maxRetries {
                                    logger.debug("\(name): requeue \(key): \(error)")
                                    queue.addRateLimited(key)
                                } else {
                                    logger.warning("\(name): dropping \(key) after \(maxRetries) retries: \(error)")
                                    queue.forget(key)
                                }
                            }
                            queue.done(key)
                        }
                    }
                }
            }
        } onCancel: {
            queue.shutDown()
        }
    }
}
