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
}

public struct CommandError: Error, CustomStringConvertible, Sendable {
    public var command: [String]
    public var reason: String
    public var description: String { "\(command.joined(separator: " ")): \(reason)" }
}

/// Spawns commands on this host, optionally inside a named network namespace
/// (`ip netns exec NS …`). stdin/stdout/stderr go through unlinked temporary files, so a
/// 10 MB restore input never deadlocks on a full pipe.
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
        guard let name = argv.first, let path = resolve(name) else {
            throw CommandError(command: argv, reason: "not found in \(searchPath.joined(separator: ":"))")
        }
        var full = [path] + argv.dropFirst()
        if let netns {
            guard let ip = resolve("ip") else { throw CommandError(command: argv, reason: "ip(8) not found for netns \(netns)") }
            full = [ip, "netns", "exec", netns] + full
        }
        let command = full
        // posix_spawn + waitpid block: keep them off the cooperative pool.
        return try await withCheckedThrowingContinuation { continuation in
            DispatchQueue.global().async {
                continuation.resume(with: Result { try Self.runBlocking(command, stdin: stdin) })
            }
        }
    }

    static func runBlocking(_ argv: [String], stdin: [UInt8]) throws -> CommandResult {
        let input = try TemporaryFile(contents: stdin)
        defer { input.close() }
        let output = try TemporaryFile(contents: [])
        defer { output.close() }
        let errors = try TemporaryFile(contents: [])
        defer { errors.close() }
        let pid: pid_t
        do {
            pid = try Spawn.spawn(
                argv[0], args: argv, env: ["PATH=/usr/sbin:/sbin:/usr/bin:/bin", "LC_ALL=C"],
                fds: [0: input.fd, 1: output.fd, 2: errors.fd])
        } catch {
            throw CommandError(command: argv, reason: "\(error)")
        }
        let status: ExitStatus
        do { status = try Spawn.wait(pid) } catch { throw CommandError(command: argv, reason: "\(error)") }
        return CommandResult(
            status: status.code, stdout: output.readAll(), stderr: String(decoding: errors.readAll(), as: UTF8.self))
    }
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
