/// Upstream's defaulting (`SetDefaults_*` for core/v1, apps/v1, batch/v1, discovery/v1), plus
/// the few fields upstream's create strategies and admission always fill in (noted where so),
/// applied to objects handled as JSON. Only absent (or null) fields are filled.
/// `group` is "" for the core group.
public enum Defaulting {
    public static func apply(group: String, kind: String, to object: inout JSONValue) {
        guard object.objectValue != nil else { return }
        switch (group, kind) {
        case ("", "Pod"): PodDefaults.pod(&object)
        case ("", "PodTemplate"): object.update("template") { PodDefaults.template(&$0) }
        case ("", "ReplicationController"): WorkloadDefaults.replicationController(&object)
        case ("", "Service"): CoreDefaults.service(&object)
        case ("", "Secret"): CoreDefaults.secret(&object)
        case ("", "Namespace"): CoreDefaults.namespace(&object)
        case ("", "Node"): CoreDefaults.node(&object)
        case ("", "Endpoints"): CoreDefaults.endpoints(&object)
        case ("", "PersistentVolumeClaim"): object.update("spec") { CoreDefaults.claimSpec(&$0) }
        case ("", "PersistentVolume"): CoreDefaults.persistentVolume(&object)
        case ("apps", "Deployment"): WorkloadDefaults.deployment(&object)
        case ("apps", "ReplicaSet"): WorkloadDefaults.replicaSet(&object)
        case ("apps", "DaemonSet"): WorkloadDefaults.daemonSet(&object)
        case ("apps", "StatefulSet"): WorkloadDefaults.statefulSet(&object)
        case ("batch", "Job"): BatchDefaults.job(&object)
        case ("batch", "CronJob"): BatchDefaults.cronJob(&object)
        case ("discovery.k8s.io", "EndpointSlice"): CoreDefaults.endpointSlice(&object)
        default: break
        }
    }
}

extension JSONValue {
    /// Sets `key` when it is absent or null.
    mutating func setDefault(_ key: String, _ value: JSONValue) {
        if self[key] == nil || self[key] == .null { self[key] = value }
    }

    /// Edits the object at `key` in place, creating it when `create` and absent.
    mutating func update(_ key: String, create: Bool = false, _ body: (inout JSONValue) -> Void) {
        guard objectValue != nil else { return }
        var child: JSONValue
        if let existing = self[key], existing.objectValue != nil {
            child = existing
        } else if create {
            child = .object([:])
        } else {
            return
        }
        body(&child)
        self[key] = child
    }

    /// Edits each element of the array at `key` in place.
    mutating func updateEach(_ key: String, _ body: (inout JSONValue) -> Void) {
        guard var items = self[key]?.arrayValue else { return }
        for i in items.indices where items[i].objectValue != nil { body(&items[i]) }
        self[key] = .array(items)
    }
}
