/// A pod waiting in the scheduling queue (upstream `framework.QueuedPodInfo`).
public struct QueuedPodInfo: Sendable {
    public var pod: PodInfo
    /// When it last entered a queue: orders equal-priority pods, and starts back-off.
    public var timestamp: Double
    public var initialAttemptTimestamp: Double?
    public var attempts: Int = 0
    /// Plugins that rejected it last time; only their events move it out of unschedulable.
    public var unschedulablePlugins: Set<String> = []

    public init(pod: PodInfo, timestamp: Double) {
        self.pod = pod
        self.timestamp = timestamp
    }

    public var key: String { pod.key }
}

/// Monotonic seconds, injectable so tests can move time.
public protocol SchedulerClock: Sendable {
    func now() -> Double
}

public struct MonotonicClock: SchedulerClock {
    let origin = ContinuousClock.now
    public init() {}
    public func now() -> Double {
        let d = ContinuousClock.now - origin
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
}
