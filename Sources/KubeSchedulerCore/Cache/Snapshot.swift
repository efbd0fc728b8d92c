import KubeAPI

/// The cluster as one scheduling cycle sees it: read-only NodeInfos taken from the cache
/// (upstream `internal/cache.Snapshot`). Updated incrementally by `SchedulerCache.updateSnapshot`.
public struct Snapshot: Sendable {
    public internal(set) var nodes: [NodeInfo] = []
    var index: [String: Int] = [:]
    public internal(set) var havePodsWithAffinity: [NodeInfo] = []
    public internal(set) var havePodsWithRequiredAntiAffinity: [NodeInfo] = []
    /// image name → number of nodes that have it (ImageLocality's spread).
    public internal(set) var imageNodeCounts: [String: Int] = [:]
    public internal(set) var namespaceLabels: [String: [String: String]] = [:]
    /// Which cache consumer slot this snapshot follows; nil until first updated.
    var consumer: Int?

    public init() {}

    /// A snapshot of plain NodeInfos (tests, the algorithm benchmark).
    public init(nodes: [NodeInfo], namespaceLabels: [String: [String: String]] = [:]) {
        self.nodes = nodes
        self.namespaceLabels = namespaceLabels
        reindex()
    }

    public func get(_ name: String) -> NodeInfo? { index[name].map { nodes[$0] } }

    public var count: Int { nodes.count }

    mutating func reindex() {
        index = [:]
        index.reserveCapacity(nodes.count)
        for (i, n) in nodes.enumerated() { index[n.name] = i }
        refreshAffinityLists()
        var counts: [String: Int] = [:]
        for n in nodes { for image in n.images.keys { counts[image, default: 0] += 1 } }
        imageNodeCounts = counts
    }

    mutating func refreshAffinityLists() {
        havePodsWithAffinity = nodes.filter { !$0.podsWithAffinity.isEmpty }
        havePodsWithRequiredAntiAffinity = nodes.filter { !$0.podsWithRequiredAntiAffinity.isEmpty }
    }

    /// The same snapshot with one node's info replaced (preemption's what-if).
    func replacing(_ info: NodeInfo) -> Snapshot {
        var copy = self
        guard let i = index[info.name] else { return copy }
        let old = copy.nodes[i]
        copy.nodes[i] = info
        if !old.podsWithAffinity.isEmpty || !info.podsWithAffinity.isEmpty { copy.refreshAffinityLists() }
        return copy
    }
}
