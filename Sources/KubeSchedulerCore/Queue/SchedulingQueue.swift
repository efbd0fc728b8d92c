import Synchronization

/// The scheduling queue (upstream `internal/queue.PriorityQueue`):
///
/// - activeQ: pods to try now, highest priority first, then earliest queued;
/// - backoffQ: pods that failed recently, released when `1 s × 2^(attempts-1)` (≤ 10 s) has passed;
/// - unschedulable: pods no node fits; a cluster event one of their rejecting plugins cares
///   about moves them back (to backoffQ while still backing off), and after 5 minutes they
///   are moved regardless.
///
/// A pod that fails in a cycle that started before a move request goes to backoffQ rather
/// than unschedulable, so an event that arrived while it was being scheduled is not lost.
public final class SchedulingQueue: Sendable {
    struct State {
        var active: KeyedHeap<QueuedPodInfo>
        var backoff: KeyedHeap<QueuedPodInfo>
        var unschedulable: [String: QueuedPodInfo] = [:]
        var inFlight: Set<String> = []
        var schedulingCycle: Int64 = 0
        var moveRequestCycle: Int64 = -1
        var closed = false
        var waiters: [(id: Int, continuation: CheckedContinuation<QueuedPodInfo?, Never>)] = []
        var nextWaiter = 0
        var nominated: [String: [String: PodInfo]] = [:]
        var nominatedNodeOf: [String: String] = [:]
    }

    private let state: Mutex<State>
    let clock: any SchedulerClock
    public let initialBackoff: Double
    public let maxBackoff: Double
    public let maxInUnschedulable: Double
    let mayHelp: @Sendable (ClusterEvent, Set<String>) -> Bool

    public init(
        clock: any SchedulerClock = MonotonicClock(), initialBackoff: Double = 1, maxBackoff: Double = 10,
        maxInUnschedulable: Double = 300, mayHelp: @escaping @Sendable (ClusterEvent, Set<String>) -> Bool = { _, _ in true }
    ) {
        self.clock = clock
        self.initialBackoff = initialBackoff
        self.maxBackoff = maxBackoff
        self.maxInUnschedulable = maxInUnschedulable
        self.mayHelp = mayHelp
        let byPriority = KeyedHeap<QueuedPodInfo>(key: { $0.key }) { a, b in
            a.pod.priority != b.pod.priority ? a.pod.priority > b.pod.priority : a.timestamp < b.timestamp
        }
        let initial = initialBackoff, maxB = maxBackoff
        let byExpiry = KeyedHeap<QueuedPodInfo>(key: { $0.key }) { a, b in
            Self.backoffExpiry(a, initial, maxB) < Self.backoffExpiry(b, initial, maxB)
        }
        state = Mutex(State(active: byPriority, backoff: byExpiry))
    }

    // MARK: Back-off

    /// `initial × 2^(attempts-1)`, capped at `max`.
    public static func backoffDuration(attempts: Int, initial: Double, max: Double) -> Double {
        var d = initial
        var i = 1
        while i < attempts {
            if d > max - d { return max }
            d += d
            i += 1
        }
        return min(d, max)
    }

    static func backoffExpiry(_ p: QueuedPodInfo, _ initial: Double, _ max: Double) -> Double {
        p.timestamp + backoffDuration(attempts: p.attempts, initial: initial, max: max)
    }

    func isBackingOff(_ p: QueuedPodInfo, now: Double) -> Bool {
        p.attempts > 0 && Self.backoffExpiry(p, initialBackoff, maxBackoff) > now
    }

    // MARK: Informer-driven changes

    /// A new pending pod.
    public func add(_ pod: PodInfo) {
        let now = clock.now()
        state.withLock { s in
            s.backoff.remove(pod.key)
            s.unschedulable.removeValue(forKey: pod.key)
            var qp = s.active.get(pod.key) ?? QueuedPodInfo(pod: pod, timestamp: now)
            qp.pod = pod
            push(&s, qp)
        }
    }

    /// A pending pod changed. Wherever it waits it is refreshed; an unschedulable pod whose spec
    /// changed is given another try.
    public func update(_ pod: PodInfo) {
        let now = clock.now()
        state.withLock { s in
            if var qp = s.active.get(pod.key) {
                qp.pod = pod
                s.active.upsert(qp)
                return
            }
            if var qp = s.backoff.get(pod.key) {
                qp.pod = pod
                s.backoff.upsert(qp)
                return
            }
            if var qp = s.unschedulable[pod.key] {
                let specChanged = qp.pod.pod.spec != pod.pod.spec || qp.pod.labels != pod.labels
                qp.pod = pod
                if specChanged {
                    s.unschedulable.removeValue(forKey: pod.key)
                    if isBackingOff(qp, now: now) { s.backoff.upsert(qp) } else { push(&s, qp) }
                } else {
                    s.unschedulable[pod.key] = qp
                }
                return
            }
            if !s.inFlight.contains(pod.key) { push(&s, QueuedPodInfo(pod: pod, timestamp: now)) }
        }
    }

    public func delete(key: String) {
        state.withLock { s in
            s.active.remove(key)
            s.backoff.remove(key)
            s.unschedulable.removeValue(forKey: key)
            Self.removeNominated(&s, key)
        }
    }

    // MARK: The scheduling loop

    /// The next pod to schedule; waits while activeQ is empty. nil once closed (or the caller is cancelled).
    public func pop() async -> QueuedPodInfo? {
        if let qp = tryPop() { return qp }
        let id = state.withLock { s in
            s.nextWaiter += 1
            return s.nextWaiter
        }
        return await withTaskCancellationHandler {
            await withCheckedContinuation { (c: CheckedContinuation<QueuedPodInfo?, Never>) in
                state.withLock { s in
                    if s.closed || Task.isCancelled {
                        c.resume(returning: nil)
                    } else if let qp = Self.popActive(&s) {
                        c.resume(returning: qp)
                    } else {
                        s.waiters.append((id, c))
                    }
                }
            }
        } onCancel: {
            state.withLock { s in
                if let i = s.waiters.firstIndex(where: { $0.id == id }) { s.waiters.remove(at: i).continuation.resume(returning: nil) }
            }
        }
    }

    /// The next pod, if one is ready now.
    public func tryPop() -> QueuedPodInfo? {
        state.withLock { s in s.closed ? nil : Self.popActive(&s) }
    }

    static func popActive(_ s: inout State) -> QueuedPodInfo? {
        guard var qp = s.active.pop() else { return nil }
        qp.attempts += 1
        s.schedulingCycle += 1
        s.inFlight.insert(qp.key)
        return qp
    }

    public var schedulingCycle: Int64 { state.withLock { $0.schedulingCycle } }

    /// The pod left the scheduling cycle (bound, or requeued).
    public func done(key: String) {
        _ = state.withLock { $0.inFlight.remove(key) }
    }

    /// A pod no node fits: to unschedulable, or to backoffQ if a move request came in since
    /// its cycle began (or it failed with an error rather than a rejection).
    public func addUnschedulable(_ qp: QueuedPodInfo, podSchedulingCycle: Int64) {
        let now = clock.now()
        state.withLock { s in
            s.inFlight.remove(qp.key)
            if s.active.contains(qp.key) || s.backoff.contains(qp.key) { return }
            var p = qp
            p.timestamp = now
            if s.moveRequestCycle >= podSchedulingCycle || p.unschedulablePlugins.isEmpty {
                s.backoff.upsert(p)
            } else {
                s.unschedulable[p.key] = p
            }
        }
    }

    /// Moves unschedulable pods that `event` may help to activeQ (or backoffQ while backing off).
    public func moveAllToActiveOrBackoff(_ event: ClusterEvent) {
        let now = clock.now()
        state.withLock { s in
            let candidates = s.unschedulable.values.filter { mayHelp(event, $0.unschedulablePlugins) }
            move(&s, candidates, now: now)
            s.moveRequestCycle = s.schedulingCycle
        }
    }

    /// Releases back-off pods whose time is up (upstream runs this every second).
    public func flushBackoffCompleted() {
        let now = clock.now()
        state.withLock { s in
            while let head = s.backoff.peek, Self.backoffExpiry(head, initialBackoff, maxBackoff) <= now {
                _ = s.backoff.pop()
                push(&s, head)
            }
        }
    }

    /// Moves pods unschedulable for longer than `maxInUnschedulable` (upstream runs this every 30 s).
    public func flushUnschedulableLeftover() {
        let now = clock.now()
        state.withLock { s in
            let stale = s.unschedulable.values.filter { now - $0.timestamp > maxInUnschedulable }
            move(&s, stale, now: now)
        }
    }

    /// Runs both flushes on upstream's periods until cancelled.
    public func runFlushers() async {
        var ticks = 0
        while !Task.isCancelled {
            try? await Task.sleep(for: .seconds(1))
            flushBackoffCompleted()
            ticks += 1
            if ticks % 30 == 0 { flushUnschedulableLeftover() }
        }
    }

    public func close() {
        let waiters = state.withLock { s in
            s.closed = true
            let w = s.waiters
            s.waiters = []
            return w
        }
        for w in waiters { w.continuation.resume(returning: nil) }
    }

    public struct Counts: Hashable, Sendable {
        public var active: Int
        public var backoff: Int
        public var unschedulable: Int
    }

    public var counts: Counts {
        state.withLock { Counts(active: $0.active.count, backoff: $0.backoff.count, unschedulable: $0.unschedulable.count) }
    }

    /// Where the pod waits: "active", "backoff", "unschedulable", or nil.
    public func location(of key: String) -> String? {
        state.withLock { s in
            if s.active.contains(key) { return "active" }
            if s.backoff.contains(key) { return "backoff" }
            if s.unschedulable[key] != nil { return "unschedulable" }
            return nil
        }
    }

    // MARK: Nominated pods (preemption)

    public func addNominated(_ pod: PodInfo, node: String) {
        state.withLock { s in
            Self.removeNominated(&s, pod.key)
            s.nominated[node, default: [:]][pod.key] = pod
            s.nominatedNodeOf[pod.key] = node
        }
    }

    public func removeNominated(key: String) { state.withLock { Self.removeNominated(&$0, key) } }

    /// Every nomination, node → pods (one lock for a whole scheduling cycle).
    public func nominatedPodsByNode() -> [String: [PodInfo]] {
        state.withLock { s in s.nominated.isEmpty ? [:] : s.nominated.mapValues { Array($0.values) } }
    }

    public func nominatedPods(on node: String) -> [PodInfo] {
        state.withLock { s in s.nominated[node].map { Array($0.values) } ?? [] }
    }

    static func removeNominated(_ s: inout State, _ key: String) {
        guard let node = s.nominatedNodeOf.removeValue(forKey: key) else { return }
        s.nominated[node]?.removeValue(forKey: key)
        if s.nominated[node]?.isEmpty == true { s.nominated.removeValue(forKey: node) }
    }

    // MARK: Internals (lock held)

    private func push(_ s: inout State, _ qp: QueuedPodInfo) {
        if let i = s.waiters.indices.first {
            var p = qp
            p.attempts += 1
            s.schedulingCycle += 1
            s.inFlight.insert(p.key)
            s.waiters.remove(at: i).continuation.resume(returning: p)
        } else {
            s.active.upsert(qp)
        }
    }

    private func move(_ s: inout State, _ pods: [QueuedPodInfo], now: Double) {
        for p in pods {
            s.unschedulable.removeValue(forKey: p.key)
            if isBackingOff(p, now: now) { s.backoff.upsert(p) } else { push(&s, p) }
        }
    }
}
