import KubeAPI

/// A node and the pods on it, with the totals the filters read (upstream `framework.NodeInfo`).
///
/// A reference type so a snapshot of thousands of nodes is cheap to hand around. Ownership
/// rule (why `@unchecked Sendable` holds): the cache mutates only its own instances, under its
/// lock; snapshots and preemption get `clone()`s, which nobody mutates once published.
///
/// Layout: the fields every pod's filters and scores read on every node come first and
/// together, the Node object (large, stored inline) last. Scheduling one pod visits hundreds
/// of nodes whose memory other work has evicted from the caches since the last pod, so the
/// number of cache lines touched per node is what the filters cost.
public final class NodeInfo: @unchecked Sendable {
    public private(set) var unschedulable = false
    /// `pods.count`, kept beside the totals so the pod-count check does not load the array.
    public private(set) var podCount = 0
    public private(set) var allocatable = Resource()
    public private(set) var requested = Resource()
    public private(set) var nonZeroRequested = Resource()
    public private(set) var taints: [Taint] = []
    public let name: String
    public private(set) var labels: [String: String] = [:]
    /// image name → size in bytes, from node.status.images.
    public private(set) var images: [String: Int64] = [:]

    public private(set) var pods: [PodInfo] = [] {
        didSet { podCount = pods.count }
    }
    public private(set) var podsWithAffinity: [PodInfo] = []
    public private(set) var podsWithRequiredAntiAffinity: [PodInfo] = []
    public private(set) var usedPorts = HostPortSet()
    public private(set) var node: Node?
    /// Bumped on every change; snapshots compare it.
    public internal(set) var generation: Int64 = 0

    public init(name: String) {
        self.name = name
    }

    public convenience init(node: Node, pods: [PodInfo] = []) {
        self.init(name: node.metadata.name ?? "")
        setNode(node)
        for p in pods { addPod(p) }
    }

    public func setNode(_ node: Node?) {
        self.node = node
        labels = node?.metadata.labels ?? [:]
        taints = node?.spec.taints ?? []
        unschedulable = node?.spec.unschedulable ?? false
        allocatable = Resource(node?.status.allocatable)
        var images: [String: Int64] = [:]
        for image in node?.status.images ?? [] {
            for name in image.names { images[name] = image.sizeBytes ?? 0 }
        }
        self.images = images
    }

    public func addPod(_ pod: PodInfo) {
        pods.append(pod)
        if pod.hasAffinityConstraints { podsWithAffinity.append(pod) }
        if pod.hasRequiredAntiAffinity { podsWithRequiredAntiAffinity.append(pod) }
        requested.add(pod.requests)
        nonZeroRequested.milliCPU += pod.nonZeroRequests.milliCPU
        nonZeroRequested.memory += pod.nonZeroRequests.memory
        for p in pod.hostPorts { usedPorts.add(p) }
    }

    /// Removes the pod with `key`; false when it is not on this node.
    @discardableResult
    public func removePod(key: String) -> Bool {
        guard let i = pods.firstIndex(where: { $0.key == key }) else { return false }
        let pod = pods.remove(at: i)
        if pod.hasAffinityConstraints { podsWithAffinity.removeAll { $0.key == key } }
        if pod.hasRequiredAntiAffinity { podsWithRequiredAntiAffinity.removeAll { $0.key == key } }
        requested.subtract(pod.requests)
        nonZeroRequested.milliCPU -= pod.nonZeroRequests.milliCPU
        nonZeroRequested.memory -= pod.nonZeroRequests.memory
        for p in pod.hostPorts { usedPorts.remove(p) }
        return true
    }

    public func clone() -> NodeInfo {
        let c = NodeInfo(name: name)
        c.node = node
        c.labels = labels
        c.taints = taints
        c.unschedulable = unschedulable
        c.allocatable = allocatable
        c.images = images
        c.pods = pods
        c.podsWithAffinity = podsWithAffinity
        c.podsWithRequiredAntiAffinity = podsWithRequiredAntiAffinity
        c.requested = requested
        c.nonZeroRequested = nonZeroRequested
        c.usedPorts = usedPorts
        c.generation = generation
        return c
    }
}
