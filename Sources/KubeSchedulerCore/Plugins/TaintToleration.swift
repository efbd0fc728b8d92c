import KubeAPI

/// Filter: a NoSchedule or NoExecute taint the pod does not tolerate rejects the node.
/// Score: fewer untolerated PreferNoSchedule taints is better (reverse-normalised).
public struct TaintToleration: FilterPlugin, ScorePlugin {
    public static let name = "TaintToleration"

    public var name: String { Self.name }
    public var events: Set<ClusterEvent> { [.nodeAdded, .nodeTaintsChanged] }

    public init() {}

    public static func reason(_ taint: Taint) -> String {
        "node(s) had untolerated taint {\(taint.key): \(taint.value ?? "")}"
    }

    public func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> PluginStatus {
        guard !node.taints.isEmpty else { return .success }
        guard let taint = Tolerations.firstUntolerated(node.taints, pod.tolerations, effects: ["NoSchedule", "NoExecute"]) else {
            return .success
        }
        return .unresolvable(Self.reason(taint), plugin: name)
    }

    struct PreScoreState { var tolerations: [Toleration] }

    public func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo], _ snapshot: Snapshot) -> PluginStatus {
        // Only tolerations that can apply to PreferNoSchedule count when scoring.
        let tolerations = pod.tolerations.filter { ($0.effect ?? "").isEmpty || $0.effect == "PreferNoSchedule" }
        state.write(PreScoreState(tolerations: tolerations))
        return .success
    }

    public func score(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Int64 {
        let tolerations = state.read(PreScoreState.self)?.tolerations ?? []
        var count: Int64 = 0
        for taint in node.taints where taint.effect == "PreferNoSchedule" {
            if !Tolerations.tolerated(taint, by: tolerations) { count += 1 }
        }
        return count
    }

    public func normalize(_ state: CycleState, _ pod: PodInfo, _ scores: inout [NodeScore]) {
        defaultNormalizeScore(&scores, reverse: true)
    }
}
