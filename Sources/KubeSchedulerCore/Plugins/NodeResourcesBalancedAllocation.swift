import Foundation
import KubeAPI

/// Favours nodes whose cpu and memory would be used in equal proportion after placing the
/// pod: `(1 - std(fractions)) * 100`. Best-effort pods (no requests) are not scored, as upstream.
public struct NodeResourcesBalancedAllocation: ScorePlugin {
    public static let name = "NodeResourcesBalancedAllocation"

    public var name: String { Self.name }
    public var resources: [String]

    public init(resources: [String] = [ResourceName.cpu, ResourceName.memory]) {
        self.resources = resources
    }

    public func preScore(_ state: CycleState, _ pod: PodInfo, _ nodes: [NodeInfo], _ snapshot: Snapshot) -> PluginStatus {
        resources.allSatisfy({ pod.requests[$0] == 0 }) ? .skip : .success
    }

    public func score(_ state: CycleState, _ pod: PodInfo, _ node: NodeInfo) -> Int64 {
        // On the stack: this runs for every feasible node.
        withUnsafeTemporaryAllocation(of: Double.self, capacity: resources.count) { buffer in
            var count = 0
            for r in resources {
                let (allocatable, requested) = NodeResourcesFit.allocatableAndRequested(r, pod, node, useRequested: true)
                if allocatable == 0 { continue }
                buffer[count] = min(Double(requested) / Double(allocatable), 1)
                count += 1
            }
            return Self.balancedScore(UnsafeBufferPointer(rebasing: buffer[..<count]))
        }
    }

    public static func balancedScore(_ fractions: [Double]) -> Int64 {
        fractions.withUnsafeBufferPointer { balancedScore($0) }
    }

    static func balancedScore(_ fractions: UnsafeBufferPointer<Double>) -> Int64 {
        var std = 0.0
        if fractions.count == 2 {
            std = abs((fractions[0] - fractions[1]) / 2)
        } else if fractions.count > 2 {
            let mean = fractions.reduce(0, +) / Double(fractions.count)
            std = (fractions.map { ($0 - mean) * ($0 - mean) }.reduce(0, +) / Double(fractions.count)).squareRoot()
        }
        return Int64((1 - std) * Double(maxNodeScore))
    }
}
