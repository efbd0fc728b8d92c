/// One scheduler profile: the plugins at each extension point, in order, with score
/// weights (upstream `KubeSchedulerProfile` with the default plugin set).
public struct Profile: Sendable {
    public struct WeightedScorer: Sendable {
        public var plugin: any ScorePlugin
        public var weight: Int64
        public init(_ plugin: any ScorePlugin, weight: Int64) {
            self.plugin = plugin
            self.weight = weight
        }
    }

    public var schedulerName: String
    public var preFilters: [any PreFilterPlugin]
    public var filters: [any FilterPlugin]
    public var scorers: [WeightedScorer]

    public init(schedulerName: String, preFilters: [any PreFilterPlugin], filters: [any FilterPlugin], scorers: [WeightedScorer]) {
        self.schedulerName = schedulerName
        self.preFilters = preFilters
        self.filters = filters
        self.scorers = scorers
    }

    /// Upstream's default plugins in their order; score weights TaintToleration 3, NodeAffinity 2,
    /// PodTopologySpread 2, InterPodAffinity 2, NodeResourcesFit 1, BalancedAllocation 1, ImageLocality 1.
    public static func `default`(schedulerName: String = "default-scheduler") -> Profile {
        let interPod = InterPodAffinity()
        let spread = PodTopologySpread()
        let fit = NodeResourcesFit()
        return Profile(
            schedulerName: schedulerName,
            preFilters: [spread, interPod],
            filters: [NodeUnschedulable(), NodeName(), TaintToleration(), NodeAffinity(), NodePorts(), fit, spread, interPod],
            scorers: [
                .init(TaintToleration(), weight: 3),
                .init(NodeAffinity(), weight: 2),
                .init(fit, weight: 1),
                .init(spread, weight: 2),
                .init(interPod, weight: 2),
                .init(NodeResourcesBalancedAllocation(), weight: 1),
                .init(ImageLocality(), weight: 1),
            ])
    }

    /// Runs the PreFilter plugins in order. A plugin that returns Skip has nothing to check for
    /// this pod (no spread constraints, no affinity terms): its Filter is left out of the cycle.
    public func runPreFilters(_ state: CycleState, _ pod: PodInfo, _ snapshot: Snapshot) -> PluginStatus {
        var skipped: Set<String> = []
        for p in preFilters {
            let s = p.preFilter(state, pod, snapshot)
            if s.code == .skip {
                skipped.insert(p.name)
                continue
            }
            if s.isSuccess { continue }
            var failed = s
            failed.plugin = p.name
            return failed
        }
        state.filters = skipped.isEmpty ? filters : filters.filter { !skipped.contains($0.name) }
        return .success
    }

    /// Runs the cycle's filters in order; the first rejection is the node's status, as upstream.
    public func runFilters(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> PluginStatus {
        for f in state.filters ?? filters {
            let s = f.filter(state, pod, node)
            if !s.isSuccess { return s }
        }
        return .success
    }

    /// Whether any plugin in `plugins` registered for `event` (unknown plugin set: always).
    public func mayHelp(_ event: ClusterEvent, plugins: Set<String>) -> Bool {
        if plugins.isEmpty || event == .unschedulableTimeout || event == .forceActivate { return true }
        for f in filters where plugins.contains(f.name) && f.events.contains(event) { return true }
        for p in preFilters where plugins.contains(p.name) && p.events.contains(event) { return true }
        return false
    }
}
