import CRI
import Foundation
import HTTPTypes
import Hummingbird
import HummingbirdWebSocket
import NIOCore
import RemoteCommand
import KubeAPI
import KubeswiftTestSupport
import Logging
import Testing
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

@testable import Kubelet

/// A kubelet backend made of dictionaries and files the test writes.
final class FakeKubeletBackend: KubeletServerBackend, @unchecked Sendable {
    let lock = NSLock()
    var pods: [Pod] = []
    /// "ns/pod/container" → (container id, log path, previous log path)
    var logs: [String: (id: String, path: String, previous: String?)] = [:]
    var running: Set<String> = []
    var streamURL: String?
    var lastStreamRequest: ContainerStreamRequest?
    var stats = ResourceStats()
    let cri: CRIClient
    let nodeName = "node-a"

    init() throws {
        // Never dialled: every CRI call the server makes goes through the seams overridden below.
        cri = try CRIClient(endpoint: CRIEndpoint(socketPath: "/nonexistent/kubeswift-test-cri.sock"))
    }

    func runningPods() -> [Pod] { lock.withLock { pods } }

    func containerLog(namespace: String, pod: String, container: String, previous: Bool) async throws -> (containerID: String, logPath: String) {
        guard runningPods().contains(where: { $0.metadata.namespace == namespace && $0.metadata.name == pod }) else {
            throw KubeletServerError.podNotFound(pod)
        }
        guard let entry = lock.withLock({ logs["\(namespace)/\(pod)/\(container)"] }) else {
            throw KubeletServerError.containerNotFound(container, pod: pod)
        }
        if previous {
            guard let path = entry.previous else {
                throw KubeletServerError(status: 400, "previous terminated container \"\(container)\" in pod \"\(pod)\" not found")
            }
            return (entry.id, path)
        }
        return (entry.id, entry.path)
    }

    func containerID(namespace: String, pod: String, container: String) async throws -> String {
        guard let entry = lock.withLock({ logs["\(namespace)/\(pod)/\(container)"] }) else {
            throw KubeletServerError.containerNotFound(container, pod: pod)
        }
        return entry.id
    }

    func isContainerRunning(id: String) async throws -> Bool { lock.withLock { running.contains(id) } }

    func streamingURL(for request: ContainerStreamRequest) async throws -> String {
        lock.withLock { lastStreamRequest = request }
        guard let url = lock.withLock({ streamURL }) else { throw KubeletServerError(status: 500, "no streaming server") }
        return url
    }

    func resourceStats() async throws -> ResourceStats { lock.withLock { stats } }
}

func testPod(_ name: String, uid: String, containers: [String]) -> Pod {
    var pod = Pod()
    pod.metadata.name = name
    pod.metadata.namespace = "default"
    pod.metadata.uid = uid
    pod.spec.containers = containers.map { Container(name: $0, image: "busybox") }
    pod.status.phase = "Running"
    return pod
}

/// A KubeletServer on a loopback port for one test.
struct RunningKubelet {
    let server: KubeletServer
    let task: Task<Void, any Error>
    let base: String

    static func start(_ backend: FakeKubeletBackend) async throws -> RunningKubelet {
        let server = KubeletServer(backend: backend, host: "127.0.0.1", port: 0, logger: Logger(label: "test.kubelet"))
        let task = Task { try await server.run() }
        let port = await server.boundPort
        return RunningKubelet(server: server, task: task, base: "http://127.0.0.1:\(port)")
    }

    func get(_ path: String) async throws -> (status: Int, body: String, contentType: String?) {
        let (data, response) = try await URLSession.shared.data(from: URL(string: base + path)!)
        let http = response as! HTTPURLResponse
        return (http.statusCode, String(decoding: data, as: UTF8.self), http.value(forHTTPHeaderField: "Content-Type"))
    }

    func stop() async {
        task.cancel()
        _ = try? await task.value
    }
}

@Suite struct KubeletServerTests {
    let backend: FakeKubeletBackend
    let dir: URL

    init() throws {
        backend = try FakeKubeletBackend()
        dir = FileManager.default.temporaryDirectory.appendingPathComponent("ks-kubelet-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: dir, withIntermediateDirectories: true)
        backend.pods = [testPod("web", uid: "uid-web", containers: ["app", "sidecar"])]
        let current = dir.appendingPathComponent("1.log").path, previous = dir.appendingPathComponent("0.log").path
        try "2026-11-24T09:00:01Z stdout F hello\n2026-11-24T09:00:02Z stderr F world\n".write(toFile: current, atomically: true, encoding: .utf8)
        try "2026-11-24T08:00:00Z stdout F crashed\n".write(toFile: previous, atomically: true, encoding: .utf8)
        backend.logs["default/web/app"] = ("cid-app", current, previous)
    }

    @Test func healthzPodsAndMetrics() async throws {
        let kubelet = try await RunningKubelet.start(backend)
        defer { Task { await kubelet.stop() } }
        var r = try await kubelet.get("/healthz")
        #expect(r.status == 200 && r.body == "ok")

        r = try await kubelet.get("/pods")
        #expect(r.status == 200)
        let list = try JSONValue.parse(Array(r.body.utf8))
        #expect(list["kind"] == "PodList" && list["apiVersion"] == "v1")
        #expect(list["items"]?.arrayValue?.map { $0[path: ["metadata", "name"]] } == ["web"])

        r = try await kubelet.get("/metrics")
        #expect(r.status == 200)
        #expect(r.body.contains("kubelet_running_pods 1\n"))
        #expect(r.body.contains("kubelet_node_name{node=\"node-a\"} 1\n"))
        #expect(r.body.contains("kubelet_http_requests_total{long_running=\"false\",method=\"GET\",path=\"pods\",server_type=\"readwrite\"} 1\n"))

        r = try await kubelet.get("/nope")
        #expect(r.status == 404)
    }

    @Test func containerLogsOverHTTP() async throws {
        let kubelet = try await RunningKubelet.start(backend)
        defer { Task { await kubelet.stop() } }
        var r = try await kubelet.get("/containerLogs/default/web/app")
        #expect(r.status == 200)
        #expect(r.body == "hello\nworld\n")
        r = try await kubelet.get("/containerLogs/default/web/app?timestamps=true&tailLines=1")
        #expect(r.body == "2026-11-24T09:00:02.000000000Z world\n")
        r = try await kubelet.get("/containerLogs/default/web/app?previous=true")
        #expect(r.body == "crashed\n")
        r = try await kubelet.get("/containerLogs/default/web/app?sinceTime=2026-11-24T09%3A00%3A02Z")
        #expect(r.body == "world\n")
        // follow of a container that is not running ends at the end of the file.
        r = try await kubelet.get("/containerLogs/default/web/app?follow=true")
        #expect(r.body == "hello\nworld\n")

        r = try await kubelet.get("/containerLogs/default/nope/app")
        #expect(r.status == 404)
        #expect(r.body == "pod \"nope\" does not exist")
        r = try await kubelet.get("/containerLogs/default/web/other")
        #expect(r.status == 404)
        #expect(r.body == "container \"other\" not found in pod \"web\"")
        r = try await kubelet.get("/containerLogs/default/web/app?tailLines=-2")
        #expect(r.status == 422)
        r = try await kubelet.get("/containerLogs/default/web/app?follow=maybe")
        #expect(r.status == 400)
    }

    @Test func followStreamsAppendedLinesOverHTTP() async throws {
        backend.running = ["cid-app"]
        let kubelet = try await RunningKubelet.start(backend)
        defer { Task { await kubelet.stop() } }
        let path = backend.logs["default/web/app"]!.path
        // Without tailLines=0 the result does not depend on whether the request was read before
        // or after the append; the follow ends only once the container stops running.
        let fetch = Task { try await kubelet.get("/containerLogs/default/web/app?follow=true") }
        try await Task.sleep(for: .milliseconds(300))
        let handle = try #require(FileHandle(forWritingAtPath: path))
        handle.seekToEndOfFile()
        handle.write(Data("2026-11-24T09:00:03Z stdout F later\n".utf8))
        try handle.close()
        try await Task.sleep(for: .milliseconds(300))
        backend.lock.withLock { _ = backend.running.remove("cid-app") }
        let r = try await within(.seconds(30)) { try await fetch.value }
        #expect(r.body.hasSuffix("later\n") && r.body.components(separatedBy: "later").count == 2, "body: \(r.body)")
    }

    @Test func statsSummaryHasUpstreamShape() async throws {
        backend.stats = ResourceStats(containers: [
            .init(podNamespace: "default", podName: "web", podUID: "uid-web", name: "app",
                  usage: .init(cpuUsageCoreNanoSeconds: 1_000, memoryWorkingSetBytes: 4096, timestamp: 1_795_510_800_000_000_000)),
            .init(podNamespace: "default", podName: "web", podUID: "uid-web", name: "sidecar",
                  usage: .init(cpuUsageCoreNanoSeconds: 500, memoryWorkingSetBytes: 1024, timestamp: 1_795_510_800_000_000_000)),
        ])
        let kubelet = try await RunningKubelet.start(backend)
        defer { Task { await kubelet.stop() } }
        let r = try await kubelet.get("/stats/summary")
        #expect(r.status == 200)
        let summary = try JSONValue.parse(Array(r.body.utf8))
        #expect(summary[path: ["node", "nodeName"]] == "node-a")
        let pod = try #require(summary["pods"]?.arrayValue?.first)
        #expect(pod["podRef"] == ["name": "web", "namespace": "default", "uid": "uid-web"])
        #expect(pod[path: ["cpu", "usageCoreNanoSeconds"]] == .int(1_500))
        #expect(pod[path: ["memory", "workingSetBytes"]] == .int(5_120))
        #expect(pod["containers"]?.arrayValue?.map { $0["name"] } == ["app", "sidecar"])
        #expect(pod["containers"]?.arrayValue?.first?[path: ["memory", "time"]] == "2026-11-24T09:00:00Z")
    }
}

/// Exec and attach through the kubelet: the server asks the backend (CRI) for the runtime's
/// streaming URL and relays the channel protocol both ways.
@Suite(.timeLimit(.minutes(1))) struct KubeletStreamingTests {
    @Test func execIsRelayedToTheRuntimeStreamingServer() async throws {
        let runtime = try await FakeStreamingServer.start()
        defer { runtime.stop() }
        let backend = try FakeKubeletBackend()
        backend.pods = [testPod("web", uid: "uid-web", containers: ["app"])]
        backend.logs["default/web/app"] = ("cid-app", "/nonexistent", nil)
        backend.streamURL = "http://127.0.0.1:\(runtime.port)/exec/token-1"
        let kubelet = try await RunningKubelet.start(backend)
        defer { Task { await kubelet.stop() } }

        let out = Collected(), err = Collected()
        let (stdin, feed) = AsyncStream<[UInt8]>.makeStream()
        feed.yield(Array("ping\n".utf8))
        feed.finish()
        let code = try await RemoteCommandClient.run(
            url: kubelet.base + "/exec/default/web/app?command=cat&command=-n&input=1&output=1&error=1",
            stdin: stdin, stdout: { out.append($0) }, stderr: { err.append($0) })
        #expect(code == 7)
        #expect(out.text == "ping\n")
        #expect(err.text == "cat -n\n")
        #expect(backend.lastStreamRequest == ContainerStreamRequest(
            kind: .exec, containerID: "cid-app", command: ["cat", "-n"], stdin: true, stdout: true, stderr: true, tty: false))

        // Attach takes the contract's short parameter names too.
        backend.streamURL = "http://127.0.0.1:\(runtime.port)/attach/token-2"
        let code2 = try await RemoteCommandClient.run(
            url: kubelet.base + "/attach/default/web/app?stdout=true&tty=true", stdout: { out.append($0) })
        #expect(code2 == 7)
        #expect(out.text == "ping\nattached\n")
        #expect(backend.lastStreamRequest?.kind == .attach)
        #expect(backend.lastStreamRequest?.tty == true)

        // A container the kubelet does not know: the failure arrives as the channel-3 Status.
        await #expect(throws: RemoteCommandError.remoteFailure("container \"nope\" not found in pod \"web\"")) {
            try await RemoteCommandClient.run(url: kubelet.base + "/exec/default/web/nope?command=ls&output=1", stdout: { _ in })
        }
    }
}

/// A runtime streaming server stand-in. Exec: stderr gets the command line, stdin is echoed to
/// stdout until it closes. Attach: one line of output. Either ends with exit code 7.
struct FakeStreamingServer {
    let port: Int
    let task: Task<Void, any Error>

    static func start() async throws -> FakeStreamingServer {
        let (ports, continuation) = AsyncStream<Int>.makeStream()
        let app = Application(
            responder: CallbackResponder<BasicRequestContext> { _, _ in Response(status: .notFound) },
            server: .http1WebSocketUpgrade { head, _, _ in
                let protocols = head.headerFields[values: .secWebSocketProtocol].joined(separator: ",")
                guard protocols.contains("v5.channel.k8s.io") else { return .dontUpgrade }
                let attach = (head.path ?? "").hasPrefix("/attach/")
                return .upgrade([.secWebSocketProtocol: "v5.channel.k8s.io"]) { inbound, outbound, _ in
                    if attach {
                        try await outbound.write(.binary(ByteBuffer(bytes: [1] + Array("attached\n".utf8))))
                    } else {
                        try await outbound.write(.binary(ByteBuffer(bytes: [2] + Array("cat -n\n".utf8))))
                    }
                    if !attach {
                        for try await message in inbound.messages(maxSize: 1 << 20) {
                            guard case .binary(let buffer) = message else { continue }
                            let bytes = Array(buffer.readableBytesView)
                            if bytes.first == 255 { break }
                            if bytes.first == 0 { try await outbound.write(.binary(ByteBuffer(bytes: [1] + bytes.dropFirst()))) }
                        }
                    }
                    let status = #"{"metadata":{},"status":"Failure","message":"exit status 7","reason":"NonZeroExitCode","details":{"causes":[{"reason":"ExitCode","message":"7"}]}}"#
                    try await outbound.write(.binary(ByteBuffer(bytes: [3] + Array(status.utf8))))
                }
            },
            configuration: .init(address: .hostname("127.0.0.1", port: 0)),
            onServerRunning: { continuation.yield($0.localAddress?.port ?? 0) },
            logger: Logger(label: "fake-streaming"))
        let task = Task { try await app.run() }
        var port = 0
        for await p in ports { port = p; break }
        return FakeStreamingServer(port: port, task: task)
    }

    func stop() { task.cancel() }
}
