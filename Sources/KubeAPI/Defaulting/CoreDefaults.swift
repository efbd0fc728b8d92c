/// Defaults for core/v1 kinds other than pods and controllers.
enum CoreDefaults {
    static func service(_ svc: inout JSONValue) {
        svc.update("spec", create: true) { spec in
            spec.setDefault("sessionAffinity", "None")
            switch spec.string("sessionAffinity") {
            case "None":
                spec["sessionAffinityConfig"] = nil
            case "ClientIP" where spec.at("sessionAffinityConfig", "clientIP", "timeoutSeconds") == nil:
                spec["sessionAffinityConfig"] = ["clientIP": ["timeoutSeconds": 10800]]
            default:
                break
            }
            spec.setDefault("type", "ClusterIP")
            let type = spec.string("type")
            spec.updateEach("ports") { p in
                p.setDefault("protocol", "TCP")
                let target = p["targetPort"]
                if target == nil || target == .null || target == .int(0) || target == .string("") {
                    p["targetPort"] = p["port"] ?? .int(0)
                }
            }
            let externallyAccessible = type == "LoadBalancer" || type == "NodePort"
                || (type == "ClusterIP" && !spec.array("externalIPs").isEmpty)
            if externallyAccessible { spec.setDefault("externalTrafficPolicy", "Cluster") }
            if ["NodePort", "LoadBalancer", "ClusterIP"].contains(type) {
                spec.setDefault("internalTrafficPolicy", "Cluster")
            }
            if type == "LoadBalancer" { spec.setDefault("allocateLoadBalancerNodePorts", true) }
            // Filled by upstream's service REST storage when it allocates addresses.
            if type != "ExternalName" {
                spec.setDefault("ipFamilyPolicy", "SingleStack")
                let ip = spec.string("clusterIP")
                if !ip.isEmpty && spec.array("clusterIPs").isEmpty { spec["clusterIPs"] = [.string(ip)] }
            }
        }
    }

    static func secret(_ secret: inout JSONValue) {
        if secret.string("type").isEmpty { secret["type"] = "Opaque" }
    }

    static func namespace(_ ns: inout JSONValue) {
        if let name = ns.at("metadata", "name")?.stringValue, !name.isEmpty {
            ns.update("metadata", create: true) { meta in
                meta.update("labels", create: true) { $0["kubernetes.io/metadata.name"] = .string(name) }
            }
        }
        // The namespace strategy adds the finalizer and phase on create.
        ns.update("spec", create: true) { $0.setDefault("finalizers", ["kubernetes"]) }
        ns.update("status", create: true) { $0.setDefault("phase", "Active") }
    }

    static func node(_ node: inout JSONValue) {
        node.update("status") { status in
            if let capacity = status["capacity"], !capacity.isNull { status.setDefault("allocatable", capacity) }
        }
    }

    static func endpoints(_ ep: inout JSONValue) {
        ep.updateEach("subsets") { subset in subset.updateEach("ports") { $0.setDefault("protocol", "TCP") } }
    }

    static func endpointSlice(_ slice: inout JSONValue) {
        slice.updateEach("ports") { p in
            p.setDefault("name", "")
            p.setDefault("protocol", "TCP")
        }
    }

    static func claimSpec(_ spec: inout JSONValue) {
        spec.setDefault("volumeMode", "Filesystem")
    }

    static func persistentVolume(_ pv: inout JSONValue) {
        pv.update("spec", create: true) { spec in
            spec.setDefault("persistentVolumeReclaimPolicy", "Retain")
            spec.setDefault("volumeMode", "Filesystem")
        }
        pv.update("status", create: true) { $0.setDefault("phase", "Pending") }
    }
}
