import KubeAPI

/// Rejects nodes marked `spec.unschedulable` (cordoned) unless the pod tolerates
/// `node.kubernetes.io/unschedulable:NoSchedule`.
public struct NodeUnschedulable: FilterPlugin {
    public static let name = "NodeUnschedulable"
    public static let reason = "node(s) were unschedulable"
    static let taint = Taint(key: NodeTaintKey.unschedulable, effect: "NoSchedule")

    public var name: String { Self.name }
    public var events: Set<ClusterEvent> { [.nodeAdded, .nodeTaintsChanged] }

    public init() {}

    public func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> PluginStatus {
        guard node.unschedulable else { return .success }
        if Tolerations.tolerated(Self.taint, by: pod.tolerations) { return .success }
        return .unresolvable(Self.reason, plugin: name)
    }
}
