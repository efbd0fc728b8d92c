import Foundation
import KubeAPI
import Synchronization
import Testing
@testable import Kubelet

@Suite("ProbeManager: workers, thresholds, gating, callbacks")
struct ProbeManagerTests {
    @Test func readinessStartsFalseAndFlipsWithACallback() async {
        let runner = FakeCommandRunner()
        let log = CallbackLog()
        let probes = manager(runner: runner, log: log)
        let pod = ProbeFixtures.pod(containers: [ProbeFixtures.container(readiness: ProbeFixtures.exec("ready"))])
        #expect(probes.isReady(podUID: "uid-1", containerName: "web") == nil)  // not known yet

        let gate = Gate()
        runner.setBehavior { _, _ in
            await gate.wait()
            return ExecResult(exitCode: 0)
        }
        probes.update(pod: pod, statuses: [ProbeFixtures.running(id: "c1")], podIP: "10.0.0.1")
        // Before any probe has answered, the worker exists and the container is not ready.
        #expect(await eventually { !runner.calls.isEmpty })
        #expect(probes.isReady(podUID: "uid-1", containerName: "web") == false)
        #expect(probes.result(podUID: "uid-1", containerName: "web", kind: .readiness) == .failure(""))
        gate.open()
        #expect(await eventually { probes.isReady(podUID: "uid-1", containerName: "web") == true })
        #expect(log.resultChanges.contains("uid-1"))
        #expect(runner.calls.allSatisfy { $0.containerID == "c1" && $0.command == ["ready"] })
        #expect(probes.isStarted(podUID: "uid-1", containerName: "web") == nil)  // no startup probe
        probes.removePod(uid: "uid-1")
    }

    @Test func readinessNeedsSuccessThresholdSuccessesInARow() async {
        let readyAtCall = ReadyRecorder()
        let runner = FakeCommandRunner()
        let probes = manager(runner: runner)
        // Each probe call records whether the container was already ready when it ran.
        runner.setBehavior { _, number in
            readyAtCall.record(number, probes.isReady(podUID: "uid-1", containerName: "web"))
            return ExecResult(exitCode: 0)
        }
        let pod = ProbeFixtures.pod(containers: [ProbeFixtures.container(readiness: ProbeFixtures.exec("ready", success: 3))])
        probes.update(pod: pod, statuses: [ProbeFixtures.running(id: "c1")], podIP: "10.0.0.1")
        #expect(await eventually { probes.isReady(podUID: "uid-1", containerName: "web") == true })
        let seen = readyAtCall.values
        #expect(seen.count >= 3)
        // Calls 1–3 ran while not ready: the third success is what flips it.
        #expect(seen.prefix(3).allSatisfy { $0 == false })
        probes.removePod(uid: "uid-1")
    }

    @Test func readinessFlipsBackToFalseAfterFailureThresholdWithEvents() async {
        let runner = FakeCommandRunner()
        let events = RecordingEvents()
        let log = CallbackLog()
        let probes = manager(runner: runner, events: events, log: log)
        let pod = ProbeFixtures.pod(containers: [ProbeFixtures.container(readiness: ProbeFixtures.exec("ready", failure: 2))])
        probes.update(pod: pod, statuses: [ProbeFixtures.running(id: "c1")], podIP: "10.0.0.1")
        #expect(await eventually { probes.isReady(podUID: "uid-1", containerName: "web") == true })
        let changesWhenReady = log.resultChanges.count

        runner.setBehavior { _, _ in ExecResult(exitCode: 1, stdout: Data("not yet".utf8)) }
        #expect(await eventually { probes.isReady(podUID: "uid-1", containerName: "web") == false })
        #expect(log.resultChanges.count > changesWhenReady)
        let unhealthy = events.events.filter { $0.reason == "Unhealthy" }
        #expect(unhealthy.count >= 2)  // one per failed probe, the threshold is on the result
        #expect(unhealthy.first == .init(type: "Warning", reason: "Unhealthy",
                                         message: "Readiness probe failed: not yet", fieldPath: "spec.containers{web}"))
        // A readiness failure never asks for a restart.
        #expect(log.livenessFailures.isEmpty)
        probes.removePod(uid: "uid-1")
    }

    @Test func livenessFailureThresholdCallsBackOnceAndHolds() async {
        let runner = FakeCommandRunner { _, _ in ExecResult(exitCode: 1, stderr: Data("dead".utf8)) }
        let events = RecordingEvents()
        let log = CallbackLog()
        let probes = manager(runner: runner, events: events, log: log)
        let pod = ProbeFixtures.pod(containers: [ProbeFixtures.container(liveness: ProbeFixtures.exec("alive", failure: 3))])
        probes.update(pod: pod, statuses: [ProbeFixtures.running(id: "c1")], podIP: "10.0.0.1")
        // Liveness starts as success.
        #expect(await eventually { probes.result(podUID: "uid-1", containerName: "web", kind: .liveness) != nil })

        #expect(await eventually { !log.livenessFailures.isEmpty })
        let failure = log.livenessFailures[0]
        #expect(failure.pod == "uid-1" && failure.container == "web")
        #expect(failure.message == "Container web failed liveness probe")
        #expect(runner.calls.count == 3)  // exactly the threshold, then on hold
        #expect(probes.result(podUID: "uid-1", containerName: "web", kind: .liveness) == .failure("dead"))
        #expect(events.events.filter { $0.message == "Liveness probe failed: dead" }.count == 3)

        // The kubelet restarts the container: a new ID resets the result and probing resumes.
        runner.setBehavior { _, _ in ExecResult(exitCode: 0) }
        probes.update(pod: pod, statuses: [ProbeFixtures.running(id: "c2")], podIP: "10.0.0.1")
        #expect(await eventually { runner.calls.contains { $0.containerID == "c2" } })
        #expect(probes.result(podUID: "uid-1", containerName: "web", kind: .liveness) == .success)
        #expect(log.livenessFailures.count == 1)
        probes.removePod(uid: "uid-1")
    }

    @Test func initialDelayHoldsProbingBack() async {
        let runner = FakeCommandRunner()
        let probes = manager(runner: runner)
        let pod = ProbeFixtures.pod(containers: [
            ProbeFixtures.container("slow", readiness: ProbeFixtures.exec("slow", initialDelay: 3600)),
            ProbeFixtures.container("fast", readiness: ProbeFixtures.exec("fast")),
            ProbeFixtures.container("old", readiness: ProbeFixtures.exec("old", initialDelay: 60)),
        ])
        probes.update(pod: pod, statuses: [
            ProbeFixtures.running("slow", id: "s1"),
            ProbeFixtures.running("fast", id: "f1"),
            ProbeFixtures.running("old", id: "o1", startedSecondsAgo: 120),
        ], podIP: "10.0.0.1")
        // "fast" is the clock: many of its periods pass while "slow" is still inside its delay,
        // and "old", started two minutes ago, is past its one-minute delay.
        #expect(await eventually { runner.calls(for: "fast").count >= 5 && runner.calls(for: "old").count >= 1 })
        #expect(runner.calls(for: "slow").isEmpty)
        #expect(probes.isReady(podUID: "uid-1", containerName: "slow") == false)
        probes.removePod(uid: "uid-1")
    }

    @Test func startupProbeGatesLivenessAndReadiness() async {
        let runner = FakeCommandRunner { call, number in
            // Startup fails twice, then succeeds.
            if call.command == ["startup"] { return ExecResult(exitCode: number <= 2 ? 1 : 0) }
            return ExecResult(exitCode: 0)
        }
        let log = CallbackLog()
        let probes = manager(runner: runner, log: log)
        let pod = ProbeFixtures.pod(containers: [ProbeFixtures.container(
            liveness: ProbeFixtures.exec("liveness"), readiness: ProbeFixtures.exec("readiness"),
            startup: ProbeFixtures.exec("startup", failure: 5))])
        probes.update(pod: pod, statuses: [ProbeFixtures.running(id: "c1")], podIP: "10.0.0.1")
        #expect(probes.isStarted(podUID: "uid-1", containerName: "web") == false)

        #expect(await eventually { probes.isReady(podUID: "uid-1", containerName: "web") == true })
        #expect(probes.isStarted(podUID: "uid-1", containerName: "web") == true)
        #expect(await eventually { runner.calls(for: "liveness").count >= 5 })
        let calls = runner.calls.map { $0.command[0] }
        let lastStartup = calls.lastIndex(of: "startup")!
        let firstOther = calls.firstIndex { $0 != "startup" }!
        #expect(lastStartup < firstOther)  // nothing else ran before startup succeeded, and startup stopped after
        #expect(runner.calls(for: "startup").count == 3)
        #expect(log.livenessFailures.isEmpty)
        probes.removePod(uid: "uid-1")
    }

    @Test func startupFailureAsksForARestart() async {
        let runner = FakeCommandRunner { _, _ in ExecResult(exitCode: 1) }
        let log = CallbackLog()
        let probes = manager(runner: runner, log: log)
        let pod = ProbeFixtures.pod(containers: [ProbeFixtures.container(
            liveness: ProbeFixtures.exec("liveness"), startup: ProbeFixtures.exec("startup", failure: 2))])
        probes.update(pod: pod, statuses: [ProbeFixtures.running(id: "c1")], podIP: "10.0.0.1")
        #expect(await eventually { !log.livenessFailures.isEmpty })
        #expect(log.livenessFailures[0].message == "Container web failed startup probe")
        #expect(runner.calls(for: "liveness").isEmpty)
        #expect(probes.isStarted(podUID: "uid-1", containerName: "web") == false)
        probes.removePod(uid: "uid-1")
    }

    @Test func aNewContainerIDResetsReadiness() async {
        let runner = FakeCommandRunner()
        let probes = manager(runner: runner, periodUnit: .seconds(3600))  // only triggers probe
        let pod = ProbeFixtures.pod(containers: [ProbeFixtures.container(readiness: ProbeFixtures.exec("ready"))])
        probes.update(pod: pod, statuses: [ProbeFixtures.running(id: "c1")], podIP: "10.0.0.1")
        #expect(await eventually { probes.isReady(podUID: "uid-1", containerName: "web") == true })

        // The next probe of the new container hangs until released, so the reset is observable.
        let gate = Gate()
        runner.setBehavior { _, _ in
            await gate.wait()
            return ExecResult(exitCode: 0)
        }
        probes.update(pod: pod, statuses: [ProbeFixtures.running(id: "c2")], podIP: "10.0.0.1")
        #expect(probes.isReady(podUID: "uid-1", containerName: "web") == false)
        #expect(await eventually { runner.calls.contains { $0.containerID == "c2" } })
        #expect(probes.isReady(podUID: "uid-1", containerName: "web") == false)
        gate.open()
        #expect(await eventually { probes.isReady(podUID: "uid-1", containerName: "web") == true })
        probes.removePod(uid: "uid-1")
    }

    @Test func aStoppedContainerIsNotReadyAndNeverProbed() async {
        let runner = FakeCommandRunner()
        let probes = manager(runner: runner)
        let pod = ProbeFixtures.pod(containers: [
            ProbeFixtures.container("web", readiness: ProbeFixtures.exec("web")),
            ProbeFixtures.container("clock", readiness: ProbeFixtures.exec("clock")),
        ])
        let exited = ContainerStatus(name: "web", state: ContainerState(terminated: ContainerStateTerminated(exitCode: 1)),
                                     containerID: "c1")
        probes.update(pod: pod, statuses: [exited, ProbeFixtures.running("clock", id: "k1")], podIP: "10.0.0.1")
        #expect(await eventually { runner.calls(for: "clock").count >= 5 })
        #expect(runner.calls(for: "web").isEmpty)
        #expect(probes.isReady(podUID: "uid-1", containerName: "web") == false)
        #expect(probes.result(podUID: "uid-1", containerName: "web", kind: .readiness) == .failure("container web is not running"))
        probes.removePod(uid: "uid-1")
    }

    @Test func aContainerThatWillNotRestartEndsItsWorkerWithoutALoop() async {
        let runner = FakeCommandRunner()
        let log = CallbackLog()
        let probes = manager(runner: runner, log: log)
        let finished = ProbeFixtures.pod(uid: "uid-2", containers: [ProbeFixtures.container(readiness: ProbeFixtures.exec("web"))],
                                    restartPolicy: "Never")
        let exited = ContainerStatus(name: "web", state: ContainerState(terminated: ContainerStateTerminated(exitCode: 0)),
                                     containerID: "c1")
        probes.update(pod: finished, statuses: [exited], podIP: "10.0.0.2")
        #expect(await eventually { log.resultChanges.contains("uid-2") })
        // The worker ends (its result is dropped) but stays registered…
        #expect(await eventually { probes.result(podUID: "uid-2", containerName: "web", kind: .readiness) == nil })
        #expect(probes.workerCount == 1)

        // …so the kubelet's resyncs (which that callback causes) start no new worker and no new callback.
        let clock = ProbeFixtures.pod(uid: "uid-3", containers: [ProbeFixtures.container("clock", readiness: ProbeFixtures.exec("clock"))])
        probes.update(pod: clock, statuses: [ProbeFixtures.running("clock", id: "k1")], podIP: "10.0.0.3")
        for round in 1...3 {
            probes.update(pod: finished, statuses: [exited], podIP: "10.0.0.2")
            #expect(await eventually { runner.calls(for: "clock").count >= 3 * round })
        }
        #expect(log.resultChanges.filter { $0 == "uid-2" }.count == 1)
        #expect(probes.workerCount == 2)
        #expect(probes.isReady(podUID: "uid-2", containerName: "web") == false)
        #expect(runner.calls(for: "web").isEmpty)
        probes.removePod(uid: "uid-2")
        probes.removePod(uid: "uid-3")
    }

    @Test func workersFollowThePodAndStopWithIt() async {
        let runner = FakeCommandRunner()
        let probes = manager(runner: runner)
        let pod = ProbeFixtures.pod(containers: [ProbeFixtures.container(
            liveness: ProbeFixtures.exec("l"), readiness: ProbeFixtures.exec("r"), startup: ProbeFixtures.exec("s"))])
        probes.update(pod: pod, statuses: [ProbeFixtures.running(id: "c1")], podIP: "10.0.0.1")
        #expect(probes.workerCount == 3)

        // Being deleted: liveness and startup stop (a quiet shutdown), readiness keeps running.
        probes.update(pod: ProbeFixtures.pod(containers: pod.spec.containers, deleting: true),
                      statuses: [ProbeFixtures.running(id: "c1")], podIP: "10.0.0.1")
        #expect(probes.workerCount == 1)
        #expect(probes.isStarted(podUID: "uid-1", containerName: "web") == nil)

        // A finished pod needs no probes at all.
        probes.update(pod: ProbeFixtures.pod(containers: pod.spec.containers, phase: "Succeeded"),
                      statuses: [ProbeFixtures.running(id: "c1")], podIP: "10.0.0.1")
        #expect(probes.workerCount == 0)

        probes.update(pod: pod, statuses: [ProbeFixtures.running(id: "c1")], podIP: "10.0.0.1")
        #expect(probes.workerCount == 3)
        probes.removePod(uid: "uid-1")
        #expect(probes.workerCount == 0)
        #expect(probes.isReady(podUID: "uid-1", containerName: "web") == nil)
    }
}

/// Whether the container was ready at each probe call, by call number.
final class ReadyRecorder: Sendable {
    private let seen = Mutex<[Int: Bool?]>([:])
    func record(_ number: Int, _ ready: Bool?) { seen.withLock { $0[number] = ready } }
    var values: [Bool?] { seen.withLock { dict in dict.keys.sorted().map { dict[$0]! } } }
}

/// Holds callers until opened.
final class Gate: Sendable {
    private let state = Mutex<(open: Bool, waiters: [CheckedContinuation<Void, Never>])>((false, []))

    func wait() async {
        await withCheckedContinuation { continuation in
            let resumeNow = state.withLock { state -> Bool in
                if state.open { return true }
                state.waiters.append(continuation)
                return false
            }
            if resumeNow { continuation.resume() }
        }
    }

    func open() {
        let waiters = state.withLock { state in
            state.open = true
            defer { state.waiters = [] }
            return state.waiters
        }
        waiters.forEach { $0.resume() }
    }
}
