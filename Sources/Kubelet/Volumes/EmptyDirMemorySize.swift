import KubeAPI

/// The size of a memory-backed emptyDir (and of the tmpfs under secret and projected volumes), as
/// upstream's `calculateEmptyDirMemorySize`: the node's allocatable memory, lowered to the pod's
/// memory limit when every container has one, lowered to the volume's `sizeLimit` when that is
/// smaller still. nil: no bound known (tmpfs default, half of RAM).
enum EmptyDirMemorySize {
    static func bytes(sizeLimit: Quantity?, pod: Pod, nodeAllocatableMemory: Quantity?) -> Int64? {
        var size = nodeAllocatableMemory.flatMap { $0.sign > 0 ? $0 : nil }
        if let podLimit = podMemoryLimit(pod), size.map({ podLimit <= $0 }) ?? true {
            size = podLimit
        }
        if let limit = sizeLimit, limit.sign > 0, size.map({ limit <= $0 }) ?? true {
            size = limit
        }
        return size?.value
    }

    /// Sum of the app containers' memory limits, or the largest init container's if larger; nil
    /// when any container has no memory limit (the pod's cgroup is then unbounded too).
    static func podMemoryLimit(_ pod: Pod) -> Quantity? {
        var sum: Quantity = "0"
        for container in pod.spec.containers {
            guard let limit = container.resources.limits?["memory"], limit.sign > 0 else { return nil }
            sum = sum + limit
        }
        for container in pod.spec.initContainers ?? [] {
            guard let limit = container.resources.limits?["memory"], limit.sign > 0 else { return nil }
            if limit > sum { sum = limit }
        }
        return sum.sign > 0 ? sum : nil
    }
}
