import KubeAPI

/// The writes the scheduler makes to the apiserver, behind one seam so the scheduling logic
/// is tested with a recording fake (`RESTSchedulerAPI` is the real one).
public protocol SchedulerAPI: Sendable {
    /// POST `pods/NAME/binding`.
    func bind(namespace: String, name: String, uid: String, node: String) async throws
    /// Sets the PodScheduled condition and, when given, status.nominatedNodeName ("" clears it).
    func patchPodStatus(namespace: String, name: String, condition: PodCondition?, nominatedNodeName: String?) async throws
    /// Deletes a preemption victim (with a UID precondition, so a replacement pod of the same name survives).
    func deletePod(namespace: String, name: String, uid: String) async throws
    func createEvent(_ event: Event) async throws
}

/// What the scheduler's API calls did, for tests (upstream tests use a fake clientset the same way).
public final class RecordingSchedulerAPI: SchedulerAPI, @unchecked Sendable {
    public enum Call: Hashable, Sendable {
        case bind(pod: String, node: String)
        case patchStatus(pod: String, reason: String?, message: String?, nominatedNodeName: String?)
        case delete(pod: String)
        case event(pod: String, type: String, reason: String, message: String)
    }

    private let lock = NSLockShim()
    private var _calls: [Call] = []
    /// Makes `bind` throw for the named pods ("ns/name").
    public var failBinds: Set<String> = []

    public init() {}

    public var calls: [Call] { lock.withLock { _calls } }

    func record(_ c: Call) { lock.withLock { _calls.append(c) } }

    public func bind(namespace: String, name: String, uid: String, node: String) async throws {
        record(.bind(pod: "\(namespace)/\(name)", node: node))
        if lock.withLock({ failBinds.contains("\(namespace)/\(name)") }) {
            throw SchedulerError.bindRejected(pod: "\(namespace)/\(name)", node: node, detail: "injected failure")
        }
    }

    public func patchPodStatus(namespace: String, name: String, condition: PodCondition?, nominatedNodeName: String?) async throws {
        record(.patchStatus(pod: "\(namespace)/\(name)", reason: condition?.reason, message: condition?.message, nominatedNodeName: nominatedNodeName))
    }

    public func deletePod(namespace: String, name: String, uid: String) async throws {
        record(.delete(pod: "\(namespace)/\(name)"))
    }

    public func createEvent(_ event: Event) async throws {
        let obj = event.involvedObject
        record(.event(pod: "\(obj.namespace ?? "")/\(obj.name ?? "")", type: event.type ?? "", reason: event.reason ?? "", message: event.message ?? ""))
    }
}

/// Failures the scheduler reports, with the pod and node involved.
public enum SchedulerError: Error, Hashable, Sendable, CustomStringConvertible {
    case bindRejected(pod: String, node: String, detail: String)
    case noNodesAvailable

    public var description: String {
        switch self {
        case .bindRejected(let pod, let node, let detail): "binding \(pod) to \(node): \(detail)"
        case .noNodesAvailable: "no nodes available to schedule pods"
        }
    }
}
