import Dispatch
import Foundation
import Glibc
import Linux

/// The outcome of one command.
public struct CommandResult: Sendable, Equatable {
    public var status: Int32
    public var stdout: [UInt8]
    public var stderr: String

    public init(status: Int32, stdout: [UInt8] = [], stderr: String = "") {
        self.status = status
        self.stdout = stdout
        self.stderr = stderr
    }

    public var output: String { String(decoding: stdout, as: UTF8.self) }
}

/// Runs the iptables binaries. The seam tests fake, and the place the network namespace is
/// chosen: every command of one runner runs in the same namespace.
public protocol CommandRunner: Sendable {
    func run(_ argv: [String], stdin: [UInt8]) async throws -> CommandResult

    /// Runs `argv` while `produce` writes its stdin through `write`, so the command reads the
    /// start of the input while the rest is still being produced. The default collects the
    /// input first (on a thread of its own) and calls `run(_:stdin:)`.
    func run<T: Sendable>(_ argv: [String], streamingStdin produce: @escaping @Sendable (_ write: @escaping StdinWrite) -> T)
        async throws -> (result: CommandResult, value: T)
}

/// Runs `body` on a thread of its own and returns its result. A streaming producer may block
/// on async work (the proxier's render waits for the saved tables); on Linux the cooperative
/// pool and the dispatch queues share one set of worker threads, grown by about one a second
/// once all are blocked, so a producer blocking a worker could starve the very task it waits for.
func onOwnThread<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
    await withCheckedContinuation { continuation in
        let thread = Thread { continuation.resume(returning: body()) }
        thread.name = "kubeswift-proxy-render"
        thread.start()
    }
}

/// Hands a run of bytes to a running command's stdin.
public typealias StdinWrite = (ArraySlice<UInt8>) -> Void

extension CommandRunner {
    public func run<T: Sendable>(_ argv: [String], streamingStdin produce: @escaping @Sendable (_ write: @escaping StdinWrite) -> T)
        async throws -> (result: CommandResult, value: T)
    {
        let (value, bytes) = await onOwnThread {
            let collected = CollectedBytes()
            let value = produce { collected.bytes += $0 }
            return (value, collected.bytes)
        }
        return (try await run(argv, stdin: bytes), value)
    }
}

public struct CommandError: Error, CustomStringConvertible, Sendable {
    public var command: [String]
    public var reason: String
    public var description: String { "\(command.joined(separator: " ")): \(reason)" }
}

/// Spawns commands on this host, optionally inside a named network namespace
/// (`ip netns exec NS …`). stdout/stderr go through unlinked temporary files, and so does a
/// given stdin, so a 10 MB restore input never deadlocks on a full pipe; a streamed stdin goes
/// through a socket the command reads while we write.
public struct HostCommandRunner: CommandRunner {
    public var netns: String?
    public var searchPath: [String]

    public init(netns: String? = nil, searchPath: [String] = ["/usr/sbin", "/sbin", "/usr/bin", "/bin"]) {
        self.netns = netns
        self.searchPath = searchPath
    }

    public func resolve(_ name: String) -> String? {
        if name.hasPrefix("/") { return name }
        return searchPath.map { "\($0)/\(name)" }.first { access($0, X_OK) == 0 }
    }

    public func run(_ argv: [String], stdin: [UInt8]) async throws -> CommandResult {
        let command = try commandLine(argv)
        // posix_spawn + waitpid block: keep them off the cooperative pool.
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(
                    with: Result {
                        let input = try TemporaryFile(contents: stdin)
                        defer { input.close() }
                        return try Self.runBlocking(command, stdin: input.fd)
                    })
            }
        }
    }

    public func run<T: Sendable>(_ argv: [String], streamingStdin produce: @escaping @Sendable (_ write: @escaping StdinWrite) -> T)
        async throws -> (result: CommandResult, value: T)
    {
        let command = try commandLine(argv)
        return try await onOwnThread { Result { try Self.runStreaming(command, produce: produce) } }.get()
    }

    private func commandLine(_ argv: [String]) throws -> [String] {
        guard let name = argv.first, let path = resolve(name) else {
            throw CommandError(command: argv, reason: "not found in \(searchPath.joined(separator: ":"))")
        }
        var full = [path] + argv.dropFirst()
        if let netns {
            guard let ip = resolve("ip") else { throw CommandError(command: argv, reason: "ip(8) not found for netns \(netns)") }
            full = [ip, "netns", "exec", netns] + full
        }
        return full
    }

    /// stdin is one end of a socket pair: `send(MSG_NOSIGNAL)` reports a command that exited
    /// early as an error instead of raising SIGPIPE in this process. Once the command stops
    /// reading, the rest of the input is dropped; its exit status says what went wrong.
    static func runStreaming<T>(_ argv: [String], produce: (_ write: @escaping StdinWrite) -> T) throws -> (result: CommandResult, value: T) {
        var pair: [Int32] = [-1, -1]
        guard socketpair(AF_UNIX, Int32(SOCK_STREAM.rawValue) | Int32(SOCK_CLOEXEC.rawValue), 0, &pair) == 0 else {
            throw CommandError(command: argv, reason: "\(SyscallError.current("socketpair"))")
        }
        let (ours, theirs) = (pair[0], pair[1])
        let spawned: (pid: pid_t, output: TemporaryFile, errors: TemporaryFile)
        do { spawned = try spawn(argv, stdin: theirs) } catch {
            Glibc.close(ours)
            Glibc.close(theirs)
            throw error
        }
        Glibc.close(theirs)
        defer {
            spawned.output.close()
            spawned.errors.close()
        }
        let socket = StdinSocket(ours)
        let value = produce { bytes in
            guard socket.open else { return }
            bytes.withUnsafeBytes { buffer in
                var offset = 0
                while offset < buffer.count {
                    let sent = Glibc.send(socket.fd, buffer.baseAddress! + offset, buffer.count - offset, Int32(MSG_NOSIGNAL))
                    if sent < 0 && errno == EINTR { continue }
                    if sent <= 0 {
                        socket.open = false
                        return
                    }
                    offset += sent
                }
            }
        }
        Glibc.close(ours)
        return (try finish(argv, pid: spawned.pid, output: spawned.output, errors: spawned.errors), value)
    }

    static func runBlocking(_ argv: [String], stdin: Int32) throws -> CommandResult {
        let (pid, output, errors) = try spawn(argv, stdin: stdin)
        defer {
            output.close()
            errors.close()
        }
        return try finish(argv, pid: pid, output: output, errors: errors)
    }

    private static func spawn(_ argv: [String], stdin: Int32) throws -> (pid_t, output: TemporaryFile, errors: TemporaryFile) {
        let output = try TemporaryFile(contents: [])
        let errors: TemporaryFile
        do { errors = try TemporaryFile(contents: []) } catch {
            output.close()
            throw error
        }
        do {
            let pid = try Spawn.spawn(
                argv[0], args: argv, env: ["PATH=/usr/sbin:/sbin:/usr/bin:/bin", "LC_ALL=C"],
                fds: [0: stdin, 1: output.fd, 2: errors.fd])
            return (pid, output, errors)
        } catch {
            output.close()
            errors.close()
            throw CommandError(command: argv, reason: "\(error)")
        }
    }

    private static func finish(_ argv: [String], pid: pid_t, output: TemporaryFile, errors: TemporaryFile) throws -> CommandResult {
        let status: ExitStatus
        do { status = try Spawn.wait(pid) } catch { throw CommandError(command: argv, reason: "\(error)") }
        return CommandResult(
            status: status.code, stdout: output.readAll(), stderr: String(decoding: errors.readAll(), as: UTF8.self))
    }
}

private final class CollectedBytes {
    var bytes: [UInt8] = []
}

/// Our end of a streamed stdin; `open` turns false once the command stops reading.
private final class StdinSocket {
    let fd: Int32
    var open = true
    init(_ fd: Int32) { self.fd = fd }
}

/// An unlinked file in /tmp: input or output of one command.
struct TemporaryFile {
    let fd: Int32

    init(contents: [UInt8]) throws {
        var template = Array("/tmp/kubeswift-proxy-XXXXXX".utf8CString)
        fd = template.withUnsafeMutableBufferPointer { mkstemp($0.baseAddress!) }
        guard fd >= 0 else { throw SyscallError.current("mkstemp(/tmp/kubeswift-proxy-XXXXXX)") }
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        template.withUnsafeBufferPointer { _ = unlink($0.baseAddress!) }
        var offset = 0
        while offset < contents.count {
            let written = contents[offset...].withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            if written < 0 {
                if errno == EINTR { continue }
                let error = SyscallError.current("write(tmpfile)")
                Glibc.close(fd)
                throw error
            }
            offset += written
        }
        lseek(fd, 0, SEEK_SET)
    }

    func readAll() -> [UInt8] {
        lseek(fd, 0, SEEK_SET)
        var result: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65536)
        while true {
            let n = buffer.withUnsafeMutableBytes { read(fd, $0.baseAddress, $0.count) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            result += buffer[0..<n]
        }
        return result
    }

    func close() { Glibc.close(fd) }
}
