import Synchronization

/// A `Store` held in memory: every version of every key since the last compaction, so lists at an
/// older revision and watches from one work as they do against etcd. For tests and for running
/// without a disk; everything is lost when the process ends.
public final class MemoryStore: Store {
    public struct Options: Sendable {
        /// How often each watcher gets a `.progress` event.
        public var progressInterval: Duration = .seconds(5)
        /// How often keys past their TTL are deleted.
        public var ttlSweepInterval: Duration = .seconds(1)
        /// Events a watcher may have waiting before it is ended as too slow.
        public var watchBufferSize = 10_000

        public init() {}
    }

    private let options: Options
    private let state = Mutex(MemoryStoreState())
    private let timers = Mutex<Task<Void, Never>?>(nil)

    public init(options: Options = Options()) {
        self.options = options
        let ticker = Task { [weak self, options] in
            let clock = ContinuousClock()
            var nextProgress = clock.now.advanced(by: options.progressInterval)
            while !Task.isCancelled {
                let tick = min(options.ttlSweepInterval, options.progressInterval)
                try? await Task.sleep(for: tick)
                guard let self else { return }
                self.state.withLock { $0.expire(now: clock.now) }
                if clock.now >= nextProgress {
                    nextProgress = clock.now.advanced(by: options.progressInterval)
                    self.state.withLock { $0.sendProgress() }
                }
            }
        }
        timers.withLock { $0 = ticker }
    }

    deinit {
        timers.withLock { $0?.cancel() }
    }

    public func currentRevision() async throws(StoreError) -> Int64 {
        try state.withLock { (s) throws(StoreError) in
            try s.checkOpen()
            return s.revision
        }
    }

    public func get(_ key: String) async throws(StoreError) -> KeyValue? {
        try state.withLock { (s) throws(StoreError) in
            try s.checkOpen()
            return s.value(of: key, at: s.revision)
        }
    }

    public func list(prefix: String, startAfter: String?, limit: Int, revision: Int64) async throws(StoreError) -> ListResult {
        try state.withLock { (s) throws(StoreError) in
            try s.checkOpen()
            return try s.list(prefix: prefix, startAfter: startAfter, limit: limit, revision: revision)
        }
    }

    public func count(prefix: String) async throws(StoreError) -> Int {
        try state.withLock { (s) throws(StoreError) in
            try s.checkOpen()
            return try s.list(prefix: prefix, startAfter: nil, limit: 0, revision: 0).items.count
        }
    }

    public func create(_ key: String, value: [UInt8], ttl: Int64?) async throws(StoreError) -> Int64 {
        let expiry = expiry(ttl)
        return try state.withLock { (s) throws(StoreError) in
            try s.checkOpen()
            if s.value(of: key, at: s.revision) != nil { throw .keyExists(key: key) }
            return s.put(key, value: value, previous: nil, expiry: expiry)
        }
    }

    public func update(_ key: String, value: [UInt8], expectedRevision: Int64?, ttl: Int64?) async throws(StoreError) -> Int64 {
        let expiry = expiry(ttl)
        return try state.withLock { (s) throws(StoreError) in
            try s.checkOpen()
            guard let current = s.value(of: key, at: s.revision) else { throw .keyNotFound(key: key) }
            if let expectedRevision, expectedRevision != current.modRevision {
                throw .conflict(key: key, current: current)
            }
            return s.put(key, value: value, previous: current, expiry: expiry)
        }
    }

    public func delete(_ key: String, expectedRevision: Int64?) async throws(StoreError) -> (deleted: KeyValue, revision: Int64) {
        try state.withLock { (s) throws(StoreError) in
            try s.checkOpen()
            guard let current = s.value(of: key, at: s.revision) else { throw .keyNotFound(key: key) }
            if let expectedRevision, expectedRevision != current.modRevision {
                throw .conflict(key: key, current: current)
            }
            return (current, s.delete(current))
        }
    }

    public func watch(prefix: String, afterRevision: Int64) -> AsyncThrowingStream<StoreWatchEvent, any Error> {
        let bufferSize = options.watchBufferSize
        return state.withLock { s in
            s.watch(prefix: prefix, afterRevision: afterRevision, bufferSize: bufferSize)
        }
    }

    @discardableResult
    public func compact(revision: Int64) async throws(StoreError) -> Int64 {
        try state.withLock { (s) throws(StoreError) in
            try s.checkOpen()
            return try s.compact(revision)
        }
    }

    public func close() async {
        timers.withLock { $0?.cancel() }
        state.withLock { $0.close() }
    }

    private func expiry(_ ttl: Int64?) -> ContinuousClock.Instant? {
        ttl.map { ContinuousClock.now.advanced(by: .seconds($0)) }
    }
}
