import Foundation
import KubeAPI
import Testing

@testable import KubeClient
@testable import Kubectl

@Suite struct DescribeTests {
    let now = RFC3339Date.parse("2024-05-01T12:00:00Z")!

    @Test func configMapWithEventsMatchesUpstreamLayout() async throws {
        let cm: JSONValue = [
            "apiVersion": "v1", "kind": "ConfigMap",
            "metadata": [
                "name": "settings", "namespace": "default", "labels": ["b": "2", "a": "1"],
                "annotations": ["kubectl.kubernetes.io/last-applied-configuration": "{}", "note": "x"],
            ],
            "data": ["mode": "fast"],
        ]
        let events: [JSONValue] = [
            [
                "type": "Warning", "reason": "Failed", "message": "could not mount  ", "count": 3,
                "firstTimestamp": "2024-05-01T11:50:00Z", "lastTimestamp": "2024-05-01T11:59:00Z", "source": ["component": "kubelet"],
            ],
            ["type": "Normal", "reason": "Created", "message": "created", "firstTimestamp": "2024-05-01T11:40:00Z", "lastTimestamp": "2024-05-01T11:40:00Z", "reportingComponent": "ctrl"],
        ]
        let resource = APIResourceInfo(group: "", version: "v1", name: "configmaps", kind: "ConfigMap", namespaced: true)
        let text = try await Describer.describe(cm, resource: resource, events: events, session: nil, now: now)
        #expect(
            text == """
                Name:         settings
                Namespace:    default
                Labels:       a=1
                              b=2
                Annotations:  note: x

                Data
                ====
                mode:
                ----
                fast


                BinaryData
                ====

                Events:
                  Type     Reason   Age                From     Message
                  ----     ------   ----               ----     -------
                  Normal   Created  20m                ctrl     created
                  Warning  Failed   60s (x3 over 10m)  kubelet  could not mount

                """)
    }

    @Test func podLayout() async throws {
        let pod: JSONValue = [
            "apiVersion": "v1", "kind": "Pod",
            "metadata": ["name": "web", "namespace": "default"],
            "spec": ["nodeName": "n1", "serviceAccountName": "default", "containers": [["name": "c", "image": "nginx", "ports": [["containerPort": 80, "protocol": "TCP"]]]]],
            "status": [
                "phase": "Running", "hostIP": "10.0.0.1", "podIP": "10.244.0.2", "podIPs": [["ip": "10.244.0.2"]], "qosClass": "BestEffort",
                "containerStatuses": [["name": "c", "ready": true, "restartCount": 0, "containerID": "cri://1", "imageID": "sha256:x", "state": ["running": ["startedAt": "2024-05-01T11:00:00Z"]]]],
                "conditions": [["type": "Ready", "status": "True"]],
            ],
        ]
        let resource = APIResourceInfo(group: "", version: "v1", name: "pods", kind: "Pod", namespaced: true)
        let text = try await Describer.describe(pod, resource: resource, events: [], session: nil, now: now)
        #expect(text.hasPrefix("Name:             web\nNamespace:        default\nService Account:  default\nNode:             n1/10.0.0.1\n"))
        #expect(text.contains("IPs:\n  IP:  10.244.0.2\nContainers:\n  c:\n    Container ID:   cri://1\n    Image:          nginx\n"))
        #expect(text.contains("    State:          Running\n      Started:      Wed, 01 May 2024 11:00:00 +0000\n    Ready:          True\n"))
        // "Conditions:" ends a tabwriter block; the condition rows align with everything after them
        // (what kubectl prints for a real pod, checked against kubectl 1.32).
        #expect(text.contains("Conditions:\n  Type           Status\n  Ready          True \nVolumes:         <none>\n"))
        #expect(text.hasSuffix("QoS Class:       BestEffort\nNode-Selectors:  <none>\nTolerations:     <none>\nEvents:          <none>\n"))
    }
}
