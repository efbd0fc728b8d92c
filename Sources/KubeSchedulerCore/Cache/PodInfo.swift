import KubeAPI

/// A pod with everything the plugins derive from it computed once (upstream
/// `framework.PodInfo`): requests, host ports, compiled affinity terms, resolved priority.
/// Immutable; a changed pod is a new PodInfo.
public final class PodInfo: Sendable {
    public let pod: Pod
    /// `namespace/name`, the key the cache and queue use.
    public let key: String
    public let namespace: String
    public let name: String
    public let uid: String
    public let labels: [String: String]
    public let nodeName: String
    /// spec.priority, or the PriorityClass value the caller resolved, or 0.
    public let priority: Int32
    public let requests: Resource
    /// Requests with the scoring defaults for containers that name no cpu or memory.
    public let nonZeroRequests: Resource
    public let hostPorts: [HostPort]
    public let requiredAffinityTerms: [AffinityTerm]
    public let requiredAntiAffinityTerms: [AffinityTerm]
    public let preferredAffinityTerms: [AffinityTerm]
    public let preferredAntiAffinityTerms: [AffinityTerm]
    public let isTerminating: Bool
    /// Image names of init and app containers, normalised as ImageLocality compares them.
    public let images: [String]
    /// The hard node constraints, copied out of the spec so per-node checks stay cheap.
    public let nodeSelector: [String: String]?
    public let requiredNodeAffinity: NodeSelector?
    public let tolerations: [Toleration]

    public init(_ pod: Pod, priority: Int32? = nil) {
        self.pod = pod
        namespace = pod.metadata.namespace ?? "default"
        name = pod.metadata.name ?? ""
        key = namespace + "/" + name
        uid = pod.metadata.uid ?? ""
        labels = pod.metadata.labels ?? [:]
        nodeName = pod.spec.nodeName ?? ""
        self.priority = pod.spec.priority ?? priority ?? 0
        requests = PodRequests.compute(pod.spec)
        nonZeroRequests = PodRequests.compute(pod.spec, nonZero: true)
        hostPorts = HostPort.of(pod.spec)
        let affinity = pod.spec.affinity
        requiredAffinityTerms = (affinity?.podAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map { AffinityTerm($0, owner: pod) }
        requiredAntiAffinityTerms = (affinity?.podAntiAffinity?.requiredDuringSchedulingIgnoredDuringExecution ?? []).map { AffinityTerm($0, owner: pod) }
        preferredAffinityTerms = (affinity?.podAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map {
            AffinityTerm($0.podAffinityTerm, owner: pod, weight: Int64($0.weight))
        }
        preferredAntiAffinityTerms = (affinity?.podAntiAffinity?.preferredDuringSchedulingIgnoredDuringExecution ?? []).map {
            AffinityTerm($0.podAffinityTerm, owner: pod, weight: Int64($0.weight))
        }
        isTerminating = pod.metadata.deletionTimestamp != nil
        images = ((pod.spec.initContainers ?? []) + pod.spec.containers).map { ImageLocality.normalizedImageName($0.image ?? "") }
        nodeSelector = pod.spec.nodeSelector
        requiredNodeAffinity = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution
        tolerations = pod.spec.tolerations ?? []
    }

    /// `nodeSelector` and required node affinity both hold for a node with these labels.
    public func matchesNode(labels: [String: String], nodeName: String) -> Bool {
        if let nodeSelector {
            for (k, v) in nodeSelector where labels[k] != v { return false }
        }
        if let requiredNodeAffinity { return NodeSelectorMatching.matches(requiredNodeAffinity, labels: labels, nodeName: nodeName) }
        return true
    }

    private init(placing other: PodInfo, on node: String) {
        var copy = other.pod
        copy.spec.nodeName = node
        pod = copy
        key = other.key
        namespace = other.namespace
        name = other.name
        uid = other.uid
        labels = other.labels
        nodeName = node
        priority = other.priority
        requests = other.requests
        nonZeroRequests = other.nonZeroRequests
        hostPorts = other.hostPorts
        requiredAffinityTerms = other.requiredAffinityTerms
        requiredAntiAffinityTerms = other.requiredAntiAffinityTerms
        preferredAffinityTerms = other.preferredAffinityTerms
        preferredAntiAffinityTerms = other.preferredAntiAffinityTerms
        isTerminating = other.isTerminating
        images = other.images
        nodeSelector = other.nodeSelector
        requiredNodeAffinity = other.requiredNodeAffinity
        tolerations = other.tolerations
    }

    /// The same pod placed on `node` (what the cache assumes while binding).
    public func assigned(to node: String) -> PodInfo { PodInfo(placing: self, on: node) }

    public var hasAffinityConstraints: Bool {
        !requiredAffinityTerms.isEmpty || !requiredAntiAffinityTerms.isEmpty
            || !preferredAffinityTerms.isEmpty || !preferredAntiAffinityTerms.isEmpty
    }

    public var hasRequiredAntiAffinity: Bool { !requiredAntiAffinityTerms.isEmpty }

    /// Start time, else creation time: how preemption orders victims of equal priority.
    var startTime: Time? { pod.status.startTime ?? pod.metadata.creationTimestamp }
}
