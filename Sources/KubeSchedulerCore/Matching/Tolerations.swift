import KubeAPI

/// Taint and toleration matching (upstream `v1.Toleration.ToleratesTaint`).
public enum Tolerations {
    public static func tolerates(_ toleration: Toleration, _ taint: Taint) -> Bool {
        if let effect = toleration.effect, !effect.isEmpty, effect != taint.effect { return false }
        if let key = toleration.key, !key.isEmpty, key != taint.key { return false }
        switch toleration.operator ?? "" {
        case "", "Equal": return (toleration.value ?? "") == (taint.value ?? "")
        case "Exists": return true
        default: return false
        }
    }

    public static func tolerated(_ taint: Taint, by tolerations: [Toleration]) -> Bool {
        tolerations.contains { tolerates($0, taint) }
    }

    /// The first taint with one of `effects` that no toleration tolerates.
    public static func firstUntolerated(_ taints: [Taint], _ tolerations: [Toleration], effects: Set<String>) -> Taint? {
        taints.first { effects.contains($0.effect) && !tolerated($0, by: tolerations) }
    }
}
