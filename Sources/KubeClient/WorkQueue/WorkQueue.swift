import Synchronization

/// A controller's queue of keys with client-go's workqueue semantics:
/// - a key queued twice is queued once (`dirty`);
/// - a key being processed is never handed to a second worker (`processing`); added again while
///   processing, it is queued once more when `done` is called;
/// - `addAfter` holds a key until its delay passes (an earlier deadline for a waiting key wins);
/// - `addRateLimited` delays by the rate limiter's backoff, `forget` resets it;
/// - after `shutDown`, adds are ignored and `get` drains what is queued, then returns nil.
public final class WorkQueue<Key: Hashable & Sendable>: Sendable {
    public let name: String
    public let rateLimiter: RateLimiter

    struct State {
        var queue = FIFO<Key>()
        var dirty = Set<Key>()
        var processing = Set<Key>()
        var shuttingDown = false
        /// Workers blocked in `get`, oldest first.
        var waiters = FIFO<(id: Int, continuation: CheckedContinuation<Key?, Never>)>()
        var nextWaiterID = 0
        /// Keys held back by `addAfter`, with when each becomes ready.
        var waiting: [Key: ContinuousClock.Instant] = [:]
        var timer: Task<Void, Never>?
        var timerDeadline: ContinuousClock.Instant?

        /// Queues `key` unless already queued or in process; hands it straight to a waiting worker.
        /// Returns the worker to resume (outside the lock).
        mutating func insert(_ key: Key) -> (CheckedContinuation<Key?, Never>, Key)? {
            guard !shuttingDown, !dirty.contains(key) else { return nil }
            dirty.insert(key)
            if processing.contains(key) { return nil }
            if let waiter = waiters.popFirst() {
                dirty.remove(key)
                processing.insert(key)
                return (waiter.continuation, key)
            }
            queue.append(key)
            return nil
        }
    }

    let state = Mutex(State())

    public init(name: String, rateLimiter: RateLimiter = .default) {
        self.name = name
        self.rateLimiter = rateLimiter
    }

    deinit {
        state.withLock { $0.timer?.cancel() }
    }

    public func add(_ key: Key) {
        if case let (waiter, key)? = state.withLock({ $0.insert(key) }) { waiter.resume(returning: key) }
    }

    /// Adds `key` once `delay` has passed (at once if it is not positive).
    public func addAfter(_ key: Key, _ delay: Duration) {
        guard delay > .zero else { return add(key) }
        let ready = ContinuousClock.now + delay
        state.withLock { state in
            guard !state.shuttingDown else { return }
            if let existing = state.waiting[key], existing <= ready { return }
            state.waiting[key] = ready
            scheduleTimer(&state)
        }
    }

    public func addRateLimited(_ key: Key) {
        addAfter(key, rateLimiter.when(key))
    }

    public func forget(_ key: Key) {
        rateLimiter.forget(key)
    }

    public func numRequeues(_ key: Key) -> Int {
        rateLimiter.numRequeues(key)
    }

    /// The next key to process, marked as processing until `done`. Waits while the queue is empty;
    /// nil once shut down and drained (or when the waiting task is cancelled).
    public func get() async -> Key? {
        let id = state.withLock { state -> Int in
            state.nextWaiterID += 1
            return state.nextWaiterID
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Key?, Never>) in
                let immediate = state.withLock { state -> Key?? in
                    if let key = state.queue.popFirst() {
                        state.dirty.remove(key)
                        state.processing.insert(key)
                        return .some(key)
                    }
                    if state.shuttingDown || Task.isCancelled { return .some(nil) }
                    state.waiters.append((id, continuation))
                    return .none
                }
                if let immediate { continuation.resume(returning: immediate) }
            }
        } onCancel: {
            let waiter = state.withLock { state -> CheckedContinuation<Key?, Never>? in
                guard let index = state.waiters.firstIndex(where: { $0.id == id }) else { return nil }
                return state.waiters.remove(at: index).continuation
            }
            waiter?.resume(returning: nil)
        }
    }

    /// Marks `key` processed; if it was added again meanwhile, it is queued now.
    public func done(_ key: Key) {
        let handoff = state.withLock { state -> (CheckedContinuation<Key?, Never>, Key)? in
            state.processing.remove(key)
            guard state.dirty.contains(key) else { return nil }
            if let waiter = state.waiters.popFirst() {
                state.dirty.remove(key)
                state.processing.insert(key)
                return (waiter.continuation, key)
            }
            state.queue.append(key)
            return nil
        }
        if case let (waiter, key)? = handoff { waiter.resume(returning: key) }
    }

    /// Stops accepting keys; workers drain the queue, then `get` returns nil. Delayed keys are dropped.
    public func shutDown() {
        let waiters = state.withLock { state -> [CheckedContinuation<Key?, Never>] in
            state.shuttingDown = true
            state.timer?.cancel()
            state.timer = nil
            state.timerDeadline = nil
            state.waiting = [:]
            // Waiters only exist while the queue is empty, so they all get nil.
            defer { state.waiters = FIFO() }
            return state.waiters.map(\.continuation)
        }
        for waiter in waiters { waiter.resume(returning: nil) }
    }

    public var isShuttingDown: Bool { state.withLock { $0.shuttingDown } }

    /// Keys queued and not yet handed out (excludes those processing or waiting on a delay).
    public var count: Int { state.withLock { $0.queue.count } }

    // MARK: Delayed adds

    /// Makes sure a timer fires at the earliest waiting deadline.
    private func scheduleTimer(_ state: inout State) {
        guard let earliest = state.waiting.values.min() else {
            state.timer?.cancel()
            state.timer = nil
            state.timerDeadline = nil
            return
        }
        if let scheduled = state.timerDeadline, scheduled <= earliest, state.timer != nil { return }
        state.timer?.cancel()
        state.timerDeadline = earliest
        state.timer = Task { [weak self] in
            try? await Task.sleep(until: earliest, clock: .continuous)
            if Task.isCancelled { return }
            self?.releaseReady()
        }
    }

    /// Moves every key whose delay has passed onto the queue, earliest deadline first.
    private func releaseReady() {
        let ready = state.withLock { state -> [Key] in
            let now = ContinuousClock.now
            let due = state.waiting.filter { $0.value <= now }.sorted { $0.value < $1.value }.map(\.key)
            for key in due { state.waiting[key] = nil }
            state.timer = nil
            state.timerDeadline = nil
            scheduleTimer(&state)
            return due
        }
        for key in ready { add(key) }
    }
}
