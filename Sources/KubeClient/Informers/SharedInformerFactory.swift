import KubeAPI
import Synchronization

/// One informer per kind, shared by every controller that asks for it (client-go's
/// SharedInformerFactory). `run()` starts each informer created so far and each one created later.
public final class SharedInformerFactory: Sendable {
    public let client: RESTClient
    public let namespace: String?
    public let resyncPeriod: Duration?
    /// Informers decode objects without `metadata.managedFields` (upstream's trim transform):
    /// only for users that never send a cached object back in an update.
    public let skipManagedFields: Bool

    struct Entry: Sendable {
        let informer: any Sendable
        let run: @Sendable () async -> Void
        let waitForCacheSync: @Sendable () async -> Void
    }

    struct State {
        var entries: [ObjectIdentifier: Entry] = [:]
        /// Informers created while `run()` is active are handed to it here.
        var started: AsyncStream<Entry>.Continuation?
    }

    let state = Mutex(State())

    public init(client: RESTClient, namespace: String? = nil, resyncPeriod: Duration? = nil, skipManagedFields: Bool = false) {
        self.client = client
        self.namespace = namespace
        self.resyncPeriod = resyncPeriod
        self.skipManagedFields = skipManagedFields
    }

    public func informer<O: KubeObject>(_ type: O.Type) -> Informer<O> {
        let (informer, started) = state.withLock { state -> (Informer<O>, Entry?) in
            if let existing = state.entries[ObjectIdentifier(type)]?.informer as? Informer<O> { return (existing, nil) }
            var resource = client.resource(type, namespace: namespace)
            resource.skipsManagedFields = skipManagedFields
            let informer = Informer(client: resource, resyncPeriod: resyncPeriod)
            let entry = Entry(informer: informer, run: { await informer.run() }, waitForCacheSync: { await informer.waitForCacheSync() })
            state.entries[ObjectIdentifier(type)] = entry
            return (informer, state.started == nil ? nil : entry)
        }
        if let started { state.withLock { $0.started }?.yield(started) }
        return informer
    }

    /// Runs every informer until the task is cancelled.
    public func run() async {
        let (stream, continuation) = AsyncStream<Entry>.makeStream()
        let existing = state.withLock { state -> [Entry] in
            state.started = continuation
            return Array(state.entries.values)
        }
        defer {
            state.withLock { $0.started = nil }
            continuation.finish()
        }
        await withTaskGroup(of: Void.self) { group in
            for entry in existing { group.addTask { await entry.run() } }
            for await entry in stream { group.addTask { await entry.run() } }
            group.cancelAll()
        }
    }

    /// Waits until every informer created so far has synced.
    public func waitForCacheSync() async {
        let entries = state.withLock { Array($0.entries.values) }
        for entry in entries { await entry.waitForCacheSync() }
    }
}
