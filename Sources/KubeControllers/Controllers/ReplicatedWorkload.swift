import KubeAPI

/// What the replica-set controller needs from the objects it runs: ReplicaSets and
/// ReplicationControllers share one control loop, as upstream's.
public protocol ReplicatedWorkload: KubeObject {
    var desiredReplicas: Int32 { get }
    var podSelector: Labels.Selector { get }
    var podTemplate: PodTemplateSpec { get }
    var minReadySeconds: Int32 { get }
    var counts: ReplicaCounts { get set }
    /// Sets (or clears, with nil) the `ReplicaFailure` condition.
    mutating func setReplicaFailure(_ message: String?)
}

/// The status numbers both kinds report.
public struct ReplicaCounts: Equatable, Sendable {
    public var replicas: Int32 = 0
    public var fullyLabeledReplicas: Int32 = 0
    public var readyReplicas: Int32 = 0
    public var availableReplicas: Int32 = 0
    public var observedGeneration: Int64 = 0
}

extension ReplicaSet: ReplicatedWorkload {
    public var desiredReplicas: Int32 { spec.replicas ?? 1 }
    public var podSelector: Labels.Selector { Labels.Selector(spec.selector) }
    public var podTemplate: PodTemplateSpec { spec.template }
    public var minReadySeconds: Int32 { spec.minReadySeconds ?? 0 }
    public var counts: ReplicaCounts {
        get {
            ReplicaCounts(replicas: status.replicas, fullyLabeledReplicas: status.fullyLabeledReplicas ?? 0, readyReplicas: status.readyReplicas ?? 0,
                          availableReplicas: status.availableReplicas ?? 0, observedGeneration: status.observedGeneration ?? 0)
        }
        set {
            status.replicas = newValue.replicas
            status.fullyLabeledReplicas = newValue.fullyLabeledReplicas
            status.readyReplicas = newValue.readyReplicas
            status.availableReplicas = newValue.availableReplicas
            status.observedGeneration = newValue.observedGeneration
        }
    }

    public mutating func setReplicaFailure(_ message: String?) {
        var conditions = (status.conditions ?? []).filter { $0.type != "ReplicaFailure" }
        if let message {
            conditions.append(ReplicaSetCondition(type: "ReplicaFailure", status: "True", lastTransitionTime: .now(), reason: "FailedCreate", message: message))
        }
        status.conditions = conditions.isEmpty ? nil : conditions
    }
}

extension ReplicationController: ReplicatedWorkload {
    public var desiredReplicas: Int32 { spec.replicas ?? 1 }
    public var podSelector: Labels.Selector {
        guard let selector = spec.selector, !selector.isEmpty else { return .nothing }
        return Labels.Selector(matching: selector)
    }
    public var podTemplate: PodTemplateSpec { spec.template ?? PodTemplateSpec() }
    public var minReadySeconds: Int32 { spec.minReadySeconds ?? 0 }
    public var counts: ReplicaCounts {
        get {
            ReplicaCounts(replicas: status.replicas, fullyLabeledReplicas: status.fullyLabeledReplicas ?? 0, readyReplicas: status.readyReplicas ?? 0,
                          availableReplicas: status.availableReplicas ?? 0, observedGeneration: status.observedGeneration ?? 0)
        }
        set {
            status.replicas = newValue.replicas
            status.fullyLabeledReplicas = newValue.fullyLabeledReplicas
            status.readyReplicas = newValue.readyReplicas
            status.availableReplicas = newValue.availableReplicas
            status.observedGeneration = newValue.observedGeneration
        }
    }

    public mutating func setReplicaFailure(_ message: String?) {
        var conditions = (status.conditions ?? []).filter { $0.type != "ReplicaFailure" }
        if let message {
            conditions.append(ReplicationControllerCondition(type: "ReplicaFailure", status: "True", lastTransitionTime: .now(), reason: "FailedCreate", message: message))
        }
        status.conditions = conditions.isEmpty ? nil : conditions
    }
}
