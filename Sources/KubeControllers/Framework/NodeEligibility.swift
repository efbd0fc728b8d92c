import KubeAPI

/// Taints, tolerations and node selection as the scheduler judges them (upstream's
/// `v1helper.TolerationsTolerateTaint`, `nodeaffinity.GetRequiredNodeAffinity`), for controllers
/// that place or evict pods themselves: DaemonSet, taint eviction.
extension Toleration {
    public func tolerates(_ taint: Taint) -> Bool {
        if let effect, !effect.isEmpty, effect != taint.effect { return false }
        if let key, !key.isEmpty, key != taint.key { return false }
        switch self.operator ?? "Equal" {
        case "Exists": return true
        case "Equal", "": return (value ?? "") == (taint.value ?? "")
        default: return false
        }
    }
}

/// The first taint with an effect `filter` accepts that no toleration tolerates.
public func untoleratedTaint(_ taints: [Taint], _ tolerations: [Toleration], effects filter: (Taint) -> Bool) -> Taint? {
    taints.first { taint in filter(taint) && !tolerations.contains { $0.tolerates(taint) } }
}

extension NodeSelectorRequirement {
    func matches(value: String?) -> Bool {
        let values = self.values ?? []
        switch self.operator {
        case "In": return value.map(values.contains) ?? false
        case "NotIn": return value.map { !values.contains($0) } ?? true
        case "Exists": return value != nil
        case "DoesNotExist": return value == nil
        case "Gt", "Lt":
            guard let value, let have = Int64(value), values.count == 1, let want = Int64(values[0]) else { return false }
            return self.operator == "Gt" ? have > want : have < want
        default: return false
        }
    }
}

extension NodeSelectorTerm {
    /// An empty term matches no node, as upstream.
    func matches(_ node: Node) -> Bool {
        let expressions = matchExpressions ?? [], fields = matchFields ?? []
        if expressions.isEmpty && fields.isEmpty { return false }
        let labels = node.metadata.labels ?? [:]
        for r in expressions where !r.matches(value: labels[r.key]) { return false }
        for r in fields {
            guard r.key == "metadata.name", r.matches(value: node.metadata.name) else { return false }
        }
        return true
    }
}

extension PodSpec {
    /// `nodeSelector` and the required node-affinity terms (ORed) both admit `node`.
    public func nodeSelectionAdmits(_ node: Node) -> Bool {
        let labels = node.metadata.labels ?? [:]
        for (key, value) in nodeSelector ?? [:] where labels[key] != value { return false }
        if let required = affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution {
            return required.nodeSelectorTerms.contains { $0.matches(node) }
        }
        return true
    }
}
