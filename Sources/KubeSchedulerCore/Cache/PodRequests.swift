import KubeAPI

/// What a pod asks of a node, as upstream's `resourcehelper.PodRequests`: the sum of the
/// app containers and sidecars (restartable init containers), or the largest single init
/// container step if that is more, plus the RuntimeClass overhead.
public enum PodRequests {
    /// Requests a container counts as when it names none, for scoring only
    /// (upstream `schedutil.DefaultMilliCPURequest` and `DefaultMemoryRequest`).
    public static let defaultMilliCPURequest: Int64 = 100
    public static let defaultMemoryRequest: Int64 = 200 * 1024 * 1024

    /// `nonZero`: a container without a cpu or memory request counts the defaults above
    /// (upstream's `NonMissingContainerRequests`, used when scoring spread).
    public static func compute(_ spec: PodSpec, nonZero: Bool = false) -> Resource {
        func requests(_ c: Container) -> Resource {
            var r = Resource(c.resources.requests)
            if nonZero {
                if c.resources.requests?[ResourceName.cpu] == nil { r.milliCPU = defaultMilliCPURequest }
                if c.resources.requests?[ResourceName.memory] == nil { r.memory = defaultMemoryRequest }
            }
            return r
        }
        var total = Resource()
        for c in spec.containers { total.add(requests(c)) }
        var sidecars = Resource()
        var initPeak = Resource()
        for c in spec.initContainers ?? [] {
            let r = requests(c)
            if c.restartPolicy == "Always" {
                total.add(r)
                sidecars.add(r)
                initPeak.setMax(sidecars)
            } else {
                var step = r
                step.add(sidecars)
                initPeak.setMax(step)
            }
        }
        total.setMax(initPeak)
        if let overhead = spec.overhead { total.add(Resource(overhead)) }
        return total
    }
}
