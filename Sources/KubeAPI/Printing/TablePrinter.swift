import Foundation

/// Server-side printing columns: what the apiserver returns for `Accept: application/json;as=Table;v=v1;g=meta.k8s.io`,
/// after upstream's `pkg/printers/internalversion/printers.go`. Pure: the caller passes `now`.
///
/// Cells are always generated for every column, wide ones included (the apiserver prints with `Wide: true`;
/// kubectl hides priority-1 columns unless `-o wide`).
public enum ServerTable {
    public static func columns(group: String, kind: String) -> [ServerTableColumn] {
        switch (group, kind) {
        case ("", "Pod"): return podColumns
        case ("", "Node"): return nodeColumns
        case ("", "Namespace"): return namespaceColumns
        case ("", "Service"): return serviceColumns
        case ("", "Endpoints"): return endpointsColumns
        case ("", "ConfigMap"): return configMapColumns
        case ("", "Secret"): return secretColumns
        case ("", "ServiceAccount"): return serviceAccountColumns
        case ("", "Event"): return eventColumns
        case ("", "ReplicationController"): return replicationControllerColumns
        case ("apps", "Deployment"): return deploymentColumns
        case ("apps", "ReplicaSet"): return replicaSetColumns
        case ("apps", "DaemonSet"): return daemonSetColumns
        case ("apps", "StatefulSet"): return statefulSetColumns
        case ("apps", "ControllerRevision"): return controllerRevisionColumns
        case ("batch", "Job"): return jobColumns
        case ("batch", "CronJob"): return cronJobColumns
        case ("coordination.k8s.io", "Lease"): return leaseColumns
        case ("discovery.k8s.io", "EndpointSlice"): return endpointSliceColumns
        default: return [.nameColumn, .ageColumn]
        }
    }

    public static func cells(group: String, kind: String, object: JSONValue, now: Date) -> [JSONValue] {
        let row = ObjectView(object, now: now)
        switch (group, kind) {
        case ("", "Pod"): return podCells(row)
        case ("", "Node"): return nodeCells(row)
        case ("", "Namespace"): return [row.name, .string(object[path: ["status", "phase"]]?.stringValue ?? ""), row.age]
        case ("", "Service"): return serviceCells(row)
        case ("", "Endpoints"): return [row.name, .string(formatEndpoints(object)), row.age]
        case ("", "ConfigMap"):
            let count = (object["data"]?.objectValue?.count ?? 0) + (object["binaryData"]?.objectValue?.count ?? 0)
            return [row.name, .int(Int64(count)), row.age]
        case ("", "Secret"):
            return [row.name, .string(object["type"]?.stringValue ?? ""), .int(Int64(object["data"]?.objectValue?.count ?? 0)), row.age]
        case ("", "ServiceAccount"): return [row.name, .int(Int64(object["secrets"]?.arrayValue?.count ?? 0)), row.age]
        case ("", "Event"): return eventCells(row)
        case ("", "ReplicationController"): return replicationControllerCells(row)
        case ("apps", "Deployment"): return deploymentCells(row)
        case ("apps", "ReplicaSet"): return replicaSetCells(row)
        case ("apps", "DaemonSet"): return daemonSetCells(row)
        case ("apps", "StatefulSet"): return statefulSetCells(row)
        case ("apps", "ControllerRevision"): return controllerRevisionCells(row)
        case ("batch", "Job"): return jobCells(row)
        case ("batch", "CronJob"): return cronJobCells(row)
        case ("coordination.k8s.io", "Lease"):
            return [row.name, .string(object[path: ["spec", "holderIdentity"]]?.stringValue ?? ""), row.age]
        case ("discovery.k8s.io", "EndpointSlice"): return endpointSliceCells(row)
        default: return [row.name, row.age]
        }
    }

    /// A whole meta.k8s.io/v1 Table for a list of objects. `includeObject` follows the `includeObject` query
    /// parameter: "None", "Metadata" (the default: a PartialObjectMetadata per row) or "Object".
    public static func table(
        group: String, kind: String, objects: [JSONValue], now: Date, includeObject: String = "Metadata",
        listMetadata: JSONValue = [:]
    ) -> JSONValue {
        let rows: [JSONValue] = objects.map { object in
            var row: JSONObject = ["cells": .array(cells(group: group, kind: kind, object: object, now: now))]
            switch includeObject {
            case "None": break
            case "Object": row["object"] = object
            default:
                row["object"] = [
                    "kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
                    "metadata": object["metadata"] ?? [:],
                ]
            }
            if let conditions = rowConditions(group: group, kind: kind, object: object) { row["conditions"] = conditions }
            return .object(row)
        }
        return [
            "kind": "Table", "apiVersion": "meta.k8s.io/v1", "metadata": listMetadata,
            "columnDefinitions": .array(columns(group: group, kind: kind).map(\.json)),
            "rows": .array(rows),
        ]
    }

    /// Finished pods carry a `Completed` row condition, which kubectl uses to hide them unless `--show-all`.
    static func rowConditions(group: String, kind: String, object: JSONValue) -> JSONValue? {
        guard group == "", kind == "Pod" else { return nil }
        switch object[path: ["status", "phase"]]?.stringValue {
        case "Succeeded":
            return [["type": "Completed", "status": "True", "reason": "Succeeded", "message": "The pod has completed successfully."]]
        case "Failed":
            return [["type": "Completed", "status": "True", "reason": "Failed", "message": "The pod failed."]]
        default: return nil
        }
    }
}

/// Read-only accessors over a generic object, shared by the per-kind cell builders.
struct ObjectView {
    let object: JSONValue
    let now: Date
    init(_ object: JSONValue, now: Date) {
        self.object = object
        self.now = now
    }

    var name: JSONValue { .string(object[path: ["metadata", "name"]]?.stringValue ?? "") }
    var age: JSONValue { .string(HumanDuration.since(object[path: ["metadata", "creationTimestamp"]]?.stringValue, now: now)) }
    func string(_ path: String...) -> String { object[path: path]?.stringValue ?? "" }
    func int(_ path: String...) -> Int64 { object[path: path]?.intValue ?? 0 }
    func array(_ path: String...) -> [JSONValue] { object[path: path]?.arrayValue ?? [] }
    func value(_ path: String...) -> JSONValue? { object[path: path] }
    func since(_ timestamp: String?) -> String { HumanDuration.since(timestamp, now: now) }
}
