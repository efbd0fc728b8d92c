import KubeAPI

/// The revisions of a workload as `kubectl rollout history` and `undo` see them: a Deployment's
/// ReplicaSets (annotation `deployment.kubernetes.io/revision`), a DaemonSet's or StatefulSet's
/// ControllerRevisions (field `revision`), keeping only those the object controls.
public struct RolloutHistory: Sendable {
    public struct Revision: Sendable {
        public var number: Int64
        /// The pod template of that revision (for Deployments); ControllerRevision `data` otherwise.
        public var template: JSONValue
        public var annotations: JSONObject
        public var changeCause: String { annotations["kubernetes.io/change-cause"]?.stringValue ?? "" }
    }

    public var revisions: [Revision]

    public static let revisionAnnotation = "deployment.kubernetes.io/revision"

    /// `owner` is the workload; `candidates` are the ReplicaSets or ControllerRevisions in its namespace.
    public init(owner: JSONValue, candidates: [JSONValue]) {
        let uid = owner[path: ["metadata", "uid"]]?.stringValue
        var revisions: [Revision] = []
        for candidate in candidates {
            let controlled = (candidate[path: ["metadata", "ownerReferences"]]?.arrayValue ?? []).contains {
                $0["controller"]?.boolValue == true && $0["uid"]?.stringValue == uid
            }
            guard controlled else { continue }
            let annotations = candidate[path: ["metadata", "annotations"]]?.objectValue ?? [:]
            if candidate["kind"]?.stringValue == "ControllerRevision" || candidate["revision"] != nil {
                revisions.append(Revision(number: candidate["revision"]?.intValue ?? 0, template: candidate["data"] ?? [:], annotations: annotations))
            } else if let number = annotations[Self.revisionAnnotation]?.stringValue.flatMap({ Int64($0) }) {
                revisions.append(Revision(number: number, template: candidate[path: ["spec", "template"]] ?? [:], annotations: annotations))
            }
        }
        self.revisions = revisions.sorted { $0.number < $1.number }
    }

    /// The table `rollout history` prints (go tabwriter, padding 2).
    public var table: String {
        var rows = [["REVISION", "CHANGE-CAUSE"]]
        for r in revisions { rows.append([String(r.number), r.changeCause.isEmpty ? "<none>" : r.changeCause]) }
        var writer = TabWriter.describe
        return writer.format(rows)
    }

    /// The revision `undo` goes back to: `toRevision`, or the one before the latest.
    public func target(toRevision: Int64) -> Revision? {
        if toRevision > 0 { return revisions.first { $0.number == toRevision } }
        return revisions.count >= 2 ? revisions[revisions.count - 2] : nil
    }

    /// A pod template without the `pod-template-hash` label the ReplicaSet controller adds.
    public static func withoutHash(_ template: JSONValue) -> JSONValue {
        var t = template
        if var labels = t[path: ["metadata", "labels"]]?.objectValue {
            labels["pod-template-hash"] = nil
            t.set(path: ["metadata", "labels"], to: .object(labels))
        }
        return t
    }
}
