import KubeAPI

/// Which pods `kubectl drain` evicts, which it skips with a warning, and which stop it
/// (kubectl/pkg/drain/filters.go): DaemonSet-managed, mirror, local-storage and unreplicated pods.
public struct DrainFilter: Sendable {
    public var ignoreDaemonSets = false
    public var deleteEmptyDirData = false
    public var force = false

    public init(ignoreDaemonSets: Bool = false, deleteEmptyDirData: Bool = false, force: Bool = false) {
        self.ignoreDaemonSets = ignoreDaemonSets
        self.deleteEmptyDirData = deleteEmptyDirData
        self.force = force
    }

    public struct Outcome: Sendable {
        public var evict: [JSONValue] = []
        /// Warning lines, e.g. `ignoring DaemonSet-managed Pods: default/ds-1`.
        public var warnings: [String] = []
        /// The refusal, e.g. `cannot delete Pods that declare no controller (use --force to override): default/solo`.
        public var errors: [String] = []
    }

    public func sort(_ pods: [JSONValue]) -> Outcome {
        var outcome = Outcome()
        // Messages keep the order of first appearance; each lists its pods.
        var warned: [(String, [String])] = []
        var refused: [(String, [String])] = []
        func note(_ list: inout [(String, [String])], _ message: String, _ pod: String) {
            if let i = list.firstIndex(where: { $0.0 == message }) { list[i].1.append(pod) } else { list.append((message, [pod])) }
        }
        for pod in pods {
            let name = "\(pod[path: ["metadata", "namespace"]]?.stringValue ?? "")/\(pod[path: ["metadata", "name"]]?.stringValue ?? "")"
            let phase = pod[path: ["status", "phase"]]?.stringValue ?? ""
            let finished = phase == "Succeeded" || phase == "Failed"
            if pod[path: ["metadata", "annotations", "kubernetes.io/config.mirror"]] != nil { continue }
            let controller = (pod[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).first { $0["controller"]?.boolValue == true }
            if controller?["kind"]?.stringValue == "DaemonSet" {
                if ignoreDaemonSets {
                    note(&warned, "ignoring DaemonSet-managed Pods", name)
                } else {
                    note(&refused, "cannot delete DaemonSet-managed Pods (use --ignore-daemonsets to ignore)", name)
                }
                continue
            }
            var blocked = false
            let usesEmptyDir = (pod[path: ["spec", "volumes"]]?.arrayValue ?? []).contains { $0["emptyDir"] != nil }
            if usesEmptyDir && !finished {
                if deleteEmptyDirData {
                    note(&warned, "deleting Pods with local storage", name)
                } else {
                    note(&refused, "cannot delete Pods with local storage (use --delete-emptydir-data to override)", name)
                    blocked = true
                }
            }
            if controller == nil && !finished {
                if force {
                    note(&warned, "deleting Pods that declare no controller", name)
                } else {
                    note(&refused, "cannot delete Pods that declare no controller (use --force to override)", name)
                    blocked = true
                }
            }
            if !blocked { outcome.evict.append(pod) }
        }
        outcome.warnings = warned.map { "\($0.0): \($0.1.joined(separator: ", "))" }
        outcome.errors = refused.map { "\($0.0): \($0.1.joined(separator: ", "))" }
        return outcome
    }
}
