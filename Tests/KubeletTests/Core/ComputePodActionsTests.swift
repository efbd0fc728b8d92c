import KubeAPI
import Testing
@testable import Kubelet

@Suite("computePodActions: the pure diff between a pod's spec and its runtime state")
struct ComputePodActionsTests {
    @Test func newPodCreatesSandboxAndStartsEveryContainer() {
        let pod = Fixtures.pod(containers: ["a", "b"])
        let actions = computePodActions(pod: pod, status: Fixtures.status(pod, sandboxes: [], containers: []))
        #expect(actions == PodActions(killPod: true, createSandbox: true, sandboxID: "", attempt: 0, containersToStart: ["a", "b"]))
    }

    @Test func newPodWithInitContainersStartsTheFirstOnly() {
        let pod = Fixtures.pod(containers: ["app"], initContainers: ["init1", "init2"])
        let actions = computePodActions(pod: pod, status: Fixtures.status(pod, sandboxes: [], containers: []))
        #expect(actions.createSandbox)
        #expect(actions.nextInitContainerToStart == "init1")
        #expect(actions.containersToStart.isEmpty)
    }

    @Test func runningPodNeedsNothing() {
        let pod = Fixtures.pod()
        let status = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()], containers: [Fixtures.container("app", .running)])
        #expect(computePodActions(pod: pod, status: status) == PodActions(sandboxID: "sb1"))
    }

    @Test(arguments: [
        ("Always", Int32(0), true), ("Always", Int32(1), true),
        ("OnFailure", Int32(0), false), ("OnFailure", Int32(2), true),
        ("Never", Int32(0), false), ("Never", Int32(1), false),
    ])
    func exitedContainerRestartsAsThePolicySays(policy: String, exitCode: Int32, restarts: Bool) {
        let pod = Fixtures.pod(containers: ["app"], restartPolicy: policy)
        let status = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()],
                                     containers: [Fixtures.container("app", .exited, exitCode: exitCode, finishedAt: 20)])
        let actions = computePodActions(pod: pod, status: status)
        #expect(actions.containersToStart == (restarts ? ["app"] : []))
        // Nothing left running and nothing to start: the pod is done, its sandbox is stopped.
        #expect(actions.killPod == !restarts)
        #expect(!actions.createSandbox)
    }

    @Test func oneFinishedContainerOfTwoKeepsThePodUnderNever() {
        let pod = Fixtures.pod(containers: ["done", "server"], restartPolicy: "Never")
        let status = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()], containers: [
            Fixtures.container("done", .exited, finishedAt: 20), Fixtures.container("server", .running),
        ])
        #expect(computePodActions(pod: pod, status: status) == PodActions(sandboxID: "sb1"))
    }

    @Test func deadSandboxIsRecreatedWithTheNextAttempt() {
        let pod = Fixtures.pod(containers: ["app"])
        let status = Fixtures.status(pod, sandboxes: [Fixtures.sandbox(ready: false, attempt: 2)],
                                     containers: [Fixtures.container("app", .exited, exitCode: 137, finishedAt: 20)])
        let actions = computePodActions(pod: pod, status: status)
        #expect(actions.killPod && actions.createSandbox)
        #expect(actions.attempt == 3)
        #expect(actions.containersToStart == ["app"])
    }

    @Test func deadSandboxOfAFinishedNeverPodIsNotRecreated() {
        let pod = Fixtures.pod(containers: ["app"], restartPolicy: "Never")
        let status = Fixtures.status(pod, sandboxes: [Fixtures.sandbox(ready: false)],
                                     containers: [Fixtures.container("app", .exited, finishedAt: 20)])
        let actions = computePodActions(pod: pod, status: status)
        #expect(!actions.createSandbox)
        #expect(actions.killPod)
        #expect(actions.containersToStart.isEmpty)
    }

    @Test func onFailureSandboxRecreationSkipsSucceededContainers() {
        let pod = Fixtures.pod(containers: ["ok", "bad"], restartPolicy: "OnFailure")
        let status = Fixtures.status(pod, sandboxes: [Fixtures.sandbox(ready: false)], containers: [
            Fixtures.container("ok", .exited, exitCode: 0, finishedAt: 20), Fixtures.container("bad", .exited, exitCode: 1, finishedAt: 20),
        ])
        #expect(computePodActions(pod: pod, status: status).containersToStart == ["bad"])
    }

    @Test func podNetworkSandboxWithoutAnIPIsReplaced() {
        let pod = Fixtures.pod()
        let status = Fixtures.status(pod, sandboxes: [Fixtures.sandbox(ip: "")], containers: [Fixtures.container("app", .running)])
        #expect(computePodActions(pod: pod, status: status).createSandbox)
        let hostPod = Fixtures.pod(hostNetwork: true)
        var hostSandbox = Fixtures.sandbox(ip: "")
        hostSandbox.hostNetwork = true
        let hostStatus = Fixtures.status(hostPod, sandboxes: [hostSandbox], containers: [Fixtures.container("app", .running)])
        #expect(!computePodActions(pod: hostPod, status: hostStatus).createSandbox)
    }

    @Test func initContainersRunOneAtATimeThenTheApp() {
        let pod = Fixtures.pod(containers: ["app"], initContainers: ["i1", "i2"])
        let sandbox = [Fixtures.sandbox()]
        let runningFirst = Fixtures.status(pod, sandboxes: sandbox, containers: [Fixtures.container("i1", .running)])
        #expect(computePodActions(pod: pod, status: runningFirst) == PodActions(sandboxID: "sb1"))

        let firstDone = Fixtures.status(pod, sandboxes: sandbox, containers: [Fixtures.container("i1", .exited, finishedAt: 20)])
        #expect(computePodActions(pod: pod, status: firstDone).nextInitContainerToStart == "i2")

        let bothDone = Fixtures.status(pod, sandboxes: sandbox, containers: [
            Fixtures.container("i1", .exited, createdAt: 10, finishedAt: 20), Fixtures.container("i2", .exited, createdAt: 30, finishedAt: 40),
        ])
        let actions = computePodActions(pod: pod, status: bothDone)
        #expect(actions.nextInitContainerToStart == nil)
        #expect(actions.containersToStart == ["app"])
    }

    @Test(arguments: [("Always", false), ("OnFailure", false), ("Never", true)])
    func failedInitContainerIsRetriedOrFailsThePod(policy: String, killsPod: Bool) {
        let pod = Fixtures.pod(containers: ["app"], initContainers: ["i1"], restartPolicy: policy)
        let status = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()],
                                     containers: [Fixtures.container("i1", .exited, exitCode: 3, finishedAt: 20)])
        let actions = computePodActions(pod: pod, status: status)
        #expect(actions.killPod == killsPod)
        #expect(actions.nextInitContainerToStart == (killsPod ? nil : "i1"))
        #expect(actions.containersToStart.isEmpty)
    }

    @Test func livenessFailureKillsAndRestarts() {
        let pod = Fixtures.pod(containers: ["app"])
        let status = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()], containers: [Fixtures.container("app", .running, id: "c1")])
        let actions = computePodActions(pod: pod, status: status, health: ContainerHealth(livenessFailures: ["app": "HTTP 500"]))
        #expect(actions.containersToKill == [ContainerToKill(id: "c1", name: "app", reason: .livenessProbe,
                                                             message: "Container app failed liveness probe, will be restarted")])
        #expect(actions.containersToStart == ["app"])
        #expect(!actions.killPod)
    }

    @Test func livenessFailureUnderNeverKillsWithoutRestart() {
        let pod = Fixtures.pod(containers: ["app"], restartPolicy: "Never")
        let status = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()], containers: [Fixtures.container("app", .running, id: "c1")])
        let actions = computePodActions(pod: pod, status: status, health: ContainerHealth(livenessFailures: ["app": "x"]))
        #expect(actions.containersToKill.map(\.message) == ["Container app failed liveness probe"])
        #expect(actions.containersToStart.isEmpty)
        #expect(actions.killPod)
    }

    @Test func changedSpecRestartsEvenUnderNever() {
        var pod = Fixtures.pod(containers: ["app"], restartPolicy: "Never")
        let status = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()], containers: [Fixtures.container("app", .running, id: "c1")])
        pod.spec.containers[0].image = "busybox:2"
        let actions = computePodActions(pod: pod, status: status)
        #expect(actions.containersToKill.map(\.reason) == [.specChanged])
        #expect(actions.containersToStart == ["app"])
    }

    @Test func deletedPodStartsNothing() {
        var pod = Fixtures.pod(containers: ["app"])
        pod.metadata.deletionTimestamp = Time(secondsSince1970: 100)
        let status = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()],
                                     containers: [Fixtures.container("app", .exited, exitCode: 1, finishedAt: 20)])
        let actions = computePodActions(pod: pod, status: status)
        #expect(actions.containersToStart.isEmpty)
        #expect(actions.killPod)
    }

    @Test func theNewestInstanceDecides() {
        let pod = Fixtures.pod(containers: ["app"], restartPolicy: "OnFailure")
        let status = Fixtures.status(pod, sandboxes: [Fixtures.sandbox()], containers: [
            Fixtures.container("app", .exited, exitCode: 1, restartCount: 0, createdAt: 10, finishedAt: 15),
            Fixtures.container("app", .exited, exitCode: 0, restartCount: 1, createdAt: 20, finishedAt: 25),
        ])
        #expect(computePodActions(pod: pod, status: status).containersToStart.isEmpty)
    }
}
