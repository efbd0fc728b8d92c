import Foundation
import KubeAPI
import KubeClient
import Logging

/// Records core/v1 Events about objects, as upstream's recorder: `Normal`/`Warning`, a reason and a
/// message, named `<object>.<hex nanoseconds>`. Recording never blocks or fails the caller.
public struct EventRecorder: Sendable {
    public let client: RESTClient
    public let component: String
    public let host: String
    let logger: Logger

    public init(client: RESTClient, component: String, host: String = ProcessInfo.processInfo.hostName, logger: Logger) {
        self.client = client
        self.component = component
        self.host = host
        self.logger = logger
    }

    public func normal<O: KubeObject>(_ object: O, reason: String, _ message: String) {
        record(object, type: "Normal", reason: reason, message)
    }

    public func warning<O: KubeObject>(_ object: O, reason: String, _ message: String) {
        record(object, type: "Warning", reason: reason, message)
    }

    public func record<O: KubeObject>(_ object: O, type: String, reason: String, _ message: String) {
        let reference = ObjectReference(
            kind: O.kind, namespace: object.metadata.namespace, name: object.metadata.name, uid: object.metadata.uid,
            apiVersion: O.apiVersion, resourceVersion: object.metadata.resourceVersion)
        let now = Date()
        let nanos = UInt64(now.timeIntervalSince1970 * 1_000_000_000)
        var event = Event(
            metadata: ObjectMeta(name: "\(object.metadata.name ?? "").\(String(nanos, radix: 16))", namespace: object.metadata.namespace ?? "default"),
            involvedObject: reference, reason: reason, message: message, source: EventSource(component: component),
            reportingComponent: component, reportingInstance: host)
        event.firstTimestamp = Time(now)
        event.lastTimestamp = Time(now)
        event.count = 1
        event.type = type
        let events = client.resource(Event.self)
        let logger = self.logger
        Task {
            do { _ = try await events.create(event) } catch {
                logger.debug("event \(reason) on \(O.kind) \(object.metadata.name ?? ""): \(error)")
            }
        }
    }
}
