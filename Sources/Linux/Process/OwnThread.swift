import Glibc

/// Runs blocking work — a read that lasts as long as a container, waitpid, poll on a pidfd, a
/// plugin process — on a thread of its own. libdispatch's worker pool on Linux grows only about
/// once a second when its threads block, so parking such waits on a dispatch queue delays every
/// other queued item (the next container's "started" event, say) by up to a second.
public enum OwnThread {
    public static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { continuation in
            detach { continuation.resume(returning: body()) }
        }
    }

    public static func run<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
        try await withCheckedThrowingContinuation { continuation in
            detach { continuation.resume(with: Result { try body() }) }
        }
    }

    private final class Work {
        let body: @Sendable () -> Void
        init(_ body: @escaping @Sendable () -> Void) { self.body = body }
    }

    private static func detach(_ body: @escaping @Sendable () -> Void) {
        let work = Unmanaged.passRetained(Work(body)).toOpaque()
        var thread = pthread_t()
        let started = pthread_create(&thread, nil, { argument in
            let work = Unmanaged<Work>.fromOpaque(argument!).takeRetainedValue()
            work.body()
            return nil
        }, work)
        if started == 0 {
            pthread_detach(thread)
        } else {
            // No thread to be had: run it here rather than lose it.
            Unmanaged<Work>.fromOpaque(work).takeRetainedValue().body()
        }
    }
}
