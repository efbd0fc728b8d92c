import Foundation
import KubeAPI

/// Per-kind rules applied around every write, as upstream's registry strategies:
/// what a create resets, what an update may not change, when `generation` moves.
enum Strategy {
    /// Fields a create may not set and per-kind initial state.
    static func prepareForCreate(_ resource: ResourceInfo, _ object: inout JSONValue) {
        switch resource.kind {
        case "Pod":
            var status: JSONValue = object["status"]?.objectValue != nil ? object["status"]! : [:]
            if status["phase"] == nil { status["phase"] = "Pending" }
            status["qosClass"] = .string(QOS.podClass(object["spec"] ?? [:]))
            object["status"] = status
        case "Namespace":
            object["status"] = ["phase": "Active"]
            if object[path: ["spec", "finalizers"]] == nil { object.set(path: ["spec", "finalizers"], to: ["kubernetes"]) }
        case "Deployment", "ReplicaSet", "StatefulSet", "DaemonSet", "Job", "CronJob", "ReplicationController":
            object["status"] = [:]
        default:
            break
        }
        if resource.tracksGeneration { object.set(path: ["metadata", "generation"], to: 1) }
    }

    /// Keeps what this kind of update may not touch: the main resource keeps the old status,
    /// the status subresource keeps everything but status. Bumps generation on spec changes.
    static func prepareForUpdate(_ resource: ResourceInfo, new: inout JSONValue, old: JSONValue, subresource: String?) {
        if subresource == "status" {
            var kept = old
            kept["status"] = new["status"]
            kept.set(path: ["metadata", "resourceVersion"], to: new[path: ["metadata", "resourceVersion"]])
            new = kept
            return
        }
        if resource.hasStatus {
            new["status"] = old["status"]
        }
        // System fields are the server's, whatever the client sent.
        for key in ["uid", "creationTimestamp", "deletionTimestamp", "deletionGracePeriodSeconds", "generation"] {
            new.set(path: ["metadata", key], to: old[path: ["metadata", key]])
        }
        if resource.tracksGeneration, specOf(new) != specOf(old) {
            let generation = old[path: ["metadata", "generation"]]?.intValue ?? 0
            new.set(path: ["metadata", "generation"], to: .int(generation + 1))
        }
    }

    /// Everything but metadata and status: what `generation` tracks.
    static func specOf(_ object: JSONValue) -> JSONValue {
        guard case .object(var o) = object else { return object }
        for key in ["metadata", "status", "kind", "apiVersion"] { o.removeValue(forKey: key) }
        return .object(o)
    }
}

/// Pod QoS class as upstream computes it (pkg/apis/core/helper/qos).
enum QOS {
    static func podClass(_ spec: JSONValue) -> String {
        let containers = (spec["containers"]?.arrayValue ?? []) + (spec["initContainers"]?.arrayValue ?? [])
        var anyRequestOrLimit = false
        var guaranteed = true
        for c in containers {
            let requests = c[path: ["resources", "requests"]]?.objectValue ?? [:]
            let limits = c[path: ["resources", "limits"]]?.objectValue ?? [:]
            for name in ["cpu", "memory"] {
                let r = requests[name]?.stringValue
                let l = limits[name]?.stringValue
                if r != nil || l != nil { anyRequestOrLimit = true }
                // Requests default to limits; guaranteed needs both set and equal for cpu and memory.
                guard let l else { guaranteed = false; continue }
                if let r, r != l { guaranteed = false }
            }
        }
        if !anyRequestOrLimit { return "BestEffort" }
        return guaranteed ? "Guaranteed" : "Burstable"
    }
}
