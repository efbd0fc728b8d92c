/// The store's end of one watcher: a bounded stream plus the prefix it asked for. Sending never
/// blocks; a full buffer ends the stream with `StoreWatchError.fellBehind` (the events already
/// buffered are still delivered first).
final class WatchChannel: Sendable {
    let prefix: KeyRange
    let prefixString: String
    let bufferSize: Int
    private let continuation: AsyncThrowingStream<StoreWatchEvent, any Error>.Continuation

    enum SendOutcome {
        /// Delivered; `room` more events fit before the buffer is full.
        case sent(room: Int)
        /// The watcher is gone (consumer cancelled, or just ended for falling behind).
        case ended
    }

    /// A channel whose buffer holds `bufferSize` events beyond `extraCapacity` (room for a replay
    /// the caller is about to send in one go).
    static func make(prefix: String, bufferSize: Int, extraCapacity: Int = 0)
        -> (WatchChannel, AsyncThrowingStream<StoreWatchEvent, any Error>)
    {
        let (stream, continuation) = AsyncThrowingStream<StoreWatchEvent, any Error>.makeStream(
            bufferingPolicy: .bufferingOldest(bufferSize + extraCapacity))
        return (WatchChannel(prefix: prefix, bufferSize: bufferSize, continuation: continuation), stream)
    }

    private init(prefix: String, bufferSize: Int, continuation: AsyncThrowingStream<StoreWatchEvent, any Error>.Continuation) {
        self.prefix = KeyRange(prefix: prefix)
        self.prefixString = prefix
        self.bufferSize = bufferSize
        self.continuation = continuation
    }

    func matches(_ key: String) -> Bool { prefix.contains(key) }

    @discardableResult
    func send(_ event: StoreWatchEvent) -> SendOutcome {
        switch continuation.yield(event) {
        case .enqueued(let remaining):
            return .sent(room: remaining)
        case .dropped:
            continuation.finish(throwing: StoreWatchError.fellBehind(prefix: prefixString, bufferSize: bufferSize))
            return .ended
        case .terminated:
            return .ended
        @unknown default:
            return .ended
        }
    }

    /// Runs `handler` once the stream ends for any reason (consumer cancelled, finished, fell behind),
    /// so a backend can stop what feeds it.
    func onTermination(_ handler: @escaping @Sendable () -> Void) {
        continuation.onTermination = { _ in handler() }
    }

    func finish(throwing error: (any Error)? = nil) {
        continuation.finish(throwing: error)
    }
}

extension StoreWatchEvent {
    var key: String? {
        switch self {
        case .put(let kv, _): return kv.key
        case .delete(let key, _, _): return key
        case .progress: return nil
        }
    }
}
