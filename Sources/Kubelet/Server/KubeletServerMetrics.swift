import Foundation
import KubeAPI
import Synchronization

/// The few kubelet metrics served on /metrics, in Prometheus text format with upstream's names.
final class KubeletServerMetrics: Sendable {
    private let requests = Mutex<[String: Int]>([:])

    func recordRequest(method: String, path: String) {
        requests.withLock { $0["\(method) \(path)", default: 0] += 1 }
    }

    func exposition(backend: any KubeletServerBackend) -> String {
        let pods = backend.runningPods()
        var running = 0, waiting = 0, exited = 0
        for pod in pods {
            for status in (pod.status.initContainerStatuses ?? []) + (pod.status.containerStatuses ?? []) {
                if status.state.running != nil { running += 1 } else if status.state.terminated != nil { exited += 1 } else { waiting += 1 }
            }
        }
        var text = """
            # HELP kubelet_node_name [ALPHA] The node's name. The count is always 1.
            # TYPE kubelet_node_name gauge
            kubelet_node_name{node="\(Self.escape(backend.nodeName))"} 1
            # HELP kubelet_running_pods [ALPHA] Number of pods that have a running pod sandbox
            # TYPE kubelet_running_pods gauge
            kubelet_running_pods \(pods.count)
            # HELP kubelet_running_containers [ALPHA] Number of containers currently running
            # TYPE kubelet_running_containers gauge
            kubelet_running_containers{container_state="created"} \(waiting)
            kubelet_running_containers{container_state="exited"} \(exited)
            kubelet_running_containers{container_state="running"} \(running)
            # HELP kubelet_http_requests_total [ALPHA] Number of the http requests received since the server started
            # TYPE kubelet_http_requests_total counter

            """
        for (key, count) in requests.withLock({ $0 }).sorted(by: { $0.key < $1.key }) {
            let parts = key.split(separator: " ", maxSplits: 1).map(String.init)
            let longRunning = ["containerLogs", "exec", "attach"].contains(parts[1]) ? "true" : "false"
            text += "kubelet_http_requests_total{long_running=\"\(longRunning)\",method=\"\(parts[0])\",path=\"\(Self.escape(parts[1]))\",server_type=\"readwrite\"} \(count)\n"
        }
        return text
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"").replacingOccurrences(of: "\n", with: "\\n")
    }
}
