import KubeAPI

/// A metav1 `LabelSelector` compiled once for repeated matching, as upstream's
/// `metav1.LabelSelectorAsSelector`: nil selects nothing, `{}` everything.
public struct LabelMatcher: Hashable, Sendable {
    enum Operator: Hashable, Sendable { case `in`, notIn, exists, doesNotExist }
    struct Requirement: Hashable, Sendable {
        var key: String
        var op: Operator
        var values: Set<String>
    }

    var requirements: [Requirement]
    var matchesNothing: Bool

    public static let everything = LabelMatcher(requirements: [], matchesNothing: false)
    public static let nothing = LabelMatcher(requirements: [], matchesNothing: true)

    init(requirements: [Requirement], matchesNothing: Bool) {
        self.requirements = requirements
        self.matchesNothing = matchesNothing
    }

    /// An unknown operator makes the selector match nothing (upstream fails the conversion,
    /// and the plugins treat that as no match).
    public init(_ selector: LabelSelector?) {
        guard let selector else {
            self = .nothing
            return
        }
        var reqs: [Requirement] = []
        for (k, v) in (selector.matchLabels ?? [:]).sorted(by: { $0.key < $1.key }) {
            reqs.append(Requirement(key: k, op: .in, values: [v]))
        }
        for e in selector.matchExpressions ?? [] {
            let op: Operator
            switch e.operator {
            case "In": op = .in
            case "NotIn": op = .notIn
            case "Exists": op = .exists
            case "DoesNotExist": op = .doesNotExist
            default:
                self = .nothing
                return
            }
            reqs.append(Requirement(key: e.key, op: op, values: Set(e.values ?? [])))
        }
        self.init(requirements: reqs, matchesNothing: false)
    }

    /// The selector plus `key in (value)` / `key notin (value)` for each key the pod carries
    /// (`matchLabelKeys` / `mismatchLabelKeys` of affinity terms and spread constraints).
    func adding(matchLabelKeys: [String]?, mismatchLabelKeys: [String]? = nil, from labels: [String: String]) -> LabelMatcher {
        guard !matchesNothing else { return self }
        var copy = self
        for key in matchLabelKeys ?? [] { if let v = labels[key] { copy.requirements.append(Requirement(key: key, op: .in, values: [v])) } }
        for key in mismatchLabelKeys ?? [] { if let v = labels[key] { copy.requirements.append(Requirement(key: key, op: .notIn, values: [v])) } }
        return copy
    }

    public var isEverything: Bool { !matchesNothing && requirements.isEmpty }

    public func matches(_ labels: [String: String]) -> Bool {
        if matchesNothing { return false }
        for r in requirements {
            let value = labels[r.key]
            switch r.op {
            case .in: guard let value, r.values.contains(value) else { return false }
            case .notIn: if let value, r.values.contains(value) { return false }
            case .exists: if value == nil { return false }
            case .doesNotExist: if value != nil { return false }
            }
        }
        return true
    }
}
