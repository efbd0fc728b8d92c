import Synchronization

/// A worker's tick: waits one period unless woken early (upstream's manualTriggerCh, buffered by
/// one: a wake that comes while the worker is probing makes the next wait return at once).
final class WakeSignal: Sendable {
    private struct State {
        var pending = false
        var sleeper: Task<Void, Never>?
    }

    private let state = Mutex(State())

    func fire() {
        state.withLock { state in
            if let sleeper = state.sleeper {
                sleeper.cancel()
                state.sleeper = nil
            } else {
                state.pending = true
            }
        }
    }

    func wait(for duration: Duration) async {
        let sleeper: Task<Void, Never>? = state.withLock { state in
            if state.pending {
                state.pending = false
                return nil
            }
            let sleeper = Task<Void, Never> { _ = try? await Task.sleep(for: duration) }
            state.sleeper = sleeper
            return sleeper
        }
        guard let sleeper else { return }
        await withTaskCancellationHandler {
            await sleeper.value
        } onCancel: {
            sleeper.cancel()
        }
        state.withLock { state in
            if state.sleeper == sleeper { state.sleeper = nil }
        }
    }
}
