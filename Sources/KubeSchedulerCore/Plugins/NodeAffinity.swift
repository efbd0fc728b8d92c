import KubeAPI

/// Filter: `nodeSelector` and required node affinity (terms ORed, `matchExpressions` and
/// `matchFields` ANDed). Score: the summed weights of the preferred terms a node matches,
/// scaled so the best node gets 100.
public struct NodeAffinity: FilterPlugin, ScorePlugin {
    public static let name = "NodeAffinity"
    public static let reason = "node(s) didn't match Pod's node affinity/selector"

    public var name: String { Self.name }
    public var events: Set<ClusterEvent> { [.nodeAdded, .nodeLabelsChanged] }

    public init() {}

    public func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> PluginStatus {
        // Most pods name no node constraint: do not touch the node's labels at all.
        if pod.nodeSelector == nil && pod.requiredNodeAffinity == nil { return .success }
        if pod.matchesNode(labels: node.labels, nodeName: node.name) { return .success }
        return .unresolvable(Self.reason, plugin: name)
    }

    public func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo], _ snapshot: Snapshot) -> PluginStatus {
        let preferred = pod.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []
        return preferred.isEmpty ? .skip : .success
    }

    public func score(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Int64 {
        var total: Int64 = 0
        for term in pod.pod.spec.affinity?.nodeAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? [] where term.weight != 0 {
            if NodeSelectorMatching.matches(term.preference, labels: node.labels, nodeName: node.name) { total += Int64(term.weight) }
        }
        return total
    }

    public func normalize(_ state: CycleState, _ pod: PodInfo, _ scores: inout [NodeScore]) {
        defaultNormalizeScore(&scores, reverse: false)
    }
}
