import KubeAPI

/// `resourceFieldRef` values (env vars and downwardAPI files), as upstream's
/// `ExtractContainerResourceValue` after the kubelet's `defaultPodLimitsForDownwardAPI`: a limit
/// the container does not set reads as the node's allocatable amount.
enum ContainerResourceValue {
    /// The resources whose missing limits default to node allocatable.
    static let defaultedLimits = ["cpu", "memory", "ephemeral-storage"]

    static func value(of selector: ResourceFieldSelector, pod: Pod, container: Container,
                      nodeAllocatable: [String: Quantity]) throws(EnvironmentError) -> String {
        var target = container
        if let name = selector.containerName, !name.isEmpty {
            let all = (pod.spec.initContainers ?? []) + pod.spec.containers
            guard let named = all.first(where: { $0.name == name }) else { throw .containerNotFound(name) }
            target = named
        }
        return try value(of: selector, resources: withAllocatableLimits(target.resources, nodeAllocatable))
    }

    /// `MergeContainerResourceLimits`: an unset or zero limit takes the node's allocatable.
    static func withAllocatableLimits(_ resources: ResourceRequirements, _ allocatable: [String: Quantity]) -> ResourceRequirements {
        var merged = resources
        var limits = merged.limits ?? [:]
        for name in defaultedLimits {
            if limits[name].map({ $0.isZero }) ?? true, let amount = allocatable[name] {
                limits[name] = amount
            }
        }
        merged.limits = limits
        return merged
    }

    static func value(of selector: ResourceFieldSelector, resources: ResourceRequirements) throws(EnvironmentError) -> String {
        let divisor: Quantity = selector.divisor.isZero ? "1" : selector.divisor
        let zero: Quantity = "0"
        let limits = resources.limits ?? [:]
        let requests = resources.requests ?? [:]
        switch selector.resource {
        case "limits.cpu": return cpu(limits["cpu"] ?? zero, divisor)
        case "limits.memory": return bytes(limits["memory"] ?? zero, divisor)
        case "limits.ephemeral-storage": return bytes(limits["ephemeral-storage"] ?? zero, divisor)
        case "requests.cpu": return cpu(requests["cpu"] ?? zero, divisor)
        case "requests.memory": return bytes(requests["memory"] ?? zero, divisor)
        case "requests.ephemeral-storage": return bytes(requests["ephemeral-storage"] ?? zero, divisor)
        default:
            for (prefix, list) in [("requests.", requests), ("limits.", limits)] where selector.resource.hasPrefix(prefix) {
                let name = String(selector.resource.dropFirst(prefix.count))
                if name.hasPrefix("hugepages-") { return bytes(list[name] ?? zero, divisor) }
            }
            throw .unsupportedContainerResource(selector.resource)
        }
    }

    /// ceil(milli / divisor milli).
    private static func cpu(_ amount: Quantity, _ divisor: Quantity) -> String {
        String(ceilingDivide(amount.milliValue, divisor.milliValue))
    }

    /// ceil(value / divisor value).
    private static func bytes(_ amount: Quantity, _ divisor: Quantity) -> String {
        String(ceilingDivide(amount.value, divisor.value))
    }

    private static func ceilingDivide(_ a: Int64, _ b: Int64) -> Int64 {
        guard b != 0 else { return 0 }
        let (q, r) = a.quotientAndRemainder(dividingBy: b)
        return (r != 0 && (r > 0) == (b > 0)) ? q + 1 : q
    }
}
