import Synchronization

/// One setUp/tearDown at a time per pod UID: AtomicWriter and the tmpfs "mounted already?" check
/// assume nobody else is writing the same volume directory. Waiters are served in arrival order.
final class PodSetupLock: Sendable {
    private let waiters = Mutex<[String: [CheckedContinuation<Void, Never>]]>([:])

    func withLock<T>(_ uid: String, _ body: () async throws -> T) async rethrows -> T {
        await acquire(uid)
        defer { release(uid) }
        return try await body()
    }

    private func acquire(_ uid: String) async {
        await withCheckedContinuation { (continuation: CheckedContinuation<Void, Never>) in
            let acquired = waiters.withLock { state -> Bool in
                if state[uid] == nil {
                    state[uid] = []
                    return true
                }
                state[uid]!.append(continuation)
                return false
            }
            if acquired { continuation.resume() }
        }
    }

    private func release(_ uid: String) {
        let next = waiters.withLock { state -> CheckedContinuation<Void, Never>? in
            guard var queue = state[uid], !queue.isEmpty else {
                state[uid] = nil
                return nil
            }
            let first = queue.removeFirst()
            state[uid] = queue
            return first
        }
        next?.resume()
    }
}
