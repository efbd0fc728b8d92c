import Foundation
import KubeAPI
import Testing
@testable import Kubelet

@Suite("ProbeManager over real loopback servers: events and named ports")
struct ProbeEventTests {
    @Test func readinessOverHTTPRecordsUnhealthyAndFlipsWhenTheServerRecovers() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 500) }
        defer { server.stop() }
        let events = RecordingEvents()
        let log = CallbackLog()
        let probes = manager(runner: FakeCommandRunner(), events: events, log: log)
        let probe = Probe(httpGet: HTTPGetAction(path: "/ready", port: "http"), periodSeconds: 1, failureThreshold: 1)
        let container = ProbeFixtures.container(readiness: probe, ports: [ContainerPort(name: "http", containerPort: Int32(server.port))])
        let pod = ProbeFixtures.pod(containers: [container])
        probes.update(pod: pod, statuses: [ProbeFixtures.running(id: "c1")], podIP: "127.0.0.1")

        #expect(await eventually { events.events.count >= 2 })
        #expect(events.events[0] == .init(type: "Warning", reason: "Unhealthy",
                                          message: "Readiness probe failed: HTTP probe failed with statuscode: 500",
                                          fieldPath: "spec.containers{web}"))
        #expect(probes.isReady(podUID: "uid-1", containerName: "web") == false)
        #expect(server.requests.allSatisfy { $0.target == "/ready" })

        server.setHandler { _ in .init(status: 200, body: "ready") }
        #expect(await eventually { probes.isReady(podUID: "uid-1", containerName: "web") == true })
        #expect(log.resultChanges.contains("uid-1"))
        probes.removePod(uid: "uid-1")
    }

    @Test func livenessOverTCPFailsWhenThePortCloses() async throws {
        let server = try LoopbackHTTPServer()
        let events = RecordingEvents()
        let log = CallbackLog()
        let probes = manager(runner: FakeCommandRunner(), events: events, log: log)
        let probe = Probe(tcpSocket: TCPSocketAction(port: .int(Int32(server.port))), periodSeconds: 1, failureThreshold: 2)
        let pod = ProbeFixtures.pod(containers: [ProbeFixtures.container(liveness: probe)])
        probes.update(pod: pod, statuses: [ProbeFixtures.running(id: "c1")], podIP: "127.0.0.1")
        #expect(await eventually { server.acceptedConnections >= 3 })
        #expect(events.events.isEmpty)
        #expect(probes.result(podUID: "uid-1", containerName: "web", kind: .liveness) == .success)

        server.stop()
        #expect(await eventually { !log.livenessFailures.isEmpty })
        #expect(log.livenessFailures[0].message == "Container web failed liveness probe")
        let failed = events.events.filter { $0.reason == "Unhealthy" }
        #expect(failed.count == 2)
        // The first failure may race the close (a reset); once closed, the port refuses.
        #expect(failed.last?.message == "Liveness probe failed: dial tcp 127.0.0.1:\(server.port): connect: connection refused")
        probes.removePod(uid: "uid-1")
    }

    @Test func aProbeThatCannotRunIsRetriedThenReportedAsErrored() async throws {
        struct RuntimeDown: Error, CustomStringConvertible { var description: String { "runtime is down" } }
        let runner = FakeCommandRunner { _, _ in throw RuntimeDown() }
        let events = RecordingEvents()
        let log = CallbackLog()
        let probes = manager(runner: runner, events: events, log: log)
        let pod = ProbeFixtures.pod(containers: [ProbeFixtures.container(liveness: ProbeFixtures.exec("check", failure: 1))])
        probes.update(pod: pod, statuses: [ProbeFixtures.running(id: "c1")], podIP: "10.0.0.1")
        #expect(await eventually { !events.events.isEmpty })
        #expect(runner.calls.count >= 3)  // three attempts per probe
        #expect(events.events[0].reason == "Unhealthy")
        #expect(events.events[0].message.hasPrefix("Liveness probe errored: exec [\"check\"] in container c1: runtime is down"))
        // An errored probe leaves the result alone: no restart.
        #expect(probes.result(podUID: "uid-1", containerName: "web", kind: .liveness) == .success)
        #expect(log.livenessFailures.isEmpty)
        probes.removePod(uid: "uid-1")
    }

    @Test func aRedirectElsewhereRecordsAProbeWarningAndCountsAsSuccess() async throws {
        let server = try LoopbackHTTPServer { _ in .init(status: 301, headers: [("Location", "http://elsewhere.invalid/")], body: "gone") }
        defer { server.stop() }
        let events = RecordingEvents()
        let probes = manager(runner: FakeCommandRunner(), events: events)
        let probe = Probe(httpGet: HTTPGetAction(path: "/", port: .int(Int32(server.port))), periodSeconds: 1)
        let pod = ProbeFixtures.pod(containers: [ProbeFixtures.container(readiness: probe)])
        probes.update(pod: pod, statuses: [ProbeFixtures.running(id: "c1")], podIP: "127.0.0.1")
        #expect(await eventually { probes.isReady(podUID: "uid-1", containerName: "web") == true })
        #expect(events.events.first == .init(type: "Warning", reason: "ProbeWarning",
                                             message: "Readiness probe warning: Probe terminated redirects, Response body: gone",
                                             fieldPath: "spec.containers{web}"))
        probes.removePod(uid: "uid-1")
    }
}
