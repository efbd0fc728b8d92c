import Foundation
import Glibc
import Linux

/// One process of the cluster: `kubeswift <subcommand> <args>` with its output in a log file, in
/// a process group of its own (the supervisor, not the terminal, decides when it stops).
public final class Component: Sendable {
    public let name: String
    public let binary: String
    public let arguments: [String]
    public let logPath: String
    public let pid: pid_t
    private let exit = Exit()

    /// Reaps the child on a thread of its own and remembers how it ended.
    private final class Exit: @unchecked Sendable {
        private let lock = NSCondition()
        private var status: ExitStatus?

        func set(_ value: ExitStatus) {
            lock.lock()
            status = value
            lock.broadcast()
            lock.unlock()
        }

        func get() -> ExitStatus? {
            lock.lock()
            defer { lock.unlock() }
            return status
        }

        func wait(until deadline: Date) -> ExitStatus? {
            lock.lock()
            defer { lock.unlock() }
            while status == nil && lock.wait(until: deadline) {}
            return status
        }
    }

    public init(name: String, binary: String, arguments: [String], logPath: String, environment: [String] = ProcessInfo.processInfo.environment.map { "\($0)=\($1)" }) throws {
        self.name = name
        self.binary = binary
        self.arguments = arguments
        self.logPath = logPath
        let log = open(logPath, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o644)
        guard log >= 0 else { throw ClusterError.component(name, "open log \(logPath): \(String(cString: strerror(errno)))") }
        defer { close(log) }
        let devNull = open("/dev/null", O_RDONLY | O_CLOEXEC)
        defer { close(devNull) }
        do {
            pid = try Spawn.spawn(binary, args: [binary] + arguments, env: environment, fds: [0: devNull, 1: log, 2: log], newProcessGroup: true)
        } catch {
            throw ClusterError.component(name, "start \(binary) \(arguments.joined(separator: " ")): \(error)")
        }
        let exit = self.exit
        let pid = self.pid
        Thread.detachNewThread {
            if let status = try? Spawn.wait(pid) { exit.set(status) } else { exit.set(ExitStatus(code: -1, signal: nil)) }
        }
    }

    /// nil while it runs.
    public var exitStatus: ExitStatus? { exit.get() }

    /// Waits for a one-shot command to finish; SIGKILL after `timeout`.
    public func finish(timeout: Duration) async -> ExitStatus {
        let seconds = Double(timeout.components.seconds) + Double(timeout.components.attoseconds) / 1e18
        if let status = await waitForExit(until: Date().addingTimeInterval(seconds)) { return status }
        kill(pid, SIGKILL)
        return await waitForExit(until: .distantFuture) ?? ExitStatus(code: -1, signal: SIGKILL)
    }

    /// SIGTERM, then SIGKILL when it has not exited after `grace`. Returns how it ended.
    @discardableResult
    public func stop(grace: Duration = .seconds(10)) async -> ExitStatus {
        if let status = exit.get() { return status }
        kill(pid, SIGTERM)
        let seconds = Double(grace.components.seconds) + Double(grace.components.attoseconds) / 1e18
        if let status = await waitForExit(until: Date().addingTimeInterval(seconds)) { return status }
        kill(pid, SIGKILL)
        return await waitForExit(until: .distantFuture) ?? ExitStatus(code: -1, signal: SIGKILL)
    }

    private func waitForExit(until deadline: Date) async -> ExitStatus? {
        let exit = self.exit
        return await withCheckedContinuation { continuation in
            Thread.detachNewThread { continuation.resume(returning: exit.wait(until: deadline)) }
        }
    }

    /// The last lines of its log, for error messages.
    public func logTail(lines: Int = 15) -> String {
        let text = (try? String(contentsOfFile: logPath, encoding: .utf8)) ?? ""
        return text.split(separator: "\n", omittingEmptySubsequences: false).suffix(lines).joined(separator: "\n")
    }
}

public enum ClusterError: Error, CustomStringConvertible {
    case component(String, String)
    case notReady(String, String)

    public var description: String {
        switch self {
        case .component(let name, let message): return "\(name): \(message)"
        case .notReady(let name, let message): return "\(name) did not become ready: \(message)"
        }
    }
}
