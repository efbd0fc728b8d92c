@testable import ContainerRuntime
import CRI
import Foundation
import RemoteCommand
import Synchronization
import Testing

/// The runtime's streaming server against the remote-command client over loopback: output,
/// exit codes, stdin, terminals, attach, one-shot tokens.
@Suite(.serialized) struct StreamingServerTests {
    @Test func execStreamsOutputAndReturnsExitCodes() async throws {
        let harness = try await StreamingHarness()
        defer { harness.stop() }
        let ok = Collected()
        let zero = try await RemoteCommandClient.run(url: try harness.execURL(["echo", "hello"]),
                                                     stdout: ok.stdoutSink, stderr: ok.stderrSink)
        #expect(zero == 0)
        #expect(ok.out == "hello\n" && ok.err == "")

        let failing = Collected()
        let three = try await RemoteCommandClient.run(url: try harness.execURL(["echo out; echo err >&2; exit 3"]),
                                                      stdout: failing.stdoutSink, stderr: failing.stderrSink)
        #expect(three == 3)
        #expect(failing.out == "out\n" && failing.err == "err\n")
    }

    @Test func stdinIsDeliveredAndClosed() async throws {
        let harness = try await StreamingHarness()
        defer { harness.stop() }
        let collected = Collected()
        // `wc -c` only answers after stdin EOF: the v5 close frame must reach the command.
        let code = try await RemoteCommandClient.run(url: try harness.execURL(["tr a-z A-Z; exit 7"], stdin: true),
                                                     stdin: stdinStream(["hello ", "streaming\n"]),
                                                     stdout: collected.stdoutSink)
        #expect(code == 7)
        #expect(collected.out == "HELLO STREAMING\n")
    }

    @Test func ttyExecRunsOnATerminalAndResizes() async throws {
        let harness = try await StreamingHarness()
        defer { harness.stop() }
        let collected = Collected()
        let (sizes, sizeInput) = AsyncStream.makeStream(of: TerminalSize.self)
        sizeInput.yield(TerminalSize(width: 123, height: 45))
        let (input, typing) = AsyncStream.makeStream(of: [UInt8].self)
        let session = Task {
            try await RemoteCommandClient.run(
                url: try harness.execURL(["[ -t 0 ] && [ -t 1 ] && echo on-a-tty; read line; for i in $(seq 100); do s=$(stty size); [ \"$s\" = '45 123' ] && break; sleep 0.1; done; echo $s; exit 4"],
                                         stdin: true, tty: true, stderr: false),
                stdin: input, stdout: collected.stdoutSink, resizes: sizes)
        }
        // The client sends resize frames and stdin from separate streams, so the command polls the
        // size (up to 10 s) rather than assuming which frame arrived first.
        typing.yield(Array("go\n".utf8))
        let code = try await session.value
        typing.finish()
        sizeInput.finish()
        #expect(code == 4)
        #expect(collected.out.contains("on-a-tty"))
        #expect(collected.out.contains("45 123"), "stty size after the resize frame: \(collected.out)")
    }

    @Test func tokensAreOneShotAndExpire() async throws {
        let harness = try await StreamingHarness()
        defer { harness.stop() }
        let url = try harness.execURL(["true"])
        #expect(try await RemoteCommandClient.run(url: url) == 0)
        await #expect(throws: RemoteCommandError.self) { try await RemoteCommandClient.run(url: url) }
        await #expect(throws: RemoteCommandError.self) {
            try await RemoteCommandClient.run(url: url.replacingOccurrences(of: "/exec/", with: "/exec/x"))
        }

        let clockOffset = Mutex(Duration.zero)
        let start = ContinuousClock.now
        let cache = StreamingRequestCache(clock: { start + clockOffset.withLock { $0 } })
        var request = Runtime_V1_ExecRequest()
        request.containerID = "c1"
        let token = cache.insert(.exec(request))
        #expect(cache.contains(token))
        clockOffset.withLock { $0 = .seconds(61) }
        #expect(!cache.contains(token) && cache.consume(token) == nil, "a token is valid for one minute")
    }

    @Test func execFailuresBeforeTheCommandArriveAsStatus() async throws {
        let harness = try await StreamingHarness()
        defer { harness.stop() }
        var request = Runtime_V1_ExecRequest()
        request.containerID = "missing"
        request.cmd = ["true"]
        request.stdout = true
        let url = try harness.server.url(for: .exec(request))
        await #expect(throws: RemoteCommandError.self) { try await RemoteCommandClient.run(url: url) }
    }

    @Test func attachFollowsTheLogUntilTheContainerExits() async throws {
        let harness = try await StreamingHarness()
        defer { harness.stop() }
        let log = try FileHandle(forWritingTo: URL(fileURLWithPath: harness.runtime.logPath))
        log.write(Data("2026-01-01T00:00:00.000000000Z stdout F before attach\n".utf8))
        var request = Runtime_V1_AttachRequest()
        request.containerID = "c1"
        request.stdout = true
        request.stderr = true
        let url = try harness.server.url(for: .attach(request))
        let collected = Collected()
        let session = Task { try await RemoteCommandClient.run(url: url, stdout: collected.stdoutSink, stderr: collected.stderrSink) }
        // Attached once the server has asked for the target; the follower opens the log just after.
        for _ in 0..<500 where harness.runtime.attaches.withLock({ $0 }) == 0 { try await Task.sleep(for: .milliseconds(20)) }
        try await Task.sleep(for: .milliseconds(400))
        log.write(Data(("2026-01-01T00:00:01.000000000Z stdout P part-\n" + "2026-01-01T00:00:01.000000000Z stdout F one\n"
            + "2026-01-01T00:00:02.000000000Z stderr F oops\n").utf8))
        try await Task.sleep(for: .milliseconds(400))
        harness.runtime.exit.withLock { $0 = 9 }
        let code = try await session.value
        try log.close()
        #expect(code == 9)
        #expect(collected.out == "part-one\n", "only lines written after attaching, partial lines joined")
        #expect(collected.err == "oops\n")
    }

    @Test func criLogLinesParse() {
        #expect(CRILogFollower.parse(Array("t stdout F hello world".utf8)) == .stdout(Array("hello world\n".utf8)))
        #expect(CRILogFollower.parse(Array("t stderr P part".utf8)) == .stderr(Array("part".utf8)))
        #expect(CRILogFollower.parse(Array("t stdout F".utf8)) == .stdout([UInt8(ascii: "\n")]))
        #expect(CRILogFollower.parse(Array("garbage".utf8)) == nil)
    }
}
