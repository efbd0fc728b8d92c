/// Everything one service port contributes to the rule set: lines in the shared top-level
/// chains, and its own chains (KUBE-SVC/SVL/EXT/SEP) in nat.
public struct ServicePortRules: Hashable, Sendable {
    public var natServices: [String] = []
    public var natNodePorts: [String] = []
    public var filterServices: [String] = []
    public var filterExternalServices: [String] = []
    public var natChains: [Chain] = []

    public init() {}
}

extension ServicePortRules {
    var hasTopLevelLines: Bool {
        !natServices.isEmpty || !natNodePorts.isEmpty || !filterServices.isEmpty || !filterExternalServices.isEmpty
    }

    /// Whether `other` puts the same lines in the shared top-level chains (nil: none).
    func sameTopLevelLines(as other: ServicePortRules?) -> Bool {
        guard let other else { return !hasTopLevelLines }
        return natServices == other.natServices && natNodePorts == other.natNodePorts
            && filterServices == other.filterServices && filterExternalServices == other.filterExternalServices
    }
}
