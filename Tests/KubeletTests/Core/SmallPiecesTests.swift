import CRI
import Foundation
import KubeAPI
import Testing
@testable import Kubelet

@Suite("Kubelet pieces: $(VAR) expansion, CRI configs, node status")
struct SmallPiecesTests {
    @Test(arguments: [
        ("$(A)-$(B)", "x-y"), ("$$(A)", "$(A)"), ("$(MISSING)", "$(MISSING)"), ("a$b", "a$b"), ("$(A", "$(A"), ("end$", "end$"),
    ])
    func expansion(input: String, expected: String) {
        #expect(ContainerEnvironment.expand(input, with: ["A": "x", "B": "y"]) == expected)
    }

    @Test func literalEnvironmentExpandsEarlierVariablesAndFieldRefs() async throws {
        var pod = Fixtures.pod()
        pod.spec.containers[0].env = [
            EnvVar(name: "GREETING", value: "hello"),
            EnvVar(name: "MESSAGE", value: "$(GREETING) world"),
            EnvVar(name: "POD", valueFrom: EnvVarSource(fieldRef: ObjectFieldSelector(fieldPath: "metadata.name"))),
            EnvVar(name: "IP", valueFrom: EnvVarSource(fieldRef: ObjectFieldSelector(fieldPath: "status.podIP"))),
        ]
        let env = try await LiteralEnvironment().resolve(container: pod.spec.containers[0], pod: pod, podIP: "10.1.2.3", podIPs: ["10.1.2.3"],
                                                         hostIP: "192.168.0.1", nodeName: "node-a")
        #expect(env.map(\.name) == ["GREETING", "MESSAGE", "POD", "IP"])
        #expect(env.map(\.value) == ["hello", "hello world", "web", "10.1.2.3"])
    }

    @Test func sandboxConfigFromThePod() {
        var pod = Fixtures.pod()
        pod.metadata.labels = ["app": "web"]
        pod.spec.containers[0].ports = [ContainerPort(hostPort: 8080, containerPort: 80)]
        let builder = PodSandboxConfigBuilder(nodeHostname: "node-a", clusterDNS: ["10.96.0.10"], clusterDomain: "cluster.local",
                                              podLogsDirectory: "/var/log/pods", hostResolvConf: "/nonexistent")
        let config = builder.config(pod, attempt: 2)
        #expect(config.metadata.uid == "uid-web")
        #expect(config.metadata.attempt == 2)
        #expect(config.hostname == "web")
        #expect(config.logDirectory == "/var/log/pods/default_web_uid-web")
        #expect(config.labels == ["app": "web", KubeletLabels.podName: "web", KubeletLabels.podNamespace: "default",
                                  KubeletLabels.podUID: "uid-web"])
        #expect(config.dnsConfig.servers == ["10.96.0.10"])
        #expect(config.dnsConfig.searches == ["default.svc.cluster.local", "svc.cluster.local", "cluster.local"])
        #expect(config.dnsConfig.options == ["ndots:5"])
        #expect(config.portMappings.map(\.hostPort) == [8080])
        #expect(config.linux.securityContext.namespaceOptions.network == .pod)
        #expect(config.linux.securityContext.namespaceOptions.pid == .container)
    }

    @Test func hostNetworkPodUsesTheHostsDNSAndNetwork() throws {
        let resolv = FileManager.default.temporaryDirectory.appendingPathComponent("resolv-\(UUID().uuidString)").path
        try "nameserver 1.1.1.1\nsearch example.org\n".write(toFile: resolv, atomically: true, encoding: .utf8)
        defer { try? FileManager.default.removeItem(atPath: resolv) }
        let pod = Fixtures.pod(hostNetwork: true)
        let builder = PodSandboxConfigBuilder(nodeHostname: "node-a", clusterDNS: ["10.96.0.10"], clusterDomain: "cluster.local",
                                              podLogsDirectory: "/var/log/pods", hostResolvConf: resolv)
        let config = builder.config(pod, attempt: 0)
        #expect(config.hostname == "node-a")
        #expect(config.dnsConfig.servers == ["1.1.1.1"])
        #expect(config.dnsConfig.searches == ["example.org"])
        #expect(config.linux.securityContext.namespaceOptions.network == .node)
    }

    @Test func containerConfigCarriesIdentityResourcesAndExpandedArgs() {
        var pod = Fixtures.pod()
        pod.spec.containers[0].command = ["sh", "-c"]
        pod.spec.containers[0].args = ["echo $(NAME)"]
        pod.spec.containers[0].resources = ResourceRequirements(limits: ["cpu": "500m", "memory": "128Mi"], requests: ["cpu": "250m"])
        let builder = ContainerConfigBuilder(memoryCapacity: 1 << 30)
        let config = builder.config(pod: pod, container: pod.spec.containers[0], imageRef: "sha256:abc", restartCount: 3,
                                    environment: [("NAME", "kube")], mounts: [], expand: ContainerEnvironment.expand)
        #expect(config.args == ["echo kube"])
        #expect(config.logPath == "app/3.log")
        #expect(config.metadata.attempt == 3)
        #expect(config.annotations[KubeletLabels.containerRestartCount] == "3")
        #expect(config.annotations[KubeletLabels.containerHash] == ContainerHash.of(pod.spec.containers[0]))
        #expect(config.labels[KubeletLabels.podUID] == "uid-web")
        #expect(config.labels[KubeletLabels.containerName] == "app")
        #expect(config.envs.map(\.key) == ["NAME"])
        #expect(config.linux.resources.cpuShares == 256)
        #expect(config.linux.resources.cpuQuota == 50_000)
        #expect(config.linux.resources.cpuPeriod == 100_000)
        #expect(config.linux.resources.memoryLimitInBytes == 128 << 20)
        #expect(config.image.image == "busybox")
        #expect(config.image.userSpecifiedImage == "busybox")
    }

    @Test func nodeStatusReportsTheMachineAndConditions() {
        let machine = MachineInfo(cpus: 2, memoryBytes: 4 << 30, ephemeralStorageBytes: 100 << 30, kernelVersion: "6.1.0",
                                  osImage: "Debian GNU/Linux 12 (bookworm)", architecture: "amd64")
        let builder = NodeStatusBuilder(nodeName: "node-a", hostname: "node-a", nodeIPs: ["192.168.1.10"], machine: machine,
                                        kubeletPort: 10250, kubeletVersion: "v1.32.0")
        let now = Date(timeIntervalSince1970: 1_700_000_000)
        let healthy = NodeResourceSample(memoryAvailableBytes: 2 << 30, filesystemTotalBytes: 100, filesystemAvailableBytes: 50,
                                         processes: 100, maxPIDs: 4_194_304)
        let status = builder.status(previous: NodeStatus(), runtimeReady: true, runtimeMessage: "", runtimeVersion: "kubeswift://0.1.0",
                                    sample: healthy, now: now)
        #expect(status.capacity?["cpu"] == Quantity("2"))
        #expect(status.capacity?["memory"] == Quantity("4Gi"))
        #expect(status.capacity?["pods"] == Quantity("110"))
        #expect(status.allocatable == status.capacity)
        #expect(status.addresses == [NodeAddress(type: "InternalIP", address: "192.168.1.10"), NodeAddress(type: "Hostname", address: "node-a")])
        #expect(status.daemonEndpoints.kubeletEndpoint.port == 10250)
        #expect(status.nodeInfo.containerRuntimeVersion == "kubeswift://0.1.0")
        #expect(status.nodeInfo.kubeletVersion == "v1.32.0")
        #expect(status.nodeInfo.operatingSystem == "linux")
        #expect(status.conditions?.map(\.type) == ["MemoryPressure", "DiskPressure", "PIDPressure", "Ready"])
        #expect(status.conditions?.map(\.status) == ["False", "False", "False", "True"])
        #expect(status.conditions?.last?.reason == "KubeletReady")

        // Low memory flips MemoryPressure; the transition time moves only for what changed.
        let later = now.addingTimeInterval(30)
        var pressed = healthy
        pressed.memoryAvailableBytes = 50 << 20
        let next = builder.status(previous: status, runtimeReady: true, runtimeMessage: "", runtimeVersion: "kubeswift://0.1.0",
                                  sample: pressed, now: later)
        #expect(next.conditions?.first?.status == "True")
        #expect(next.conditions?.first?.reason == "KubeletHasInsufficientMemory")
        #expect(next.conditions?.first?.lastTransitionTime == Time(later))
        #expect(next.conditions?.last?.lastTransitionTime == Time(now))
        #expect(next.conditions?.last?.lastHeartbeatTime == Time(later))
        #expect(NodeStatusBuilder.changed(status, next))
        let heartbeatOnly = builder.status(previous: status, runtimeReady: true, runtimeMessage: "", runtimeVersion: "kubeswift://0.1.0",
                                           sample: healthy, now: later)
        #expect(!NodeStatusBuilder.changed(status, heartbeatOnly))
    }
}
