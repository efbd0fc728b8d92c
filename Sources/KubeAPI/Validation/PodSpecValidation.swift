/// Upstream `ValidatePodSpec` over a JSON pod spec (after defaulting).
enum PodSpecValidation {
    static let dnsPolicies = ["ClusterFirst", "ClusterFirstWithHostNet", "Default", "None"]
    static let restartPolicies = ["Always", "OnFailure", "Never"]

    static func validate(_ spec: JSONValue?, path: ValidationPath) -> [FieldError] {
        let spec = spec ?? .object([:])
        var errs: [FieldError] = []
        let (volumeNames, volumeErrs) = volumes(spec.array("volumes"), path: path.child("volumes"))
        errs += volumeErrs

        var names = Set<String>()
        for (i, c) in spec.array("initContainers").enumerated() {
            errs += ContainerValidation.validate(c, path: path.child("initContainers").index(i), volumes: volumeNames,
                                                 names: &names, isInit: true)
        }
        let containers = spec.array("containers")
        if containers.isEmpty {
            errs.append(.required(path.child("containers")))
        }
        for (i, c) in containers.enumerated() {
            errs += ContainerValidation.validate(c, path: path.child("containers").index(i), volumes: volumeNames,
                                                 names: &names, isInit: false)
        }

        let restart = spec.string("restartPolicy")
        if restart.isEmpty {
            errs.append(.required(path.child("restartPolicy")))
        } else if !restartPolicies.contains(restart) {
            errs.append(.notSupported(path.child("restartPolicy"), .string(restart), restartPolicies))
        }
        let dns = spec.string("dnsPolicy")
        if dns.isEmpty {
            errs.append(.required(path.child("dnsPolicy")))
        } else if !dnsPolicies.contains(dns) {
            errs.append(.notSupported(path.child("dnsPolicy"), .string(dns), dnsPolicies))
        }
        errs += dnsConfig(spec, path: path.child("dnsConfig"))
        errs += hostAliases(spec.array("hostAliases"), path: path.child("hostAliases"))
        if spec["hostNetwork"]?.boolValue == true {
            for (i, c) in spec.array("containers").enumerated() {
                for (j, port) in c.array("ports").enumerated() {
                    let containerPort = port["containerPort"]?.intValue ?? 0
                    if (port["hostPort"]?.intValue ?? 0) != containerPort {
                        errs.append(.invalid(path.child("containers").index(i).child("ports").index(j).child("containerPort"),
                                             .int(containerPort), "must match `hostPort` when `hostNetwork` is true"))
                    }
                }
            }
        }

        errs += ObjectMetaValidation.validateLabels(spec["nodeSelector"], path: path.child("nodeSelector"))
        let sa = spec.string("serviceAccountName")
        if !sa.isEmpty {
            for m in NameValidation.isDNS1123Subdomain(sa) { errs.append(.invalid(path.child("serviceAccountName"), .string(sa), m)) }
        }
        let nodeName = spec.string("nodeName")
        if !nodeName.isEmpty {
            for m in NameValidation.isDNS1123Subdomain(nodeName) { errs.append(.invalid(path.child("nodeName"), .string(nodeName), m)) }
        }
        if let ads = spec["activeDeadlineSeconds"]?.intValue, ads < 1 || ads > Int64(Int32.max) {
            errs.append(.invalid(path.child("activeDeadlineSeconds"), .int(ads), "must be between 1 and 2147483647, inclusive"))
        }
        errs += FieldError.nonNegative(spec["terminationGracePeriodSeconds"], path.child("terminationGracePeriodSeconds"))
        let hostname = spec.string("hostname")
        if !hostname.isEmpty {
            for m in NameValidation.isDNS1123Label(hostname) { errs.append(.invalid(path.child("hostname"), .string(hostname), m)) }
        }
        let subdomain = spec.string("subdomain")
        if !subdomain.isEmpty {
            for m in NameValidation.isDNS1123Label(subdomain) { errs.append(.invalid(path.child("subdomain"), .string(subdomain), m)) }
        }
        errs += tolerations(spec.array("tolerations"), path: path.child("tolerations"))
        let priorityClass = spec.string("priorityClassName")
        if !priorityClass.isEmpty {
            for m in NameValidation.isDNS1123Subdomain(priorityClass) {
                errs.append(.invalid(path.child("priorityClassName"), .string(priorityClass), m))
            }
        }
        if let pp = spec["preemptionPolicy"]?.stringValue, !["PreemptLowerPriority", "Never"].contains(pp) {
            errs.append(.notSupported(path.child("preemptionPolicy"), .string(pp), ["Never", "PreemptLowerPriority"]))
        }
        return errs
    }

    static func dnsConfig(_ spec: JSONValue, path: ValidationPath) -> [FieldError] {
        let config = spec["dnsConfig"]
        if spec.string("dnsPolicy") == "None" {
            guard let config, !config.isNull else { return [.required(path, "must provide `dnsConfig` when `dnsPolicy` is None")] }
            if config.array("nameservers").isEmpty {
                return [.required(path.child("nameservers"), "must provide at least one DNS nameserver when `dnsPolicy` is None")]
            }
        }
        guard let config, !config.isNull else { return [] }
        var errs: [FieldError] = []
        let nameservers = config.array("nameservers")
        if nameservers.count > 3 {
            errs.append(.invalid(path.child("nameservers"), .array(nameservers), "must not have more than 3 nameservers"))
        }
        for (i, ns) in nameservers.enumerated() {
            errs += IPValidation.validIP(ns.stringValue ?? "", path: path.child("nameservers").index(i))
        }
        let searches = config.array("searches").map { $0.stringValue ?? "" }
        if searches.count > 32 {
            errs.append(.invalid(path.child("searches"), .array(searches.map { .string($0) }), "must not have more than 32 search paths"))
        }
        if searches.joined(separator: " ").utf8.count > 2048 {
            errs.append(.invalid(path.child("searches"), .array(searches.map { .string($0) }),
                                 "must not have more than 2048 characters (including spaces) in the search list"))
        }
        for (i, search) in searches.enumerated() where !(i == 0 && search == ".") {
            // A trailing dot is fine.
            let name = search.hasSuffix(".") ? String(search.dropLast()) : search
            errs += NameValidation.isDNS1123Subdomain(name).map { .invalid(path.child("searches").index(i), .string(name), $0) }
        }
        for (i, option) in config.array("options").enumerated() where option.string("name").isEmpty {
            errs.append(.required(path.child("options").index(i), "must not be empty"))
        }
        return errs
    }

    static func hostAliases(_ aliases: [JSONValue], path: ValidationPath) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, alias) in aliases.enumerated() {
            errs += IPValidation.validIP(alias.string("ip"), path: path.index(i).child("ip"))
            for (j, host) in alias.array("hostnames").enumerated() {
                let name = host.stringValue ?? ""
                errs += NameValidation.isDNS1123Subdomain(name).map { .invalid(path.index(i).child("hostnames").index(j), .string(name), $0) }
            }
        }
        return errs
    }

    /// The volume sources upstream knows, in the order it counts them.
    static let volumeSources = [
        "emptyDir", "hostPath", "gitRepo", "gcePersistentDisk", "awsElasticBlockStore", "secret", "nfs", "iscsi",
        "glusterfs", "flocker", "persistentVolumeClaim", "rbd", "cinder", "cephfs", "quobyte", "downwardAPI", "fc",
        "flexVolume", "configMap", "azureFile", "vsphereVolume", "photonPersistentDisk", "portworxVolume", "azureDisk",
        "storageos", "projected", "scaleIO", "csi", "ephemeral", "image",
    ]

    /// Upstream's "more than 1 volume type" errors name two sources with these spellings.
    static let extraSourcePathName = ["cephfs": "cephFS", "downwardAPI": "downwarAPI"]

    static func volumes(_ volumes: [JSONValue], path: ValidationPath) -> (Set<String>, [FieldError]) {
        var errs: [FieldError] = []
        var names = Set<String>()
        for (i, vol) in volumes.enumerated() {
            let p = path.index(i)
            errs += volumeSource(vol, path: p)
            let name = vol.string("name")
            if name.isEmpty {
                errs.append(.required(p.child("name")))
            } else {
                for m in NameValidation.isDNS1123Label(name) { errs.append(.invalid(p.child("name"), .string(name), m)) }
            }
            if names.contains(name) {
                errs.append(.duplicate(p.child("name"), .string(name)))
            } else {
                names.insert(name)
            }
        }
        return (names, errs)
    }

    static func volumeSource(_ vol: JSONValue, path: ValidationPath) -> [FieldError] {
        var errs: [FieldError] = []
        var found = 0
        for source in volumeSources {
            guard let v = vol[source], !v.isNull else { continue }
            found += 1
            if found > 1 {
                errs.append(.forbidden(path.child(extraSourcePathName[source] ?? source), "may not specify more than 1 volume type"))
                continue
            }
            let sp = path.child(source)
            switch source {
            case "hostPath":
                let hostPath = v.string("path")
                if hostPath.isEmpty {
                    errs.append(.required(sp.child("path")))
                    break
                }
                if hostPath.split(separator: "/").contains("..") {
                    errs.append(.invalid(sp.child("path"), .string(hostPath), "must not contain '..'"))
                }
                if let t = v["type"]?.stringValue {
                    let types = ["", "BlockDevice", "CharDevice", "Directory", "DirectoryOrCreate", "File", "FileOrCreate", "Socket"]
                    if !types.contains(t) { errs.append(.notSupported(sp.child("type"), .string(t), types)) }
                }
            case "emptyDir":
                if let medium = v["medium"]?.stringValue, !["", "Memory"].contains(medium), !medium.hasPrefix("HugePages") {
                    errs.append(.notSupported(sp.child("medium"), .string(medium), ["", "Memory", "HugePages"]))
                }
                if let limit = v["sizeLimit"], !limit.isNull {
                    if let q = try? Quantity(json: limit) {
                        if q.sign < 0 {
                            errs.append(.forbidden(sp.child("sizeLimit"), "SizeLimit field must be a valid resource quantity"))
                        }
                    } else {
                        _ = ResourceValidation.quantity(limit, resource: "", path: sp.child("sizeLimit"), errors: &errs)
                    }
                }
            case "secret":
                let secretName = v.string("secretName")
                if secretName.isEmpty { errs.append(.required(sp.child("secretName"))) }
                errs += keyToPaths(v.array("items"), path: sp.child("items"))
            case "configMap":
                let name = v.string("name")
                if name.isEmpty { errs.append(.required(sp.child("name"))) }
                errs += keyToPaths(v.array("items"), path: sp.child("items"))
            case "persistentVolumeClaim":
                if v.string("claimName").isEmpty { errs.append(.required(sp.child("claimName"))) }
            case "nfs":
                if v.string("server").isEmpty { errs.append(.required(sp.child("server"))) }
                let p = v.string("path")
                if p.isEmpty {
                    errs.append(.required(sp.child("path")))
                } else if !p.hasPrefix("/") {
                    errs.append(.invalid(sp.child("path"), .string(p), "must be an absolute path"))
                }
            case "csi":
                if v.string("driver").isEmpty { errs.append(.required(sp.child("driver"))) }
            case "image":
                if v.string("reference").isEmpty { errs.append(.required(sp.child("reference"))) }
            default:
                break
            }
        }
        if found == 0 { errs.append(.required(path, "must specify a volume type")) }
        return errs
    }

    static func keyToPaths(_ items: [JSONValue], path: ValidationPath) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, item) in items.enumerated() {
            let p = path.index(i)
            if item.string("key").isEmpty { errs.append(.required(p.child("key"))) }
            let itemPath = item.string("path")
            if itemPath.isEmpty {
                errs.append(.required(p.child("path")))
            } else if itemPath.hasPrefix("/") {
                errs.append(.invalid(p.child("path"), .string(itemPath), "must be a relative path"))
            } else if itemPath.split(separator: "/").contains("..") {
                errs.append(.invalid(p.child("path"), .string(itemPath), "must not contain '..'"))
            }
        }
        return errs
    }

    static let taintEffects = ["NoSchedule", "PreferNoSchedule", "NoExecute"]

    static func tolerations(_ tolerations: [JSONValue], path: ValidationPath) -> [FieldError] {
        var errs: [FieldError] = []
        for (i, t) in tolerations.enumerated() {
            let p = path.index(i)
            let key = t.string("key"), op = t.string("operator"), value = t.string("value"), effect = t.string("effect")
            if !key.isEmpty {
                for m in NameValidation.isQualifiedName(key) { errs.append(.invalid(p.child("key"), .string(key), m)) }
            }
            if key.isEmpty && op != "Exists" {
                errs.append(.invalid(p.child("operator"), .string(op),
                    "operator must be Exists when `key` is empty, which means \"match all values and all keys\""))
            }
            if t.has("tolerationSeconds") && effect != "NoExecute" {
                errs.append(.invalid(p.child("effect"), .string(effect), "effect must be 'NoExecute' when `tolerationSeconds` is set"))
            }
            switch op {
            case "Equal", "":
                let msgs = NameValidation.isValidLabelValue(value)
                if !msgs.isEmpty { errs.append(.invalid(p.child("operator"), .string(value), msgs.joined(separator: ";"))) }
            case "Exists":
                if !value.isEmpty { errs.append(.invalid(p.child("operator"), t, "value must be empty when `operator` is 'Exists'")) }
            default:
                errs.append(.notSupported(p.child("operator"), .string(op), ["Equal", "Exists"]))
            }
            if !effect.isEmpty && !taintEffects.contains(effect) {
                errs.append(.notSupported(p.child("effect"), .string(effect), taintEffects))
            }
        }
        return errs
    }

    /// Upstream `ValidatePodTemplateSpec`: template labels/annotations and the pod spec.
    static func validateTemplate(_ template: JSONValue?, path: ValidationPath) -> [FieldError] {
        guard let template, !template.isNull else { return [.required(path)] }
        let meta = template["metadata"] ?? .object([:])
        var errs = ObjectMetaValidation.validateLabels(meta["labels"], path: path.child("metadata", "labels"))
        errs += ObjectMetaValidation.validateAnnotations(meta["annotations"], path: path.child("metadata", "annotations"))
        errs += validate(template["spec"], path: path.child("spec"))
        return errs
    }
}
