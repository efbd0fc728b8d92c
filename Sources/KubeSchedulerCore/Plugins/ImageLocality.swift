import KubeAPI

/// Favours nodes that already have the pod's images, weighted by image size and by how
/// few nodes have them (so one popular image does not pull every pod to the same node).
public struct ImageLocality: ScorePlugin {
    public static let name = "ImageLocality"
    static let mb: Int64 = 1024 * 1024
    static let minThreshold: Int64 = 23 * mb
    static let maxContainerThreshold: Int64 = 1000 * mb

    public var name: String { Self.name }

    public init() {}

    struct PreScoreState {
        var totalNodes: Int
        var imageNodeCounts: [String: Int]
    }

    public func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo], _ snapshot: Snapshot) -> PluginStatus {
        state.write(PreScoreState(totalNodes: snapshot.count, imageNodeCounts: snapshot.imageNodeCounts))
        return .success
    }

    public func score(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Int64 {
        guard let s = state.read(PreScoreState.self), s.totalNodes > 0 else { return 0 }
        var sum: Int64 = 0
        if !node.images.isEmpty {
            for image in pod.images {
                guard let size = node.images[image] else { continue }
                let spread = Double(s.imageNodeCounts[image] ?? 0) / Double(s.totalNodes)
                sum += Int64(Double(size) * spread)
            }
        }
        return Self.calculatePriority(sum, containers: pod.images.count)
    }

    static func calculatePriority(_ sum: Int64, containers: Int) -> Int64 {
        let maxThreshold = maxContainerThreshold * Int64(containers)
        let clamped = min(max(sum, minThreshold), maxThreshold)
        return maxNodeScore * (clamped - minThreshold) / (maxThreshold - minThreshold)
    }

    /// `busybox` → `busybox:latest`; a tag or digest already present is kept.
    static func normalizedImageName(_ name: String) -> String {
        let colon = name.lastIndex(of: ":")
        let slash = name.lastIndex(of: "/")
        if colon == nil || (slash != nil && colon! < slash!) { return name + ":latest" }
        return name
    }
}
