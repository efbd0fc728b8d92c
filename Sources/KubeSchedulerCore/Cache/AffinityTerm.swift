import KubeAPI

/// A pod (anti-)affinity term compiled against the pod that declares it, as upstream's
/// `framework.AffinityTerm`: no namespaces and no namespace selector mean the pod's own namespace.
public struct AffinityTerm: Hashable, Sendable {
    public var selector: LabelMatcher
    public var namespaces: Set<String>
    /// nil: only `namespaces` count; `.everything` (`{}`): all namespaces.
    public var namespaceSelector: LabelMatcher?
    public var topologyKey: String
    public var weight: Int64

    public init(_ term: PodAffinityTerm, owner: Pod, weight: Int64 = 0) {
        let labels = owner.metadata.labels ?? [:]
        selector = LabelMatcher(term.labelSelector).adding(
            matchLabelKeys: term.matchLabelKeys, mismatchLabelKeys: term.mismatchLabelKeys, from: labels)
        namespaces = Set(term.namespaces ?? [])
        namespaceSelector = term.namespaceSelector.map { LabelMatcher($0) }
        if namespaces.isEmpty && namespaceSelector == nil { namespaces = [owner.metadata.namespace ?? "default"] }
        topologyKey = term.topologyKey
        self.weight = weight
    }

    /// Whether `pod` is one this term selects. Namespace labels come from the snapshot;
    /// a namespace the scheduler has not seen matches only an empty (`{}`) namespace selector.
    public func matches(_ pod: PodInfo, namespaceLabels: [String: [String: String]]) -> Bool {
        if !namespaces.contains(pod.namespace) {
            guard let namespaceSelector else { return false }
            if !namespaceSelector.isEverything && !namespaceSelector.matches(namespaceLabels[pod.namespace] ?? [:]) { return false }
        }
        return selector.matches(pod.labels)
    }
}
