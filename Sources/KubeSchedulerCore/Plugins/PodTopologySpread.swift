import Foundation
import KubeAPI

/// Spreads matching pods evenly over topology domains (upstream `podtopologyspread`).
/// Filter: `DoNotSchedule` constraints, `existing + self - global minimum <= maxSkew`, the
/// minimum taken as 0 while fewer than `minDomains` domains exist. Score: `ScheduleAnyway`
/// constraints, fewer matching pods in the node's domains is better.
/// Nodes join the count when they have every constraint's key, pass the pod's required node
/// affinity (`nodeAffinityPolicy: Honor`, the default) and, with `nodeTaintsPolicy: Honor`,
/// carry no untolerated taint. System default constraints are not applied.
public struct PodTopologySpread: PreFilterPlugin, FilterPlugin, ScorePlugin {
    public static let name = "PodTopologySpread"
    public static let reason = "node(s) didn't match pod topology spread constraints"
    public static let missingLabelReason = reason + " (missing required label)"
    static let hostnameKey = "kubernetes.io/hostname"

    public var name: String { Self.name }
    public var events: Set<ClusterEvent> {
        [.assignedPodAdded, .assignedPodUpdated, .assignedPodDeleted, .nodeAdded, .nodeDeleted, .nodeLabelsChanged, .nodeTaintsChanged]
    }

    public init() {}

    struct Constraint {
        var maxSkew: Int64
        var topologyKey: String
        var selector: LabelMatcher
        var minDomains: Int
        var honorAffinity: Bool
        var honorTaints: Bool

        func includes(_ pod: PodInfo, _ node: NodeInfo) -> Bool {
            if honorAffinity && !pod.matchesNode(labels: node.labels, nodeName: node.name) { return false }
            if honorTaints && Tolerations.firstUntolerated(node.taints, pod.tolerations, effects: ["NoSchedule", "NoExecute"]) != nil {
                return false
            }
            return true
        }
    }

    static func constraints(_ pod: PodInfo, _ when: String) -> [Constraint] {
        (pod.pod.spec.topologySpreadConstraints ?? []).filter { $0.whenUnsatisfiable == when }.map { c in
            Constraint(
                maxSkew: Int64(c.maxSkew), topologyKey: c.topologyKey,
                selector: LabelMatcher(c.labelSelector).adding(matchLabelKeys: c.matchLabelKeys, from: pod.labels),
                minDomains: Int(c.minDomains ?? 1),
                honorAffinity: (c.nodeAffinityPolicy ?? "Honor") == "Honor",
                honorTaints: (c.nodeTaintsPolicy ?? "Ignore") == "Honor")
        }
    }

    static func hasAllKeys(_ node: NodeInfo, _ constraints: [Constraint]) -> Bool {
        constraints.allSatisfy { node.labels[$0.topologyKey] != nil }
    }

    static func countMatching(_ pods: [PodInfo], _ selector: LabelMatcher, namespace: String) -> Int64 {
        var n: Int64 = 0
        for p in pods where !p.isTerminating && p.namespace == namespace && selector.matches(p.labels) { n += 1 }
        return n
    }

    // MARK: Filter

    struct PreFilterState {
        var constraints: [Constraint]
        /// Per constraint: domain value → matching pods.
        var counts: [[String: Int64]]
    }

    public func preFilter(_ state: CycleState, _ pod: PodInfo, _ snapshot: Snapshot) -> PluginStatus {
        let constraints = Self.constraints(pod, "DoNotSchedule")
        guard !constraints.isEmpty else {
            state.remove(PreFilterState.self)
            return .skip
        }
        var counts = Array(repeating: [String: Int64](), count: constraints.count)
        for node in snapshot.nodes where Self.hasAllKeys(node, constraints) {
            for (i, c) in constraints.enumerated() where c.includes(pod, node) {
                counts[i][node.labels[c.topologyKey]!, default: 0] += Self.countMatching(node.pods, c.selector, namespace: pod.namespace)
            }
        }
        state.write(PreFilterState(constraints: constraints, counts: counts))
        return .success
    }

    public func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> PluginStatus {
        guard let s = state.read(PreFilterState.self) else { return .success }
        for (i, c) in s.constraints.enumerated() {
            guard let value = node.labels[c.topologyKey] else { return .unresolvable(Self.missingLabelReason, plugin: name) }
            var minMatch = s.counts[i].values.min() ?? 0
            if s.counts[i].count < c.minDomains { minMatch = 0 }
            let selfMatch: Int64 = c.selector.matches(pod.labels) ? 1 : 0
            let skew = (s.counts[i][value] ?? 0) + selfMatch - minMatch
            if skew > c.maxSkew { return .unschedulable(Self.reason, plugin: name) }
        }
        return .success
    }

    // MARK: Score

    struct PreScoreState {
        var constraints: [Constraint]
        var ignoredNodes: Set<String>
        var counts: [[String: Int64]]
        var weights: [Double]
    }

    public func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo], _ snapshot: Snapshot) -> PluginStatus {
        let constraints = Self.constraints(pod, "ScheduleAnyway")
        guard !constraints.isEmpty, !snapshot.nodes.isEmpty else { return .skip }
        var s = PreScoreState(constraints: constraints, ignoredNodes: [], counts: Array(repeating: [:], count: constraints.count), weights: [])
        for node in nodes {
            guard Self.hasAllKeys(node, constraints) else {
                s.ignoredNodes.insert(node.name)
                continue
            }
            for (i, c) in constraints.enumerated() where c.topologyKey != Self.hostnameKey {
                s.counts[i][node.labels[c.topologyKey]!] = 0
            }
        }
        s.weights = constraints.enumerated().map { i, c in
            let size = c.topologyKey == Self.hostnameKey ? nodes.count - s.ignoredNodes.count : s.counts[i].count
            return log(Double(size + 2))
        }
        for node in snapshot.nodes where Self.hasAllKeys(node, constraints) {
            for (i, c) in constraints.enumerated() where c.topologyKey != Self.hostnameKey && c.includes(pod, node) {
                let value = node.labels[c.topologyKey]!
                guard s.counts[i][value] != nil else { continue }
                s.counts[i][value]! += Self.countMatching(node.pods, c.selector, namespace: pod.namespace)
            }
        }
        state.write(s)
        return .success
    }

    public func score(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Int64 {
        guard let s = state.read(PreScoreState.self), !s.ignoredNodes.contains(node.name) else { return 0 }
        var score = 0.0
        for (i, c) in s.constraints.enumerated() {
            guard let value = node.labels[c.topologyKey] else { continue }
            let count = c.topologyKey == Self.hostnameKey
                ? Self.countMatching(node.pods, c.selector, namespace: pod.namespace) : (s.counts[i][value] ?? 0)
            score += Double(count) * s.weights[i] + Double(c.maxSkew - 1)
        }
        return Int64(score.rounded())
    }

    public func normalize(_ state: CycleState, _ pod: PodInfo, _ scores: inout [NodeScore]) {
        guard let s = state.read(PreScoreState.self) else { return }
        var lo = Int64.max
        var hi: Int64 = 0
        for sc in scores where !s.ignoredNodes.contains(sc.name) {
            lo = min(lo, sc.score)
            hi = max(hi, sc.score)
        }
        for i in scores.indices {
            if s.ignoredNodes.contains(scores[i].name) {
                scores[i].score = 0
            } else if hi == 0 {
                scores[i].score = maxNodeScore
            } else {
                scores[i].score = maxNodeScore * (hi + lo - scores[i].score) / hi
            }
        }
    }
}
