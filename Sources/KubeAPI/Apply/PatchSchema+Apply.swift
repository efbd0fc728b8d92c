/// What server-side apply needs beyond list types, kept here (not in PatchSchema.swift, which
/// another owner maintains) as an extension: maps upstream marks atomic, key defaults for
/// list-map keys, and the Go zero value a create is compared against.
extension PatchSchema {
    /// Struct and map fields upstream marks `+structType=atomic` / `+mapType=atomic`:
    /// owned and replaced as one value, recorded as a leaf (`"f:selector":{}`).
    static let podSpecAtomicMaps: Set<String> = [
        "affinity.nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution",
        "containers[].env[].valueFrom.configMapKeyRef",
        "containers[].env[].valueFrom.secretKeyRef",
        "containers[].env[].valueFrom.fieldRef",
        "containers[].env[].valueFrom.resourceFieldRef",
        "initContainers[].env[].valueFrom.configMapKeyRef",
        "initContainers[].env[].valueFrom.secretKeyRef",
        "initContainers[].env[].valueFrom.fieldRef",
        "initContainers[].env[].valueFrom.resourceFieldRef",
    ]

    static let rootAtomicMaps: [String: Set<String>] = [
        // metav1.LabelSelector is +structType=atomic.
        "Deployment": ["spec.selector"],
        "ReplicaSet": ["spec.selector"],
        "DaemonSet": ["spec.selector"],
        "StatefulSet": ["spec.selector"],
        "Job": ["spec.selector"],
        "PodDisruptionBudget": ["spec.selector"],
        "PersistentVolumeClaim": ["spec.selector"],
        // ServiceSpec.Selector and ReplicationControllerSpec.Selector are +mapType=atomic.
        "Service": ["spec.selector"],
        "ReplicationController": ["spec.selector"],
    ]

    /// Whether the object at `path` (dotted, list elements as `[]`) is one atomic value.
    public static func isAtomicMap(kind: String, path: String) -> Bool {
        if rootAtomicMaps[kind]?.contains(path) == true { return true }
        if let root = podSpecRoots[kind] {
            let prefix = root.joined(separator: ".") + "."
            if path.hasPrefix(prefix), podSpecAtomicMaps.contains(String(path.dropFirst(prefix.count))) {
                return true
            }
        }
        return false
    }

    /// Values upstream's schema defaults for list-map key fields an item may omit
    /// (`ports` items are keyed by `containerPort` and `protocol`, protocol defaulting to TCP).
    public static func defaultKeyValue(kind: String, listPath: String, key: String) -> JSONValue? {
        key == "protocol" ? .string("TCP") : nil
    }

    /// The Go zero value of a kind as upstream serialises it: the fields a freshly created
    /// object is compared against, so a create records `f:spec` without a `"."` entry
    /// (the struct always exists) but `f:labels` with one (the map did not).
    public static func zeroValue(kind: String) -> JSONValue {
        let podTemplate: JSONValue = ["metadata": [:], "spec": ["containers": nil]]
        switch kind {
        case "Pod":
            return ["metadata": [:], "spec": ["containers": nil], "status": [:]]
        case "Deployment":
            return ["metadata": [:], "spec": ["selector": nil, "template": podTemplate, "strategy": [:]], "status": [:]]
        case "DaemonSet":
            return ["metadata": [:], "spec": ["selector": nil, "template": podTemplate, "updateStrategy": [:]], "status": [:]]
        case "StatefulSet":
            return ["metadata": [:], "spec": ["selector": nil, "template": podTemplate, "updateStrategy": [:]], "status": [:]]
        case "ReplicaSet":
            return ["metadata": [:], "spec": ["selector": nil, "template": podTemplate], "status": [:]]
        case "ReplicationController":
            return ["metadata": [:], "spec": [:], "status": [:]]
        case "Job":
            return ["metadata": [:], "spec": ["template": podTemplate], "status": [:]]
        case "CronJob":
            return ["metadata": [:], "spec": ["jobTemplate": ["metadata": [:], "spec": ["template": podTemplate]]], "status": [:]]
        case "Service":
            return ["metadata": [:], "spec": [:], "status": ["loadBalancer": [:]]]
        case "Namespace", "Node", "PersistentVolumeClaim", "PersistentVolume":
            return ["metadata": [:], "spec": [:], "status": [:]]
        default:
            return ["metadata": [:]]
        }
    }
}
