import Foundation

/// Dead-container garbage collection (upstream's containerGC with its knobs
/// --maximum-dead-containers-per-container, default 1, and --minimum-container-ttl-duration,
/// default 0): per pod and container name, exited instances beyond the newest `keepPerContainer`
/// are removed, as are not-ready sandboxes older than the pod's newest one once they hold no
/// container. Pure: the kubelet removes what it returns.
public struct ContainerGCPolicy: Sendable, Equatable {
    public var keepPerContainer: Int
    /// Dead containers younger than this (since they finished) are kept.
    public var minimumAge: Duration

    public init(keepPerContainer: Int = 1, minimumAge: Duration = .zero) {
        self.keepPerContainer = keepPerContainer
        self.minimumAge = minimumAge
    }

    /// The ids of the containers and sandboxes of one pod to remove.
    public func evictable(_ status: RuntimePodStatus, now: Date) -> (containers: [String], sandboxes: [String]) {
        var containers: [String] = []
        let names = Set(status.containers.map(\.name))
        for name in names.sorted() {
            // Newest first; the newest instance (dead or alive) is never removed, nor `keepPerContainer` dead ones.
            let instances = status.instances(name)
            let dead = instances.dropFirst().filter { $0.state == .exited }
            for instance in dead.dropFirst(max(keepPerContainer - (instances.first?.state == .exited ? 1 : 0), 0)) {
                if let finished = instance.finishedDate, now.timeIntervalSince(finished) < minimumAge.seconds { continue }
                containers.append(instance.id)
            }
        }
        let removed = Set(containers)
        let sandboxes = status.sandboxes.dropFirst().filter { sandbox in
            !sandbox.ready && !status.containers.contains { $0.sandboxID == sandbox.id && !removed.contains($0.id) }
        }.map(\.id)
        return (containers, sandboxes)
    }
}
