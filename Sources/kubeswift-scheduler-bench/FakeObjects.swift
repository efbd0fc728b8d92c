import Foundation
import KubeAPI

/// The objects the end-to-end modes create through the API, as JSON bodies.
enum FakeObjects {
    /// A node with no kubelet behind it: SchedulingBasic's 4 cpu, 32Gi, 110 pods, Ready.
    static func node(_ name: String) -> JSONValue {
        let now = JSONValue.string(ISO8601DateFormatter().string(from: Date()))
        let allocatable: JSONValue = ["cpu": "4", "memory": "32Gi", "pods": "110"]
        return [
            "apiVersion": "v1", "kind": "Node",
            "metadata": ["name": .string(name), "labels": ["kubernetes.io/hostname": .string(name), "kubernetes.io/os": "linux"]],
            "status": [
                "capacity": allocatable, "allocatable": allocatable,
                "conditions": [[
                    "type": "Ready", "status": "True", "reason": "KubeletReady", "message": "fake node for the scheduler benchmark",
                    "lastHeartbeatTime": now, "lastTransitionTime": now,
                ]],
                "addresses": [["type": "Hostname", "address": .string(name)]],
            ],
        ]
    }

    static func container(cpu: String, memory: String) -> JSONValue {
        ["name": "pause", "image": "registry.k8s.io/pause:3.10", "resources": ["requests": ["cpu": .string(cpu), "memory": .string(memory)]]]
    }

    /// SchedulingBasic's pod: one pause container requesting 100m cpu and 500Mi.
    static func pod(_ name: String) -> JSONValue {
        [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": .string(name), "namespace": "default"],
            "spec": ["containers": [container(cpu: "100m", memory: "500Mi")]],
        ]
    }

    static func deployment(_ name: String, replicas: Int) -> JSONValue {
        let labels: JSONValue = ["app": .string(name)]
        return [
            "apiVersion": "apps/v1", "kind": "Deployment",
            "metadata": ["name": .string(name), "namespace": "default"],
            "spec": [
                "replicas": .int(Int64(replicas)),
                "selector": ["matchLabels": labels],
                "template": [
                    "metadata": ["labels": labels],
                    "spec": ["containers": [container(cpu: "10m", memory: "16Mi")]],
                ],
            ],
        ]
    }
}
