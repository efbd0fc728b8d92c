// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

public struct Affinity: Codable, Hashable, Sendable {
    public var nodeAffinity: NodeAffinity?
    public var podAffinity: PodAffinity?
    public var podAntiAffinity: PodAntiAffinity?

    public init(
        nodeAffinity: NodeAffinity? = nil,
        podAffinity: PodAffinity? = nil,
        podAntiAffinity: PodAntiAffinity? = nil
    ) {
        self.nodeAffinity = nodeAffinity
        self.podAffinity = podAffinity
        self.podAntiAffinity = podAntiAffinity
    }
}

public struct NodeAffinity: Codable, Hashable, Sendable {
    public var requiredDuringSchedulingIgnoredDuringExecution: NodeSelector?
    public var preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm]?

    public init(requiredDuringSchedulingIgnoredDuringExecution: NodeSelector? = nil, preferredDuringSchedulingIgnoredDuringExecution: [PreferredSchedulingTerm]? = nil) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }
}

/// Terms are ORed; the requirements inside one term are ANDed.
public struct NodeSelector: Codable, Hashable, Sendable {
    public var nodeSelectorTerms: [NodeSelectorTerm]

    public init(nodeSelectorTerms: [NodeSelectorTerm] = []) {
        self.nodeSelectorTerms = nodeSelectorTerms
    }

    enum CodingKeys: String, CodingKey {
        case nodeSelectorTerms
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.nodeSelectorTerms = try c.decodeIfPresent([NodeSelectorTerm].self, forKey: .nodeSelectorTerms) ?? []
    }
}

public struct NodeSelectorTerm: Codable, Hashable, Sendable {
    public var matchExpressions: [NodeSelectorRequirement]?
    public var matchFields: [NodeSelectorRequirement]?

    public init(matchExpressions: [NodeSelectorRequirement]? = nil, matchFields: [NodeSelectorRequirement]? = nil) {
        self.matchExpressions = matchExpressions
        self.matchFields = matchFields
    }
}

public struct NodeSelectorRequirement: Codable, Hashable, Sendable {
    public var key: String
    /// In, NotIn, Exists, DoesNotExist, Gt, Lt.
    public var `operator`: String
    public var values: [String]?

    public init(
        key: String = "",
        `operator`: String = "",
        values: [String]? = nil
    ) {
        self.key = key
        self.`operator` = `operator`
        self.values = values
    }

    enum CodingKeys: String, CodingKey {
        case key
        case `operator`
        case values
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
        self.`operator` = try c.decodeIfPresent(String.self, forKey: .`operator`) ?? ""
        self.values = try c.decodeIfPresent([String].self, forKey: .values)
    }
}

public struct PreferredSchedulingTerm: Codable, Hashable, Sendable {
    public var weight: Int32
    public var preference: NodeSelectorTerm

    public init(weight: Int32 = 0, preference: NodeSelectorTerm = NodeSelectorTerm()) {
        self.weight = weight
        self.preference = preference
    }

    enum CodingKeys: String, CodingKey {
        case weight
        case preference
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.weight = try c.decodeIfPresent(Int32.self, forKey: .weight) ?? 0
        self.preference = try c.decodeIfPresent(NodeSelectorTerm.self, forKey: .preference) ?? NodeSelectorTerm()
    }
}

public struct PodAffinity: Codable, Hashable, Sendable {
    public var requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]?
    public var preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]?

    public init(requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]? = nil, preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]? = nil) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }
}

public struct PodAntiAffinity: Codable, Hashable, Sendable {
    public var requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]?
    public var preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]?

    public init(requiredDuringSchedulingIgnoredDuringExecution: [PodAffinityTerm]? = nil, preferredDuringSchedulingIgnoredDuringExecution: [WeightedPodAffinityTerm]? = nil) {
        self.requiredDuringSchedulingIgnoredDuringExecution = requiredDuringSchedulingIgnoredDuringExecution
        self.preferredDuringSchedulingIgnoredDuringExecution = preferredDuringSchedulingIgnoredDuringExecution
    }
}

public struct PodAffinityTerm: Codable, Hashable, Sendable {
    public var labelSelector: LabelSelector?
    public var namespaces: [String]?
    public var topologyKey: String
    public var namespaceSelector: LabelSelector?
    public var matchLabelKeys: [String]?
    public var mismatchLabelKeys: [String]?

    public init(
        labelSelector: LabelSelector? = nil,
        namespaces: [String]? = nil,
        topologyKey: String = "",
        namespaceSelector: LabelSelector? = nil,
        matchLabelKeys: [String]? = nil,
        mismatchLabelKeys: [String]? = nil
    ) {
        self.labelSelector = labelSelector
        self.namespaces = namespaces
        self.topologyKey = topologyKey
        self.namespaceSelector = namespaceSelector
        self.matchLabelKeys = matchLabelKeys
        self.mismatchLabelKeys = mismatchLabelKeys
    }

    enum CodingKeys: String, CodingKey {
        case labelSelector
        case namespaces
        case topologyKey
        case namespaceSelector
        case matchLabelKeys
        case mismatchLabelKeys
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.labelSelector = try c.decodeIfPresent(LabelSelector.self, forKey: .labelSelector)
        self.namespaces = try c.decodeIfPresent([String].self, forKey: .namespaces)
        self.topologyKey = try c.decodeIfPresent(String.self, forKey: .topologyKey) ?? ""
        self.namespaceSelector = try c.decodeIfPresent(LabelSelector.self, forKey: .namespaceSelector)
        self.matchLabelKeys = try c.decodeIfPresent([String].self, forKey: .matchLabelKeys)
        self.mismatchLabelKeys = try c.decodeIfPresent([String].self, forKey: .mismatchLabelKeys)
    }
}

public struct WeightedPodAffinityTerm: Codable, Hashable, Sendable {
    public var weight: Int32
    public var podAffinityTerm: PodAffinityTerm

    public init(weight: Int32 = 0, podAffinityTerm: PodAffinityTerm = PodAffinityTerm()) {
        self.weight = weight
        self.podAffinityTerm = podAffinityTerm
    }

    enum CodingKeys: String, CodingKey {
        case weight
        case podAffinityTerm
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.weight = try c.decodeIfPresent(Int32.self, forKey: .weight) ?? 0
        self.podAffinityTerm = try c.decodeIfPresent(PodAffinityTerm.self, forKey: .podAffinityTerm) ?? PodAffinityTerm()
    }
}

/// Lets a pod run on a node with a matching taint.
public struct Toleration: Codable, Hashable, Sendable {
    public var key: String?
    /// Exists or Equal (the default).
    public var `operator`: String?
    public var value: String?
    /// NoSchedule, PreferNoSchedule, NoExecute; empty matches all.
    public var effect: String?
    public var tolerationSeconds: Int64?

    public init(
        key: String? = nil,
        `operator`: String? = nil,
        value: String? = nil,
        effect: String? = nil,
        tolerationSeconds: Int64? = nil
    ) {
        self.key = key
        self.`operator` = `operator`
        self.value = value
        self.effect = effect
        self.tolerationSeconds = tolerationSeconds
    }

    enum CodingKeys: String, CodingKey {
        case key
        case `operator`
        case value
        case effect
        case tolerationSeconds
    }
}

public struct TopologySpreadConstraint: Codable, Hashable, Sendable {
    public var maxSkew: Int32
    public var topologyKey: String
    /// DoNotSchedule or ScheduleAnyway.
    public var whenUnsatisfiable: String
    public var labelSelector: LabelSelector?
    public var minDomains: Int32?
    public var nodeAffinityPolicy: String?
    public var nodeTaintsPolicy: String?
    public var matchLabelKeys: [String]?

    public init(
        maxSkew: Int32 = 0,
        topologyKey: String = "",
        whenUnsatisfiable: String = "",
        labelSelector: LabelSelector? = nil,
        minDomains: Int32? = nil,
        nodeAffinityPolicy: String? = nil,
        nodeTaintsPolicy: String? = nil,
        matchLabelKeys: [String]? = nil
    ) {
        self.maxSkew = maxSkew
        self.topologyKey = topologyKey
        self.whenUnsatisfiable = whenUnsatisfiable
        self.labelSelector = labelSelector
        self.minDomains = minDomains
        self.nodeAffinityPolicy = nodeAffinityPolicy
        self.nodeTaintsPolicy = nodeTaintsPolicy
        self.matchLabelKeys = matchLabelKeys
    }

    enum CodingKeys: String, CodingKey {
        case maxSkew
        case topologyKey
        case whenUnsatisfiable
        case labelSelector
        case minDomains
        case nodeAffinityPolicy
        case nodeTaintsPolicy
        case matchLabelKeys
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.maxSkew = try c.decodeIfPresent(Int32.self, forKey: .maxSkew) ?? 0
        self.topologyKey = try c.decodeIfPresent(String.self, forKey: .topologyKey) ?? ""
        self.whenUnsatisfiable = try c.decodeIfPresent(String.self, forKey: .whenUnsatisfiable) ?? ""
        self.labelSelector = try c.decodeIfPresent(LabelSelector.self, forKey: .labelSelector)
        self.minDomains = try c.decodeIfPresent(Int32.self, forKey: .minDomains)
        self.nodeAffinityPolicy = try c.decodeIfPresent(String.self, forKey: .nodeAffinityPolicy)
        self.nodeTaintsPolicy = try c.decodeIfPresent(String.self, forKey: .nodeTaintsPolicy)
        self.matchLabelKeys = try c.decodeIfPresent([String].self, forKey: .matchLabelKeys)
    }
}
