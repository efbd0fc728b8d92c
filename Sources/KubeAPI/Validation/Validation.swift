/// Server-side validation of API objects handled as JSON, after defaulting, as upstream's
/// per-kind `Validate…` functions: every violation is reported, with upstream's field paths
/// and messages. `group` is "" for the core group.
public enum Validation {
    public static func validateCreate(group: String, kind: String, object: JSONValue) -> [FieldError] {
        switch (group, kind) {
        case ("", "Pod"): return PodValidation.validate(object)
        case ("", "PodTemplate"): return PodValidation.validatePodTemplate(object)
        case ("", "Service"): return ServiceValidation.validate(object)
        case ("", "ConfigMap"): return ConfigValidation.configMap(object)
        case ("", "Secret"): return ConfigValidation.secret(object)
        case ("", "Namespace"): return ClusterValidation.namespace(object)
        case ("", "Node"): return ClusterValidation.node(object)
        case ("", "Event"): return ClusterValidation.event(object)
        case ("", "Endpoints"): return ClusterValidation.endpoints(object)
        case ("", "ReplicationController"): return WorkloadValidation.replicationController(object)
        case ("", "PersistentVolume"):
            return ObjectMetaValidation.validate(object["metadata"], nameCheck: ObjectMetaValidation.pathSegment)
        case ("apps", "Deployment"): return WorkloadValidation.deployment(object)
        case ("apps", "ReplicaSet"): return WorkloadValidation.replicaSet(object)
        case ("apps", "DaemonSet"): return WorkloadValidation.daemonSet(object)
        case ("apps", "StatefulSet"): return WorkloadValidation.statefulSet(object)
        case ("batch", "Job"): return BatchValidation.job(object)
        case ("batch", "CronJob"): return BatchValidation.cronJob(object)
        case ("coordination.k8s.io", "Lease"): return ClusterValidation.lease(object)
        case ("discovery.k8s.io", "EndpointSlice"): return ClusterValidation.endpointSlice(object)
        case ("rbac.authorization.k8s.io", _):
            // RBAC names only have to be usable as one path segment ("system:controller:…").
            return ObjectMetaValidation.validate(object["metadata"], nameCheck: ObjectMetaValidation.pathSegment)
        default:
            // Other kinds: the metadata rules every kind shares, names as DNS subdomains.
            return ObjectMetaValidation.validate(object["metadata"], nameCheck: ObjectMetaValidation.dnsSubdomain)
        }
    }

    public static func validateUpdate(group: String, kind: String, object: JSONValue, old: JSONValue) -> [FieldError] {
        let meta = ObjectMetaValidation.validateUpdate(object["metadata"], old: old["metadata"])
        /// The create checks on the new object, minus metadata (the update checks cover it).
        func body() -> [FieldError] {
            validateCreate(group: group, kind: kind, object: object).filter { !$0.field.hasPrefix("metadata.") }
        }
        switch (group, kind) {
        case ("", "Pod"): return PodValidation.validateUpdate(object, old: old) + body()
        case ("", "Service"): return ServiceValidation.validateUpdate(object, old: old)
        case ("", "Secret"):
            return ConfigValidation.update(object, old: old, dataFields: ["data"], checkType: true) + body()
        case ("", "ConfigMap"):
            return ConfigValidation.update(object, old: old, dataFields: ["data", "binaryData"], checkType: false) + body()
        case ("", "ReplicationController"):
            return meta + body()
        case ("apps", "Deployment"), ("apps", "ReplicaSet"), ("apps", "DaemonSet"):
            return meta + WorkloadValidation.selectorImmutable(object, old: old) + body()
        case ("apps", "StatefulSet"):
            return meta + WorkloadValidation.statefulSetUpdate(object, old: old) + body()
        case ("batch", "Job"):
            return meta + BatchValidation.jobUpdate(object, old: old) + body()
        case ("batch", "CronJob"):
            return meta + BatchValidation.cronJobSpec(object["spec"] ?? .object([:]), old: old["spec"])
        case ("discovery.k8s.io", "EndpointSlice"):
            var errs = meta + body()
            if object.string("addressType") != old.string("addressType") {
                errs.append(.immutable(ValidationPath("addressType"), object["addressType"]))
            }
            return errs
        case ("", "Event"):
            return meta + ClusterValidation.event(object)
        default:
            return meta + body()
        }
    }
}
