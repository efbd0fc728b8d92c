import Foundation
import KubeAPI
import KubeClient
import Logging

/// Posts core/v1 Events about pods (source component "kubelet", host = the node), as upstream's
/// event recorder does, without blocking the caller: each event is sent by its own task.
public struct APIEventRecorder: KubeletEventRecorder {
    let client: RESTClient
    let nodeName: String
    let logger: Logger

    public init(client: RESTClient, nodeName: String, logger: Logger) {
        self.client = client
        self.nodeName = nodeName
        self.logger = logger
    }

    public func event(_ pod: Pod, type: String, reason: String, message: String, fieldPath: String?) {
        let namespace = pod.metadata.namespace ?? "default"
        let now = Time.now()
        var event = Event()
        let suffix = String(UInt64(Date().timeIntervalSince1970 * 1e9), radix: 16) + String(UInt16.random(in: 0...UInt16.max), radix: 16)
        event.metadata = ObjectMeta(name: "\(pod.metadata.name ?? "pod").\(suffix)", namespace: namespace)
        event.involvedObject = ObjectReference(
            kind: "Pod", namespace: namespace, name: pod.metadata.name, uid: pod.metadata.uid, apiVersion: "v1",
            resourceVersion: pod.metadata.resourceVersion, fieldPath: fieldPath)
        event.reason = reason
        event.message = message
        event.source = EventSource(component: "kubelet", host: nodeName)
        event.firstTimestamp = now
        event.lastTimestamp = now
        event.count = 1
        event.type = type
        event.reportingComponent = "kubelet"
        event.reportingInstance = nodeName
        let client = self.client
        let logger = self.logger
        Task {
            do {
                _ = try await client.resource(Event.self, namespace: namespace).create(event)
            } catch {
                logger.debug("event \(reason) for \(namespace)/\(pod.metadata.name ?? ""): \(error)")
            }
        }
    }
}

/// Drops events (tests, and before an API connection exists).
public struct DiscardingEventRecorder: KubeletEventRecorder {
    public init() {}
    public func event(_ pod: Pod, type: String, reason: String, message: String, fieldPath: String?) {}
}
