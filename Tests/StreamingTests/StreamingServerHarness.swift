@testable import ContainerRuntime
import CRI
import Foundation
import RemoteCommand
import Synchronization
import Testing

/// A runtime whose "containers" are plain shell commands on the host (no root needed): exec
/// runs `sh -c <cmd joined>` through the same streaming process code the runtime uses, attach
/// follows a log file the test writes.
final class ShellStreamingRuntime: StreamingRuntime {
    let logPath: String
    let exit = Mutex<Int32?>(nil)
    /// Attach sessions that have asked for their target (the follower starts right after).
    let attaches = Mutex(0)

    init(logPath: String) {
        self.logPath = logPath
    }

    func startExec(containerID: String, command: [String], streams: ExecStreams) async throws -> StreamingExecProcess {
        guard containerID == "c1" else { throw CRIError.notFound("container \(containerID) not found") }
        return try StreamingExecProcess.launch("/bin/sh", arguments: ["sh", "-c", command.joined(separator: " ")],
                                               streams: streams, plan: nil)
    }

    func portForwardNamespace(podSandboxID: String) async throws -> String? {
        guard podSandboxID == "p1" else { throw CRIError.notFound("pod sandbox \(podSandboxID) not found") }
        return nil  // the test process's own network namespace: its loopback
    }

    func attachTarget(containerID: String) async throws -> AttachTarget {
        attaches.withLock { $0 += 1 }
        return AttachTarget(logPath: logPath) { self.exit.withLock { $0 } }
    }
}

/// The streaming server on a free loopback port for one test.
final class StreamingHarness: Sendable {
    let server: StreamingServer
    let runtime: ShellStreamingRuntime
    let directory: String
    let task: Task<Void, any Error>

    init(cache: StreamingRequestCache = StreamingRequestCache()) async throws {
        directory = NSTemporaryDirectory() + "ks-streaming-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        FileManager.default.createFile(atPath: directory + "/c1.log", contents: Data())
        runtime = ShellStreamingRuntime(logPath: directory + "/c1.log")
        let server = try StreamingServer(address: "127.0.0.1:0", runtime: runtime, cache: cache)
        self.server = server
        let (listening, continuation) = AsyncStream.makeStream(of: Int.self)
        task = Task {
            defer { continuation.finish() }
            try await server.run { port in continuation.yield(port) }
        }
        for await _ in listening { break }
    }

    func stop() {
        task.cancel()
        try? FileManager.default.removeItem(atPath: directory)
    }

    func execURL(_ command: [String], stdin: Bool = false, tty: Bool = false, stderr: Bool = true) throws -> String {
        var request = Runtime_V1_ExecRequest()
        request.containerID = "c1"
        request.cmd = command
        request.stdin = stdin
        request.stdout = true
        request.stderr = stderr
        request.tty = tty
        return try server.url(for: .exec(request))
    }
}

/// Collects what a session wrote to stdout/stderr.
final class Collected: Sendable {
    let stdout = Mutex<[UInt8]>([])
    let stderr = Mutex<[UInt8]>([])
    var out: String { String(decoding: stdout.withLock { $0 }, as: UTF8.self) }
    var err: String { String(decoding: stderr.withLock { $0 }, as: UTF8.self) }
    var stdoutSink: RemoteCommandClient.Sink { { bytes in self.stdout.withLock { $0 += bytes } } }
    var stderrSink: RemoteCommandClient.Sink { { bytes in self.stderr.withLock { $0 += bytes } } }
}

func stdinStream(_ chunks: [String]) -> AsyncStream<[UInt8]> {
    AsyncStream { continuation in
        for chunk in chunks { continuation.yield(Array(chunk.utf8)) }
        continuation.finish()
    }
}
