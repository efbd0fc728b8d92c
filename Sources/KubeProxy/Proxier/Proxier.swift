import Dispatch
import KubeAPI
import Logging
import Synchronization

/// kube-proxy's iptables mode (upstream pkg/proxy/iptables): event handlers record changes;
/// `run()` coalesces them into one sync at most every `minSyncInterval`; each sync writes one
/// `iptables-restore --noflush` input with only what changed since the last successful one.
public final class Proxier: Sendable {
    public struct Options: Sendable {
        public var hostname: String
        public var rules: ProxyRuleConfig
        /// At most one sync per interval: bursts of events become one restore.
        public var minSyncInterval: Duration
        /// After a failed sync, the next (full) one is tried this much later even without events.
        public var retryInterval: Duration

        public init(hostname: String, rules: ProxyRuleConfig = ProxyRuleConfig(), minSyncInterval: Duration = .seconds(1), retryInterval: Duration = .seconds(5)) {
            self.hostname = hostname
            self.rules = rules
            self.minSyncInterval = minSyncInterval
            self.retryInterval = retryInterval
        }
    }

    /// What one sync did.
    public struct SyncOutcome: Sendable {
        public var full: Bool
        public var input: RestoreInput
        /// What was handed to iptables-restore.
        public var bytes: [UInt8]
        public var text: String { String(decoding: bytes, as: UTF8.self) }
        public var changedServices: Int
        public var render: Duration
        public var apply: Duration
        public var error: String?
    }

    public let iptables: IPTables
    public let options: Options
    private let state: Mutex<ProxierState>
    private let syncLock = Mutex<Bool>(false)
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let logger: Logger

    public init(iptables: IPTables, options: Options, logger: Logger = Logger(label: "kubeswift.proxy")) {
        self.iptables = iptables
        self.options = options
        self.logger = logger
        state = Mutex(ProxierState(hostname: options.hostname, config: options.rules))
        (wakeups, wake) = AsyncStream.makeStream(of: Void.self, bufferingPolicy: .bufferingNewest(1))
    }

    // MARK: Event handlers: record and ask for a sync, nothing else.

    public func onServiceAdd(_ service: Service) { record { $0.setService(service, name: Self.name(of: service)) } }
    public func onServiceUpdate(_ old: Service, _ new: Service) { record { $0.setService(new, name: Self.name(of: new)) } }
    public func onServiceDelete(_ service: Service) { record { $0.setService(nil, name: Self.name(of: service)) } }
    public func onEndpointSliceAdd(_ slice: EndpointSlice) { record { $0.setSlice(slice, deleted: false) } }
    public func onEndpointSliceUpdate(_ old: EndpointSlice, _ new: EndpointSlice) { record { $0.setSlice(new, deleted: false) } }
    public func onEndpointSliceDelete(_ slice: EndpointSlice) { record { $0.setSlice(slice, deleted: true) } }
    public func onEndpointsAdd(_ endpoints: Endpoints) { record { $0.setLegacyEndpoints(endpoints, deleted: false) } }
    public func onEndpointsUpdate(_ old: Endpoints, _ new: Endpoints) { record { $0.setLegacyEndpoints(new, deleted: false) } }
    public func onEndpointsDelete(_ endpoints: Endpoints) { record { $0.setLegacyEndpoints(endpoints, deleted: true) } }

    /// The Service cache has its initial list: no rules are written before both caches have,
    /// so a restart never programs a half-known cluster.
    public func onServicesSynced() { record { $0.servicesSynced = true } }
    public func onEndpointsSynced() { record { $0.endpointsSynced = true } }

    /// Makes the next sync rewrite everything (e.g. rules were flushed behind our back).
    public func forceFullSync() { record { $0.needFullSync = true } }

    private func record(_ change: (inout ProxierState) -> Void) {
        state.withLock { change(&$0) }
        wake.yield()
    }

    private static func name(of service: Service) -> ServiceName {
        ServiceName(namespace: service.metadata.namespace ?? "default", name: service.metadata.name ?? "")
    }

    // MARK: The sync loop

    /// Syncs whenever something changed, at most once per `minSyncInterval`, until cancelled.
    public func run() async {
        let clock = ContinuousClock()
        var lastSync: ContinuousClock.Instant? = nil
        var retry: Task<Void, Never>? = nil
        defer { retry?.cancel() }
        for await _ in wakeups {
            if let lastSync {
                let next = lastSync.advanced(by: options.minSyncInterval)
                if clock.now < next { try? await clock.sleep(until: next) }
            }
            if Task.isCancelled { return }
            guard state.withLock({ $0.isInitialized }) else { continue }
            lastSync = clock.now
            let outcome = await syncProxyRules()
            if let error = outcome?.error {
                logger.error("sync failed, next sync is full", metadata: ["error": "\(error)"])
                retry?.cancel()
                let (wake, delay) = (self.wake, options.retryInterval)
                retry = Task {
                    try? await Task.sleep(for: delay)
                    if !Task.isCancelled { wake.yield() }
                }
            } else if let outcome, !outcome.input.isEmpty {
                logger.debug(
                    "synced iptables rules",
                    metadata: [
                        "full": "\(outcome.full)", "services": "\(outcome.changedServices)", "lines": "\(outcome.input.lineCount)",
                        "render": "\(outcome.render)", "apply": "\(outcome.apply)",
                    ])
            }
        }
    }

    /// One sync now (the loop's body; tests and benchmarks call it directly). Returns nil when
    /// the caches have not synced yet or another sync is running.
    @discardableResult
    public func syncProxyRules() async -> SyncOutcome? {
        guard state.withLock({ $0.isInitialized }) else { return nil }
        let acquired = syncLock.withLock { running -> Bool in
            if running { return false }
            running = true
            return true
        }
        guard acquired else { return nil }
        defer { syncLock.withLock { $0 = false } }

        let clock = ContinuousClock()
        var saved: (filter: SavedTable, nat: SavedTable)? = nil
        let full = state.withLock { $0.needFullSync }
        let start = clock.now
        if full {
            do {
                saved = (SavedTable(try await iptables.save(.filter)), SavedTable(try await iptables.save(.nat)))
            } catch {
                return SyncOutcome(full: true, input: RestoreInput(), bytes: [], changedServices: 0, render: .zero, apply: clock.now - start, error: "\(error)")
            }
        }
        let renderStart = clock.now
        let plan = state.withLock { $0.plan(saved: saved) }
        let bytes = plan.input.bytes
        let render = clock.now - renderStart
        let applyStart = clock.now
        var failure: String? = nil
        if !plan.input.isEmpty {
            do { try await iptables.restore(bytes: bytes) } catch { failure = "\(error)" }
        }
        let apply = (clock.now - applyStart) + (renderStart - start)
        state.withLock { state in
            if failure == nil { state.commit(plan) } else { state.needFullSync = true }
        }
        return SyncOutcome(
            full: plan.full, input: plan.input, bytes: bytes, changedServices: plan.changedServices, render: render, apply: apply, error: failure)
    }
}
