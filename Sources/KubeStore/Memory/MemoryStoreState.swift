/// Everything a `MemoryStore` holds, mutated only under its lock.
struct MemoryStoreState: Sendable {
    /// One version of a key; `value == nil` is a deletion.
    struct Version: Sendable {
        var modRevision: Int64
        var createRevision: Int64
        var value: [UInt8]?
    }

    var revision: Int64 = 0
    var compactRevision: Int64 = 0
    /// Versions per key, oldest first, since the last compaction.
    var versions: [String: [Version]] = [:]
    /// Every key in `versions`, in byte order, for range scans.
    var sortedKeys: [String] = []
    /// One event per revision, `compactRevision + 1 ... revision`.
    var events: [StoreWatchEvent] = []
    var expiries: [String: ContinuousClock.Instant] = [:]
    /// Live watchers and the revision each asked to start after (which may be in the future).
    var watchers: [(channel: WatchChannel, after: Int64)] = []
    var closed = false

    func checkOpen() throws(StoreError) {
        if closed { throw .unavailable("memory store is closed") }
    }

    func value(of key: String, at revision: Int64) -> KeyValue? {
        guard let history = versions[key],
            let version = history.last(where: { $0.modRevision <= revision }),
            let value = version.value
        else { return nil }
        return KeyValue(key: key, value: value, createRevision: version.createRevision, modRevision: version.modRevision)
    }

    func list(prefix: String, startAfter: String?, limit: Int, revision: Int64) throws(StoreError) -> ListResult {
        let at = revision == 0 ? self.revision : revision
        if at > self.revision { throw .futureRevision(requested: at, current: self.revision) }
        if at < compactRevision { throw .compacted(requested: at, compactedRevision: compactRevision) }
        let range = KeyRange(prefix: prefix)
        var index = lowerBound(range.start)
        if let startAfter { index = max(index, lowerBound(Array(startAfter.utf8))) }
        var items: [KeyValue] = []
        var remaining = 0
        while index < sortedKeys.count, range.contains(sortedKeys[index]) {
            let key = sortedKeys[index]
            index += 1
            if key == startAfter { continue }
            guard let kv = value(of: key, at: at) else { continue }
            if limit > 0 && items.count == limit {
                remaining += 1
            } else {
                items.append(kv)
            }
        }
        return ListResult(items: items, revision: at, more: remaining > 0, remaining: remaining)
    }

    mutating func put(_ key: String, value: [UInt8], previous: KeyValue?, expiry: ContinuousClock.Instant?) -> Int64 {
        revision += 1
        let kv = KeyValue(key: key, value: value, createRevision: previous?.createRevision ?? revision, modRevision: revision)
        append(Version(modRevision: revision, createRevision: kv.createRevision, value: value), to: key)
        expiries[key] = expiry
        publish(.put(kv, previous: previous))
        return revision
    }

    mutating func delete(_ current: KeyValue) -> Int64 {
        revision += 1
        append(Version(modRevision: revision, createRevision: current.createRevision, value: nil), to: current.key)
        expiries[current.key] = nil
        publish(.delete(key: current.key, revision: revision, previous: current))
        return revision
    }

    mutating func expire(now: ContinuousClock.Instant) {
        guard !closed else { return }
        let due = expiries.filter { $0.value <= now }.keys.sorted(by: String.keyOrder)
        for key in due {
            if let current = value(of: key, at: revision) {
                _ = delete(current)
            } else {
                expiries[key] = nil
            }
        }
    }

    mutating func compact(_ target: Int64) throws(StoreError) -> Int64 {
        if target > revision { throw .futureRevision(requested: target, current: revision) }
        guard target > compactRevision else { return compactRevision }
        for key in sortedKeys {
            var history = versions[key]!
            // Keep the newest version at or before `target` (the key's state then) unless it is a deletion.
            if let newestOld = history.lastIndex(where: { $0.modRevision <= target }) {
                let dropThrough = history[newestOld].value == nil ? newestOld : newestOld - 1
                if dropThrough >= 0 { history.removeFirst(dropThrough + 1) }
            }
            versions[key] = history.isEmpty ? nil : history
        }
        sortedKeys.removeAll { versions[$0] == nil }
        events.removeFirst(Int(target - compactRevision))
        compactRevision = target
        return target
    }

    mutating func watch(prefix: String, afterRevision: Int64, bufferSize: Int) -> AsyncThrowingStream<StoreWatchEvent, any Error> {
        if closed {
            let (channel, stream) = WatchChannel.make(prefix: prefix, bufferSize: bufferSize)
            channel.finish(throwing: StoreError.unavailable("memory store is closed"))
            return stream
        }
        if afterRevision < compactRevision {
            let (channel, stream) = WatchChannel.make(prefix: prefix, bufferSize: bufferSize)
            channel.finish(throwing: StoreError.compacted(requested: afterRevision, compactedRevision: compactRevision))
            return stream
        }
        let firstIndex = Int(max(afterRevision - compactRevision, 0))
        let range = KeyRange(prefix: prefix)
        let replay = firstIndex < events.count ? events[firstIndex...].filter { range.contains($0.key!) } : []
        let (channel, stream) = WatchChannel.make(prefix: prefix, bufferSize: bufferSize, extraCapacity: replay.count)
        for event in replay { channel.send(event) }
        watchers.append((channel, afterRevision))
        return stream
    }

    mutating func sendProgress() {
        guard !closed else { return }
        let now = revision
        watchers.removeAll { watcher in
            guard watcher.after <= now else { return false }
            if case .ended = watcher.channel.send(.progress(revision: now)) { return true }
            return false
        }
    }

    mutating func close() {
        guard !closed else { return }
        closed = true
        for watcher in watchers { watcher.channel.finish() }
        watchers = []
    }

    private mutating func append(_ version: Version, to key: String) {
        if versions[key] == nil {
            versions[key] = [version]
            sortedKeys.insert(key, at: lowerBound(Array(key.utf8)))
        } else {
            versions[key]!.append(version)
        }
    }

    private mutating func publish(_ event: StoreWatchEvent) {
        events.append(event)
        let key = event.key!
        watchers.removeAll { watcher in
            guard event.revision > watcher.after, watcher.channel.matches(key) else { return false }
            if case .ended = watcher.channel.send(event) { return true }
            return false
        }
    }

    /// The index of the first key not below `bytes`.
    private func lowerBound(_ bytes: [UInt8]) -> Int {
        var low = 0
        var high = sortedKeys.count
        while low < high {
            let mid = (low + high) / 2
            if sortedKeys[mid].utf8.lexicographicallyPrecedes(bytes) { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
