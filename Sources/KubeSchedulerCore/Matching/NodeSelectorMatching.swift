import KubeAPI

/// Node selector terms as upstream's `component-helpers/scheduling/corev1/nodeaffinity`:
/// terms are ORed, the requirements inside a term ANDed, an empty term matches nothing;
/// `matchFields` supports `metadata.name` only.
public enum NodeSelectorMatching {
    public static func matches(_ selector: NodeSelector, labels: [String: String], nodeName: String) -> Bool {
        selector.nodeSelectorTerms.contains { matches($0, labels: labels, nodeName: nodeName) }
    }

    public static func matches(_ term: NodeSelectorTerm, labels: [String: String], nodeName: String) -> Bool {
        let expressions = term.matchExpressions ?? []
        let fields = term.matchFields ?? []
        if expressions.isEmpty && fields.isEmpty { return false }
        for r in expressions where !matches(r, value: labels[r.key]) { return false }
        for r in fields {
            guard r.key == "metadata.name", matches(r, value: nodeName) else { return false }
            // matchFields only accepts In/NotIn with one value upstream (validation enforces it).
        }
        return true
    }

    static func matches(_ r: NodeSelectorRequirement, value: String?) -> Bool {
        let values = r.values ?? []
        switch r.operator {
        case "In":
            guard let value else { return false }
            return values.contains(value)
        case "NotIn":
            guard let value else { return true }
            return !values.contains(value)
        case "Exists": return value != nil
        case "DoesNotExist": return value == nil
        case "Gt", "Lt":
            guard let value, let actual = Int64(value), values.count == 1, let bound = Int64(values[0]) else { return false }
            return r.operator == "Gt" ? actual > bound : actual < bound
        default: return false
        }
    }

    /// The pod's hard node constraints together: `nodeSelector` and the required node affinity.
    public static func podMatchesNode(_ spec: PodSpec, labels: [String: String], nodeName: String) -> Bool {
        if let selector = spec.nodeSelector {
            for (k, v) in selector where labels[k] != v { return false }
        }
        if let required = spec.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution {
            return matches(required, labels: labels, nodeName: nodeName)
        }
        return true
    }
}
