import KubeAPI

/// Upstream's DefaultPreemption PostFilter: when a pod fits nowhere, find a node where
/// evicting lower-priority pods makes it fit, evicting as few and as unimportant pods as possible.
///
/// Per candidate node: remove every lower-priority pod; if the pod still does not fit, the
/// node is out. Otherwise add victims back from the most important down, keeping each one
/// whose return still lets the pod fit (the reprieve). Among candidates pick, in order: the
/// lowest highest-victim priority, the lowest priority sum, the fewest victims, the latest
/// start of the most important victims, then the first. PodDisruptionBudgets are not consulted.
public struct DefaultPreemption: Sendable {
    public static let notHelpful = "Preemption is not helpful for scheduling"
    public static let noVictims = "No preemption victims found for incoming pod"

    public let profile: Profile
    /// Candidate search stops after max(10% of nodes, 100) candidates (upstream's defaults).
    public var minCandidateNodesPercentage = 10
    public var minCandidateNodesAbsolute = 100

    public init(profile: Profile) {
        self.profile = profile
    }

    public struct Candidate: Hashable, Sendable {
        public var node: String
        /// Pods to evict, most important first.
        public var victims: [PodInfo]

        public static func == (a: Candidate, b: Candidate) -> Bool { a.node == b.node && a.victims.map(\.key) == b.victims.map(\.key) }
        public func hash(into h: inout Hasher) {
            h.combine(node)
            h.combine(victims.map(\.key))
        }
    }

    public enum Outcome: Sendable {
        case preempt(Candidate)
        /// The `preemption: …` text for the FailedScheduling message (without the prefix).
        case notPossible(String)
    }

    public func eligible(_ pod: PodInfo, _ snapshot: Snapshot, _ fitError: FitError) -> String? {
        if pod.pod.spec.preemptionPolicy == "Never" { return "not eligible due to preemptionPolicy=Never." }
        if let nominated = pod.pod.status.nominatedNodeName, !nominated.isEmpty {
            if fitError.nodeStatuses[nominated]?.code == .unschedulableAndUnresolvable { return nil }
            if let info = snapshot.get(nominated), info.pods.contains(where: { $0.priority < pod.priority && $0.isTerminating }) {
                return "not eligible due to a terminating pod on the nominated node."
            }
        }
        return nil
    }

    public func preempt(_ pod: PodInfo, _ snapshot: Snapshot, _ fitError: FitError, nominatedPods: [String: [PodInfo]] = [:]) -> Outcome {
        if let reason = eligible(pod, snapshot, fitError) { return .notPossible(reason) }
        var statuses: [String: PluginStatus] = [:]
        var potential: [NodeInfo] = []
        for node in snapshot.nodes {
            if fitError.nodeStatuses[node.name]?.code == .unschedulableAndUnresolvable {
                statuses[node.name] = .unresolvable(Self.notHelpful)
            } else {
                potential.append(node)
            }
        }
        let wanted = min(max(snapshot.count * minCandidateNodesPercentage / 100, minCandidateNodesAbsolute), potential.count)
        var candidates: [Candidate] = []
        for node in potential where candidates.count < wanted {
            switch selectVictims(pod, node, snapshot, nominatedPods: nominatedPods) {
            case .success(let victims): candidates.append(Candidate(node: node.name, victims: victims))
            case .failure(let rejection): statuses[node.name] = rejection.status
            }
        }
        guard let best = Self.pickOne(candidates) else {
            let message = FitError(pod: pod.key, numAllNodes: snapshot.count, nodeStatuses: statuses).message
            return .notPossible(message)
        }
        return .preempt(best)
    }

    struct Rejection: Error { var status: PluginStatus }

    /// Minimal victims on one node, or why there are none.
    func selectVictims(_ pod: PodInfo, _ node: NodeInfo, _ snapshot: Snapshot, nominatedPods: [String: [PodInfo]]) -> Result<[PodInfo], Rejection> {
        let info = node.clone()
        var potential = info.pods.filter { $0.priority < pod.priority }
        guard !potential.isEmpty else { return .failure(Rejection(status: .unresolvable(Self.noVictims))) }
        for p in potential { info.removePod(key: p.key) }
        let algorithm = SchedulingAlgorithm(profile: profile)
        algorithm.nominatedThisCycle = nominatedPods
        func fits() -> PluginStatus {
            let state = CycleState()
            let pre = profile.runPreFilters(state, pod, snapshot.replacing(info))
            if !pre.isSuccess { return pre }
            return algorithm.runFilters(state, pod, info)
        }
        let all = fits()
        if !all.isSuccess { return .failure(Rejection(status: all)) }
        potential.sort(by: Self.moreImportant)
        var victims: [PodInfo] = []
        for p in potential {
            info.addPod(p)
            if !fits().isSuccess {
                info.removePod(key: p.key)
                victims.append(p)
            }
        }
        return .success(victims)
    }

    /// Upstream `MoreImportantPod`: higher priority, then the one that started earlier.
    static func moreImportant(_ a: PodInfo, _ b: PodInfo) -> Bool {
        if a.priority != b.priority { return a.priority > b.priority }
        let ta = a.startTime?.secondsSince1970 ?? Int64.max
        let tb = b.startTime?.secondsSince1970 ?? Int64.max
        return ta < tb
    }

    static func pickOne(_ candidates: [Candidate]) -> Candidate? {
        guard !candidates.isEmpty else { return nil }
        var pool = candidates
        func keepMin(_ f: (Candidate) -> Int64) {
            let m = pool.map(f).min()!
            pool = pool.filter { f($0) == m }
        }
        keepMin { Int64($0.victims.map(\.priority).max() ?? Int32.min) }
        keepMin { c in c.victims.reduce(Int64(0)) { $0 + Int64($1.priority) + Int64(Int32.max) + 1 } }
        keepMin { Int64($0.victims.count) }
        // Latest "earliest start among the highest-priority victims" wins.
        keepMin { c in
            let top = c.victims.map(\.priority).max() ?? 0
            let earliest = c.victims.filter { $0.priority == top }.compactMap { $0.startTime?.secondsSince1970 }.min() ?? 0
            return -earliest
        }
        return pool.first
    }
}
