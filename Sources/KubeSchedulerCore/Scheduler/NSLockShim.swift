import Synchronization

/// A plain lock for the few reference types that guard several fields at once.
final class NSLockShim: Sendable {
    private let mutex = Mutex(())
    func withLock<T>(_ body: () throws -> T) rethrows -> T {
        try mutex.withLock { _ in try body() }
    }
}
