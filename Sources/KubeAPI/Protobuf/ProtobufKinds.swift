/// Which schema message holds each top-level kind, by apiVersion.
enum ProtobufKinds {
    /// apiVersion → (schema package, kinds). Lists are `<Kind>List`, written out so lookups stay exact.
    static let table: [(apiVersion: String, package: String, kinds: [String])] = [
        ("v1", "core.v1", [
            "ConfigMap", "ConfigMapList", "Secret", "SecretList", "Namespace", "NamespaceList",
            "ServiceAccount", "ServiceAccountList", "Service", "ServiceList", "Pod", "PodList",
            "PodTemplate", "PodTemplateList", "ResourceQuota", "ResourceQuotaList", "Node", "NodeList",
            "Binding", "Endpoints", "EndpointsList", "Event", "EventList",
            "PersistentVolumeClaim", "PersistentVolumeClaimList", "LimitRange", "LimitRangeList",
        ]),
        // meta/v1 kinds are served under every group version; the apiserver answers errors as v1 Status.
        ("v1", "meta.v1", ["Status", "DeleteOptions", "WatchEvent"]),
        ("meta.k8s.io/v1", "meta.v1", ["Status", "DeleteOptions", "WatchEvent"]),
        ("apps/v1", "apps.v1", [
            "Deployment", "DeploymentList", "ReplicaSet", "ReplicaSetList", "DaemonSet", "DaemonSetList",
            "StatefulSet", "StatefulSetList", "ControllerRevision", "ControllerRevisionList",
        ]),
        ("batch/v1", "batch.v1", ["Job", "JobList", "CronJob", "CronJobList"]),
        ("policy/v1", "policy.v1", ["Eviction", "PodDisruptionBudget", "PodDisruptionBudgetList"]),
        ("scheduling.k8s.io/v1", "scheduling.v1", ["PriorityClass", "PriorityClassList"]),
        ("rbac.authorization.k8s.io/v1", "rbac.v1", [
            "Role", "RoleList", "RoleBinding", "RoleBindingList",
            "ClusterRole", "ClusterRoleList", "ClusterRoleBinding", "ClusterRoleBindingList",
        ]),
        ("authentication.k8s.io/v1", "authentication.v1", ["TokenRequest", "TokenReview", "SelfSubjectReview"]),
        ("authorization.k8s.io/v1", "authorization.v1", [
            "SelfSubjectAccessReview", "SubjectAccessReview", "LocalSubjectAccessReview", "SelfSubjectRulesReview",
        ]),
        ("coordination.k8s.io/v1", "coordination.v1", ["Lease", "LeaseList"]),
        ("autoscaling/v1", "autoscaling.v1", ["Scale", "HorizontalPodAutoscaler", "HorizontalPodAutoscalerList"]),
        ("autoscaling/v2", "autoscaling.v2", ["HorizontalPodAutoscaler", "HorizontalPodAutoscalerList"]),
        ("networking.k8s.io/v1", "networking.v1", [
            "Ingress", "IngressList", "IngressClass", "IngressClassList", "NetworkPolicy", "NetworkPolicyList",
        ]),
        ("certificates.k8s.io/v1", "certificates.v1", ["CertificateSigningRequest", "CertificateSigningRequestList"]),
        ("discovery.k8s.io/v1", "discovery.v1", ["EndpointSlice", "EndpointSliceList"]),
    ]

    static let messageNames: [String: String] = {
        var names: [String: String] = [:]
        for entry in table {
            for kind in entry.kinds { names["\(entry.apiVersion)/\(kind)"] = "\(entry.package).\(kind)" }
        }
        return names
    }()

    static func messageName(apiVersion: String, kind: String) -> String? {
        if let name = messageNames["\(apiVersion)/\(kind)"] { return name }
        // DeleteOptions and Status may arrive stamped with any group version.
        if ["Status", "DeleteOptions", "WatchEvent"].contains(kind) { return "meta.v1.\(kind)" }
        return nil
    }
}
