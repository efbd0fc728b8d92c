import KubeAPI

/// Required and preferred pod affinity / anti-affinity, both the incoming pod's and the
/// existing pods' (upstream `interpodaffinity`). Counts are kept per topology pair
/// (`zone=a`), computed once per cycle over the snapshot.
public struct InterPodAffinity: PreFilterPlugin, FilterPlugin, ScorePlugin {
    public static let name = "InterPodAffinity"
    public static let affinityReason = "node(s) didn't match pod affinity rules"
    public static let antiAffinityReason = "node(s) didn't match pod anti-affinity rules"
    public static let existingAntiAffinityReason = "node(s) didn't satisfy existing pods anti-affinity rules"

    public var name: String { Self.name }
    public var events: Set<ClusterEvent> {
        [.assignedPodAdded, .assignedPodUpdated, .assignedPodDeleted, .nodeAdded, .nodeLabelsChanged, .namespaceChanged]
    }
    /// Weight an existing pod's *required* affinity lends to nodes the incoming pod matches (upstream default 1).
    public var hardPodAffinityWeight: Int64

    public init(hardPodAffinityWeight: Int64 = 1) {
        self.hardPodAffinityWeight = hardPodAffinityWeight
    }

    struct TopologyPair: Hashable {
        var key: String
        var value: String
    }

    struct PreFilterState {
        var existingAntiAffinityCounts: [TopologyPair: Int64] = [:]
        var affinityCounts: [TopologyPair: Int64] = [:]
        var antiAffinityCounts: [TopologyPair: Int64] = [:]
    }

    static func update(_ counts: inout [TopologyPair: Int64], _ node: NodeInfo, _ key: String, _ value: Int64) {
        guard let tv = node.labels[key] else { return }
        let pair = TopologyPair(key: key, value: tv)
        counts[pair, default: 0] += value
        if counts[pair] == 0 { counts.removeValue(forKey: pair) }
    }

    static func matchesAll(_ terms: [AffinityTerm], _ pod: PodInfo, _ ns: [String: [String: String]]) -> Bool {
        !terms.isEmpty && terms.allSatisfy { $0.matches(pod, namespaceLabels: ns) }
    }

    public func preFilter(_ state: CycleState, _ pod: PodInfo, _ snapshot: Snapshot) -> PluginStatus {
        var s = PreFilterState()
        let ns = snapshot.namespaceLabels
        for node in snapshot.havePodsWithRequiredAntiAffinity {
            for existing in node.podsWithRequiredAntiAffinity {
                for term in existing.requiredAntiAffinityTerms where term.matches(pod, namespaceLabels: ns) {
                    Self.update(&s.existingAntiAffinityCounts, node, term.topologyKey, 1)
                }
            }
        }
        if !pod.requiredAffinityTerms.isEmpty || !pod.requiredAntiAffinityTerms.isEmpty {
            for node in snapshot.nodes {
                for existing in node.pods {
                    if Self.matchesAll(pod.requiredAffinityTerms, existing, ns) {
                        for t in pod.requiredAffinityTerms { Self.update(&s.affinityCounts, node, t.topologyKey, 1) }
                    }
                    for t in pod.requiredAntiAffinityTerms where t.matches(existing, namespaceLabels: ns) {
                        Self.update(&s.antiAffinityCounts, node, t.topologyKey, 1)
                    }
                }
            }
        }
        if s.existingAntiAffinityCounts.isEmpty && pod.requiredAffinityTerms.isEmpty && pod.requiredAntiAffinityTerms.isEmpty {
            state.remove(PreFilterState.self)
            return .skip
        }
        state.write(s)
        return .success
    }

    public func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> PluginStatus {
        guard let s = state.read(PreFilterState.self) else { return .success }
        if !satisfiesAffinity(s, pod, node) { return .unresolvable(Self.affinityReason, plugin: name) }
        if !s.antiAffinityCounts.isEmpty {
            for t in pod.requiredAntiAffinityTerms {
                if let tv = node.labels[t.topologyKey], (s.antiAffinityCounts[TopologyPair(key: t.topologyKey, value: tv)] ?? 0) > 0 {
                    return .unschedulable(Self.antiAffinityReason, plugin: name)
                }
            }
        }
        if !s.existingAntiAffinityCounts.isEmpty {
            for (k, v) in node.labels where (s.existingAntiAffinityCounts[TopologyPair(key: k, value: v)] ?? 0) > 0 {
                return .unschedulable(Self.existingAntiAffinityReason, plugin: name)
            }
        }
        return .success
    }

    func satisfiesAffinity(_ s: PreFilterState, _ pod: PodInfo, _ node: NodeInfo) -> Bool {
        var podsExist = true
        for t in pod.requiredAffinityTerms {
            // Every topology key must be on the node.
            guard let tv = node.labels[t.topologyKey] else { return false }
            if (s.affinityCounts[TopologyPair(key: t.topologyKey, value: tv)] ?? 0) <= 0 { podsExist = false }
        }
        if podsExist { return true }
        // The first pod of a group with affinity to itself: allowed when no pod matches yet.
        return s.affinityCounts.isEmpty && Self.matchesAll(pod.requiredAffinityTerms, pod, [:])
    }

    // MARK: Score

    struct PreScoreState {
        /// topology key → value → score.
        var topologyScore: [String: [String: Int64]]
    }

    public func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo], _ snapshot: Snapshot) -> PluginStatus {
        let hasPreferences = !pod.preferredAffinityTerms.isEmpty || !pod.preferredAntiAffinityTerms.isEmpty
        let candidates = hasPreferences ? snapshot.nodes : snapshot.havePodsWithAffinity
        let ns = snapshot.namespaceLabels
        var scores: [String: [String: Int64]] = [:]
        func process(_ term: AffinityTerm, weight: Int64, target: PodInfo, node: NodeInfo, sign: Int64) {
            guard term.matches(target, namespaceLabels: ns), let tv = node.labels[term.topologyKey] else { return }
            scores[term.topologyKey, default: [:]][tv, default: 0] += weight * sign
        }
        for node in candidates where !node.labels.isEmpty {
            for existing in hasPreferences ? node.pods : node.podsWithAffinity {
                for t in pod.preferredAffinityTerms { process(t, weight: t.weight, target: existing, node: node, sign: 1) }
                for t in pod.preferredAntiAffinityTerms { process(t, weight: t.weight, target: existing, node: node, sign: -1) }
                if hardPodAffinityWeight > 0 {
                    for t in existing.requiredAffinityTerms { process(t, weight: hardPodAffinityWeight, target: pod, node: node, sign: 1) }
                }
                for t in existing.preferredAffinityTerms { process(t, weight: t.weight, target: pod, node: node, sign: 1) }
                for t in existing.preferredAntiAffinityTerms { process(t, weight: t.weight, target: pod, node: node, sign: -1) }
            }
        }
        if scores.isEmpty { return .skip }
        state.write(PreScoreState(topologyScore: scores))
        return .success
    }

    public func score(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Int64 {
        guard let s = state.read(PreScoreState.self) else { return 0 }
        var total: Int64 = 0
        for (key, values) in s.topologyScore {
            if let v = node.labels[key] { total += values[v] ?? 0 }
        }
        return total
    }

    public func normalize(_ state: CycleState, _ pod: PodInfo, _ scores: inout [NodeScore]) {
        guard let lo = scores.map(\.score).min(), let hi = scores.map(\.score).max() else { return }
        let diff = hi - lo
        for i in scores.indices {
            scores[i].score = diff > 0 ? Int64(Double(maxNodeScore) * (Double(scores[i].score - lo) / Double(diff))) : 0
        }
    }
}
