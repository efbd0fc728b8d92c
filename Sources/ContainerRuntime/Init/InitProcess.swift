import Dispatch
import Glibc
import Linux
import Synchronization

public enum InitProcessError: Error, Sendable, Equatable, CustomStringConvertible {
    case spawn(SyscallError)
    case helperGone(String)

    public var description: String {
        switch self {
        case .spawn(let error): "start container-init helper: \(error)"
        case .helperGone(let when): "container-init helper exited unexpectedly \(when)"
        }
    }
}

/// The runtime's side of one container-init helper: spawned with posix_spawn, spoken to
/// with `InitRequest`s, heard from with `InitEvent`s. Blocking reads run on a dispatch
/// queue, never on the cooperative pool.
public final class InitProcess: Sendable {
    public let helperPID: pid_t
    let requests: LineChannel
    let events: LineChannel
    private let finished = Mutex(false)

    /// Spawns a helper that waits for its `create` request (stdio on /dev/null until then).
    public init(configuration: RuntimeConfiguration) throws(InitProcessError) {
        do {
            let requestPipe = try Spawn.pipe()
            let eventPipe = try Spawn.pipe()
            let devNull = try retryingEINTR("open(/dev/null)") { open("/dev/null", O_RDWR | O_CLOEXEC) }
            defer {
                close(requestPipe.read)
                close(eventPipe.write)
                close(devNull)
            }
            helperPID = try Spawn.spawn(
                configuration.helperPath, args: ["kubeswift"] + configuration.helperArguments,
                env: ["PATH=/usr/sbin:/usr/bin:/sbin:/bin"],
                fds: [0: devNull, 1: devNull, 2: devNull,
                      InitDescriptors.requests: requestPipe.read, InitDescriptors.events: eventPipe.write])
            requests = LineChannel(fd: requestPipe.write)
            events = LineChannel(fd: eventPipe.read)
        } catch { throw .spawn(error) }
    }

    public func send(_ request: InitRequest) throws {
        try requests.send(request)
    }

    /// The next event; nil when the helper closed its end (it exited).
    public func nextEvent() async throws -> InitEvent? {
        // The last event (the container's exit) can be hours away: a thread of its own, not a
        // dispatch queue (see OwnThread).
        try await OwnThread.run { try self.events.receive(InitEvent.self) }
    }

    /// Closes the pipes (an unstarted helper then kills its container) and reaps the helper.
    /// Idempotent: descriptors are closed exactly once (a second close could hit a reused fd).
    public func finish() async {
        let first = finished.withLock { done in
            defer { done = true }
            return !done
        }
        guard first else { return }
        requests.close()
        let pid = helperPID
        await OwnThread.run { _ = try? Spawn.wait(pid) }
        events.close()
    }
}
