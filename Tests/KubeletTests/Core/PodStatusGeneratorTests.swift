import Foundation
import KubeAPI
import Testing
@testable import Kubelet

@Suite("Pod status generation: phase, conditions and container statuses as upstream reports them")
struct PodStatusGeneratorTests {
    static let now = Date(timeIntervalSince1970: 1_700_000_000)
    let generator = PodStatusGenerator(hostIPs: ["192.168.1.10"], now: { PodStatusGeneratorTests.now })

    func condition(_ status: PodStatus, _ type: String) -> PodCondition? {
        status.conditions?.first { $0.type == type }
    }

    @Test func runningPod() {
        var pod = Fixtures.pod()
        pod.spec.containers[0].resources = ResourceRequirements(limits: ["cpu": "1", "memory": "64Mi"], requests: ["cpu": "1", "memory": "64Mi"])
        let runtime = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()],
                                      containers: [Fixtures.container("app", .running, id: "c1", createdAt: 1_700_000_000_000_000_000)])
        let status = generator.generate(pod: pod, runtime: runtime, failures: [:])
        #expect(status.phase == "Running")
        #expect(status.podIP == "10.244.0.5")
        #expect(status.podIPs == [PodIP(ip: "10.244.0.5")])
        #expect(status.hostIP == "192.168.1.10")
        #expect(status.startTime == Time(Self.now))
        #expect(status.qosClass == "Guaranteed")
        let container = try! #require(status.containerStatuses?.first)
        #expect(container.containerID == "kubeswift://c1")
        #expect(container.ready)
        #expect(container.started == true)
        #expect(container.imageID == "sha256:abc")
        #expect(container.image == "busybox")
        #expect(container.state.running?.startedAt == Time(secondsSince1970: 1_700_000_001))
        for type in ["PodReadyToStartContainers", "Initialized", "Ready", "ContainersReady", "PodScheduled"] {
            #expect(condition(status, type)?.status == "True", "\(type)")
        }
    }

    @Test func hostNetworkPodHasTheHostIP() {
        let pod = Fixtures.pod(hostNetwork: true)
        var sandbox = Fixtures.sandbox(ip: "")
        sandbox.hostNetwork = true
        let status = generator.generate(pod: pod, runtime: Fixtures.status(pod, sandboxes: [sandbox], containers: []), failures: [:])
        #expect(status.podIP == "192.168.1.10")
        #expect(condition(status, "PodReadyToStartContainers")?.status == "True")
    }

    @Test func newPodIsPendingContainerCreating() {
        let pod = Fixtures.pod(containers: ["a", "b"])
        let status = generator.generate(pod: pod, runtime: Fixtures.status(pod, sandboxes: [], containers: []), failures: [:])
        #expect(status.phase == "Pending")
        #expect(status.containerStatuses?.map(\.state.waiting?.reason) == ["ContainerCreating", "ContainerCreating"])
        #expect(status.qosClass == "BestEffort")
        #expect(condition(status, "PodReadyToStartContainers")?.status == "False")
        #expect(condition(status, "Ready")?.reason == "ContainersNotReady")
        #expect(condition(status, "Ready")?.message == "containers with unready status: [a b]")
    }

    @Test func crashLoopShowsWaitingWithTheLastTermination() {
        let pod = Fixtures.pod()
        let runtime = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()], containers: [
            Fixtures.container("app", .exited, id: "c2", exitCode: 1, restartCount: 2, createdAt: 30, finishedAt: 40, reason: "Error"),
            Fixtures.container("app", .exited, id: "c1", exitCode: 1, restartCount: 1, createdAt: 10, finishedAt: 20, reason: "Error"),
        ])
        let message = "back-off 20s restarting failed container=app pod=web_default(uid-web)"
        let status = generator.generate(pod: pod, runtime: runtime,
                                        failures: ["app": ContainerStartFailure(reason: "CrashLoopBackOff", message: message)])
        let container = try! #require(status.containerStatuses?.first)
        #expect(container.state.waiting == ContainerStateWaiting(reason: "CrashLoopBackOff", message: message))
        #expect(container.lastState.terminated?.exitCode == 1)
        #expect(container.lastState.terminated?.reason == "Error")
        #expect(container.lastState.terminated?.containerID == "kubeswift://c2")
        #expect(container.restartCount == 2)
        #expect(!container.ready)
        // A container being restarted keeps an Always pod Running.
        #expect(status.phase == "Running")
    }

    @Test func restartedContainerShowsThePreviousRunAsLastState() {
        let pod = Fixtures.pod()
        let runtime = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()], containers: [
            Fixtures.container("app", .running, id: "c2", restartCount: 1, createdAt: 30),
            Fixtures.container("app", .exited, id: "c1", exitCode: 137, restartCount: 0, createdAt: 10, finishedAt: 20, reason: "OOMKilled"),
        ])
        let container = try! #require(generator.generate(pod: pod, runtime: runtime, failures: [:]).containerStatuses?.first)
        #expect(container.state.running != nil)
        #expect(container.lastState.terminated?.reason == "OOMKilled")
        #expect(container.lastState.terminated?.exitCode == 137)
        #expect(container.restartCount == 1)
    }

    @Test(arguments: [(Int32(0), "Succeeded", "Completed"), (Int32(3), "Failed", "Error")])
    func neverPodEndsWithTheExitCode(exitCode: Int32, phase: String, reason: String) {
        let pod = Fixtures.pod(restartPolicy: "Never")
        let runtime = Fixtures.status(pod, sandboxes: [Fixtures.sandbox(ready: false)], containers: [
            Fixtures.container("app", .exited, exitCode: exitCode, finishedAt: 1_700_000_005_000_000_000, reason: reason),
        ])
        let status = generator.generate(pod: pod, runtime: runtime, failures: [:])
        #expect(status.phase == phase)
        let terminated = status.containerStatuses?.first?.state.terminated
        #expect(terminated?.exitCode == exitCode)
        #expect(terminated?.reason == reason)
        #expect(terminated?.finishedAt == Time(secondsSince1970: 1_700_000_005))
        if phase == "Succeeded" { #expect(condition(status, "Ready")?.reason == "PodCompleted") }
    }

    @Test func reasonIsDerivedWhenTheRuntimeGivesNone() {
        let pod = Fixtures.pod(restartPolicy: "Never")
        let runtime = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()], containers: [Fixtures.container("app", .exited, exitCode: 2, finishedAt: 5)])
        #expect(generator.generate(pod: pod, runtime: runtime, failures: [:]).containerStatuses?.first?.state.terminated?.reason == "Error")
    }

    @Test func imagePullFailureIsWaitingAndPending() {
        let pod = Fixtures.pod()
        let status = generator.generate(pod: pod, runtime: Fixtures.status(pod, sandboxes: [Fixtures.sandbox()], containers: []),
                                        failures: ["app": ContainerStartFailure(reason: "ErrImagePull", message: "not found")])
        #expect(status.containerStatuses?.first?.state.waiting?.reason == "ErrImagePull")
        #expect(status.phase == "Pending")
    }

    @Test func initContainersGateTheApp() {
        let pod = Fixtures.pod(containers: ["app"], initContainers: ["i1", "i2"])
        let runtime = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()], containers: [Fixtures.container("i1", .running)])
        let status = generator.generate(pod: pod, runtime: runtime, failures: [:])
        #expect(status.phase == "Pending")
        #expect(status.containerStatuses?.first?.state.waiting?.reason == "PodInitializing")
        #expect(status.initContainerStatuses?.map(\.name) == ["i1", "i2"])
        #expect(condition(status, "Initialized")?.status == "False")
        #expect(condition(status, "Initialized")?.reason == "ContainersNotInitialized")
        #expect(condition(status, "Initialized")?.message == "containers with incomplete status: [i1 i2]")
    }

    @Test func failedInitContainerFailsANeverPod() {
        let pod = Fixtures.pod(containers: ["app"], initContainers: ["i1"], restartPolicy: "Never")
        let runtime = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()], containers: [Fixtures.container("i1", .exited, exitCode: 1, finishedAt: 5)])
        #expect(generator.generate(pod: pod, runtime: runtime, failures: [:]).phase == "Failed")
    }

    @Test func terminalPhaseNeverGoesBack() {
        var pod = Fixtures.pod()
        pod.status.phase = "Failed"
        let runtime = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()], containers: [Fixtures.container("app", .running)])
        #expect(generator.generate(pod: pod, runtime: runtime, failures: [:]).phase == "Failed")
    }

    @Test func deletedPodIsTerminalFromHowItsContainersEnded() {
        let pod = Fixtures.pod()
        let runtime = Fixtures.status(pod, sandboxes: [Fixtures.sandbox(ready: false)],
                                      containers: [Fixtures.container("app", .exited, exitCode: 137, finishedAt: 5)])
        #expect(generator.generate(pod: pod, runtime: runtime, failures: [:]).phase == "Running")
        #expect(generator.generate(pod: pod, runtime: runtime, failures: [:], podIsTerminal: true).phase == "Failed")
    }

    @Test func readinessProbeDrivesReady() {
        let pod = Fixtures.pod()
        let notReady = PodStatusGenerator(hostIPs: ["10.0.0.1"], readiness: { _ in false }, now: { Self.now })
        let runtime = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()], containers: [Fixtures.container("app", .running)])
        let status = notReady.generate(pod: pod, runtime: runtime, failures: [:])
        #expect(status.phase == "Running")
        #expect(condition(status, "ContainersReady")?.status == "False")
        #expect(condition(status, "Ready")?.message == "containers with unready status: [app]")
    }

    @Test func transitionTimesAndPodScheduledAreKept() {
        var pod = Fixtures.pod()
        let earlier = Time(secondsSince1970: 1_600_000_000)
        pod.status.conditions = [
            PodCondition(type: "PodScheduled", status: "True", lastTransitionTime: earlier),
            PodCondition(type: "Ready", status: "True", lastTransitionTime: earlier),
            PodCondition(type: "Initialized", status: "False", lastTransitionTime: earlier),
        ]
        pod.status.startTime = earlier
        let runtime = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()], containers: [Fixtures.container("app", .running)])
        let status = generator.generate(pod: pod, runtime: runtime, failures: [:])
        #expect(condition(status, "PodScheduled")?.lastTransitionTime == earlier)
        #expect(condition(status, "Ready")?.lastTransitionTime == earlier)
        #expect(condition(status, "Initialized")?.lastTransitionTime == Time(Self.now))
        #expect(status.startTime == earlier)
    }

    @Test(arguments: [
        ([String: Quantity](), [String: Quantity](), "BestEffort"),
        (["cpu": Quantity("100m")], [String: Quantity](), "Burstable"),
        (["cpu": Quantity("1"), "memory": Quantity("1Gi")], ["cpu": Quantity("1"), "memory": Quantity("1Gi")], "Guaranteed"),
        (["cpu": Quantity("500m"), "memory": Quantity("1Gi")], ["cpu": Quantity("1"), "memory": Quantity("1Gi")], "Burstable"),
    ])
    func qosClass(requests: [String: Quantity], limits: [String: Quantity], expected: String) {
        var pod = Fixtures.pod()
        pod.spec.containers[0].resources = ResourceRequirements(limits: limits.isEmpty ? nil : limits,
                                                                requests: requests.isEmpty ? nil : requests)
        #expect(QOSClass.compute(pod).rawValue == expected)
    }
}
