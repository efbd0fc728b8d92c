import Foundation
import Synchronization

/// The wall clock a time-driven controller reads (CronJob schedules, TTLs, node grace periods),
/// injectable so tests need not wait minutes. `delay(until:)` turns a moment on this clock into
/// a real-time wait for the work queue.
public protocol ControllerClock: Sendable {
    func now() -> Date
    func delay(until date: Date) -> Duration
}

/// The system clock.
public struct SystemClock: ControllerClock {
    public init() {}
    public func now() -> Date { Date() }
    public func delay(until date: Date) -> Duration {
        .milliseconds(max(0, Int64(date.timeIntervalSinceNow * 1000)))
    }
}

/// A clock that starts at `origin` and runs `rate` times faster than real time, and can be moved
/// forward by hand: a CronJob that runs every minute fires every real second at rate 60.
public final class AcceleratedClock: ControllerClock {
    struct State {
        var origin: Date
        var realStart: Date
        var rate: Double
    }

    private let state: Mutex<State>

    public init(origin: Date, rate: Double = 1) {
        state = Mutex(State(origin: origin, realStart: Date(), rate: rate))
    }

    public func now() -> Date {
        state.withLock { $0.origin.addingTimeInterval(Date().timeIntervalSince($0.realStart) * $0.rate) }
    }

    /// Jumps forward (or back) by `interval` of clock time.
    public func advance(by interval: TimeInterval) {
        state.withLock { $0.origin = $0.origin.addingTimeInterval(interval) }
    }

    public func delay(until date: Date) -> Duration {
        let rate = state.withLock { $0.rate }
        let seconds = max(0, date.timeIntervalSince(now())) / max(rate, 0.000_001)
        return .milliseconds(Int64(seconds * 1000))
    }
}
