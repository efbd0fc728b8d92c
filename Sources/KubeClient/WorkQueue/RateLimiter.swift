import Synchronization

/// A queue key with its type erased, so one limiter type serves every queue's key type.
public struct RateLimiterItem: Hashable, @unchecked Sendable {
    // Only ever built from a Sendable key, so sharing it is safe.
    public let base: AnyHashable

    public init(_ key: some Hashable & Sendable) { base = AnyHashable(key) }
}

/// How long an item waits before it is retried (client-go's workqueue rate limiters).
public protocol RateLimiting: Sendable {
    /// The delay for this retry of `item`; counts the retry.
    func when(_ item: RateLimiterItem) -> Duration
    /// Done retrying `item` (it succeeded or was given up): its count starts over.
    func forget(_ item: RateLimiterItem)
    func numRequeues(_ item: RateLimiterItem) -> Int
}

/// A rate limiter value. The static constructors make fresh state each time, so queues never share it.
public struct RateLimiter: Sendable {
    public let base: any RateLimiting

    public init(_ base: any RateLimiting) { self.base = base }

    public func when(_ key: some Hashable & Sendable) -> Duration { base.when(RateLimiterItem(key)) }
    public func forget(_ key: some Hashable & Sendable) { base.forget(RateLimiterItem(key)) }
    public func numRequeues(_ key: some Hashable & Sendable) -> Int { base.numRequeues(RateLimiterItem(key)) }

    /// client-go's DefaultControllerRateLimiter: per-item exponential 5 ms → 1000 s, and overall
    /// 10 qps with a burst of 100; the longer delay wins.
    public static var `default`: RateLimiter {
        .maxOf(.itemExponential(base: .milliseconds(5), max: .seconds(1000)), .bucket(qps: 10, burst: 100))
    }

    public static func itemExponential(base: Duration, max: Duration) -> RateLimiter {
        RateLimiter(ItemExponentialFailureRateLimiter(base: base, max: max))
    }

    public static func bucket(qps: Double, burst: Int) -> RateLimiter {
        RateLimiter(BucketRateLimiter(qps: qps, burst: burst))
    }

    public static func maxOf(_ limiters: RateLimiter...) -> RateLimiter {
        RateLimiter(MaxOfRateLimiter(limiters.map(\.base)))
    }
}

/// `base * 2^failures`, capped at `max`, counted per item.
public final class ItemExponentialFailureRateLimiter: RateLimiting {
    public let base: Duration
    public let max: Duration
    private let failures = Mutex<[RateLimiterItem: Int]>([:])

    public init(base: Duration, max: Duration) {
        self.base = base
        self.max = max
    }

    public func when(_ item: RateLimiterItem) -> Duration {
        let exponent = failures.withLock { failures in
            defer { failures[item, default: 0] += 1 }
            return failures[item] ?? 0
        }
        // Past 2^62 the multiplication would overflow; the cap has long been reached by then.
        guard exponent < 62 else { return max }
        let seconds = base / .seconds(1) * Double(1 << exponent)
        guard seconds < max / .seconds(1) else { return max }
        return base * (1 << exponent)
    }

    public func forget(_ item: RateLimiterItem) {
        _ = failures.withLock { $0.removeValue(forKey: item) }
    }

    public func numRequeues(_ item: RateLimiterItem) -> Int {
        failures.withLock { $0[item] ?? 0 }
    }
}

/// A token bucket over all items (golang.org/x/time/rate's Reserve): `burst` tokens refilled at
/// `qps`; each retry takes one, and a retry finding the bucket empty waits until its token is due.
public final class BucketRateLimiter: RateLimiting {
    public let qps: Double
    public let burst: Int
    private let clock: @Sendable () -> ContinuousClock.Instant

    struct Bucket {
        var tokens: Double
        var last: ContinuousClock.Instant
    }
    private let bucket: Mutex<Bucket>

    public init(qps: Double, burst: Int, now: @escaping @Sendable () -> ContinuousClock.Instant = { ContinuousClock.now }) {
        self.qps = qps
        self.burst = burst
        self.clock = now
        self.bucket = Mutex(Bucket(tokens: Double(burst), last: now()))
    }

    public func when(_ item: RateLimiterItem) -> Duration {
        let now = clock()
        return bucket.withLock { bucket in
            let elapsed = (now - bucket.last) / .seconds(1)
            bucket.tokens = min(Double(burst), bucket.tokens + Swift.max(0, elapsed) * qps)
            bucket.last = now
            bucket.tokens -= 1
            guard bucket.tokens < 0, qps > 0 else { return .zero }
            return .seconds(-bucket.tokens / qps)
        }
    }

    public func forget(_ item: RateLimiterItem) {}
    public func numRequeues(_ item: RateLimiterItem) -> Int { 0 }
}

/// The longest delay of several limiters; the most requeues any of them counted.
public final class MaxOfRateLimiter: RateLimiting {
    public let limiters: [any RateLimiting]

    public init(_ limiters: [any RateLimiting]) { self.limiters = limiters }

    public func when(_ item: RateLimiterItem) -> Duration {
        limiters.map { $0.when(item) }.max() ?? .zero
    }

    public func forget(_ item: RateLimiterItem) {
        for limiter in limiters { limiter.forget(item) }
    }

    public func numRequeues(_ item: RateLimiterItem) -> Int {
        limiters.map { $0.numRequeues(item) }.max() ?? 0
    }
}

extension RateLimiting {
    public func when(_ key: some Hashable & Sendable) -> Duration { when(RateLimiterItem(key)) }
    public func forget(_ key: some Hashable & Sendable) { forget(RateLimiterItem(key)) }
    public func numRequeues(_ key: some Hashable & Sendable) -> Int { numRequeues(RateLimiterItem(key)) }
}
