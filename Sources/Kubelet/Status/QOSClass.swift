import KubeAPI

/// A pod's quality-of-service class, as upstream's `pkg/apis/core/v1/helper/qos`. Only cpu and
/// memory count; zero amounts count as unset.
///
/// - Guaranteed: every container (init ones included) has cpu and memory limits, and summed
///   requests equal summed limits for each of them.
/// - BestEffort: no container requests or limits cpu or memory.
/// - Burstable: anything else.
public enum QOSClass: String, Sendable {
    case guaranteed = "Guaranteed"
    case burstable = "Burstable"
    case bestEffort = "BestEffort"

    /// `status.qosClass` when the apiserver already set it (it never changes), else computed.
    public static func of(_ pod: Pod) -> QOSClass {
        if let recorded = pod.status.qosClass, let known = QOSClass(rawValue: recorded) { return known }
        return compute(pod)
    }

    static let computeResources: Set<String> = ["cpu", "memory"]

    /// Upstream's `ComputePodQOS`.
    public static func compute(_ pod: Pod) -> QOSClass {
        if let podLevel = pod.spec.resources, hasComputeResources(podLevel) {
            return classify(requests: positive(podLevel.requests), limits: positive(podLevel.limits),
                            everyContainerLimited: computeResources.isSubset(of: positive(podLevel.limits).keys))
        }
        var requests: [String: Quantity] = [:]
        var limits: [String: Quantity] = [:]
        var everyContainerLimited = true
        for container in pod.spec.containers + (pod.spec.initContainers ?? []) {
            for (name, amount) in positive(container.resources.requests) {
                requests[name] = requests[name].map { $0 + amount } ?? amount
            }
            let containerLimits = positive(container.resources.limits)
            for (name, amount) in containerLimits {
                limits[name] = limits[name].map { $0 + amount } ?? amount
            }
            if !computeResources.isSubset(of: containerLimits.keys) { everyContainerLimited = false }
        }
        return classify(requests: requests, limits: limits, everyContainerLimited: everyContainerLimited)
    }

    private static func classify(requests: [String: Quantity], limits: [String: Quantity], everyContainerLimited: Bool) -> QOSClass {
        if requests.isEmpty && limits.isEmpty { return .bestEffort }
        var guaranteed = everyContainerLimited
        if guaranteed {
            for (name, request) in requests where limits[name] != request {
                guaranteed = false
                break
            }
        }
        return guaranteed && requests.count == limits.count ? .guaranteed : .burstable
    }

    private static func positive(_ list: [String: Quantity]?) -> [String: Quantity] {
        (list ?? [:]).filter { computeResources.contains($0.key) && $0.value.sign > 0 }
    }

    private static func hasComputeResources(_ resources: ResourceRequirements) -> Bool {
        !positive(resources.requests).isEmpty || !positive(resources.limits).isEmpty
    }
}
