/// Why a pod fits no node, worded as upstream's `FitError.Error()`:
/// `0/3 nodes are available: 1 Insufficient cpu, 2 node(s) had untolerated taint {k: v}. preemption: …`
public struct FitError: Error, Hashable, Sendable, CustomStringConvertible {
    public var pod: String
    public var numAllNodes: Int
    /// Each rejected node's status.
    public var nodeStatuses: [String: PluginStatus]
    /// Set when a PreFilter plugin rejected the pod for all nodes.
    public var preFilterMessage: String
    /// What preemption said (`preemption: …`), empty when it did not run or succeeded.
    public var postFilterMessage: String

    public init(pod: String, numAllNodes: Int, nodeStatuses: [String: PluginStatus], preFilterMessage: String = "", postFilterMessage: String = "") {
        self.pod = pod
        self.numAllNodes = numAllNodes
        self.nodeStatuses = nodeStatuses
        self.preFilterMessage = preFilterMessage
        self.postFilterMessage = postFilterMessage
    }

    /// The plugins that rejected the pod somewhere: the queue moves it when one of their events fires.
    public var unschedulablePlugins: Set<String> {
        Set(nodeStatuses.values.map(\.plugin).filter { !$0.isEmpty })
    }

    public var description: String { message }

    public var message: String {
        var msg = "0/\(numAllNodes) nodes are available:"
        if !preFilterMessage.isEmpty {
            msg += " \(preFilterMessage)."
        } else {
            let histogram = Self.reasonHistogram(nodeStatuses.values)
            if !histogram.isEmpty { msg += " \(histogram.joined(separator: ", "))." }
        }
        if !postFilterMessage.isEmpty { msg += " \(postFilterMessage)." }
        return msg
    }

    /// `"<count> <reason>"` for every distinct reason, sorted as strings (so "1 …" before "2 …").
    static func reasonHistogram<S: Sequence>(_ statuses: S) -> [String] where S.Element == PluginStatus {
        var counts: [String: Int] = [:]
        for s in statuses { for r in s.reasons { counts[r, default: 0] += 1 } }
        return counts.map { "\($0.value) \($0.key)" }.sorted()
    }
}
