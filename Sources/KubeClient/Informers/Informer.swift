import Foundation
import KubeAPI
import Synchronization

/// Keeps a local cache of one kind in step with the apiserver and tells handlers what changed
/// (client-go's reflector + shared index informer, without the DeltaFIFO: deltas are applied and
/// delivered in the order they arrive).
///
/// `run()` lists (paginated), replaces the cache — delivering adds, updates for objects whose
/// resourceVersion changed, and deletes for objects gone meanwhile — then watches from the list's
/// resourceVersion with bookmarks. When the server ends a watch (its timeout), the next watch
/// resumes from the last resourceVersion seen, so nothing is missed and nothing is relisted.
/// A 410 Gone (the resourceVersion was compacted away) relists. Other errors back off and retry.
public final class Informer<Object: KubeObject>: Sendable {
    public let client: ResourceClient<Object>
    public let labelSelector: String?
    public let fieldSelector: String?
    public let resyncPeriod: Duration?
    /// The `timeoutSeconds` each watch asks for, picked at random in this range (client-go: 5–10 min)
    /// so that many informers do not all re-watch at once.
    public let watchTimeoutSeconds: ClosedRange<Int>
    public let pageSize: Int
    public let store = Indexer<Object>()

    struct Delivery {
        var handlers: [EventHandler<Object>] = []
    }

    struct Progress {
        var running = false
        var synced = false
        var waiters: [Int: CheckedContinuation<Void, Never>] = [:]
        var nextWaiter = 0
        var lastSyncResourceVersion = ""
        var lists = 0
        var watches = 0
    }

    /// Held while the cache changes and handlers run, so every handler sees one ordered history.
    let delivery = Mutex(Delivery())
    let progress = Mutex(Progress())
    /// Test seam: awaited before each watch is opened (lets a test hold the reflector between watches).
    let beforeWatch = Mutex<(@Sendable () async -> Void)?>(nil)

    /// How many lists and watches the reflector has made (for tests and diagnostics).
    var listCount: Int { progress.withLock { $0.lists } }
    var watchCount: Int { progress.withLock { $0.watches } }

    public init(
        client: ResourceClient<Object>, labelSelector: String? = nil, fieldSelector: String? = nil,
        resyncPeriod: Duration? = nil, watchTimeoutSeconds: ClosedRange<Int> = 300...600, pageSize: Int = 500
    ) {
        self.client = client
        self.labelSelector = labelSelector
        self.fieldSelector = fieldSelector
        self.resyncPeriod = resyncPeriod
        self.watchTimeoutSeconds = watchTimeoutSeconds
        self.pageSize = pageSize
    }

    public var hasSynced: Bool { progress.withLock { $0.synced } }

    /// The resourceVersion of the last list or event applied.
    public var lastSyncResourceVersion: String { progress.withLock { $0.lastSyncResourceVersion } }

    /// Adds a handler. One added after the cache has objects first gets a synthetic add for each
    /// of them, ordered before any later event.
    public func addHandler(_ handler: EventHandler<Object>) {
        delivery.withLock { delivery in
            delivery.handlers.append(handler)
            for object in store.list() { handler.onAdd(object) }
        }
    }

    /// Returns once the first list is in the store and its events delivered (or the task is cancelled).
    public func waitForCacheSync() async {
        let id = progress.withLock { state -> Int in
            state.nextWaiter += 1
            return state.nextWaiter
        }
        await withTaskCancellationHandler {
            await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
                let ready = progress.withLock { state -> Bool in
                    if state.synced || Task.isCancelled { return true }
                    state.waiters[id] = continuation
                    return false
                }
                if ready { continuation.resume() }
            }
        } onCancel: {
            progress.withLock { $0.waiters.removeValue(forKey: id) }?.resume()
        }
    }

    /// Lists and watches until the task is cancelled. A second concurrent `run()` returns at once.
    public func run() async {
        let claimed = progress.withLock { state -> Bool in
            if state.running { return false }
            state.running = true
            return true
        }
        guard claimed else { return }
        defer { progress.withLock { $0.running = false } }

        await withTaskGroup(of: Void.self) { group in
            if let resyncPeriod, resyncPeriod > .zero {
                group.addTask { [self] in
                    while !Task.isCancelled {
                        try? await Task.sleep(for: resyncPeriod)
                        if Task.isCancelled { break }
                        if hasSynced { resync() }
                    }
                }
            }
            group.addTask { [self] in await listAndWatch() }
            _ = await group.next()
            group.cancelAll()
        }
    }

    // MARK: Reflector

    func listAndWatch() async {
        var backoff = Backoff()
        var needsList = true
        while !Task.isCancelled {
            do {
                if needsList {
                    try await listAndReplace()
                    needsList = false
                }
                if let hook = beforeWatch.withLock({ $0 }) { await hook() }
                let started = ContinuousClock.now
                let events = try await watchOnce()
                // A watch the server ends at once, having sent nothing, is a failure to back off from.
                if events == 0 && ContinuousClock.now - started < .seconds(1) {
                    try await Task.sleep(for: backoff.next())
                } else {
                    backoff.reset()
                }
            } catch let error as APIError where error.isGone {
                // Our resourceVersion was compacted away: only a fresh list can catch up.
                needsList = true
            } catch {
                if Task.isCancelled { return }
                try? await Task.sleep(for: backoff.next())
            }
        }
    }

    /// Lists every page at one resourceVersion and replaces the cache with the result.
    func listAndReplace() async throws {
        var items: [Object] = []
        var resourceVersion = ""
        var continueToken: String? = nil
        repeat {
            let page: ObjectList<Object>
            do {
                page = try await client.list(
                    labelSelector: labelSelector, fieldSelector: fieldSelector, limit: pageSize, continue: continueToken)
            } catch let error as APIError where error.isGone && continueToken != nil {
                // The continue token expired mid-list: start over in one unpaginated request.
                page = try await client.list(labelSelector: labelSelector, fieldSelector: fieldSelector)
                items = []
                resourceVersion = ""
            }
            items += page.items
            // Every page of one list is served at the first page's resourceVersion.
            if resourceVersion.isEmpty { resourceVersion = page.resourceVersion }
            continueToken = page.continueToken
        } while continueToken != nil
        try Task.checkCancellation()
        replace(items, resourceVersion: resourceVersion)
    }

    /// One watch from the last resourceVersion, applying events until the server ends it.
    /// Returns how many events arrived.
    func watchOnce() async throws -> Int {
        let timeout = Int.random(in: watchTimeoutSeconds)
        progress.withLock { $0.watches += 1 }
        let stream = client.watch(
            resourceVersion: lastSyncResourceVersion, labelSelector: labelSelector, fieldSelector: fieldSelector,
            timeoutSeconds: timeout)
        var count = 0
        for try await event in stream {
            count += 1
            apply(event)
        }
        return count
    }

    // MARK: Applying changes

    func replace(_ items: [Object], resourceVersion: String) {
        delivery.withLock { delivery in
            var listed = Set<String>()
            for object in items {
                listed.insert(objectKey(object))
                if let old = store.put(object) {
                    if old.metadata.resourceVersion != object.metadata.resourceVersion {
                        for handler in delivery.handlers { handler.onUpdate(old, object) }
                    }
                } else {
                    for handler in delivery.handlers { handler.onAdd(object) }
                }
            }
            // Objects deleted while we were not watching.
            for key in store.listKeys() where !listed.contains(key) {
                if let old = store.remove(key: key) {
                    for handler in delivery.handlers { handler.onDelete(old) }
                }
            }
            progress.withLock { $0.lastSyncResourceVersion = resourceVersion; $0.lists += 1 }
        }
        markSynced()
    }

    func apply(_ event: TypedWatchEvent<Object>) {
        delivery.withLock { delivery in
            switch event {
            case .added(let object), .modified(let object):
                if let old = store.put(object) {
                    for handler in delivery.handlers { handler.onUpdate(old, object) }
                } else {
                    for handler in delivery.handlers { handler.onAdd(object) }
                }
            case .deleted(let object):
                if store.remove(key: objectKey(object)) != nil {
                    for handler in delivery.handlers { handler.onDelete(object) }
                }
            case .bookmark:
                break
            }
            if let rv = event.resourceVersion, !rv.isEmpty {
                progress.withLock { $0.lastSyncResourceVersion = rv }
            }
        }
    }

    /// Re-delivers every cached object as an update to itself, so level-driven controllers revisit them.
    func resync() {
        delivery.withLock { delivery in
            for object in store.list() {
                for handler in delivery.handlers { handler.onUpdate(object, object) }
            }
        }
    }

    func markSynced() {
        let waiters = progress.withLock { state -> [CheckedContinuation<Void, Never>] in
            state.synced = true
            defer { state.waiters = [:] }
            return Array(state.waiters.values)
        }
        for waiter in waiters { waiter.resume() }
    }
}
