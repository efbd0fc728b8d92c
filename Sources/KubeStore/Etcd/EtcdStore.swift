import EtcdAPI
import Foundation
import GRPCCore
import GRPCNIOTransportHTTP2
import Synchronization

/// A `Store` over a real etcd (v3 gRPC API), as upstream's apiserver keeps its state: a key's
/// modRevision is the object's resourceVersion, so every apiserver on the same etcd shows the same
/// numbers. Writes are transactions guarded on the key's create/mod revision (create-if-absent,
/// update/delete-if-revision); TTL keys use shared leases (`EtcdLeases`); watches are etcd watches
/// (`EtcdWatcher`) with etcd's progress notifications as `.progress` events.
///
/// Several endpoints may be given: calls go to one member and move to the next when it goes away
/// (`EtcdCluster`); watches are re-created there from the last revision they delivered.
///
/// Progress notifications come from etcd itself at its `--experimental-watch-progress-notify-interval`
/// (10 min by default; run etcd with a few seconds, as Kubernetes' own test setups do).
public final class EtcdStore: Store {
    public struct Options: Sendable {
        /// How long a health check, compaction or lease grant may take on one member before it is
        /// tried on another. Reads and writes have no per-call limit: a member that stops answering
        /// is dropped by the connection's keepalive (`EtcdMember`), and they move on from there.
        public var attemptTimeout: Duration = .seconds(5)
        /// How long a call keeps trying (every member, with backoff) before failing `.unavailable`.
        public var requestDeadline: Duration = .seconds(20)
        /// How long `currentRevision()` (the apiserver's etcd health check) tries before failing.
        public var healthDeadline: Duration = .seconds(3)
        /// How long `connect` waits for some member to answer.
        public var startupTimeout: Duration = .seconds(5)
        /// Events a watcher may have waiting before it is ended as too slow.
        public var watchBufferSize = 10_000

        public init() {}
    }

    public let endpoints: [EtcdEndpoint]
    private let options: Options
    private let cluster: EtcdCluster
    private let leases = EtcdLeases()
    private let watchers = Mutex<(next: Int, open: [Int: EtcdWatcher])>((0, [:]))

    /// Sets up connections to `endpoints` without waiting for them; see `connect` for a checked start.
    /// How the store connects to each member and calls it for reads and writes, for a client that
    /// must talk to etcd the same way (the store bench's raw etcd row).
    public static var connectionConfig: HTTP2ClientTransport.Posix.Config { EtcdMember.connectionConfig }
    public static var requestCallOptions: CallOptions { EtcdMessages.callOptions() }

    public init(endpoints: [EtcdEndpoint], options: Options = Options()) throws(StoreError) {
        guard !endpoints.isEmpty else { throw .unavailable("no etcd endpoints given") }
        self.endpoints = endpoints
        self.options = options
        cluster = try EtcdCluster(endpoints: endpoints)
    }

    /// Connects and checks that some member answers within `options.startupTimeout`; otherwise
    /// throws `.unavailable` naming every endpoint and the last failure.
    public static func connect(endpoints: [EtcdEndpoint], options: Options = Options()) async throws(StoreError) -> EtcdStore {
        let store = try EtcdStore(endpoints: endpoints, options: options)
        do {
            _ = try await store.rangeHeader(deadline: options.startupTimeout, what: "startup check")
        } catch {
            await store.close()
            let cause: String
            if case .unavailable(let message) = error { cause = message } else { cause = error.description }
            throw .unavailable("cannot reach etcd at \(store.cluster.endpointList) within \(options.startupTimeout): \(cause)")
        }
        return store
    }

    deinit {
        cluster.close()
    }

    // MARK: Reads

    public func currentRevision() async throws(StoreError) -> Int64 {
        try await rangeHeader(deadline: options.healthDeadline, what: "current revision")
    }

    public func get(_ key: String) async throws(StoreError) -> KeyValue? {
        var request = Etcdserverpb_RangeRequest()
        request.key = Data(key.utf8)
        let response = try await range(request, what: "get \(key)")
        return response.kvs.first.map(EtcdMessages.keyValue)
    }

    public func list(prefix: String, startAfter: String?, limit: Int, revision: Int64) async throws(StoreError) -> ListResult {
        var request = Etcdserverpb_RangeRequest()
        var start = Array(prefix.utf8)
        if let startAfter {
            let after = Array(startAfter.utf8) + [0]
            if start.lexicographicallyPrecedes(after) { start = after }
        }
        request.key = Data(start)
        request.rangeEnd = EtcdMessages.rangeEnd(prefix: prefix)
        request.limit = Int64(max(limit, 0))
        request.revision = revision
        let response = try await range(request, what: "list \(prefix)", revision: revision)
        let items = response.kvs.map(EtcdMessages.keyValue)
        return ListResult(
            items: items, revision: revision > 0 ? revision : response.header.revision, more: response.more,
            remaining: response.more ? Int(response.count) - items.count : 0)
    }

    public func count(prefix: String) async throws(StoreError) -> Int {
        var request = Etcdserverpb_RangeRequest()
        request.key = Data(prefix.utf8)
        request.rangeEnd = EtcdMessages.rangeEnd(prefix: prefix)
        request.countOnly = true
        return Int(try await range(request, what: "count \(prefix)").count)
    }

    // MARK: Writes

    public func create(_ key: String, value: [UInt8], ttl: Int64?) async throws(StoreError) -> Int64 {
        let response = try await txn("create \(key)", ttl: ttl, retryUnknownOutcome: true) { lease in
            var txn = Etcdserverpb_TxnRequest()
            txn.compare = [EtcdMessages.compare(key, .create, .equal, 0)]
            txn.success = [EtcdMessages.put(key, value: value, lease: lease)]
            txn.failure = [EtcdMessages.get(key)]
            return txn
        }
        if response.txn.succeeded { return response.txn.header.revision }
        // A retried create whose first attempt was applied finds its own value, created and untouched
        // since. (A byte-identical create of the same key by someone else looks the same; the
        // apiserver's objects carry a fresh uid, so for them it cannot happen.)
        if response.attempts > 1, let current = EtcdMessages.currentValue(response.txn), current.value == value,
            current.createRevision == current.modRevision
        {
            return current.modRevision
        }
        throw .keyExists(key: key)
    }

    public func update(_ key: String, value: [UInt8], expectedRevision: Int64?, ttl: Int64?) async throws(StoreError) -> Int64 {
        let response = try await txn("update \(key)", ttl: ttl, unapplied: guardStillHolds(key, expectedRevision)) { lease in
            var txn = Etcdserverpb_TxnRequest()
            txn.compare = [EtcdMessages.guardFor(key, expectedRevision: expectedRevision)]
            txn.success = [EtcdMessages.put(key, value: value, lease: lease)]
            txn.failure = [EtcdMessages.get(key)]
            return txn
        }
        if response.txn.succeeded { return response.txn.header.revision }
        guard let current = EtcdMessages.currentValue(response.txn) else { throw .keyNotFound(key: key) }
        if expectedRevision == nil {
            // Cannot happen (an existing key passes the guard) unless it was created in between.
            throw .internal("update \(key): etcd refused an unconditional update of an existing key")
        }
        throw .conflict(key: key, current: current)
    }

    public func delete(_ key: String, expectedRevision: Int64?) async throws(StoreError) -> (deleted: KeyValue, revision: Int64) {
        let response = try await txn("delete \(key)", ttl: nil, unapplied: guardStillHolds(key, expectedRevision)) { _ in
            var txn = Etcdserverpb_TxnRequest()
            txn.compare = [EtcdMessages.guardFor(key, expectedRevision: expectedRevision)]
            txn.success = [EtcdMessages.delete(key)]
            txn.failure = [EtcdMessages.get(key)]
            return txn
        }
        if response.txn.succeeded {
            for op in response.txn.responses {
                if case .responseDeleteRange(let deleted)? = op.response, let previous = deleted.prevKvs.first {
                    return (EtcdMessages.keyValue(previous), response.txn.header.revision)
                }
            }
            throw .internal("delete \(key): etcd deleted nothing although the guard held")
        }
        guard let current = EtcdMessages.currentValue(response.txn) else { throw .keyNotFound(key: key) }
        throw .conflict(key: key, current: current)
    }

    // MARK: Watch and compaction

    public func watch(prefix: String, afterRevision: Int64) -> AsyncThrowingStream<StoreWatchEvent, any Error> {
        let (watcher, stream) = EtcdWatcher.make(prefix: prefix, afterRevision: afterRevision, bufferSize: options.watchBufferSize)
        if cluster.isClosed {
            watcher.channel.finish(throwing: StoreError.unavailable("etcd store (\(cluster.endpointList)) is closed"))
            return stream
        }
        let id = watchers.withLock { state in
            state.next += 1
            state.open[state.next] = watcher
            return state.next
        }
        watcher.start(cluster: cluster) { [weak self] in
            _ = self?.watchers.withLock { $0.open.removeValue(forKey: id) }
        }
        return stream
    }

    @discardableResult
    public func compact(revision: Int64) async throws(StoreError) -> Int64 {
        enum Outcome: Sendable { case compacted, alreadyCompacted, future }
        let outcome = try await cluster.call("compact \(revision)", deadline: options.requestDeadline) {
            (member, _) throws(EtcdFailure) -> Outcome in
            var request = Etcdserverpb_CompactionRequest()
            request.revision = revision
            do {
                _ = try await member.kv.compact(request, metadata: EtcdMessages.requireLeader, options: EtcdMessages.callOptions(timeout: self.options.attemptTimeout))
                return .compacted
            } catch {
                switch EtcdFailure(error) {
                case .compacted: return .alreadyCompacted
                case .futureRevision: return .future
                case let failure: throw failure
                }
            }
        }
        switch outcome {
        case .compacted:
            return revision
        case .alreadyCompacted:
            return await compactRevision(atLeast: revision)
        case .future:
            throw .futureRevision(requested: revision, current: try await currentRevision())
        }
    }

    public func close() async {
        cluster.close()
        let open = watchers.withLock { state in
            defer { state.open = [:] }
            return Array(state.open.values)
        }
        for watcher in open { watcher.stop() }
    }

    // MARK: Calls

    private func rangeHeader(deadline: Duration, what: String) async throws(StoreError) -> Int64 {
        var request = Etcdserverpb_RangeRequest()
        // Any key does: the header carries the store's revision. etcd's own health check reads "health".
        request.key = Data("health".utf8)
        request.countOnly = true
        return try await range(request, what: what, deadline: deadline).header.revision
    }

    private func range(
        _ request: Etcdserverpb_RangeRequest, what: String, revision: Int64 = 0, deadline: Duration? = nil
    ) async throws(StoreError) -> Etcdserverpb_RangeResponse {
        enum Outcome: Sendable {
            case ok(Etcdserverpb_RangeResponse)
            case compacted, future
        }
        // A call with a short deadline of its own (the health check) bounds each attempt too.
        let timeout = deadline.map { min($0, options.attemptTimeout) }
        let outcome = try await cluster.call(what, deadline: deadline ?? options.requestDeadline) {
            (member, _) throws(EtcdFailure) -> Outcome in
            do {
                return .ok(try await member.kv.range(request, metadata: EtcdMessages.requireLeader, options: EtcdMessages.callOptions(timeout: timeout)))
            } catch {
                switch EtcdFailure(error) {
                case .compacted: return .compacted
                case .futureRevision: return .future
                case let failure: throw failure
                }
            }
        }
        switch outcome {
        case .ok(let response):
            return response
        case .compacted:
            throw .compacted(requested: revision, compactedRevision: await compactRevision(atLeast: revision + 1))
        case .future:
            throw .futureRevision(requested: revision, current: try await currentRevision())
        }
    }

    private struct TxnOutcome: Sendable {
        var txn: Etcdserverpb_TxnResponse
        /// How many attempts it took; more than one means an earlier attempt may have been applied.
        var attempts: Int
    }

    /// `retryUnknownOutcome`: whether an attempt that may have been applied may be sent again (only
    /// creates, which recognise their own value afterwards).
    private func txn(
        _ what: String, ttl: Int64?, retryUnknownOutcome: Bool = false,
        unapplied: (@Sendable () async -> Bool)? = nil, _ build: @escaping @Sendable (_ lease: Int64) -> Etcdserverpb_TxnRequest
    ) async throws(StoreError) -> TxnOutcome {
        let timeout = options.attemptTimeout
        let leases = self.leases
        return try await cluster.call(what, deadline: options.requestDeadline, retryUnknownOutcome: retryUnknownOutcome, unapplied: unapplied) {
            (member, attempt) throws(EtcdFailure) -> TxnOutcome in
            let lease = try await ttl.asyncMap { ttl throws(EtcdFailure) in
                try await leases.lease(ttl: ttl, on: member, timeout: timeout)
            } ?? 0
            do {
                return TxnOutcome(txn: try await member.kv.txn(build(lease), metadata: EtcdMessages.requireLeader, options: EtcdMessages.callOptions()), attempts: attempt)
            } catch {
                let failure = EtcdFailure(error)
                if EtcdLeases.isLeaseNotFound(failure) {
                    leases.forget(lease)
                    throw .notSent("lease \(lease) not found")
                }
                throw failure
            }
        }
    }

    /// For a write guarded on `expectedRevision` whose outcome is unknown: true when the key is still at
    /// that revision, so the write was not applied and may be sent again. Unguarded writes cannot tell.
    private func guardStillHolds(_ key: String, _ expectedRevision: Int64?) -> (@Sendable () async -> Bool)? {
        guard let expectedRevision else { return nil }
        return { [weak self] in
            guard let self, let current = try? await self.get(key) else { return false }
            return current.modRevision == expectedRevision
        }
    }

    /// The compact revision in force, which etcd reports only to a watch that starts before it. Used
    /// to fill in `.compacted` errors; `atLeast` is what is known without asking (or if asking fails).
    private func compactRevision(atLeast known: Int64) async -> Int64 {
        var create = Etcdserverpb_WatchCreateRequest()
        create.key = Data("health".utf8)
        create.startRevision = 1
        var request = Etcdserverpb_WatchRequest()
        request.requestUnion = .createRequest(create)
        var options = EtcdMessages.callOptions(timeout: self.options.attemptTimeout)
        options.maxResponseMessageBytes = nil
        let member = cluster.current
        let answer = try? await member.watch.watch(options: options) { [request] writer in
            try await writer.write(request)
            while true { try await Task.sleep(for: .seconds(3600)) }
        } onResponse: { response -> Int64 in
            for try await message in response.messages where message.compactRevision != 0 {
                return message.compactRevision
            }
            return 0
        }
        return max(answer ?? 0, known)
    }
}

extension Optional {
    fileprivate func asyncMap<U, E: Error>(_ transform: (Wrapped) async throws(E) -> U) async throws(E) -> U? {
        guard let self else { return nil }
        return try await transform(self)
    }
}
