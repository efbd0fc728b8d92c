import CRI
import Foundation
import Glibc
import GRPCCore
import RemoteCommand
import Synchronization
import Testing

/// CRI Exec/Attach through the daemon's streaming server, with the remote-command client
/// (what kubectl exec reaches through the kubelet). The streaming server listens on loopback.
@Suite("CRI daemon: streaming exec and attach (root)", .enabled(if: Privileged.isRoot, Comment(rawValue: Privileged.skipMessage)), .serialized)
struct StreamingExecTests {
    final class Output: Sendable {
        let bytes = Mutex<[UInt8]>([])
        var text: String { String(decoding: bytes.withLock { $0 }, as: UTF8.self) }
        var sink: RemoteCommandClient.Sink { { chunk in self.bytes.withLock { $0 += chunk } } }
    }

    func execURL(_ client: CRIClient, _ container: String, _ command: [String], stdin: Bool = false, tty: Bool = false) async throws -> String {
        var request = Runtime_V1_ExecRequest()
        request.containerID = container
        request.cmd = command
        request.stdin = stdin
        request.stdout = true
        request.stderr = !tty
        request.tty = tty
        let url = try await client.runtime.exec(request).url
        #expect(url.hasPrefix("http://127.0.0.1:") && url.contains("/exec/"), "\(url)")
        return url
    }

    @Test func execStreamsOutputStdinTTYAndExitCodes() async throws {
        let daemon = try RuntimeDaemonProcess()
        defer { daemon.kill() }
        let client = try daemon.client()
        let pods = PodHelper(client: client)
        let sandbox = pods.sandboxConfig("exec", logDirectory: daemon.root + "/pods/exec")
        let pod = try await pods.runPod(sandbox)
        let container = try await pods.run(pod, pods.containerConfig("main", "echo started; exec sleep 600"), sandbox: sandbox)

        let out = Output(), err = Output()
        let zero = try await RemoteCommandClient.run(url: try await execURL(client, container, ["sh", "-c", "echo hello; hostname"]),
                                                     stdout: out.sink, stderr: err.sink)
        #expect(zero == 0)
        #expect(out.text == "hello\nexec\n", "runs in the container's UTS namespace")

        let out3 = Output(), err3 = Output()
        let three = try await RemoteCommandClient.run(
            url: try await execURL(client, container, ["sh", "-c", "echo to-out; echo to-err >&2; exit 3"]),
            stdout: out3.sink, stderr: err3.sink)
        #expect(three == 3)
        #expect(out3.text == "to-out\n" && err3.text == "to-err\n")

        let echoed = Output()
        let input = AsyncStream<[UInt8]> { continuation in
            continuation.yield(Array("line one\n".utf8))
            continuation.yield(Array("line two\n".utf8))
            continuation.finish()
        }
        let catCode = try await RemoteCommandClient.run(url: try await execURL(client, container, ["wc", "-l"], stdin: true),
                                                        stdin: input, stdout: echoed.sink)
        #expect(catCode == 0)
        #expect(echoed.text.trimmingCharacters(in: .whitespacesAndNewlines) == "2", "stdin delivered, then EOF: \(echoed.text)")

        let terminal = Output()
        let (typed, typing) = AsyncStream.makeStream(of: [UInt8].self)
        let (sizes, resizing) = AsyncStream.makeStream(of: TerminalSize.self)
        resizing.yield(TerminalSize(width: 100, height: 30))
        let session = Task {
            try await RemoteCommandClient.run(url: try await execURL(client, container, ["sh"], stdin: true, tty: true),
                                              stdin: typed, stdout: terminal.sink, resizes: sizes)
        }
        try await Task.sleep(for: .milliseconds(500))
        typing.yield(Array("[ -t 0 ] && echo is-a-tty; stty size; exit 5\n".utf8))
        let ttyCode = try await session.value
        typing.finish()
        resizing.finish()
        #expect(ttyCode == 5)
        #expect(terminal.text.contains("is-a-tty\r\n"), "\(terminal.text)")
        #expect(terminal.text.contains("30 100"), "resize reached the terminal: \(terminal.text)")

        // A command that is not in the container: the error comes back as a Status.
        await #expect(throws: RemoteCommandError.self) {
            _ = try await RemoteCommandClient.run(url: try await execURL(client, container, ["no-such-command"]))
        }
        let unknown = await rpcCode {
            var request = Runtime_V1_ExecRequest()
            request.containerID = "nope"
            request.cmd = ["true"]
            request.stdout = true
            _ = try await client.runtime.exec(request)
        }
        #expect(unknown?.0 == .notFound)
        let forward = await rpcCode {
            var request = Runtime_V1_PortForwardRequest()
            request.podSandboxID = pod
            request.port = [8080]
            _ = try await client.runtime.portForward(request)
        }
        #expect(forward?.0 == .unimplemented, "port forwarding is not implemented: \(String(describing: forward))")
        await client.close()
        await daemon.finish()
    }

    @Test func attachStreamsTheContainersOutput() async throws {
        let daemon = try RuntimeDaemonProcess()
        defer { daemon.kill() }
        let client = try daemon.client()
        let pods = PodHelper(client: client)
        let sandbox = pods.sandboxConfig("attach", logDirectory: daemon.root + "/pods/attach")
        let talker = try await pods.run(
            try await pods.runPod(sandbox),
            pods.containerConfig("talker", "sleep 1; for i in 1 2 3; do echo tick-$i; echo tock-$i >&2; sleep 0.2; done; exit 6"),
            sandbox: sandbox)
        var request = Runtime_V1_AttachRequest()
        request.containerID = talker
        request.stdout = true
        request.stderr = true
        let url = try await client.runtime.attach(request).url
        let out = Output(), err = Output()
        let code = try await RemoteCommandClient.run(url: url, stdout: out.sink, stderr: err.sink)
        #expect(code == 6, "attach ends with the container's exit code")
        #expect(out.text == "tick-1\ntick-2\ntick-3\n")
        #expect(err.text == "tock-1\ntock-2\ntock-3\n")
        await client.close()
        await daemon.finish()
    }
}
