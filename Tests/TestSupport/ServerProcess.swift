import Foundation
import Linux

/// A `kubeswift apiserver` started from the freshly built binary on a free loopback port,
/// in its own data directory, ended by PID when the test is done.
public final class ServerProcess: @unchecked Sendable {
    public let process = Process()
    public let dataDir: URL
    public private(set) var url = ""
    public let logFile: URL

    public static var binary: URL {
        let dir = Bundle.main.executableURL?.deletingLastPathComponent()
            ?? URL(fileURLWithPath: CommandLine.arguments[0]).deletingLastPathComponent()
        return dir.appendingPathComponent("kubeswift")
    }

    public static var available: Bool { FileManager.default.isExecutableFile(atPath: binary.path) }

    /// Async because it waits for the server: a test blocking a pool thread for seconds would
    /// starve every other suite on a two-core machine (the pool only grows about once a second).
    public init(dataDir: URL? = nil, extraArguments: [String] = []) async throws {
        self.dataDir = dataDir ?? FileManager.default.temporaryDirectory.appendingPathComponent("ks-api-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: self.dataDir, withIntermediateDirectories: true)
        process.executableURL = Self.binary
        process.arguments = ["apiserver", "--data-dir", self.dataDir.path, "--port", "0", "--log-level", "warning"] + extraArguments
        // Output goes to a file, not a pipe: children spawned concurrently by other tests can
        // inherit a pipe's write end and keep it open, so a pipe may never reach EOF.
        logFile = self.dataDir.appendingPathComponent("apiserver-\(UUID().uuidString).log")
        FileManager.default.createFile(atPath: logFile.path, contents: nil)
        let handle = try FileHandle(forWritingTo: logFile)
        process.standardOutput = handle
        process.standardError = FileHandle.nullDevice
        try process.run()
        try? handle.close()
        // The server prints its address once listening.
        var buffer = Data()
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline && process.isRunning {
            try await Task.sleep(for: .milliseconds(50))
            buffer = (try? Data(contentsOf: logFile)) ?? Data()
            if let text = String(data: buffer, encoding: .utf8), let range = text.range(of: "listening on ") {
                let rest = text[range.upperBound...]
                if let end = rest.firstIndex(of: "\n") {
                    url = String(rest[..<end])
                    return
                }
            }
        }
        stop()
        throw CocoaError(.fileReadUnknown, userInfo: [NSLocalizedDescriptionKey: "apiserver did not start: \(String(decoding: buffer, as: UTF8.self))"])
    }

    /// Sends SIGKILL (no chance to flush anything) and waits for exit.
    public func kill9() {
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
    }

    public func stop() {
        if process.isRunning {
            process.terminate()
            process.waitUntilExit()
        }
    }

    public func removeData() { try? FileManager.default.removeItem(at: dataDir) }

    deinit { stop() }
}

/// Runs a command and captures its output.
public struct CommandResult: Sendable {
    public var status: Int32
    public var stdout: String
    public var stderr: String
}

/// Runs a command without blocking the cooperative thread pool: with two cores, tests that block
/// pool threads while children run would starve every other suite.
/// (A dispatch queue is no way out: Swift's executor on Linux is that same pool.)
public func runCommand(_ executable: String, _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil) async throws -> CommandResult {
    try await OwnThread.run { try runCommandBlocking(executable, arguments, stdin: stdin, environment: environment) }
}

/// Runs blocking work (a child's exit, a synchronous command) on a thread of its own (see `runCommand`).
public func offThePool<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await OwnThread.run(body)
}

public func offThePool<T: Sendable>(_ body: @escaping @Sendable () throws -> T) async throws -> T {
    try await OwnThread.run(body)
}

/// Waits for `process` to exit on a thread of its own (see `runCommand`).
public func waitForExit(_ process: Process) async {
    let box = UncheckedBox(process)
    await OwnThread.run { box.value.waitUntilExit() }
}

/// Waits for the child `pid` to exit and returns its raw wait status, on a thread of its own.
@discardableResult
public func waitForChild(_ pid: pid_t) async -> Int32 {
    await OwnThread.run {
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        return status
    }
}

/// Carries a non-Sendable value (a Foundation `Process`) to the thread that waits on it.
public struct UncheckedBox<Value>: @unchecked Sendable {
    public let value: Value
    public init(_ value: Value) { self.value = value }
}

public func runCommandBlocking(_ executable: String, _ arguments: [String], stdin: String? = nil, environment: [String: String]? = nil) throws -> CommandResult {
    // Files rather than pipes, for the reason given in ServerProcess.
    let dir = FileManager.default.temporaryDirectory.appendingPathComponent("ks-cmd-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(at: dir) }
    let outURL = dir.appendingPathComponent("out"), errURL = dir.appendingPathComponent("err"), inURL = dir.appendingPathComponent("in")
    for url in [outURL, errURL] { FileManager.default.createFile(atPath: url.path, contents: nil) }
    FileManager.default.createFile(atPath: inURL.path, contents: Data((stdin ?? "").utf8))
    let p = Process()
    p.executableURL = URL(fileURLWithPath: executable)
    p.arguments = arguments
    if let environment { p.environment = ProcessInfo.processInfo.environment.merging(environment) { _, new in new } }
    let out = try FileHandle(forWritingTo: outURL), err = try FileHandle(forWritingTo: errURL)
    let input = try FileHandle(forReadingFrom: inURL)
    p.standardOutput = out
    p.standardError = err
    p.standardInput = input
    try p.run()
    p.waitUntilExit()
    for h in [out, err, input] { try? h.close() }
    return CommandResult(
        status: p.terminationStatus, stdout: (try? String(contentsOf: outURL, encoding: .utf8)) ?? "",
        stderr: (try? String(contentsOf: errURL, encoding: .utf8)) ?? "")
}

public func which(_ name: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let path = "\(dir)/\(name)"
        if FileManager.default.isExecutableFile(atPath: path) { return path }
    }
    return nil
}

/// Starts `arguments[0]` with stdin from /dev/null and stdout/stderr appended to `logPath`;
/// every other descriptor is closed in the child. Daemons the tests start live for a whole test,
/// and a copy of another test's socket (NIO does not set close-on-exec) would keep that
/// connection open after its owner closed it.
public func spawnLogged(_ arguments: [String], logPath: String, truncate: Bool = false) throws -> pid_t {
    let log = open(logPath, O_WRONLY | O_CREAT | O_CLOEXEC | (truncate ? O_TRUNC : O_APPEND), 0o644)
    guard log >= 0 else { throw POSIXError(POSIXErrorCode(rawValue: errno) ?? .EIO) }
    defer { close(log) }
    let null = open("/dev/null", O_RDONLY | O_CLOEXEC)
    defer { close(null) }
    let environment = ProcessInfo.processInfo.environment.map { "\($0.key)=\($0.value)" }
    do {
        return try Spawn.spawn(arguments[0], args: arguments, env: environment, fds: [0: null, 1: log, 2: log])
    } catch {
        throw POSIXError(POSIXErrorCode(rawValue: error.errno) ?? .EIO)
    }
}
