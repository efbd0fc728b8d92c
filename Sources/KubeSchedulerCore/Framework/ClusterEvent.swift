import KubeAPI

/// A change in the cluster that can make an unschedulable pod schedulable (upstream
/// `framework.ClusterEvent`, reduced to what the in-tree plugins register for).
public enum ClusterEvent: String, Hashable, Sendable, CaseIterable {
    case nodeAdded = "NodeAdd"
    case nodeDeleted = "NodeDelete"
    case nodeLabelsChanged = "NodeUpdate/UpdateNodeLabel"
    case nodeTaintsChanged = "NodeUpdate/UpdateNodeTaint"
    case nodeAllocatableChanged = "NodeUpdate/UpdateNodeAllocatable"
    case nodeImagesChanged = "NodeUpdate/UpdateNodeImages"
    case assignedPodAdded = "AssignedPodAdd"
    case assignedPodUpdated = "AssignedPodUpdate"
    case assignedPodDeleted = "AssignedPodDelete"
    case namespaceChanged = "NamespaceUpdate"
    /// Periodic flush or unknown cause: every unschedulable pod may move.
    case unschedulableTimeout = "UnschedulableTimeout"
    case forceActivate = "ForceActivate"

    /// The events a Node update produces, by what changed.
    public static func nodeUpdate(old: NodeInfoFacts, new: NodeInfoFacts) -> [ClusterEvent] {
        var events: [ClusterEvent] = []
        if old.labels != new.labels { events.append(.nodeLabelsChanged) }
        if old.taints != new.taints || old.unschedulable != new.unschedulable { events.append(.nodeTaintsChanged) }
        if old.allocatable != new.allocatable { events.append(.nodeAllocatableChanged) }
        if old.images != new.images { events.append(.nodeImagesChanged) }
        return events
    }
}

/// The parts of a Node whose change matters to scheduling.
public struct NodeInfoFacts: Hashable, Sendable {
    var labels: [String: String]
    var taints: [String]
    var unschedulable: Bool
    var allocatable: Resource
    var images: Set<String>

    public init(_ node: KubeAPI.Node) {
        labels = node.metadata.labels ?? [:]
        taints = (node.spec.taints ?? []).map { "\($0.key)=\($0.value ?? ""):\($0.effect)" }
        unschedulable = node.spec.unschedulable ?? false
        allocatable = Resource(node.status.allocatable)
        images = Set((node.status.images ?? []).flatMap(\.names))
    }
}
