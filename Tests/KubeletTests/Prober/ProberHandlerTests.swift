import Foundation
import KubeAPI
import Testing
@testable import Kubelet

/// One probe attempt per handler kind against real loopback servers and a fake runner.
@Suite("Prober: exec, httpGet, tcpSocket")
struct ProberHandlerTests {
    let pod = ProbeFixtures.pod(containers: [])

    func run(_ probe: Probe, container: Container = ProbeFixtures.container(), runner: FakeCommandRunner = FakeCommandRunner(),
             podIP: String? = "127.0.0.1") async throws(ProbeError) -> ProbeRunOutput {
        try await Prober(runner: runner, events: RecordingEvents())
            .run(probe, pod: pod, container: container, containerID: "c1", podIP: podIP)
    }

    func httpGet(_ path: String, port: IntOrString, host: String? = nil, headers: [HTTPHeader]? = nil) -> Probe {
        Probe(httpGet: HTTPGetAction(path: path, port: port, host: host, httpHeaders: headers), timeoutSeconds: 2)
    }

    // MARK: exec

    @Test func execExitZeroIsSuccessWithOutput() async throws {
        let runner = FakeCommandRunner { _, _ in ExecResult(exitCode: 0, stdout: Data("fine\n".utf8)) }
        #expect(try await run(ProbeFixtures.exec("check"), runner: runner) == .success("fine\n"))
        #expect(runner.calls.first?.containerID == "c1")
        #expect(runner.calls.first?.timeout == .seconds(1))  // timeoutSeconds defaults to 1
    }

    @Test func execNonZeroExitIsFailureWithCombinedOutput() async throws {
        let runner = FakeCommandRunner { _, _ in ExecResult(exitCode: 2, stdout: Data("out ".utf8), stderr: Data("err".utf8)) }
        #expect(try await run(ProbeFixtures.exec("check"), runner: runner) == .failure("out err"))
    }

    @Test func execOutputIsCutAt10KiB() async throws {
        let runner = FakeCommandRunner { _, _ in ExecResult(exitCode: 1, stdout: Data(repeating: UInt8(ascii: "x"), count: 20_000)) }
        #expect(try await run(ProbeFixtures.exec("check"), runner: runner) == .failure(String(repeating: "x", count: 10 * 1024)))
    }

    @Test func execTimeoutIsAFailureSayingTimedOut() async throws {
        let runner = FakeCommandRunner { _, _ in
            try await Task.sleep(for: .seconds(60))
            return ExecResult(exitCode: 0)
        }
        let probe = Probe(exec: ExecAction(command: ["sh", "-c", "sleep 60"]), timeoutSeconds: 1)
        #expect(try await run(probe, runner: runner) == .failure(#"command "sh -c sleep 60" timed out"#))
    }

    @Test func aRunnerReportingTheTimeoutIsTheSameFailure() async throws {
        let runner = FakeCommandRunner { call, _ in throw ContainerCommandTimedOut(command: call.command, timeout: call.timeout) }
        #expect(try await run(ProbeFixtures.exec("slow"), runner: runner) == .failure(#"command "slow" timed out"#))
    }

    @Test func aRunnerErrorIsAProberErrorNotAFailure() async throws {
        struct Gone: Error {}
        let runner = FakeCommandRunner { _, _ in throw Gone() }
        await #expect(throws: ProbeError.self) { try await run(ProbeFixtures.exec("x"), runner: runner) }
    }

    @Test func execCommandExpandsStaticEnv() async throws {
        let runner = FakeCommandRunner()
        let container = ProbeFixtures.container(env: [EnvVar(name: "FILE", value: "/tmp/healthy")])
        let probe = Probe(exec: ExecAction(command: ["cat", "$(FILE)", "$(MISSING)", "$$(FILE)"]))
        _ = try await run(probe, container: container, runner: runner)
        #expect(runner.calls.first?.command == ["cat", "/tmp/healthy", "$(MISSING)", "$(FILE)"])
    }

    // MARK: httpGet

    @Test func httpSuccessSendsUpstreamHeaders() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 200, body: "healthy") }
        defer { server.stop() }
        let probe = httpGet("/healthz?full=1", port: .int(Int32(server.port)), headers: [HTTPHeader(name: "X-Probe", value: "yes")])
        #expect(try await run(probe) == .success("healthy"))
        let request = try #require(server.requests.first)
        #expect(request.method == "GET" && request.target == "/healthz?full=1")
        #expect(request.header("User-Agent") == "kube-probe/1.32")
        #expect(request.header("Accept") == "*/*")
        #expect(request.header("X-Probe") == "yes")
        #expect(request.header("Connection") == "close")
    }

    @Test func httpUserHeadersOverrideDefaultsAndHost() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let probe = httpGet("/", port: .int(Int32(server.port)), headers: [
            HTTPHeader(name: "User-Agent", value: "mine"), HTTPHeader(name: "Accept", value: ""),
            HTTPHeader(name: "Host", value: "example.test"),
        ])
        _ = try await run(probe)
        let request = try #require(server.requests.first)
        #expect(request.header("User-Agent") == "mine")
        #expect(request.header("Accept") == nil)
        #expect(request.header("Host") == "example.test")
    }

    @Test func http500IsAFailureWithTheStatusCode() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 500, body: "secret stack trace") }
        defer { server.stop() }
        #expect(try await run(httpGet("/", port: .int(Int32(server.port)))) == .failure("HTTP probe failed with statuscode: 500"))
    }

    @Test func httpStatusRange() async throws {
        for (status, succeeds) in [(199, false), (200, true), (204, true), (399, true), (400, false), (404, false)] {
            let server = try LoopbackHTTPServer { _ in .init(status: status) }
            defer { server.stop() }
            let output = try await run(httpGet("/", port: .int(Int32(server.port))))
            switch output {
            case .success, .warning: #expect(succeeds, "status \(status)")
            case .failure: #expect(!succeeds, "status \(status)")
            }
        }
    }

    @Test func httpBodyIsCutAt10KiB() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 200, body: String(repeating: "y", count: 50_000)) }
        defer { server.stop() }
        #expect(try await run(httpGet("/", port: .int(Int32(server.port)))) == .success(String(repeating: "y", count: 10 * 1024)))
    }

    @Test func httpFollowsRedirectsToTheSameHost() async throws {
        let server = try LoopbackHTTPServer { request in
            request.target == "/old" ? .init(status: 302, headers: [("Location", "/new")]) : .init(status: 200, body: "moved here")
        }
        defer { server.stop() }
        #expect(try await run(httpGet("/old", port: .int(Int32(server.port)))) == .success("moved here"))
        #expect(server.requests.map(\.target) == ["/old", "/new"])
    }

    @Test func aRedirectToAnotherHostIsAWarningNotFollowed() async throws {
        let server = try LoopbackHTTPServer { _ in
            .init(status: 302, headers: [("Location", "http://other.invalid/")], body: "<a>Found</a>.")
        }
        defer { server.stop() }
        #expect(try await run(httpGet("/", port: .int(Int32(server.port))))
                == .warning("Probe terminated redirects, Response body: <a>Found</a>."))
        #expect(server.requests.count == 1)
    }

    @Test func aRedirectLoopStopsAfterTen() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 302, headers: [("Location", "/again")]) }
        defer { server.stop() }
        let output = try await run(httpGet("/", port: .int(Int32(server.port))))
        #expect(output == .failure(#"Get "http://127.0.0.1:\#(server.port)/again": stopped after 10 redirects"#))
        #expect(server.requests.count == 11)
    }

    @Test func aRefusedConnectionIsAFailureWithGoStyleText() async throws {
        let port = try LoopbackHTTPServer.closedPort()
        let output = try await run(httpGet("/healthz", port: .int(Int32(port))))
        #expect(output == .failure(#"Get "http://127.0.0.1:\#(port)/healthz": dial tcp 127.0.0.1:\#(port): connect: connection refused"#))
    }

    @Test func aServerThatNeverAnswersTimesOut() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 200, hang: true) }
        defer { server.stop() }
        var probe = httpGet("/", port: .int(Int32(server.port)))
        probe.timeoutSeconds = 1
        guard case .failure(let message) = try await run(probe) else {
            Issue.record("a hung server must fail the probe")
            return
        }
        #expect(message.hasPrefix(#"Get "http://127.0.0.1:\#(server.port)/": "#))
        #expect(message.contains("deadline exceeded"))
    }

    @Test func httpNamedPortAndPodIPHost() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let container = ProbeFixtures.container(ports: [ContainerPort(name: "http", containerPort: Int32(server.port))])
        #expect(try await run(httpGet("/", port: "http"), container: container, podIP: "127.0.0.1") == .success("ok"))
        await #expect(throws: ProbeError(description: "port metrics not found")) {
            try await run(httpGet("/", port: "metrics"), container: container)
        }
        await #expect(throws: ProbeError.self) { try await run(httpGet("/", port: .int(Int32(server.port))), podIP: nil) }
    }

    // MARK: tcpSocket

    @Test func tcpConnectsOrFails() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let container = ProbeFixtures.container(ports: [ContainerPort(name: "svc", containerPort: Int32(server.port))])
        #expect(try await run(Probe(tcpSocket: TCPSocketAction(port: "svc")), container: container) == .success(""))
        #expect(try await run(Probe(tcpSocket: TCPSocketAction(port: .int(Int32(server.port)), host: "127.0.0.1")), podIP: nil) == .success(""))

        let closed = try LoopbackHTTPServer.closedPort()
        #expect(try await run(Probe(tcpSocket: TCPSocketAction(port: .int(Int32(closed)))))
                == .failure("dial tcp 127.0.0.1:\(closed): connect: connection refused"))
    }

    @Test func grpcWithoutAPodIPAndEmptyProbesAreProberErrors() async {
        await #expect(throws: ProbeError(description: "no host to probe: the pod has no IP yet")) {
            try await run(Probe(grpc: GRPCAction(port: 9000)), podIP: nil)
        }
        await #expect(throws: ProbeError(description: "missing probe handler for web_default(uid-1):web")) {
            try await run(Probe())
        }
    }
}
