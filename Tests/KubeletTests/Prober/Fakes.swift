import Foundation
import KubeAPI
import Synchronization
@testable import Kubelet

/// A ContainerCommandRunner whose answer the test decides per call, recording every call.
final class FakeCommandRunner: ContainerCommandRunner {
    struct Call: Sendable {
        var containerID: String
        var command: [String]
        var timeout: Duration
    }

    typealias Behavior = @Sendable (Call, _ callNumber: Int) async throws -> ExecResult

    private let behavior: Mutex<Behavior>
    private let recorded = Mutex<[Call]>([])

    init(_ behavior: @escaping Behavior = { _, _ in ExecResult(exitCode: 0) }) {
        self.behavior = Mutex(behavior)
    }

    func setBehavior(_ behavior: @escaping Behavior) {
        self.behavior.withLock { $0 = behavior }
    }

    var calls: [Call] { recorded.withLock { $0 } }

    func calls(for command: String) -> [Call] {
        calls.filter { $0.command.first == command }
    }

    func runInContainer(id containerID: String, command: [String], timeout: Duration) async throws -> ExecResult {
        let call = Call(containerID: containerID, command: command, timeout: timeout)
        let number = recorded.withLock { calls in
            calls.append(call)
            return calls.filter { $0.command.first == command.first }.count
        }
        return try await behavior.withLock { $0 }(call, number)
    }
}

/// Records events as the kubelet would post them.
final class RecordingEvents: KubeletEventRecorder {
    struct Event: Sendable, Equatable {
        var type: String
        var reason: String
        var message: String
        var fieldPath: String?
    }

    private let recorded = Mutex<[Event]>([])

    var events: [Event] { recorded.withLock { $0 } }

    func event(_ pod: Pod, type: String, reason: String, message: String, fieldPath: String?) {
        recorded.withLock { $0.append(Event(type: type, reason: reason, message: message, fieldPath: fieldPath)) }
    }
}

/// Callback recorder for the manager's onResultChange / onLivenessFailure.
final class CallbackLog: Sendable {
    private let changes = Mutex<[String]>([])
    private let failures = Mutex<[(pod: String, container: String, message: String)]>([])

    var resultChanges: [String] { changes.withLock { $0 } }
    var livenessFailures: [(pod: String, container: String, message: String)] { failures.withLock { $0 } }

    func resultChanged(_ podUID: String) { changes.withLock { $0.append(podUID) } }
    func livenessFailed(_ podUID: String, _ container: String, _ message: String) {
        failures.withLock { $0.append((podUID, container, message)) }
    }
}

enum ProbeFixtures {
    static func pod(uid: String = "uid-1", containers: [Container], phase: String = "Running",
                    restartPolicy: String? = nil, deleting: Bool = false) -> Pod {
        var pod = Pod(metadata: ObjectMeta(name: "web", namespace: "default", uid: uid),
                      spec: PodSpec(containers: containers, restartPolicy: restartPolicy))
        pod.status.phase = phase
        if deleting { pod.metadata.deletionTimestamp = Time(Date()) }
        return pod
    }

    static func container(_ name: String = "web", liveness: Probe? = nil, readiness: Probe? = nil,
                          startup: Probe? = nil, ports: [ContainerPort]? = nil, env: [EnvVar]? = nil) -> Container {
        var container = Container(name: name)
        container.livenessProbe = liveness
        container.readinessProbe = readiness
        container.startupProbe = startup
        container.ports = ports
        container.env = env
        return container
    }

    static func running(_ name: String = "web", id: String, startedSecondsAgo: Double = 0) -> ContainerStatus {
        ContainerStatus(
            name: name,
            state: ContainerState(running: ContainerStateRunning(startedAt: Time(Date().addingTimeInterval(-startedSecondsAgo)))),
            containerID: id)
    }

    static func exec(_ command: String, period: Int32 = 1, initialDelay: Int32? = nil, success: Int32? = nil,
                     failure: Int32? = nil, timeout: Int32? = nil) -> Probe {
        Probe(exec: ExecAction(command: [command]), initialDelaySeconds: initialDelay, timeoutSeconds: timeout,
              periodSeconds: period, successThreshold: success, failureThreshold: failure)
    }
}

/// Polls until the condition holds, up to a generous bound (the machine is shared and slow).
func eventually(_ seconds: Double = 40, _ condition: @Sendable () async -> Bool) async -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while Date() < deadline {
        if await condition() { return true }
        try? await Task.sleep(for: .milliseconds(10))
    }
    return await condition()
}

func manager(runner: FakeCommandRunner, events: RecordingEvents = RecordingEvents(), log: CallbackLog = CallbackLog(),
             periodUnit: Duration = .milliseconds(20)) -> ProbeManager {
    ProbeManager(
        runner: runner, events: events, logger: .init(label: "probe-test"), periodUnit: periodUnit,
        onResultChange: { log.resultChanged($0) },
        onLivenessFailure: { log.livenessFailed($0, $1, $2) })
}
