/// The storage contract every backend implements (embedded SQLite, in-memory, etcd).
///
/// It is etcd's model, which is what Kubernetes is built on: one global, monotonically
/// increasing revision; every write gets the next revision; each key remembers the revision
/// that created it and the one that last modified it. The apiserver maps an object's
/// `resourceVersion` to its key's `modRevision`, and a list's to the store revision it was read at.
public protocol Store: Sendable {
    /// The newest revision the store has committed.
    func currentRevision() async throws(StoreError) -> Int64

    /// One key at the current revision, or `nil` when absent.
    func get(_ key: String) async throws(StoreError) -> KeyValue?

    /// Keys under `prefix` in key order (bytewise, as etcd), `limit` at most (0 = no limit), starting
    /// strictly after `startAfter` when given, as of `revision` (0 = current). Reading before the
    /// compact revision throws `.compacted` (reading at it works: compaction keeps that state);
    /// reading past the current revision throws `.futureRevision`.
    func list(prefix: String, startAfter: String?, limit: Int, revision: Int64) async throws(StoreError) -> ListResult

    /// Number of keys under `prefix` at the current revision.
    func count(prefix: String) async throws(StoreError) -> Int

    /// Creates `key` if absent; throws `.keyExists` otherwise. `ttl` (seconds) makes the key
    /// expire, as etcd leases do (Events): a sweeper deletes it within about a second of expiry,
    /// which watchers see as a `.delete`. Returns the new revision.
    func create(_ key: String, value: [UInt8], ttl: Int64?) async throws(StoreError) -> Int64

    /// Replaces `key`'s value if its modRevision equals `expectedRevision` (nil = any).
    /// Throws `.keyNotFound` when absent and `.conflict` (carrying the current value) on mismatch.
    /// `ttl` replaces any earlier one; nil means the key no longer expires. Returns the new revision.
    func update(_ key: String, value: [UInt8], expectedRevision: Int64?, ttl: Int64?) async throws(StoreError) -> Int64

    /// Deletes `key` if its modRevision equals `expectedRevision` (nil = any). Returns the value
    /// it had and the revision of the deletion.
    func delete(_ key: String, expectedRevision: Int64?) async throws(StoreError) -> (deleted: KeyValue, revision: Int64)

    /// Every change to keys under `prefix` with a revision strictly greater than `afterRevision`,
    /// in revision order, then live changes until the stream is cancelled. A start before the
    /// compact revision throws `.compacted` from the stream's first element (starting at it works).
    /// `.progress` events arrive periodically (backends make the interval configurable). A consumer
    /// that falls too far behind is not waited for: its stream ends with `StoreWatchError.fellBehind`
    /// after the events already buffered, and it should watch again from the last revision it saw.
    /// Closing the store ends every stream.
    func watch(prefix: String, afterRevision: Int64) -> AsyncThrowingStream<StoreWatchEvent, any Error>

    /// Forgets history before `revision`: values superseded at or before it, and deletions at or
    /// before it. Each key's state as of `revision` survives, so reads at `revision` still work.
    /// Compacting at or below the current compact revision does nothing; past the current revision
    /// throws `.futureRevision`. Returns the compact revision now in force.
    @discardableResult
    func compact(revision: Int64) async throws(StoreError) -> Int64

    /// Releases files, connections and watchers.
    func close() async
}

/// A key with its value and revisions, as etcd's `mvccpb.KeyValue`.
public struct KeyValue: Sendable, Hashable {
    public var key: String
    public var value: [UInt8]
    public var createRevision: Int64
    public var modRevision: Int64

    public init(key: String, value: [UInt8], createRevision: Int64, modRevision: Int64) {
        self.key = key
        self.value = value
        self.createRevision = createRevision
        self.modRevision = modRevision
    }
}

public struct ListResult: Sendable {
    /// The keys found, in key order.
    public var items: [KeyValue]
    /// The revision the list was read at (the list's resourceVersion).
    public var revision: Int64
    /// True when `limit` cut the list short; continue with `startAfter: items.last!.key`.
    public var more: Bool
    /// How many keys remain after the last returned one (for `remainingItemCount`), when known.
    public var remaining: Int?

    public init(items: [KeyValue], revision: Int64, more: Bool, remaining: Int?) {
        self.items = items
        self.revision = revision
        self.more = more
        self.remaining = remaining
    }
}

public enum StoreWatchEvent: Sendable, Hashable {
    /// A create or update. `previous` is the value before (nil for a create).
    case put(KeyValue, previous: KeyValue?)
    /// A deletion at `revision`; `previous` is the last value the key had.
    case delete(key: String, revision: Int64, previous: KeyValue)
    /// Nothing under the prefix changed up to `revision` (etcd's progress notification;
    /// the apiserver turns it into a BOOKMARK).
    case progress(revision: Int64)

    public var revision: Int64 {
        switch self {
        case .put(let kv, _): return kv.modRevision
        case .delete(_, let revision, _): return revision
        case .progress(let revision): return revision
        }
    }
}

public enum StoreError: Error, Sendable, Hashable, CustomStringConvertible {
    case keyExists(key: String)
    case keyNotFound(key: String)
    /// The key's modRevision did not match; carries what is stored now.
    case conflict(key: String, current: KeyValue)
    /// The requested revision is before the compact revision, whose history is gone.
    case compacted(requested: Int64, compactedRevision: Int64)
    /// The requested revision is newer than the store has.
    case futureRevision(requested: Int64, current: Int64)
    /// The backend cannot be reached or has failed; the message names it.
    case unavailable(String)
    case `internal`(String)

    public var description: String {
        switch self {
        case .keyExists(let key): return "key exists: \(key)"
        case .keyNotFound(let key): return "key not found: \(key)"
        case .conflict(let key, let current): return "revision conflict on \(key) (now at \(current.modRevision))"
        case .compacted(let requested, let compacted):
            return "required revision \(requested) has been compacted (compacted revision \(compacted))"
        case .futureRevision(let requested, let current):
            return "revision \(requested) is newer than the current revision \(current)"
        case .unavailable(let message): return "store unavailable: \(message)"
        case .internal(let message): return "store error: \(message)"
        }
    }
}
