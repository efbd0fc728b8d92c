import KubeStore
import Synchronization

/// Consumes a watch stream in the background and records what arrives, so tests can wait for
/// conditions with a deadline instead of blocking on `next()` forever.
final class WatchRecorder: Sendable {
    private struct State {
        var events: [StoreWatchEvent] = []
        var ended = false
        var error: (any Error)?
    }

    private let state = Mutex(State())
    private let task = Mutex<Task<Void, Never>?>(nil)

    init(_ stream: AsyncThrowingStream<StoreWatchEvent, any Error>) {
        // Holds the recorder until the stream ends (the store's close ends every stream).
        let consumer = Task {
            do {
                for try await event in stream { self.state.withLock { $0.events.append(event) } }
                self.state.withLock { $0.ended = true }
            } catch {
                self.state.withLock {
                    $0.ended = true
                    $0.error = error
                }
            }
        }
        task.withLock { $0 = consumer }
    }

    var events: [StoreWatchEvent] { state.withLock { $0.events } }
    /// Everything but progress notifications.
    var changes: [StoreWatchEvent] {
        events.filter { if case .progress = $0 { return false } else { return true } }
    }
    var ended: Bool { state.withLock { $0.ended } }
    var error: (any Error)? { state.withLock { $0.error } }

    /// Waits until `condition` holds or `timeout` passes; returns whether it held.
    @discardableResult
    func wait(timeout: Duration = .seconds(10), until condition: (WatchRecorder) -> Bool) async -> Bool {
        let deadline = ContinuousClock.now.advanced(by: timeout)
        while ContinuousClock.now < deadline {
            if condition(self) { return true }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return condition(self)
    }

    func waitForChanges(_ count: Int, timeout: Duration = .seconds(30)) async -> [StoreWatchEvent] {
        await wait(timeout: timeout) { $0.changes.count >= count || $0.ended }
        return changes
    }

    func cancel() { task.withLock { $0?.cancel() } }
}
