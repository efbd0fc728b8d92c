import Foundation
import KubeAPI
@testable import Kubelet

/// Pods and runtime statuses as plain values for the pure kubelet tests.
enum Fixtures {
    static func pod(_ name: String = "web", containers: [String] = ["app"], initContainers: [String] = [],
                    restartPolicy: String = "Always", hostNetwork: Bool = false) -> Pod {
        var pod = Pod()
        pod.metadata = ObjectMeta(name: name, namespace: "default", uid: "uid-\(name)")
        pod.spec.containers = containers.map { Container(name: $0, image: "busybox") }
        pod.spec.initContainers = initContainers.isEmpty ? nil : initContainers.map { Container(name: $0, image: "busybox") }
        pod.spec.restartPolicy = restartPolicy
        pod.spec.hostNetwork = hostNetwork
        pod.spec.nodeName = "node-a"
        return pod
    }

    static func sandbox(_ id: String = "sb1", ready: Bool = true, attempt: UInt32 = 0, ip: String = "10.244.0.5",
                        createdAt: Int64 = 1) -> RuntimeSandboxStatus {
        RuntimeSandboxStatus(id: id, ready: ready, createdAt: createdAt, attempt: attempt, ip: ip)
    }

    static func container(_ name: String, _ state: RuntimeContainerStatus.State, id: String? = nil, exitCode: Int32 = 0,
                          restartCount: Int32 = 0, createdAt: Int64 = 10, finishedAt: Int64 = 0, reason: String = "",
                          spec: Container? = nil) -> RuntimeContainerStatus {
        RuntimeContainerStatus(
            id: id ?? "\(name)-\(restartCount)", name: name, state: state, createdAt: createdAt,
            startedAt: createdAt + 1_000_000_000, finishedAt: finishedAt, exitCode: exitCode, reason: reason,
            imageRef: "sha256:abc", restartCount: restartCount,
            hash: ContainerHash.of(spec ?? Container(name: name, image: "busybox")), sandboxID: "sb1")
    }

    static func status(_ pod: Pod, sandboxes: [RuntimeSandboxStatus], containers: [RuntimeContainerStatus]) -> RuntimePodStatus {
        RuntimePodStatus(uid: pod.metadata.uid!, name: pod.metadata.name!, namespace: "default", sandboxes: sandboxes,
                         containers: containers)
    }
}
