import Foundation
import KubeAPI

/// Pod state as controllers judge it (upstream's `podutil` and `controller_utils`).
extension Pod {
    /// Not finished and not being deleted: counts towards a controller's replicas.
    public var isActive: Bool {
        status.phase != "Succeeded" && status.phase != "Failed" && metadata.deletionTimestamp == nil
    }

    public var isTerminal: Bool { status.phase == "Succeeded" || status.phase == "Failed" }

    public var readyCondition: PodCondition? { status.conditions?.first { $0.type == "Ready" } }

    public var isReady: Bool { readyCondition?.status == "True" }

    /// Ready for at least `minReadySeconds` at `now`.
    public func isAvailable(minReadySeconds: Int32, now: Date = Date()) -> Bool {
        guard isReady else { return false }
        if minReadySeconds <= 0 { return true }
        guard let since = readyCondition?.lastTransitionTime else { return false }
        return since.date.addingTimeInterval(TimeInterval(minReadySeconds)) <= now
    }

    public var restartCount: Int32 { (status.containerStatuses ?? []).reduce(0) { $0 + $1.restartCount } }
}

/// The order in which a controller deletes surplus pods: the least useful first
/// (upstream's `ActivePods` ranking): unscheduled, pending, not ready, ready for less time,
/// restarted more often, newer.
public func deletionOrder(_ a: Pod, _ b: Pod) -> Bool {
    let aAssigned = !(a.spec.nodeName ?? "").isEmpty, bAssigned = !(b.spec.nodeName ?? "").isEmpty
    if aAssigned != bAssigned { return !aAssigned }
    func phaseRank(_ p: Pod) -> Int { ["Pending": 0, "Unknown": 1, "Running": 2][p.status.phase ?? "Pending"] ?? 0 }
    if phaseRank(a) != phaseRank(b) { return phaseRank(a) < phaseRank(b) }
    if a.isReady != b.isReady { return !a.isReady }
    if a.isReady, let ta = a.readyCondition?.lastTransitionTime, let tb = b.readyCondition?.lastTransitionTime, ta != tb {
        return ta > tb
    }
    if a.restartCount != b.restartCount { return a.restartCount > b.restartCount }
    let ca = a.metadata.creationTimestamp ?? Time(secondsSince1970: 0), cb = b.metadata.creationTimestamp ?? Time(secondsSince1970: 0)
    return ca > cb
}
