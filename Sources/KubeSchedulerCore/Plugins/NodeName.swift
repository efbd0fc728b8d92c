import KubeAPI

/// A pod that names its node (`spec.nodeName`) fits only there.
public struct NodeName: FilterPlugin {
    public static let name = "NodeName"
    public static let reason = "node(s) didn't match the requested node name"

    public var name: String { Self.name }
    public var events: Set<ClusterEvent> { [.nodeAdded] }

    public init() {}

    public func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> PluginStatus {
        if pod.nodeName.isEmpty || pod.nodeName == node.name { return .success }
        return .unresolvable(Self.reason, plugin: name)
    }
}
