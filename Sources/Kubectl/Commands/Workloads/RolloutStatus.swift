import KubeAPI

/// What `kubectl rollout status` says about one object, and whether the rollout is done —
/// upstream's status viewers (kubectl/pkg/polymorphichelpers/rollout_status.go), word for word.
public enum RolloutStatus {
    public struct Report: Equatable, Sendable {
        public var message: String
        public var done: Bool
    }

    public struct Failure: Error, CustomStringConvertible, Equatable {
        public var description: String
    }

    /// `revision` (> 0) asks for a specific Deployment revision to be the one rolled out.
    public static func report(kind: String, object: JSONValue, revision: Int64 = 0) throws(Failure) -> Report {
        switch kind {
        case "Deployment": return try deployment(object, revision: revision)
        case "DaemonSet": return try daemonSet(object)
        case "StatefulSet": return try statefulSet(object)
        default: throw Failure(description: "no status viewer has been implemented for \(kind)")
        }
    }

    static func int(_ object: JSONValue, _ path: String...) -> Int64 { object[path: path]?.intValue ?? 0 }

    static func deployment(_ d: JSONValue, revision: Int64) throws(Failure) -> Report {
        let name = d[path: ["metadata", "name"]]?.stringValue ?? ""
        if revision > 0 {
            let current = Int64(d[path: ["metadata", "annotations", "deployment.kubernetes.io/revision"]]?.stringValue ?? "") ?? 0
            guard current == revision else {
                throw Failure(description: "desired revision (\(revision)) is different from the running revision (\(current))")
            }
        }
        guard int(d, "metadata", "generation") <= int(d, "status", "observedGeneration") else {
            return Report(message: "Waiting for deployment spec update to be observed...\n", done: false)
        }
        let conditions = d[path: ["status", "conditions"]]?.arrayValue ?? []
        if let progressing = conditions.first(where: { $0["type"]?.stringValue == "Progressing" }),
           progressing["reason"]?.stringValue == "ProgressDeadlineExceeded" {
            throw Failure(description: "deployment \"\(name)\" exceeded its progress deadline")
        }
        let updated = int(d, "status", "updatedReplicas")
        let replicas = int(d, "status", "replicas")
        let available = int(d, "status", "availableReplicas")
        if let wanted = d[path: ["spec", "replicas"]]?.intValue, updated < wanted {
            return Report(message: "Waiting for deployment \"\(name)\" rollout to finish: \(updated) out of \(wanted) new replicas have been updated...\n", done: false)
        }
        if replicas > updated {
            return Report(message: "Waiting for deployment \"\(name)\" rollout to finish: \(replicas - updated) old replicas are pending termination...\n", done: false)
        }
        if available < updated {
            return Report(message: "Waiting for deployment \"\(name)\" rollout to finish: \(available) of \(updated) updated replicas are available...\n", done: false)
        }
        return Report(message: "deployment \"\(name)\" successfully rolled out\n", done: true)
    }

    static func daemonSet(_ ds: JSONValue) throws(Failure) -> Report {
        let name = ds[path: ["metadata", "name"]]?.stringValue ?? ""
        if let type = ds[path: ["spec", "updateStrategy", "type"]]?.stringValue, type != "RollingUpdate" {
            throw Failure(description: "rollout status is only available for RollingUpdate strategy type")
        }
        guard int(ds, "metadata", "generation") <= int(ds, "status", "observedGeneration") else {
            return Report(message: "Waiting for daemon set spec update to be observed...\n", done: false)
        }
        let desired = int(ds, "status", "desiredNumberScheduled")
        let updated = int(ds, "status", "updatedNumberScheduled")
        let available = int(ds, "status", "numberAvailable")
        if updated < desired {
            return Report(message: "Waiting for daemon set \"\(name)\" rollout to finish: \(updated) out of \(desired) new pods have been updated...\n", done: false)
        }
        if available < desired {
            return Report(message: "Waiting for daemon set \"\(name)\" rollout to finish: \(available) of \(desired) updated pods are available...\n", done: false)
        }
        return Report(message: "daemon set \"\(name)\" successfully rolled out\n", done: true)
    }

    static func statefulSet(_ sts: JSONValue) throws(Failure) -> Report {
        let strategy = sts[path: ["spec", "updateStrategy", "type"]]?.stringValue ?? "RollingUpdate"
        if strategy != "RollingUpdate" {
            throw Failure(description: "rollout status is only available for RollingUpdate strategy type")
        }
        if int(sts, "status", "observedGeneration") == 0 || int(sts, "metadata", "generation") > int(sts, "status", "observedGeneration") {
            return Report(message: "Waiting for statefulset spec update to be observed...\n", done: false)
        }
        let wanted = sts[path: ["spec", "replicas"]]?.intValue ?? 1
        let ready = int(sts, "status", "readyReplicas")
        if ready < wanted {
            return Report(message: "Waiting for \(wanted - ready) pods to be ready...\n", done: false)
        }
        let updatedReplicas = int(sts, "status", "updatedReplicas")
        if let partition = sts[path: ["spec", "updateStrategy", "rollingUpdate", "partition"]]?.intValue, partition > 0 {
            if updatedReplicas < wanted - partition {
                return Report(
                    message: "Waiting for partitioned roll out to finish: \(updatedReplicas) out of \(wanted - partition) new pods have been updated...\n",
                    done: false)
            }
            return Report(message: "partitioned roll out complete: \(updatedReplicas) new pods have been updated...\n", done: true)
        }
        let updateRevision = sts[path: ["status", "updateRevision"]]?.stringValue ?? ""
        let currentRevision = sts[path: ["status", "currentRevision"]]?.stringValue ?? ""
        if updateRevision != currentRevision {
            return Report(
                message: "waiting for statefulset rolling update to complete \(updatedReplicas) pods at revision \(updateRevision)...\n",
                done: false)
        }
        return Report(message: "statefulset rolling update complete \(int(sts, "status", "currentReplicas")) pods at revision \(currentRevision)...\n", done: true)
    }
}
