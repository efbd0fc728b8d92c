import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import KubeAPI
import KubeStore
import KubeswiftTestSupport
import Logging
import NIOCore
import Synchronization
import Testing

@testable import KubeAPIServer
@testable import Kubectl

/// A stand-in kubelet on a loopback port: serves container logs from memory (recording the query
/// each request carried), /healthz, and exec as a websocket speaking the channel protocol.
final class FakeKubelet: Sendable {
    final class RequestLog: Sendable {
        private let entries = Mutex<[String]>([])
        func append(_ entry: String) { entries.withLock { $0.append(entry) } }
        var last: String? { entries.withLock { $0.last } }
    }
    let requests = RequestLog()
    let logs: [String: String]
    private let task: Task<Void, any Error>
    let port: Int

    init(logs: [String: String]) async throws {
        self.logs = logs
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let requests = requests
        let responder = CallbackResponder<BasicRequestContext> { request, _ in
            let target = request.uri.path + (request.uri.query.map { "?" + $0 } ?? "")
            requests.append(target)
            let parts = request.uri.path.split(separator: "/").map(String.init)
            if parts == ["healthz"] { return Response(status: .ok, body: .init(byteBuffer: ByteBuffer(string: "ok"))) }
            if parts.count == 4, parts[0] == "containerLogs" {
                guard let text = logs["\(parts[1])/\(parts[2])/\(parts[3])"] else {
                    return Response(status: .notFound, body: .init(byteBuffer: ByteBuffer(string: "container \"\(parts[3])\" not found in pod \"\(parts[2])\"")))
                }
                return Response(status: .ok, headers: [.contentType: "text/plain"], body: .init(byteBuffer: ByteBuffer(string: text)))
            }
            return Response(status: .notFound, body: .init(byteBuffer: ByteBuffer(string: "404 page not found\n")))
        }
        let app = Application(
            responder: responder,
            server: .http1WebSocketUpgrade { head, _, _ in
                requests.append(head.path ?? "")
                guard (head.path ?? "").hasPrefix("/exec/") else { return .dontUpgrade }
                let command = APIServerCore.queryPairs((head.path ?? "").split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init))
                    .filter { $0.0 == "command" }.map(\.1)
                return .upgrade([.secWebSocketProtocol: "v5.channel.k8s.io"]) { inbound, outbound, _ in
                    try await FakeKubelet.exec(command: command, inbound: inbound, outbound: outbound)
                }
            },
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { channel in continuation.yield(channel.localAddress?.port ?? 0) },
            logger: Logger(label: "fake-kubelet"))
        task = Task { try await app.run() }
        var bound = 0
        for await p in ports { bound = p; break }
        port = bound
    }

    /// `echo TEXT` prints; `exit N` exits with N; `cat` echoes stdin until it closes.
    static func exec(command: [String], inbound: WebSocketInboundStream, outbound: WebSocketOutboundWriter) async throws {
        func send(_ channel: UInt8, _ text: String) async throws {
            var buffer = ByteBuffer(bytes: [channel])
            buffer.writeString(text)
            try await outbound.write(.binary(buffer))
        }
        var code = 0
        switch command.first {
        case "echo": try await send(1, command.dropFirst().joined(separator: " ") + "\n")
        case "exit":
            try await send(2, "exiting\n")
            code = Int(command.last ?? "") ?? 1
        case "cat":
            for try await message in inbound.messages(maxSize: 1 << 20) {
                guard case .binary(let buffer) = message, let channel = buffer.readableBytesView.first else { continue }
                if channel == 255 { break }
                if channel == 0 { try await send(1, String(decoding: buffer.readableBytesView.dropFirst(), as: UTF8.self)) }
            }
        default:
            try await send(3, #"{"metadata":{},"status":"Failure","message":"executable file not found","reason":"InternalError","code":500}"#)
            return
        }
        if code == 0 {
            try await send(3, #"{"metadata":{},"status":"Success"}"#)
        } else {
            try await send(3, #"{"metadata":{},"status":"Failure","message":"command terminated with non-zero exit code: exit status \#(code)","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"\#(code)"}]}}"#)
        }
    }

    func stop() { task.cancel() }
}

/// pods/log, pods/exec and nodes/proxy through a real apiserver (in this process, on a loopback
/// port) to a fake kubelet registered as a Node's address, driven by the bundled kubectl and, when
/// installed, the standard kubectl.
@Suite(.serialized, .timeLimit(.minutes(2))) final class NodeProxyTests {
    let server: InProcessAPIServer
    let kubelet: FakeKubelet
    let cacheDir: String

    init() async throws {
        kubelet = try await FakeKubelet(logs: [
            "default/one/app": "line 1\nline 2\nünïcode ✓\n",
            "default/two/a": "from a\n",
            "default/two/b": "from b\n",
            "default/two/setup": "init done\n",
        ])
        server = try await InProcessAPIServer.start()
        cacheDir = FileManager.default.temporaryDirectory.appendingPathComponent("ks-kubectl-cache-\(UUID().uuidString)").path
        let api = server.core
        let node: JSONValue = [
            "apiVersion": "v1", "kind": "Node", "metadata": ["name": "node-a"],
            "status": [
                "addresses": [["type": "Hostname", "address": "node-a"], ["type": "InternalIP", "address": "127.0.0.1"]],
                "daemonEndpoints": ["kubeletEndpoint": ["Port": .int(Int64(kubelet.port))]],
            ],
        ]
        for (path, object) in [
            ("/api/v1/nodes", node),
            ("/api/v1/namespaces/default/pods", Self.pod("one", containers: ["app"], node: "node-a")),
            ("/api/v1/namespaces/default/pods", Self.pod("two", containers: ["a", "b"], initContainers: ["setup"], node: "node-a")),
            ("/api/v1/namespaces/default/pods", Self.pod("pending", containers: ["app"], node: nil)),
        ] {
            let response = await api.handle(APIRequest(method: "POST", path: path, headers: ["content-type": "application/json"], body: object.serializedBytes()))
            #expect(response.status == 201, "\(String(decoding: response.bodyBytes, as: UTF8.self))")
        }
    }

    deinit {
        server.stop()
        kubelet.stop()
        try? FileManager.default.removeItem(atPath: cacheDir)
    }

    static func pod(_ name: String, containers: [String], initContainers: [String] = [], node: String?) -> JSONValue {
        var spec: JSONValue = ["containers": .array(containers.map { ["name": .string($0), "image": "busybox"] })]
        if !initContainers.isEmpty { spec["initContainers"] = .array(initContainers.map { ["name": .string($0), "image": "busybox"] }) }
        if let node { spec["nodeName"] = .string(node) }
        return ["apiVersion": "v1", "kind": "Pod", "metadata": ["name": .string(name), "namespace": "default"], "spec": spec]
    }

    func bundled(_ args: String..., stdin: String = "") async -> (status: Int32, stdout: String, stderr: String) {
        let captured = CapturedOutput()
        let status = await Terminal.$current.withValue(captured.terminal(stdin: Data(stdin.utf8))) {
            await Kubectl.run(["--server", server.url] + args)
        }
        return (status, captured.stdout, captured.stderr)
    }

    func standard(_ args: String..., stdin: String? = nil) async throws -> CommandResult? {
        guard let kubectl = which("kubectl") else { return nil }
        return try await runCommand(kubectl, ["--server", server.url, "--cache-dir", cacheDir] + args, stdin: stdin)
    }

    func get(_ path: String) async throws -> (status: Int, body: String) {
        let response = await server.core.handle(APIRequest(method: "GET", path: path.split(separator: "?").first.map(String.init) ?? path,
                                                           query: Dictionary(APIServerCore.queryPairs(path.split(separator: "?", maxSplits: 1).dropFirst().first.map(String.init)), uniquingKeysWith: { a, _ in a })))
        switch response.body {
        case .bytes(let bytes): return (response.status, String(decoding: bytes, as: UTF8.self))
        case .stream(let stream):
            var all: [UInt8] = []
            for await chunk in stream { all += chunk }
            return (response.status, String(decoding: all, as: UTF8.self))
        }
    }

    @Test func logsThroughTheAPIServer() async throws {
        var r = try await get("/api/v1/namespaces/default/pods/one/log")
        #expect(r.status == 200)
        #expect(r.body == "line 1\nline 2\nünïcode ✓\n")
        r = try await get("/api/v1/namespaces/default/pods/one/log?follow=true&tailLines=5&timestamps=true&sinceSeconds=30&limitBytes=100&previous=true")
        #expect(r.status == 200)
        // Parameters as upstream's LogLocation sends them (url.Values.Encode: sorted by key).
        #expect(kubelet.requests.last == "/containerLogs/default/one/app?follow=true&limitBytes=100&previous=true&sinceSeconds=30&tailLines=5&timestamps=true")
    }

    @Test func logErrorsAsUpstreamWordsThem() async throws {
        var r = try await get("/api/v1/namespaces/default/pods/two/log")
        #expect(r.status == 400)
        #expect(try JSONValue.parse(Array(r.body.utf8))["message"] == "a container name must be specified for pod two, choose one of: [a b] or one of the init containers: [setup]")
        r = try await get("/api/v1/namespaces/default/pods/two/log?container=zzz")
        #expect(r.status == 400)
        #expect(try JSONValue.parse(Array(r.body.utf8))["message"] == "container zzz is not valid for pod two")
        r = try await get("/api/v1/namespaces/default/pods/nope/log")
        #expect(r.status == 404)
        #expect(try JSONValue.parse(Array(r.body.utf8))["message"] == "pods \"nope\" not found")
        // Not scheduled: an empty log, as upstream's LogLocation returns no location.
        r = try await get("/api/v1/namespaces/default/pods/pending/log")
        #expect(r.status == 200 && r.body.isEmpty)
        r = try await get("/api/v1/namespaces/default/pods/one/log?tailLines=-1")
        #expect(r.status == 422)
    }

    @Test func nodeProxyReachesTheKubelet() async throws {
        var r = try await get("/api/v1/nodes/node-a/proxy/healthz")
        #expect(r.status == 200 && r.body == "ok")
        r = try await get("/api/v1/nodes/nope/proxy/healthz")
        #expect(r.status == 404)
    }

    @Test func bundledAndStandardKubectlLogsAgree() async throws {
        let mine = await bundled("logs", "one")
        #expect(mine.status == 0, "\(mine.stderr)")
        #expect(mine.stdout == "line 1\nline 2\nünïcode ✓\n")
        let two = await bundled("logs", "two")
        #expect(two.stdout == "from a\n")
        #expect(two.stderr == "Defaulted container \"a\" out of: a, b, setup (init)\n")
        let missing = await bundled("logs", "nope")
        #expect(missing.status == 1)
        #expect(missing.stderr == "error: error from server (NotFound): pods \"nope\" not found in namespace \"default\"\n")
        let prefixed = await bundled("logs", "two", "--all-containers", "--prefix")
        #expect(prefixed.stdout == "[pod/two/setup] init done\n[pod/two/a] from a\n[pod/two/b] from b\n")
        _ = await bundled("logs", "one", "--tail", "1", "--timestamps", "--since", "1m")
        #expect(kubelet.requests.last == "/containerLogs/default/one/app?sinceSeconds=60&tailLines=1&timestamps=true")

        guard let theirs = try await standard("logs", "one") else { return }
        #expect(theirs.status == 0, "\(theirs.stderr)")
        #expect(theirs.stdout == mine.stdout)
        let theirTwo = try await standard("logs", "two")
        #expect(theirTwo?.stdout == two.stdout)
        #expect(theirTwo?.stderr == two.stderr)
        let theirMissing = try await standard("logs", "nope")
        #expect(theirMissing?.status == 1)
        #expect(theirMissing?.stderr == missing.stderr)
        let theirPrefixed = try await standard("logs", "two", "--all-containers", "--prefix")
        // Upstream requests the containers from a Go map when not following: any order.
        #expect(theirPrefixed?.stdout.split(separator: "\n").sorted() == prefixed.stdout.split(separator: "\n").sorted())
        _ = try await standard("logs", "one", "--tail", "1", "--timestamps", "--since", "1m")
        #expect(kubelet.requests.last == "/containerLogs/default/one/app?sinceSeconds=60&tailLines=1&timestamps=true")
    }
}

extension NodeProxyTests {
    @Test func execThroughTheAPIServerWithBothKubectls() async throws {
        let echo = await bundled("exec", "one", "--", "echo", "hello", "world")
        #expect(echo.status == 0, "\(echo.stderr)")
        #expect(echo.stdout == "hello world\n")
        #expect(echo.stderr == "")
        // The apiserver turns PodExecOptions into the kubelet's parameters (upstream's streamParams).
        #expect(kubelet.requests.last == "/exec/default/one/app?command=echo&command=hello&command=world&error=1&output=1")

        let failing = await bundled("exec", "one", "--", "exit", "3")
        #expect(failing.status == 3)
        #expect(failing.stderr == "exiting\ncommand terminated with exit code 3\n")

        let cat = await bundled("exec", "-i", "one", "--", "cat", stdin: "piped input\n")
        #expect(cat.status == 0, "\(cat.stderr)")
        #expect(cat.stdout == "piped input\n")

        let badContainer = await bundled("exec", "one", "-c", "zzz", "--", "echo", "x")
        #expect(badContainer.status == 1)
        #expect(badContainer.stderr == "error: container zzz is not valid for pod one\n")
        let defaulted = await bundled("exec", "two", "--", "echo", "x")
        #expect(defaulted.stderr == "Defaulted container \"a\" out of: a, b, setup (init)\n")

        guard let theirEcho = try await standard("exec", "one", "--", "echo", "hello", "world") else { return }
        #expect(theirEcho.status == 0, "\(theirEcho.stderr)")
        #expect(theirEcho.stdout == echo.stdout)
        let theirFailing = try await standard("exec", "one", "--", "exit", "3")
        #expect(theirFailing?.status == 3)
        #expect(theirFailing?.stderr == failing.stderr)
        let theirCat = try await standard("exec", "-i", "one", "--", "cat", stdin: "piped input\n")
        #expect(theirCat?.stdout == cat.stdout)
        let theirBad = try await standard("exec", "one", "-c", "zzz", "--", "echo", "x")
        #expect(theirBad?.status == 1)
        #expect(theirBad?.stderr == badContainer.stderr)
        let theirDefaulted = try await standard("exec", "two", "--", "echo", "x")
        #expect(theirDefaulted?.stderr == defaulted.stderr)
    }
}

/// The apiserver behind Hummingbird on a free loopback port, in this process.
final class InProcessAPIServer: Sendable {
    let core: APIServerCore
    let url: String
    private let task: Task<Void, any Error>

    private init(core: APIServerCore, url: String, task: Task<Void, any Error>) {
        self.core = core
        self.url = url
        self.task = task
    }

    static func start() async throws -> InProcessAPIServer {
        let core = try APIServerCore(store: MemoryStore())
        try await core.bootstrap()
        var configuration = APIServer.Configuration()
        configuration.port = 0
        let server = APIServer(core: core, configuration: configuration)
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let task = Task { try await server.run { continuation.yield($0) } }
        var port = 0
        for await p in ports { port = p; break }
        return InProcessAPIServer(core: core, url: "http://127.0.0.1:\(port)", task: task)
    }

    func stop() { task.cancel() }
}
