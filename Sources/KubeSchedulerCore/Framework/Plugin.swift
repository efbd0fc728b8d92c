/// Scheduler plugins, one protocol per extension point (upstream `framework/interface.go`).
/// A plugin adopts the ones it implements; the profile runs them in its configured order.
public protocol Plugin: Sendable {
    var name: String { get }
    /// Cluster events after which a pod this plugin rejected may fit (upstream `EventsToRegister`).
    var events: Set<ClusterEvent> { get }
}

extension Plugin {
    public var events: Set<ClusterEvent> { [] }
}

/// Once per pod before filtering: precompute state, or reject the pod for every node.
public protocol PreFilterPlugin: Plugin {
    func preFilter(_ state: CycleState, _ pod: PodInfo, _ snapshot: Snapshot) -> PluginStatus
}

/// Per node: may the pod run here?
public protocol FilterPlugin: Plugin {
    func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> PluginStatus
}

/// Per node among the feasible ones: how good is it (0…100 after normalisation)?
public protocol ScorePlugin: Plugin {
    /// Once per pod with the feasible nodes; `.skip` leaves this plugin out of the sum.
    func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo], _ snapshot: Snapshot) -> PluginStatus
    func score(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Int64
    /// Maps raw scores to 0…`maxNodeScore`; plugins already in range leave them.
    func normalize(_ state: CycleState, _ pod: PodInfo, _ scores: inout [NodeScore])
}

extension ScorePlugin {
    public func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo], _ snapshot: Snapshot) -> PluginStatus { .success }
    public func normalize(_ state: CycleState, _ pod: PodInfo, _ scores: inout [NodeScore]) {}
}

public struct NodeScore: Hashable, Sendable {
    public var name: String
    public var score: Int64

    public init(name: String, score: Int64) {
        self.name = name
        self.score = score
    }
}

public let maxNodeScore: Int64 = 100

/// Upstream `helper.DefaultNormalizeScore`: scale so the best is `maxNodeScore`;
/// `reverse` makes the lowest raw score the best.
public func defaultNormalizeScore(_ scores: inout [NodeScore], reverse: Bool) {
    let top = scores.map(\.score).max() ?? 0
    if top == 0 {
        if reverse { for i in scores.indices { scores[i].score = maxNodeScore } }
        return
    }
    for i in scores.indices {
        var s = maxNodeScore * scores[i].score / top
        if reverse { s = maxNodeScore - s }
        scores[i].score = s
    }
}
