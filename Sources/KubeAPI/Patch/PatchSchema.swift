/// How lists inside built-in kinds merge, as upstream's `patchMergeKey` / `patchStrategy`
/// struct tags and `x-kubernetes-list-type` / `x-kubernetes-list-map-keys` OpenAPI extensions
/// describe them. Strategic merge patch and server-side apply both read this table.
///
/// Paths are field names from the object root with list elements written as `[]`,
/// e.g. `spec.template.spec.containers[].ports`. A pod's spec appears at several roots
/// (Pod `spec`, workload `spec.template.spec`, CronJob `spec.jobTemplate.spec.template.spec`),
/// so pod-spec rules are written relative to a PodSpec and applied under each root.
public enum ListType: Sendable, Hashable {
    /// Replace the whole list (`atomic`); the default for lists with no entry.
    case atomic
    /// A set of scalars merged by value (`set`; strategic `merge` on a primitive list).
    case set
    /// A list of objects merged by the given key fields (`map`; strategic merge key).
    case map(keys: [String])
}

public enum PatchSchema {
    /// List rules relative to a PodSpec.
    static let podSpecLists: [String: ListType] = [
        "containers": .map(keys: ["name"]),
        "initContainers": .map(keys: ["name"]),
        "ephemeralContainers": .map(keys: ["name"]),
        "volumes": .map(keys: ["name"]),
        "imagePullSecrets": .map(keys: ["name"]),
        "hostAliases": .map(keys: ["ip"]),
        "tolerations": .atomic,
        "topologySpreadConstraints": .map(keys: ["topologyKey", "whenUnsatisfiable"]),
        "resourceClaims": .map(keys: ["name"]),
        "schedulingGates": .map(keys: ["name"]),
        "readinessGates": .atomic,
        "containers[].ports": .map(keys: ["containerPort", "protocol"]),
        "containers[].env": .map(keys: ["name"]),
        "containers[].volumeMounts": .map(keys: ["mountPath"]),
        "containers[].volumeDevices": .map(keys: ["devicePath"]),
        "containers[].envFrom": .atomic,
        "containers[].resizePolicy": .atomic,
        "initContainers[].ports": .map(keys: ["containerPort", "protocol"]),
        "initContainers[].env": .map(keys: ["name"]),
        "initContainers[].volumeMounts": .map(keys: ["mountPath"]),
        "initContainers[].volumeDevices": .map(keys: ["devicePath"]),
        "ephemeralContainers[].env": .map(keys: ["name"]),
        "ephemeralContainers[].volumeMounts": .map(keys: ["mountPath"]),
    ]

    /// Where a PodSpec sits inside each kind that embeds one.
    static let podSpecRoots: [String: [String]] = [
        "Pod": ["spec"],
        "PodTemplate": ["template", "spec"],
        "ReplicationController": ["spec", "template", "spec"],
        "ReplicaSet": ["spec", "template", "spec"],
        "Deployment": ["spec", "template", "spec"],
        "DaemonSet": ["spec", "template", "spec"],
        "StatefulSet": ["spec", "template", "spec"],
        "Job": ["spec", "template", "spec"],
        "CronJob": ["spec", "jobTemplate", "spec", "template", "spec"],
    ]

    /// List rules relative to the object root, for lists outside a PodSpec.
    static let rootLists: [String: [String: ListType]] = [
        "*": [
            "metadata.ownerReferences": .map(keys: ["uid"]),
            "metadata.finalizers": .set,
            "metadata.managedFields": .atomic,
            "status.conditions": .map(keys: ["type"]),
        ],
        "Service": [
            "spec.ports": .map(keys: ["port", "protocol"]),
            "spec.clusterIPs": .atomic,
            "spec.externalIPs": .atomic,
        ],
        "Endpoints": ["subsets": .atomic],
        "EndpointSlice": ["endpoints": .atomic, "ports": .atomic],
        "Node": [
            "spec.podCIDRs": .set,
            "spec.taints": .atomic,
            "status.addresses": .map(keys: ["type"]),
            "status.images": .atomic,
        ],
        "Pod": [
            "status.podIPs": .map(keys: ["ip"]),
            "status.hostIPs": .atomic,
            "status.containerStatuses": .atomic,
            "status.initContainerStatuses": .atomic,
        ],
        "StatefulSet": ["spec.volumeClaimTemplates": .atomic],
    ]

    /// Objects whose strategic merge patches carry `$retainKeys` (upstream's `retainKeys`
    /// patch strategy): union types where setting one member must clear the others, such as a
    /// Deployment's `strategy` (`rollingUpdate` goes when `type` becomes `Recreate`) and each
    /// volume's source. For lists the rule applies to their elements.
    static let podSpecRetainKeys: Set<String> = ["volumes", "resourceClaims"]
    static let rootRetainKeys: [String: Set<String>] = [
        "Deployment": ["spec.strategy"]
    ]

    /// Whether the object (or the elements of the list) at `path` in a `kind` merges with `$retainKeys`.
    public static func retainsKeys(kind: String, path: String) -> Bool {
        if rootRetainKeys[kind]?.contains(path) == true { return true }
        if let root = podSpecRoots[kind] {
            let prefix = root.joined(separator: ".") + "."
            if path.hasPrefix(prefix) { return podSpecRetainKeys.contains(String(path.dropFirst(prefix.count))) }
        }
        return false
    }

    /// The strategic merge rules of one kind.
    public static func strategicMergeSchema(kind: String) -> KindPatchSchema { KindPatchSchema(kind: kind) }

    /// The list type for the list at `path` (dotted, list elements as `[]`) in an object of `kind`.
    public static func listType(kind: String, path: String) -> ListType {
        if let t = rootLists[kind]?[path] ?? rootLists["*"]?[path] { return t }
        if let root = podSpecRoots[kind] {
            let prefix = root.joined(separator: ".") + "."
            if path.hasPrefix(prefix), let t = podSpecLists[String(path.dropFirst(prefix.count))] {
                return t
            }
        }
        return .atomic
    }
}

/// What a strategic merge patch needs to know about a field, by its path from the object root
/// (`spec.template.spec.containers[].env`): how a list merges, whether an object keeps only
/// the keys a patch lists (`retainKeys`), and whether an object is replaced whole.
public protocol StrategicMergeSchema: Sendable {
    func listType(at path: String) -> ListType
    func retainsKeys(at path: String) -> Bool
    func replacesObject(at path: String) -> Bool
}

extension StrategicMergeSchema {
    public func retainsKeys(at path: String) -> Bool { false }
    public func replacesObject(at path: String) -> Bool { false }
}

/// The strategic merge rules of a built-in kind, read from `PatchSchema`'s tables.
public struct KindPatchSchema: StrategicMergeSchema {
    public var kind: String

    public init(kind: String) { self.kind = kind }

    public func listType(at path: String) -> ListType { PatchSchema.listType(kind: kind, path: path) }
    public func retainsKeys(at path: String) -> Bool { PatchSchema.retainsKeys(kind: kind, path: path) }
}
