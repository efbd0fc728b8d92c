import KubeAPI

/// Filter: the pod's requests (cpu, memory, ephemeral-storage, extended resources, one pod
/// slot) fit in what the node's allocatable leaves after the pods already there.
/// Score (LeastAllocated): the free fraction after placing the pod, cpu and memory weighted 1:1,
/// counting containers without requests at 100m / 200Mi as upstream does.
public struct NodeResourcesFit: FilterPlugin, ScorePlugin {
    public static let name = "NodeResourcesFit"

    public struct ResourceWeight: Hashable, Sendable {
        public var name: String
        public var weight: Int64
        public init(_ name: String, weight: Int64 = 1) {
            self.name = name
            self.weight = weight
        }
    }

    public var name: String { Self.name }
    public var events: Set<ClusterEvent> { [.nodeAdded, .nodeAllocatableChanged, .assignedPodDeleted, .assignedPodUpdated] }
    public var scoringResources: [ResourceWeight]

    public init(scoringResources: [ResourceWeight] = [.init(ResourceName.cpu), .init(ResourceName.memory)]) {
        self.scoringResources = scoringResources
    }

    /// The reasons a node cannot hold the pod, in upstream's order; empty when it fits.
    public static func insufficientResources(_ pod: PodInfo, _ node: NodeInfo) -> [String] {
        // Field by field rather than copies of the three `Resource`s: this runs for every node
        // the scheduler filters, and a copy retains each one's `scalar` dictionary.
        var reasons: [String] = []
        if Int64(node.podCount) + 1 > node.allocatable.allowedPodNumber { reasons.append("Too many pods") }
        if pod.requests.isZero { return reasons }
        let cpu = pod.requests.milliCPU, memory = pod.requests.memory, storage = pod.requests.ephemeralStorage
        if cpu > 0 && cpu > node.allocatable.milliCPU - node.requested.milliCPU { reasons.append("Insufficient cpu") }
        if memory > 0 && memory > node.allocatable.memory - node.requested.memory { reasons.append("Insufficient memory") }
        if storage > 0 && storage > node.allocatable.ephemeralStorage - node.requested.ephemeralStorage {
            reasons.append("Insufficient ephemeral-storage")
        }
        if !pod.requests.scalar.isEmpty {
            let have = node.allocatable, used = node.requested
            for (name, amount) in pod.requests.scalar.sorted(by: { $0.key < $1.key }) where amount > 0 && amount > have[name] - used[name] {
                reasons.append("Insufficient \(name)")
            }
        }
        return reasons
    }

    public func filter(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> PluginStatus {
        let reasons = Self.insufficientResources(pod, node)
        return reasons.isEmpty ? .success : PluginStatus(.unschedulable, reasons, plugin: name)
    }

    public func score(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Int64 {
        var nodeScore: Int64 = 0
        var weightSum: Int64 = 0
        for r in scoringResources {
            let (allocatable, requested) = Self.allocatableAndRequested(r.name, pod, node, useRequested: false)
            if allocatable == 0 { continue }
            nodeScore += Self.leastRequestedScore(requested: requested, capacity: allocatable) * r.weight
            weightSum += r.weight
        }
        return weightSum == 0 ? 0 : nodeScore / weightSum
    }

    /// `(capacity - requested) * 100 / capacity`, 0 when over capacity.
    public static func leastRequestedScore(requested: Int64, capacity: Int64) -> Int64 {
        if capacity == 0 || requested > capacity { return 0 }
        return (capacity - requested) * maxNodeScore / capacity
    }

    /// Upstream `calculateResourceAllocatableRequest`: the node's allocatable and what it would
    /// have requested with the pod on it. `useRequested` false counts the non-zero defaults.
    static func allocatableAndRequested(_ resource: String, _ pod: PodInfo, _ node: NodeInfo, useRequested: Bool) -> (Int64, Int64) {
        let podRequest = useRequested ? pod.requests[resource] : pod.nonZeroRequests[resource]
        if podRequest == 0 && ResourceName.isScalar(resource) { return (0, 0) }
        switch resource {
        case ResourceName.cpu, ResourceName.memory:
            let base = useRequested ? node.requested[resource] : node.nonZeroRequested[resource]
            return (node.allocatable[resource], base + podRequest)
        default:
            return (node.allocatable[resource], node.requested[resource] + podRequest)
        }
    }
}
