import Foundation
import KubeAPI
import Testing
@testable import Kubelet

@Suite("LifecycleHookRunner: exec, httpGet, sleep")
struct LifecycleHookRunnerTests {
    let pod = ProbeFixtures.pod(containers: [])

    func run(_ handler: LifecycleHandler, runner: FakeCommandRunner = FakeCommandRunner(),
             container: Container = ProbeFixtures.container(), podIP: String? = "127.0.0.1") async throws {
        try await LifecycleHookRunner(runner: runner).run(handler, pod: pod, container: container, containerID: "c1", podIP: podIP)
    }

    @Test func execRunsInTheContainerWithoutATimeout() async throws {
        let runner = FakeCommandRunner()
        try await run(LifecycleHandler(exec: ExecAction(command: ["sh", "-c", "echo hi > /tmp/started"])), runner: runner)
        #expect(runner.calls.count == 1)
        #expect(runner.calls[0].containerID == "c1")
        #expect(runner.calls[0].command == ["sh", "-c", "echo hi > /tmp/started"])
        #expect(runner.calls[0].timeout == .zero)
    }

    @Test func execNonZeroExitFailsWithUpstreamsMessage() async throws {
        let runner = FakeCommandRunner { _, _ in ExecResult(exitCode: 3, stdout: Data("out\n".utf8), stderr: Data("boom".utf8)) }
        do {
            try await run(LifecycleHandler(exec: ExecAction(command: ["sh", "-c", "exit 3"])), runner: runner)
            Issue.record("a failing exec hook must throw")
        } catch let error as HookError {
            #expect(error.action == .exec)
            #expect(error.message == #"Exec lifecycle hook ([sh -c exit 3]) for Container "web" in Pod "web_default(uid-1)" failed - error: command 'sh -c exit 3' exited with 3: boom, message: "out\nboom""#)
            #expect(error.postStartDescription.hasPrefix("PostStartHookError: Exec lifecycle hook"))
        }
    }

    @Test func httpGetGoesToThePodIPWithTheLifecycleUserAgent() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        let container = ProbeFixtures.container(ports: [ContainerPort(name: "admin", containerPort: Int32(server.port))])
        try await run(LifecycleHandler(httpGet: HTTPGetAction(path: "/shutdown", port: "admin")), container: container, podIP: "127.0.0.1")
        let request = try #require(server.requests.first)
        #expect(request.target == "/shutdown")
        #expect(request.header("User-Agent") == "kube-lifecycle/1.32")
    }

    @Test func httpGetStatusCodesDoNotFailTheHookAsUpstream() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 500) }
        defer { server.stop() }
        try await run(LifecycleHandler(httpGet: HTTPGetAction(path: "/", port: .int(Int32(server.port)))))
        #expect(server.requests.count == 1)
    }

    @Test func anHTTPSHookAnsweredByAPlainHTTPServerFallsBackToHTTP() async throws {
        let server = try LoopbackHTTPServer()
        defer { server.stop() }
        try await run(LifecycleHandler(httpGet: HTTPGetAction(
            path: "/stop", port: .int(Int32(server.port)), scheme: "HTTPS",
            httpHeaders: [HTTPHeader(name: "Authorization", value: "Bearer secret")])))
        let plain = try #require(server.requests.first { $0.target == "/stop" })
        #expect(plain.header("Authorization") == nil)
    }

    @Test func httpGetConnectionErrorsFailTheHook() async throws {
        let port = try LoopbackHTTPServer.closedPort()
        await #expect(throws: HookError(action: .httpGet, message:
            #"HTTP lifecycle hook (/stop) for Container "web" in Pod "web_default(uid-1)" failed - error: Get "http://127.0.0.1:\#(port)/stop": dial tcp 127.0.0.1:\#(port): connect: connection refused"#)) {
            try await run(LifecycleHandler(httpGet: HTTPGetAction(path: "/stop", port: .int(Int32(port)))))
        }
    }

    @Test func httpGetWithoutAPodIPOrHostFails() async throws {
        await #expect(throws: HookError.self) {
            try await run(LifecycleHandler(httpGet: HTTPGetAction(path: "/", port: 80)), podIP: nil)
        }
        await #expect(throws: HookError.self) {
            try await run(LifecycleHandler(httpGet: HTTPGetAction(path: "/", port: "nope")))
        }
    }

    @Test func sleepWaitsAndACancelledSleepFails() async throws {
        try await run(LifecycleHandler(sleep: SleepAction(seconds: 0)))

        let task = Task { try await run(LifecycleHandler(sleep: SleepAction(seconds: 3600))) }
        task.cancel()
        await #expect(throws: HookError(action: .sleep, message:
            #"Sleep lifecycle hook (3600) for Container "web" in Pod "web_default(uid-1)" failed - error: container terminated before sleep hook finished"#)) {
            try await task.value
        }
    }

    @Test func aHandlerWithNoActionIsInvalid() async {
        await #expect(throws: HookError.self) { try await run(LifecycleHandler()) }
        await #expect(throws: HookError.self) { try await run(LifecycleHandler(tcpSocket: TCPSocketAction(port: 80))) }
    }
}
