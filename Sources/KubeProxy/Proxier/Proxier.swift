import Dispatch
import Glibc
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
        /// CPU time spent rendering the rules. A full sync streams them to iptables-restore as
        /// they are rendered, so this overlaps the restore.
        public var render: Duration
        /// Wall time of the whole sync: reading the tables (full sync), rendering, restoring.
        public var elapsed: Duration
        public var error: String?
    }

    public let iptables: IPTables
    public let options: Options
    private let state: Mutex<ProxierState>
    /// Touched only by the running sync (`syncLock`), never by the handlers.
    private let rendered: Mutex<RenderState>
    private let syncLock = Mutex<Bool>(false)
    private let wakeups: AsyncStream<Void>
    private let wake: AsyncStream<Void>.Continuation
    private let logger: Logger

    public init(iptables: IPTables, options: Options, logger: Logger = Logger(label: "kubeswift.proxy")) {
        self.iptables = iptables
        self.options = options
        self.logger = logger
        state = Mutex(ProxierState(hostname: options.hostname))
        rendered = Mutex(RenderState(config: options.rules))
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
                        "render": "\(outcome.render)", "elapsed": "\(outcome.elapsed)",
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
        let start = clock.now
        let sync = state.withLock { $0.takeChanges() }
        func failed(_ error: any Error, _ outcome: SyncOutcome? = nil) -> SyncOutcome {
            state.withLock { $0.needFullSync = true }
            var failure = outcome ?? SyncOutcome(full: sync.full, input: RestoreInput(), bytes: [], changedServices: 0, render: .zero, elapsed: .zero)
            failure.elapsed = clock.now - start
            failure.error = "\(error)"
            return failure
        }

        guard sync.full else {
            // A partial sync is small: render it all, then restore only if anything changed.
            let (plan, bytes, render) = rendered.withLock { rendered in
                Self.render { write in rendered.plan(sync, saved: { nil }, writer: &write) }
            }
            var outcome = SyncOutcome(
                full: false, input: plan.input, bytes: bytes, changedServices: plan.changedServices, render: render, elapsed: .zero)
            if !plan.input.isEmpty {
                do { try await iptables.restore(bytes: bytes) } catch { return failed(error, outcome) }
            }
            rendered.withLock { $0.commit(plan) }
            outcome.elapsed = clock.now - start
            return outcome
        }

        // The tables are read (for leftover chains and missing jump rules) while the Services
        // are rendered and streamed: the plan waits for them only at the end.
        let saved = SavedTablesPromise()
        let reading = Task { [iptables] in
            do throws(IPTablesError) {
                saved.fulfil(.success(try await SavedTables.read(from: iptables)))
            } catch {
                saved.fulfil(.failure(error))
            }
        }
        // A full sync at 10,000 Services is 10 MB of text: iptables-restore parses each Service's
        // chains while the next ones are rendered.
        let (done, restoreError) = await iptables.restore { [self] sink in
            let (plan, bytes, render) = self.rendered.withLock { rendered in
                Self.render(sink: sink) { write in rendered.plan(sync, saved: { try? saved.wait().get() }, writer: &write) }
            }
            return ((plan, render), bytes)
        }
        await reading.value
        // Without the saved tables the jump rules and leftovers were not written: do it all again.
        var error = restoreError
        if case .failure(let failure) = saved.wait(), error == nil { error = failure }
        guard let ((plan, render), bytes) = done else { return failed(error ?? .command([], "no restore")) }
        let outcome = SyncOutcome(
            full: true, input: plan.input, bytes: bytes, changedServices: plan.changedServices, render: render, elapsed: clock.now - start)
        if let error { return failed(error, outcome) }
        rendered.withLock { $0.commit(plan) }
        return outcome
    }

    /// Runs `plan` with a writer (streaming to `sink` if given) and measures the CPU time it took.
    private static func render(
        sink: RestoreWriter.Sink? = nil, _ plan: (inout RestoreWriter) -> RenderState.Plan
    ) -> (RenderState.Plan, [UInt8], Duration) {
        let cpuStart = ThreadCPUTime.now()
        var writer = RestoreWriter(sink: sink)
        let result = plan(&writer)
        let bytes = writer.finish().bytes
        return (result, bytes, ThreadCPUTime.now() - cpuStart)
    }
}

/// CPU time of the calling thread: what rendering costs, whatever else the machine is doing.
enum ThreadCPUTime {
    static func now() -> Duration {
        var spec = timespec()
        clock_gettime(CLOCK_THREAD_CPUTIME_ID, &spec)
        return .seconds(spec.tv_sec) + .nanoseconds(spec.tv_nsec)
    }
}

/// The saved tables, read concurrently with the render; the render thread blocks on `wait`
/// (a thread of its own: see `CommandRunner.run(_:streamingStdin:)`).
final class SavedTablesPromise: Sendable {
    private let ready = DispatchSemaphore(value: 0)
    private let result = Mutex<Result<SavedTables, IPTablesError>?>(nil)

    func fulfil(_ value: Result<SavedTables, IPTablesError>) {
        result.withLock { $0 = value }
        ready.signal()
    }

    func wait() -> Result<SavedTables, IPTablesError> {
        ready.wait()
        ready.signal()
        return result.withLock { $0! }
    }
}
