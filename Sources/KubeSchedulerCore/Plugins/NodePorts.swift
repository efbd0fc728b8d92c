import KubeAPI

/// Rejects nodes where a host port the pod asks for is already taken.
public struct NodePorts: FilterPlugin {
    public static let name = "NodePorts"
    public static let reason = "node(s) didn't have free ports for the requested pod ports"

    public var name: String { Self.name }
    public var events: Set<ClusterEvent> { [.nodeAdded, .assignedPodDeleted] }

    public init() {}

    public func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> PluginStatus {
        guard !pod.hostPorts.isEmpty, !node.usedPorts.isEmpty else { return .success }
        for port in pod.hostPorts where node.usedPorts.conflicts(port) {
            return .unschedulable(Self.reason, plugin: name)
        }
        return .success
    }
}
