import KubeAPI

/// The pod's QoS class as upstream's qos.GetPodQOS computes it (cpu and memory only).
/// kubelet-volumes' `QOSClass.of` is the same rule; this one keeps the core free of that dependency.
enum PodQOS {
    static func of(_ pod: Pod) -> String {
        var requests: [String: Quantity] = [:]
        var limits: [String: Quantity] = [:]
        var guaranteed = true
        let containers = (pod.spec.initContainers ?? []) + pod.spec.containers
        for container in containers {
            var containerLimits = Set<String>()
            for (name, quantity) in container.resources.requests ?? [:] where name == "cpu" || name == "memory" {
                if !quantity.isZero { requests[name] = (requests[name] ?? Quantity(value: 0)) + quantity }
            }
            for (name, quantity) in container.resources.limits ?? [:] where name == "cpu" || name == "memory" {
                if !quantity.isZero {
                    containerLimits.insert(name)
                    limits[name] = (limits[name] ?? Quantity(value: 0)) + quantity
                }
            }
            if containerLimits.count != 2 { guaranteed = false }
        }
        if requests.isEmpty && limits.isEmpty { return "BestEffort" }
        if guaranteed {
            for (name, request) in requests where limits[name] != request { guaranteed = false }
        }
        return guaranteed && limits.count == 2 ? "Guaranteed" : "Burstable"
    }
}
