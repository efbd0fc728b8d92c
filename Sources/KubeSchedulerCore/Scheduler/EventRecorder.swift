import Foundation
import KubeAPI
import Synchronization

/// Posts core/v1 Events about pods from one background worker, so scheduling never waits on
/// them; like upstream's broadcaster it drops events when its buffer (1000) is full.
public final class EventRecorder: Sendable {
    private struct State {
        var pending: [Event] = []
        var waiter: CheckedContinuation<Void, Never>?
        var dropped = 0
    }
    private let state = Mutex(State())
    let api: any SchedulerAPI
    let component: String
    let instance: String
    let capacity = 1000

    public init(api: any SchedulerAPI, component: String, instance: String) {
        self.api = api
        self.component = component
        self.instance = instance
    }

    public var dropped: Int { state.withLock { $0.dropped } }

    /// `Normal`/`Warning` event on a pod, e.g. `Scheduled` "Successfully assigned ns/p to n".
    public func event(_ pod: Pod, type: String, reason: String, action: String, message: String) {
        let now = Time.now()
        let namespace = pod.metadata.namespace ?? "default"
        let name = pod.metadata.name ?? ""
        let suffix = String(UInt64(Date().timeIntervalSince1970 * 1e9), radix: 16)
        let event = Event(
            metadata: ObjectMeta(name: "\(name).\(suffix)", namespace: namespace),
            involvedObject: ObjectReference(
                kind: "Pod", namespace: namespace, name: name, uid: pod.metadata.uid, apiVersion: "v1",
                resourceVersion: pod.metadata.resourceVersion),
            reason: reason, message: message, source: EventSource(component: component),
            firstTimestamp: now, lastTimestamp: now, count: 1, type: type, action: action,
            reportingComponent: component, reportingInstance: instance)
        let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
            if s.pending.count >= capacity {
                s.dropped += 1
                return nil
            }
            s.pending.append(event)
            defer { s.waiter = nil }
            return s.waiter
        }
        waiter?.resume()
    }

    /// Drains the buffer until cancelled.
    public func run() async {
        while !Task.isCancelled {
            let batch = state.withLock { s -> [Event] in
                defer { s.pending = [] }
                return s.pending
            }
            if batch.isEmpty {
                await withTaskCancellationHandler {
                    await withCheckedContinuation { (c: CheckedContinuation<Void, Never>) in
                        let ready = state.withLock { s -> Bool in
                            if !s.pending.isEmpty || Task.isCancelled { return true }
                            s.waiter = c
                            return false
                        }
                        if ready { c.resume() }
                    }
                } onCancel: {
                    let w = state.withLock { s -> CheckedContinuation<Void, Never>? in
                        defer { s.waiter = nil }
                        return s.waiter
                    }
                    w?.resume()
                }
                continue
            }
            for e in batch { try? await api.createEvent(e) }
        }
    }
}
