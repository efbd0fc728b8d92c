/// The resources this apiserver serves, in the groups and versions upstream serves them.
public enum BuiltinResources {
    public static let all: [ResourceInfo] = core + apps + others

    static func r(
        _ group: String, _ version: String, _ resource: String, _ kind: String, namespaced: Bool = true,
        short: [String] = [], categories: [String] = [], sub: [String] = [], generation: Bool = true,
        verbs: [String] = ResourceInfo.allVerbs, storage: String? = nil
    ) -> ResourceInfo {
        var info = ResourceInfo(
            group: group, version: version, resource: resource, singular: kind.lowercased(), kind: kind,
            namespaced: namespaced)
        info.shortNames = short
        info.categories = categories
        info.subresources = sub
        info.tracksGeneration = generation
        info.verbs = verbs
        info.storageName = storage
        return info
    }

    static let core: [ResourceInfo] = [
        r("", "v1", "namespaces", "Namespace", namespaced: false, short: ["ns"], sub: ["status", "finalize"], generation: false,
          verbs: ["create", "delete", "get", "list", "patch", "update", "watch"]),
        r("", "v1", "pods", "Pod", short: ["po"], categories: ["all"],
          sub: ["status", "binding", "eviction", "log", "exec", "attach", "portforward", "proxy", "ephemeralcontainers"],
          generation: false),
        r("", "v1", "nodes", "Node", namespaced: false, short: ["no"], sub: ["status", "proxy"], generation: false, storage: "minions"),
        r("", "v1", "services", "Service", short: ["svc"], categories: ["all"], sub: ["status", "proxy"], generation: false,
          verbs: ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"], storage: "services/specs"),
        r("", "v1", "endpoints", "Endpoints", short: ["ep"], generation: false, storage: "services/endpoints"),
        r("", "v1", "configmaps", "ConfigMap", short: ["cm"], generation: false),
        r("", "v1", "secrets", "Secret", generation: false),
        r("", "v1", "serviceaccounts", "ServiceAccount", short: ["sa"], sub: ["token"], generation: false),
        r("", "v1", "events", "Event", short: ["ev"], generation: false),
        r("", "v1", "replicationcontrollers", "ReplicationController", short: ["rc"], categories: ["all"],
          sub: ["status", "scale"], storage: "controllers"),
        r("", "v1", "bindings", "Binding", verbs: ["create"]),
        r("", "v1", "podtemplates", "PodTemplate", generation: false),
        r("", "v1", "limitranges", "LimitRange", short: ["limits"], generation: false),
        r("", "v1", "resourcequotas", "ResourceQuota", short: ["quota"], sub: ["status"], generation: false),
        r("", "v1", "persistentvolumeclaims", "PersistentVolumeClaim", short: ["pvc"], sub: ["status"], generation: false),
        r("", "v1", "persistentvolumes", "PersistentVolume", namespaced: false, short: ["pv"], sub: ["status"], generation: false),
    ]

    static let apps: [ResourceInfo] = [
        r("apps", "v1", "deployments", "Deployment", short: ["deploy"], categories: ["all"], sub: ["status", "scale"]),
        r("apps", "v1", "replicasets", "ReplicaSet", short: ["rs"], categories: ["all"], sub: ["status", "scale"]),
        r("apps", "v1", "daemonsets", "DaemonSet", short: ["ds"], categories: ["all"], sub: ["status"]),
        r("apps", "v1", "statefulsets", "StatefulSet", short: ["sts"], categories: ["all"], sub: ["status", "scale"]),
        r("apps", "v1", "controllerrevisions", "ControllerRevision", generation: false),
    ]

    static let others: [ResourceInfo] = [
        r("batch", "v1", "jobs", "Job", categories: ["all"], sub: ["status"]),
        r("batch", "v1", "cronjobs", "CronJob", short: ["cj"], categories: ["all"], sub: ["status"]),
        r("coordination.k8s.io", "v1", "leases", "Lease", generation: false),
        r("discovery.k8s.io", "v1", "endpointslices", "EndpointSlice", generation: false),
        r("policy", "v1", "poddisruptionbudgets", "PodDisruptionBudget", short: ["pdb"], sub: ["status"]),
        r("events.k8s.io", "v1", "events", "Event", short: ["ev"], generation: false),
        r("rbac.authorization.k8s.io", "v1", "roles", "Role", generation: false),
        r("rbac.authorization.k8s.io", "v1", "rolebindings", "RoleBinding", generation: false),
        r("rbac.authorization.k8s.io", "v1", "clusterroles", "ClusterRole", namespaced: false, generation: false),
        r("rbac.authorization.k8s.io", "v1", "clusterrolebindings", "ClusterRoleBinding", namespaced: false, generation: false),
        r("scheduling.k8s.io", "v1", "priorityclasses", "PriorityClass", namespaced: false, short: ["pc"], generation: false),
    ]
}

/// Lookup of resources by group/version/plural, built once at start-up.
public struct ResourceRegistry: Sendable {
    public let resources: [ResourceInfo]
    private let byPath: [String: ResourceInfo]

    public init(_ resources: [ResourceInfo] = BuiltinResources.all) {
        var events = resources
        // Events are TTL'd as upstream's --event-ttl (1h).
        for i in events.indices where events[i].kind == "Event" { events[i].ttlSeconds = 3600 }
        self.resources = events
        var map: [String: ResourceInfo] = [:]
        for r in events { map["\(r.group)/\(r.version)/\(r.resource)"] = r }
        byPath = map
    }

    public func lookup(group: String, version: String, resource: String) -> ResourceInfo? {
        byPath["\(group)/\(version)/\(resource)"]
    }

    public func lookup(group: String, kind: String) -> ResourceInfo? {
        resources.first { $0.group == group && $0.kind == kind }
    }

    /// Group → versions in preference order, groups in the order upstream lists them (core first).
    public var groups: [(name: String, versions: [String])] {
        var order: [String] = []
        var versions: [String: [String]] = [:]
        for r in resources where !r.group.isEmpty {
            if versions[r.group] == nil { order.append(r.group) }
            if !(versions[r.group]?.contains(r.version) ?? false) { versions[r.group, default: []].append(r.version) }
        }
        return order.map { ($0, versions[$0]!) }
    }

    public func resources(group: String, version: String) -> [ResourceInfo] {
        resources.filter { $0.group == group && $0.version == version }
    }
}
