import KubeAPI

/// Where a pod goes: filter the nodes, score the feasible ones, pick the best
/// (upstream `schedulePod`, `findNodesThatFitPod`, `prioritizeNodes`, `selectHost`).
///
/// Not thread-safe: owned by the one scheduling loop (it remembers where the last search stopped).
public final class SchedulingAlgorithm {
    public let profile: Profile
    /// nil: upstream's adaptive percentage (50% minus 1% per 125 nodes, at least 5%, at least 100 nodes).
    public var percentageOfNodesToScore: Int?
    /// Pods nominated to nodes by preemption (node → pods), which filters count as already
    /// there; read once per cycle.
    public var nominatedPods: () -> [String: [PodInfo]] = { [:] }
    var nominatedThisCycle: [String: [PodInfo]] = [:]
    var nextStartNodeIndex = 0
    var random: (Int) -> Int

    /// `random(n)` is uniform in 0..<n; the default is a SplitMix64 seeded once, since the
    /// system generator costs a getrandom call per tie.
    public init(profile: Profile, percentageOfNodesToScore: Int? = nil, random: ((Int) -> Int)? = nil) {
        self.profile = profile
        self.percentageOfNodesToScore = percentageOfNodesToScore
        if let random {
            self.random = random
        } else {
            var state = UInt64.random(in: 0...UInt64.max)
            self.random = { n in
                state &+= 0x9E37_79B9_7F4A_7C15
                var z = state
                z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
                z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
                return Int((z ^ (z >> 31)) % UInt64(n))
            }
        }
    }

    public struct Result: Hashable, Sendable {
        public var node: String
        public var evaluatedNodes: Int
        public var feasibleNodes: Int
    }

    public enum Failure: Error, Sendable {
        case noNodes
        case unfit(FitError)
    }

    static let minFeasibleNodesToFind = 100
    static let minFeasibleNodesPercentageToFind = 5

    public func numFeasibleNodesToFind(_ all: Int) -> Int {
        if all < Self.minFeasibleNodesToFind { return all }
        var percentage = percentageOfNodesToScore ?? 0
        if percentage == 0 { percentage = max(50 - all / 125, Self.minFeasibleNodesPercentageToFind) }
        let n = all * percentage / 100
        return max(n, Self.minFeasibleNodesToFind)
    }

    public func schedule(_ pod: PodInfo, _ snapshot: Snapshot) throws(Failure) -> Result {
        guard snapshot.count > 0 else { throw .noNodes }
        let state = CycleState()
        nominatedThisCycle = nominatedPods()
        let preFilter = profile.runPreFilters(state, pod, snapshot)
        if !preFilter.isSuccess {
            var statuses: [String: PluginStatus] = [:]
            for n in snapshot.nodes { statuses[n.name] = preFilter }
            throw .unfit(FitError(pod: pod.key, numAllNodes: snapshot.count, nodeStatuses: statuses, preFilterMessage: preFilter.message))
        }
        // A pod that preemption nominated tries its nominated node first.
        if let nominated = pod.pod.status.nominatedNodeName, !nominated.isEmpty, let info = snapshot.get(nominated),
            runFilters(state, pod, info).isSuccess
        {
            return Result(node: nominated, evaluatedNodes: 1, feasibleNodes: 1)
        }
        let (feasible, statuses, evaluated) = findFeasible(state, pod, snapshot)
        if feasible.isEmpty {
            throw .unfit(FitError(pod: pod.key, numAllNodes: snapshot.count, nodeStatuses: statuses))
        }
        if feasible.count == 1 { return Result(node: feasible[0].name, evaluatedNodes: evaluated, feasibleNodes: 1) }
        let scores = prioritize(state, pod, feasible, snapshot)
        return Result(node: selectHost(scores), evaluatedNodes: evaluated, feasibleNodes: feasible.count)
    }

    /// Filters nodes round-robin from where the last pod stopped, until enough are feasible.
    func findFeasible(_ state: CycleState, _ pod: PodInfo, _ snapshot: Snapshot) -> ([NodeInfo], [String: PluginStatus], Int) {
        let all = snapshot.count
        let want = numFeasibleNodesToFind(all)
        var feasible: [NodeInfo] = []
        feasible.reserveCapacity(want)
        var statuses: [String: PluginStatus] = [:]
        var processed = 0
        let start = nextStartNodeIndex % all
        while processed < all && feasible.count < want {
            let info = snapshot.nodes[(start + processed) % all]
            processed += 1
            let s = runFilters(state, pod, info)
            if s.isSuccess { feasible.append(info) } else { statuses[info.name] = s }
        }
        nextStartNodeIndex = (start + processed) % all
        return (feasible, statuses, processed)
    }

    /// Upstream `RunFilterPluginsWithNominatedPods`: with higher-or-equal priority pods
    /// nominated to the node counted as present, then without them; both must pass.
    func runFilters(_ state: CycleState, _ pod: PodInfo, _ info: NodeInfo) -> PluginStatus {
        if !nominatedThisCycle.isEmpty, let candidates = nominatedThisCycle[info.name] {
            let nominated = candidates.filter { $0.key != pod.key && $0.priority >= pod.priority }
            if nominated.isEmpty { return profile.runFilters(state, pod, info) }
            let withNominated = info.clone()
            for p in nominated { withNominated.addPod(p) }
            let s = profile.runFilters(state, pod, withNominated)
            if !s.isSuccess { return s }
        }
        return profile.runFilters(state, pod, info)
    }

    /// Weighted sum of the normalised scores of every plugin that did not skip.
    public func prioritize(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo], _ snapshot: Snapshot) -> [NodeScore] {
        var totals = nodes.map { NodeScore(name: $0.name, score: 0) }
        for scorer in profile.scorers {
            let plugin = scorer.plugin
            if plugin.preScore(state, pod, nodes, snapshot).code == .skip { continue }
            var scores = nodes.map { NodeScore(name: $0.name, score: plugin.score(state, pod, $0)) }
            plugin.normalize(state, pod, &scores)
            for i in scores.indices { totals[i].score += scores[i].score * scorer.weight }
        }
        return totals
    }

    /// The highest score; ties broken uniformly at random (reservoir sampling, as upstream).
    func selectHost(_ scores: [NodeScore]) -> String {
        var best = scores[0]
        var ties = 1
        for s in scores.dropFirst() {
            if s.score > best.score {
                best = s
                ties = 1
            } else if s.score == best.score {
                ties += 1
                if random(ties) == 0 { best = s }
            }
        }
        return best.name
    }
}
