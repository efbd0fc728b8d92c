extension Fields.Selector {
    /// The fields each kind can be selected by, as upstream's `AddFieldLabelConversionFunc`
    /// registrations; every other kind supports `metadata.name` and `metadata.namespace`.
    static let supportedByKind: [String: Set<String>] = [
        "/Pod": [
            "metadata.name", "metadata.namespace", "spec.nodeName", "spec.restartPolicy", "spec.schedulerName",
            "spec.serviceAccountName", "spec.hostNetwork", "status.phase", "status.podIP", "status.podIPs",
            "status.nominatedNodeName",
        ],
        "/Node": ["metadata.name", "spec.unschedulable"],
        "/ReplicationController": ["metadata.name", "metadata.namespace", "status.replicas"],
        "/Event": [
            "involvedObject.kind", "involvedObject.namespace", "involvedObject.name", "involvedObject.uid",
            "involvedObject.apiVersion", "involvedObject.resourceVersion", "involvedObject.fieldPath", "reason",
            "reportingComponent", "source", "type", "metadata.namespace", "metadata.name",
        ],
        "/Namespace": ["status.phase", "metadata.name"],
        "/Secret": ["type", "metadata.namespace", "metadata.name"],
        "/Service": ["metadata.namespace", "metadata.name", "spec.clusterIP", "spec.type"],
        "apps/ReplicaSet": ["metadata.name", "metadata.namespace", "status.replicas"],
        "extensions/ReplicaSet": ["metadata.name", "metadata.namespace", "status.replicas"],
        "batch/Job": ["metadata.name", "metadata.namespace", "status.successful"],
        "certificates.k8s.io/CertificateSigningRequest": ["metadata.name", "spec.signerName"],
    ]

    /// Kinds without a namespace, whose field set has no `metadata.namespace`.
    static let clusterScoped: Set<String> = [
        "/Node", "/Namespace", "/PersistentVolume", "/ComponentStatus",
        "certificates.k8s.io/CertificateSigningRequest", "rbac.authorization.k8s.io/ClusterRole",
        "rbac.authorization.k8s.io/ClusterRoleBinding", "storage.k8s.io/StorageClass", "storage.k8s.io/CSIDriver",
        "storage.k8s.io/CSINode", "storage.k8s.io/VolumeAttachment", "scheduling.k8s.io/PriorityClass",
        "node.k8s.io/RuntimeClass", "networking.k8s.io/IngressClass",
        "apiextensions.k8s.io/CustomResourceDefinition", "apiregistration.k8s.io/APIService",
        "admissionregistration.k8s.io/ValidatingWebhookConfiguration",
        "admissionregistration.k8s.io/MutatingWebhookConfiguration",
    ]

    /// The field labels a selector on objects of `group`/`kind` may use.
    public static func supportedFields(group: String, kind: String) -> Set<String> {
        supportedByKind["\(group)/\(kind)"] ?? ["metadata.name", "metadata.namespace"]
    }

    /// Checks every term against the kind's supported fields and applies upstream's renames
    /// (Pod `spec.host` → `spec.nodeName`, kept for old v1 clients).
    public func validated(group: String, kind: String) throws(FieldSelectorError) -> Fields.Selector {
        let supported = Self.supportedFields(group: group, kind: kind)
        var result = self
        for i in result.terms.indices {
            if group.isEmpty && kind == "Pod" && result.terms[i].field == "spec.host" {
                result.terms[i].field = "spec.nodeName"
            }
            guard supported.contains(result.terms[i].field) else {
                throw FieldSelectorError(input: description, message: "field label not supported: \(result.terms[i].field)")
            }
        }
        return result
    }

    /// The selectable fields of `object` as upstream's per-kind `GetAttrs`/`ToSelectableFields`
    /// compute them (booleans as `true`/`false`, counts as decimal).
    public static func fields(group: String, kind: String, object: JSONValue) -> [String: String] {
        func string(_ path: String...) -> String { object[path: path]?.stringValue ?? "" }
        func bool(_ path: String...) -> String { object[path: path]?.boolValue == true ? "true" : "false" }
        func int(_ path: String...) -> String { String(object[path: path]?.intValue ?? 0) }

        var fields: [String: String] = ["metadata.name": string("metadata", "name")]
        if !clusterScoped.contains("\(group)/\(kind)") {
            fields["metadata.namespace"] = string("metadata", "namespace")
        }
        switch "\(group)/\(kind)" {
        case "/Pod":
            fields["spec.nodeName"] = string("spec", "nodeName")
            fields["spec.restartPolicy"] = string("spec", "restartPolicy")
            fields["spec.schedulerName"] = string("spec", "schedulerName")
            fields["spec.serviceAccountName"] = string("spec", "serviceAccountName")
            fields["spec.hostNetwork"] = bool("spec", "hostNetwork")
            fields["status.phase"] = string("status", "phase")
            // The internal pod keeps only podIPs; the first one is the pod's IP.
            fields["status.podIP"] =
                object[path: ["status", "podIPs"]]?.arrayValue?.first?["ip"]?.stringValue ?? string("status", "podIP")
            fields["status.nominatedNodeName"] = string("status", "nominatedNodeName")
        case "/Node":
            fields["spec.unschedulable"] = bool("spec", "unschedulable")
        case "/ReplicationController", "apps/ReplicaSet", "extensions/ReplicaSet":
            fields["status.replicas"] = int("status", "replicas")
        case "/Event":
            for member in ["kind", "namespace", "name", "uid", "apiVersion", "resourceVersion", "fieldPath"] {
                fields["involvedObject." + member] = string("involvedObject", member)
            }
            fields["reason"] = string("reason")
            fields["reportingComponent"] = string("reportingComponent")
            fields["source"] = string("source", "component")
            fields["type"] = string("type")
        case "/Namespace":
            fields["status.phase"] = string("status", "phase")
            // Upstream also exposes a bare "name" here, kept for compatibility.
            fields["name"] = string("metadata", "name")
        case "/Secret":
            fields["type"] = string("type")
        case "/Service":
            fields["spec.clusterIP"] = string("spec", "clusterIP")
            fields["spec.type"] = string("spec", "type")
        case "batch/Job":
            fields["status.successful"] = int("status", "succeeded")
        case "certificates.k8s.io/CertificateSigningRequest":
            fields["spec.signerName"] = string("spec", "signerName")
        default:
            break
        }
        return fields
    }
}
