/// Pod, pod template and container defaults (upstream core/v1 `SetDefaults_Pod`, `_PodSpec`,
/// `_Container`, `_Probe`, `_Volume` …).
enum PodDefaults {
    static func pod(_ pod: inout JSONValue) {
        pod.update("spec", create: true) { spec in
            podSpec(&spec)
            // Pod only (not templates): requests default to limits, service links on.
            for list in ["containers", "initContainers"] {
                spec.updateEach(list) { c in
                    guard let limits = c.at("resources", "limits")?.objectValue, !limits.isEmpty else { return }
                    c.update("resources", create: true) { r in
                        var requests = r["requests"]?.objectValue ?? [:]
                        for (k, v) in limits where requests[k] == nil { requests[k] = v }
                        r["requests"] = .object(requests)
                    }
                }
            }
            spec.setDefault("enableServiceLinks", true)
            if spec["hostNetwork"]?.boolValue == true {
                for list in ["containers", "initContainers"] {
                    spec.updateEach(list) { c in
                        c.updateEach("ports") { p in
                            if let cp = p["containerPort"], p["hostPort"]?.intValue ?? 0 == 0 { p["hostPort"] = cp }
                        }
                    }
                }
            }
            // Set by upstream's Priority admission when no priorityClassName resolves to a class.
            if spec["priorityClassName"]?.stringValue ?? "" == "" {
                spec.setDefault("priority", 0)
                spec.setDefault("preemptionPolicy", "PreemptLowerPriority")
            }
        }
    }

    static func template(_ template: inout JSONValue) {
        template.update("spec", create: true) { podSpec(&$0) }
    }

    static func podSpec(_ spec: inout JSONValue) {
        spec.setDefault("dnsPolicy", "ClusterFirst")
        spec.setDefault("restartPolicy", "Always")
        spec.setDefault("securityContext", .object([:]))
        spec.setDefault("terminationGracePeriodSeconds", 30)
        spec.setDefault("schedulerName", "default-scheduler")
        for list in ["containers", "initContainers", "ephemeralContainers"] {
            spec.updateEach(list) { container(&$0) }
        }
        spec.updateEach("volumes") { volume(&$0) }
    }

    static func container(_ c: inout JSONValue) {
        if c["imagePullPolicy"]?.stringValue ?? "" == "" {
            c["imagePullPolicy"] = .string(imageTag(c.string("image")) == "latest" ? "Always" : "IfNotPresent")
        }
        c.setDefault("terminationMessagePath", "/dev/termination-log")
        c.setDefault("terminationMessagePolicy", "File")
        c.setDefault("resources", .object([:]))
        c.updateEach("ports") { $0.setDefault("protocol", "TCP") }
        c.updateEach("env") { env in
            env.update("valueFrom") { from in from.update("fieldRef") { $0.setDefault("apiVersion", "v1") } }
        }
        for probe in ["livenessProbe", "readinessProbe", "startupProbe"] {
            c.update(probe) { p in
                p.setDefault("timeoutSeconds", 1)
                p.setDefault("periodSeconds", 10)
                p.setDefault("successThreshold", 1)
                p.setDefault("failureThreshold", 3)
                p.update("httpGet") { httpGet(&$0) }
            }
        }
        c.update("lifecycle") { l in
            for hook in ["postStart", "preStop"] { l.update(hook) { h in h.update("httpGet") { httpGet(&$0) } } }
        }
        // As upstream's typed round trip does, quantities come back in canonical form.
        c.update("resources") { r in
            for list in ["limits", "requests"] {
                r.update(list) { m in
                    guard var o = m.objectValue else { return }
                    for (k, v) in o { if let q = try? Quantity(json: v) { o[k] = q.jsonValue } }
                    m = .object(o)
                }
            }
        }
    }

    static func httpGet(_ h: inout JSONValue) {
        if h["path"]?.stringValue ?? "" == "" { h["path"] = "/" }
        if h["scheme"]?.stringValue ?? "" == "" { h["scheme"] = "HTTP" }
    }

    /// The file-mode default upstream gives projected-file volume sources (0644).
    static let defaultMode: JSONValue = 420

    static func volume(_ v: inout JSONValue) {
        let hasSource = PodSpecValidation.volumeSources.contains { v[$0] != nil && v[$0] != .null }
        if !hasSource { v["emptyDir"] = .object([:]) }
        for source in ["secret", "configMap", "downwardAPI", "projected"] {
            v.update(source) { $0.setDefault("defaultMode", defaultMode) }
        }
        v.update("hostPath") { $0.setDefault("type", "") }
        v.update("downwardAPI") { d in
            d.updateEach("items") { item in item.update("fieldRef") { $0.setDefault("apiVersion", "v1") } }
        }
        v.update("iscsi") { $0.setDefault("iscsiInterface", "default") }
        v.update("rbd") { r in
            r.setDefault("pool", "rbd")
            r.setDefault("user", "admin")
            r.setDefault("keyring", "/etc/ceph/keyring")
        }
        v.update("azureDisk") { a in
            a.setDefault("cachingMode", "ReadWrite")
            a.setDefault("fsType", "ext4")
            a.setDefault("readOnly", false)
            a.setDefault("kind", "Shared")
        }
    }

    /// The tag of an image reference as the kubelet's `ParseImageName` sees it: "latest" when
    /// there is neither tag nor digest, "" when only a digest.
    static func imageTag(_ image: String) -> String {
        var ref = Substring(image)
        var hasDigest = false
        if let at = ref.firstIndex(of: "@") {
            hasDigest = true
            ref = ref[..<at]
        }
        let lastComponent = ref.split(separator: "/", omittingEmptySubsequences: false).last ?? ""
        if let colon = lastComponent.lastIndex(of: ":") {
            return String(lastComponent[lastComponent.index(after: colon)...])
        }
        return hasDigest ? "" : "latest"
    }
}
