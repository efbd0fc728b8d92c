import Foundation
import Logging
import Synchronization

/// The pod lifecycle event generator (upstream's pleg/generic.go): relists the runtime every
/// period, compares each pod's sandboxes and containers with the previous relist, and tells the
/// pod workers which pods changed. The relist and the period are injected for tests.
public final class GenericPLEG: Sendable {
    public typealias Relist = @Sendable () async throws -> [String: PodRuntimeFingerprint]

    let relist: Relist
    let period: Duration
    let onChange: @Sendable (_ uid: String) -> Void
    let logger: Logger
    let state = Mutex<State>(State())

    struct State {
        var previous: [String: PodRuntimeFingerprint] = [:]
        var lastRelist: Date?
        var relisted = false
    }

    public init(relist: @escaping Relist, period: Duration = .seconds(1), logger: Logger,
                onChange: @escaping @Sendable (_ uid: String) -> Void) {
        self.relist = relist
        self.period = period
        self.logger = logger
        self.onChange = onChange
    }

    /// What the last relist saw, by pod UID.
    public var snapshot: [String: PodRuntimeFingerprint] { state.withLock { $0.previous } }

    /// Whether at least one relist has succeeded.
    public var hasRelisted: Bool { state.withLock { $0.relisted } }

    /// Healthy while relists keep succeeding (upstream: within 3 minutes).
    public func healthy(now: Date = Date()) -> Bool {
        guard let last = state.withLock({ $0.lastRelist }) else { return false }
        return now.timeIntervalSince(last) < 180
    }

    public func run() async {
        while !Task.isCancelled {
            await relistOnce()
            try? await Task.sleep(for: period)
        }
    }

    /// One relist and the change notifications it produces; returns the changed UIDs.
    @discardableResult
    public func relistOnce() async -> [String] {
        let current: [String: PodRuntimeFingerprint]
        do {
            current = try await relist()
        } catch {
            logger.warning("PLEG relist: \(error)")
            return []
        }
        let changed = state.withLock { state -> [String] in
            let uids = Set(state.previous.keys).union(current.keys)
            let changed = uids.filter { state.previous[$0]?.states != current[$0]?.states }
            state.previous = current
            state.lastRelist = Date()
            state.relisted = true
            return changed.sorted()
        }
        for uid in changed { onChange(uid) }
        return changed
    }
}
