import CRI
import Foundation
import Glibc
import GRPCCore
import Logging
import NIOCore
import RemoteCommand
import Synchronization
import Testing
import WSClient

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
        let daemon = try await RuntimeDaemonProcess()
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
        await client.close()
        await daemon.finish()
    }

    /// An HTTP server on the pod's loopback only, reached through CRI PortForward's URL.
    @Test func portForwardReachesThePodsLoopback() async throws {
        let daemon = try await RuntimeDaemonProcess()
        defer { daemon.kill() }
        let client = try daemon.client()
        let pods = PodHelper(client: client)
        let sandbox = pods.sandboxConfig("forward", logDirectory: daemon.root + "/pods/forward")
        let pod = try await pods.runPod(sandbox)
        let server = try await pods.run(pod, pods.containerConfig("httpd", """
            mkdir -p /www && echo inside-the-pod > /www/index.html && exec httpd -f -p 127.0.0.1:8080 -h /www
            """), sandbox: sandbox)
        for _ in 0..<50 {
            if let probe = try? await pods.exec(server, ["wget", "-q", "-O", "-", "http://127.0.0.1:8080/"]), probe.exitCode == 0 { break }
            try await Task.sleep(for: .milliseconds(100))
        }
        var request = Runtime_V1_PortForwardRequest()
        request.podSandboxID = pod
        request.port = [8080]
        let url = try await client.runtime.portForward(request).url
        #expect(url.contains("/portforward/"))
        let response = Output()
        try await WebSocketConnection.connect(url: url, subprotocols: [RemoteCommandProtocol.v4]) { socket in
            let get = "GET / HTTP/1.0\r\nHost: pod\r\n\r\n"
            try await socket.send(.binary(ByteBuffer(bytes: [0] + Array(get.utf8))))
            var prefixed = false
            for try await message in socket.messages {
                guard case .binary(let buffer) = message, buffer.readableBytesView.first == 0 else { continue }
                if !prefixed { prefixed = true; continue }  // the port number, first on each channel
                response.sink(Array(buffer.readableBytesView.dropFirst()))
            }
        }
        #expect(response.text.hasPrefix("HTTP/1.") && response.text.hasSuffix("inside-the-pod\n"), "\(response.text)")

        let unknown = await rpcCode {
            var request = Runtime_V1_PortForwardRequest()
            request.podSandboxID = "nope"
            request.port = [80]
            _ = try await client.runtime.portForward(request)
        }
        #expect(unknown?.0 == .notFound)
        await client.close()
        await daemon.finish()
    }

    @Test func attachStreamsTheContainersOutput() async throws {
        let daemon = try await RuntimeDaemonProcess()
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
