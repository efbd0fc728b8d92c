import Foundation
import KubeAPI

/// The arithmetic of a Deployment rollout, as upstream's `deployment/util` does it; pure, so each
/// rule is tested with plain values.
public enum DeploymentRollout {
    public static let revisionAnnotation = "deployment.kubernetes.io/revision"
    public static let desiredReplicasAnnotation = "deployment.kubernetes.io/desired-replicas"
    public static let maxReplicasAnnotation = "deployment.kubernetes.io/max-replicas"
    public static let hashLabel = "pod-template-hash"

    /// (maxSurge, maxUnavailable) resolved against the replica count: surge rounds up, unavailability
    /// down, and both zero would stall a rollout, so unavailability becomes 1.
    public static func surgeAndUnavailable(_ d: Deployment) -> (surge: Int32, unavailable: Int32) {
        guard d.spec.strategy.type != "Recreate" else { return (0, 0) }
        let replicas = d.spec.replicas ?? 1
        let surge = (try? (d.spec.strategy.rollingUpdate?.maxSurge ?? .string("25%")).scaledValue(of: replicas, roundUp: true)) ?? 0
        var unavailable = (try? (d.spec.strategy.rollingUpdate?.maxUnavailable ?? .string("25%")).scaledValue(of: replicas, roundUp: false)) ?? 0
        if surge == 0 && unavailable == 0 { unavailable = 1 }
        return (surge, min(unavailable, replicas))
    }

    /// The pod-template hash naming a Deployment's ReplicaSet: FNV-1a over the template's canonical
    /// JSON (and the collision count), spelled with upstream's safe alphabet.
    public static func templateHash(_ template: PodTemplateSpec, collisionCount: Int32?) -> String {
        var canonical = (try? JSONValue(encoding: template)).map(canonicalJSON) ?? ""
        if let collisionCount { canonical += "#\(collisionCount)" }
        var hash: UInt32 = 2_166_136_261
        for byte in canonical.utf8 {
            hash ^= UInt32(byte)
            hash = hash &* 16_777_619
        }
        let alphabet = Array("bcdfghjklmnpqrstvwxz2456789")
        return String(String(hash).unicodeScalars.map { alphabet[Int($0.value) % alphabet.count] })
    }

    /// JSON with object keys sorted at every level, so equal templates hash equally.
    static func canonicalJSON(_ value: JSONValue) -> String {
        switch value {
        case .object(let o):
            return "{" + o.keys.sorted().map { "\(JSONValue.string($0).serialized()):\(canonicalJSON(o[$0]!))" }.joined(separator: ",") + "}"
        case .array(let a):
            return "[" + a.map(canonicalJSON).joined(separator: ",") + "]"
        default:
            return value.serialized()
        }
    }

    /// Equal templates, ignoring the hash label the ReplicaSet carries.
    public static func templatesEqual(_ a: PodTemplateSpec, _ b: PodTemplateSpec) -> Bool {
        var a = a, b = b
        a.metadata.labels?[hashLabel] = nil
        b.metadata.labels?[hashLabel] = nil
        if a.metadata.labels?.isEmpty == true { a.metadata.labels = nil }
        if b.metadata.labels?.isEmpty == true { b.metadata.labels = nil }
        return canonicalJSON((try? JSONValue(encoding: a)) ?? .null) == canonicalJSON((try? JSONValue(encoding: b)) ?? .null)
    }

    public static func revision(_ rs: ReplicaSet) -> Int64 {
        Int64(rs.metadata.annotations?[revisionAnnotation] ?? "") ?? 0
    }

    /// Upstream's `NewRSNewReplicas` for RollingUpdate: grow the new ReplicaSet as far as maxSurge allows.
    public static func newReplicaSetReplicas(_ d: Deployment, all: [ReplicaSet], new: ReplicaSet) -> Int32 {
        let replicas = d.spec.replicas ?? 1
        let newReplicas = new.spec.replicas ?? 0
        if d.spec.strategy.type == "Recreate" { return replicas }
        let (surge, _) = surgeAndUnavailable(d)
        let current = all.reduce(Int32(0)) { $0 + ($1.spec.replicas ?? 0) }
        let maxTotal = replicas + surge
        if current >= maxTotal { return min(newReplicas, replicas) }
        let scaleUp = min(maxTotal - current, max(0, replicas - newReplicas))
        return newReplicas + scaleUp
    }

    /// Upstream's `reconcileOldReplicaSets`: how far each old ReplicaSet (oldest first) may be scaled
    /// down now without dropping below `replicas - maxUnavailable` available pods. Unhealthy old
    /// replicas go first. Returns the new replica count per old ReplicaSet name.
    public static func oldReplicaSetScaleDown(_ d: Deployment, old: [ReplicaSet], new: ReplicaSet?) -> [String: Int32] {
        let replicas = d.spec.replicas ?? 1
        let oldSorted = old.sorted { ($0.metadata.creationTimestamp ?? Time(secondsSince1970: 0), $0.metadata.name ?? "") < ($1.metadata.creationTimestamp ?? Time(secondsSince1970: 0), $1.metadata.name ?? "") }
        var specReplicas = Dictionary(uniqueKeysWithValues: oldSorted.map { ($0.metadata.name ?? "", $0.spec.replicas ?? 0) })
        let oldPods = specReplicas.values.reduce(0, +)
        guard oldPods > 0 else { return [:] }
        let (_, unavailable) = surgeAndUnavailable(d)
        let minAvailable = replicas - unavailable
        let newSpec = new?.spec.replicas ?? 0
        let newUnavailable = newSpec - (new?.status.availableReplicas ?? 0)
        let allPods = oldPods + newSpec
        var maxScaledDown = allPods - minAvailable - newUnavailable
        guard maxScaledDown > 0 else { return [:] }
        // Unhealthy replicas of old sets can go regardless of availability.
        for rs in oldSorted where maxScaledDown > 0 {
            let name = rs.metadata.name ?? ""
            let unhealthy = (specReplicas[name] ?? 0) - (rs.status.availableReplicas ?? 0)
            guard unhealthy > 0 else { continue }
            let cut = min(maxScaledDown, unhealthy)
            specReplicas[name]! -= cut
            maxScaledDown -= cut
        }
        // Then healthy ones, as far as the availability budget allows.
        let available = oldSorted.reduce(Int32(0)) { $0 + min($1.status.availableReplicas ?? 0, specReplicas[$1.metadata.name ?? ""] ?? 0) }
            + (new?.status.availableReplicas ?? 0)
        var budget = available - minAvailable
        for rs in oldSorted where budget > 0 {
            let name = rs.metadata.name ?? ""
            let current = specReplicas[name] ?? 0
            guard current > 0 else { continue }
            let cut = min(current, budget)
            specReplicas[name] = current - cut
            budget -= cut
        }
        var result: [String: Int32] = [:]
        for rs in oldSorted where specReplicas[rs.metadata.name ?? ""] != (rs.spec.replicas ?? 0) {
            result[rs.metadata.name ?? ""] = specReplicas[rs.metadata.name ?? ""]
        }
        return result
    }

    /// The status a Deployment reports for its ReplicaSets (conditions are set by the controller).
    public static func status(_ d: Deployment, all: [ReplicaSet], new: ReplicaSet?) -> DeploymentStatus {
        var status = d.status
        status.observedGeneration = d.metadata.generation
        status.replicas = all.reduce(0) { $0 + $1.status.replicas }
        status.updatedReplicas = new?.status.replicas ?? 0
        status.readyReplicas = all.reduce(0) { $0 + ($1.status.readyReplicas ?? 0) }
        status.availableReplicas = all.reduce(0) { $0 + ($1.status.availableReplicas ?? 0) }
        status.unavailableReplicas = max(0, (d.spec.replicas ?? 1) - (status.availableReplicas ?? 0))
        for key in [\DeploymentStatus.updatedReplicas, \.readyReplicas, \.availableReplicas, \.unavailableReplicas] where status[keyPath: key] == 0 {
            status[keyPath: key] = nil
        }
        return status
    }

    /// Sets a condition, keeping lastTransitionTime when the status did not change.
    /// `refresh` moves lastUpdateTime even when nothing else changes (progress was made).
    public static func setCondition(_ status: inout DeploymentStatus, type: String, status value: String, reason: String, message: String,
                                    refresh: Bool = false, now: Time = .now()) {
        var conditions = status.conditions ?? []
        if let i = conditions.firstIndex(where: { $0.type == type }) {
            let same = conditions[i].status == value
            if same && conditions[i].reason == reason && conditions[i].message == message && !refresh { return }
            conditions[i] = DeploymentCondition(type: type, status: value, lastUpdateTime: now,
                                                lastTransitionTime: same ? conditions[i].lastTransitionTime : now, reason: reason, message: message)
        } else {
            conditions.append(DeploymentCondition(type: type, status: value, lastUpdateTime: now, lastTransitionTime: now, reason: reason, message: message))
        }
        status.conditions = conditions
    }
}
