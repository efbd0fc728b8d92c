/// apps/v1 workloads and ReplicationController (upstream `apps/validation`).
enum WorkloadValidation {
    // MARK: shared pieces

    /// Required, well-formed and non-empty selector (Deployment, ReplicaSet, StatefulSet).
    static func requiredSelector(_ spec: JSONValue, path: ValidationPath, kindWord: String) -> [FieldError] {
        guard let selector = spec["selector"], !selector.isNull else { return [.required(path.child("selector"))] }
        var errs = LabelSelectorValidation.validate(selector, path: path.child("selector"))
        if LabelSelectorValidation.isEmpty(selector) {
            errs.append(.invalid(path.child("selector"), selector, "empty selector is invalid for \(kindWord)"))
        }
        return errs
    }

    /// The template must be selected by the selector, restart Always, no activeDeadlineSeconds.
    static func templateForController(
        _ spec: JSONValue, path: ValidationPath, kind: String, deadlineAsForbidden: Bool = true,
        nilSelectorMatchesNothing: Bool = true
    ) -> [FieldError] {
        let templatePath = path.child("template")
        guard let template = spec["template"], !template.isNull else { return [.required(templatePath)] }
        var errs: [FieldError] = []
        // A missing selector selects nothing (so never the template); an empty one selects everything.
        let selector = spec["selector"] ?? .null
        let mismatch = selector.isNull
            ? nilSelectorMatchesNothing
            : !LabelSelectorValidation.isEmpty(selector)
                && !LabelSelectorValidation.matches(selector, labels: template.at("metadata", "labels"))
        if mismatch {
            errs.append(.invalid(templatePath.child("metadata", "labels"), template.at("metadata", "labels") ?? .null,
                                 "`selector` does not match template `labels`"))
        }
        errs += PodSpecValidation.validateTemplate(template, path: templatePath)
        let restart = template.at("spec", "restartPolicy")?.stringValue ?? ""
        if restart != "Always" {
            errs.append(.notSupported(templatePath.child("spec", "restartPolicy"), .string(restart), ["Always"]))
        }
        if let ads = template.at("spec", "activeDeadlineSeconds"), !ads.isNull {
            let p = templatePath.child("spec", "activeDeadlineSeconds")
            errs.append(deadlineAsForbidden
                ? .forbidden(p, "activeDeadlineSeconds in \(kind) is not Supported")
                : .invalid(p, ads, "activeDeadlineSeconds in \(kind) is not Supported"))
        }
        return errs
    }

    /// The value of an intOrPercent (`25%` → 25), nil when malformed.
    static func intOrPercentValue(_ v: JSONValue?) -> Int64? {
        switch v {
        case .string(let s)?: return s.hasSuffix("%") ? Int64(s.dropLast()) : Int64(s)
        case let v?: return v.intValue
        case nil: return 0
        }
    }

    static func positiveIntOrPercent(_ v: JSONValue?, path: ValidationPath) -> [FieldError] {
        switch v {
        case .string(let s)?: return NameValidation.isValidPercent(s).map { .invalid(path, .string(s), $0) }
        case let v?: return FieldError.nonNegative(v, path)
        case nil: return []
        }
    }

    static func notMoreThan100Percent(_ v: JSONValue?, path: ValidationPath) -> [FieldError] {
        guard case .string(let s)? = v, NameValidation.isValidPercent(s).isEmpty, let n = Int64(s.dropLast()), n > 100
        else { return [] }
        return [.invalid(path, .string(s), "must not be greater than 100%")]
    }

    static func commonCounts(_ spec: JSONValue, path: ValidationPath) -> [FieldError] {
        FieldError.nonNegative(spec["replicas"], path.child("replicas"))
            + FieldError.nonNegative(spec["minReadySeconds"], path.child("minReadySeconds"))
            + FieldError.nonNegative(spec["revisionHistoryLimit"], path.child("revisionHistoryLimit"))
    }

    static func selectorImmutable(_ obj: JSONValue, old: JSONValue) -> [FieldError] {
        let new = obj.at("spec", "selector") ?? .null, prev = old.at("spec", "selector") ?? .null
        return new == prev ? [] : [.immutable(ValidationPath("spec", "selector"), new)]
    }

    // MARK: kinds

    static func deployment(_ d: JSONValue) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(d["metadata"], nameCheck: ObjectMetaValidation.dnsSubdomain)
        let path = ValidationPath("spec")
        let spec = d["spec"] ?? .object([:])
        errs += commonCounts(spec, path: path)
        errs += requiredSelector(spec, path: path, kindWord: "deployment")
        errs += templateForController(spec, path: path, kind: "ReplicaSet")

        let strategyPath = path.child("strategy")
        let strategy = spec["strategy"] ?? .object([:])
        switch strategy.string("type") {
        case "Recreate":
            if strategy.has("rollingUpdate") {
                errs.append(.forbidden(strategyPath.child("rollingUpdate"), "may not be specified when strategy `type` is 'Recreate'"))
            }
        case "RollingUpdate":
            guard let ru = strategy["rollingUpdate"], !ru.isNull else {
                errs.append(.required(strategyPath.child("rollingUpdate"), "this should be defaulted and never be nil"))
                break
            }
            let rp = strategyPath.child("rollingUpdate")
            errs += positiveIntOrPercent(ru["maxUnavailable"], path: rp.child("maxUnavailable"))
            errs += positiveIntOrPercent(ru["maxSurge"], path: rp.child("maxSurge"))
            if intOrPercentValue(ru["maxUnavailable"]) == 0 && intOrPercentValue(ru["maxSurge"]) == 0 {
                errs.append(.invalid(rp.child("maxUnavailable"), ru["maxUnavailable"] ?? .int(0), "may not be 0 when `maxSurge` is 0"))
            }
            errs += notMoreThan100Percent(ru["maxUnavailable"], path: rp.child("maxUnavailable"))
        default:
            errs.append(.notSupported(strategyPath, strategy, ["Recreate", "RollingUpdate"]))
        }
        if let pds = spec["progressDeadlineSeconds"]?.intValue {
            errs += FieldError.nonNegative(.int(pds), path.child("progressDeadlineSeconds"))
            if pds <= spec["minReadySeconds"]?.intValue ?? 0 {
                errs.append(.invalid(path.child("progressDeadlineSeconds"), .int(pds), "must be greater than minReadySeconds"))
            }
        }
        return errs
    }

    static func replicaSet(_ rs: JSONValue) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(rs["metadata"], nameCheck: ObjectMetaValidation.dnsSubdomain)
        let path = ValidationPath("spec")
        let spec = rs["spec"] ?? .object([:])
        errs += commonCounts(spec, path: path)
        errs += requiredSelector(spec, path: path, kindWord: "deployment")
        errs += templateForController(spec, path: path, kind: "ReplicaSet")
        return errs
    }

    static func replicationController(_ rc: JSONValue) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(rc["metadata"], nameCheck: ObjectMetaValidation.dnsSubdomain)
        let path = ValidationPath("spec")
        var spec = rc["spec"] ?? .object([:])
        errs += FieldError.nonNegative(spec["minReadySeconds"], path.child("minReadySeconds"))
        if spec.object("selector").isEmpty { errs.append(.required(path.child("selector"))) }
        errs += FieldError.nonNegative(spec["replicas"], path.child("replicas"))
        // An RC selector is a plain label map; match it as matchLabels.
        spec["selector"] = spec.object("selector").isEmpty ? nil : .object(["matchLabels": spec["selector"]!])
        errs += templateForController(spec, path: path, kind: "ReplicationController", nilSelectorMatchesNothing: false)
        return errs
    }

    static func daemonSet(_ ds: JSONValue) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(ds["metadata"], nameCheck: ObjectMetaValidation.dnsSubdomain)
        let path = ValidationPath("spec")
        let spec = ds["spec"] ?? .object([:])
        // Upstream has no "required" error here: a missing selector shows up as matching no template.
        if let selector = spec["selector"], !selector.isNull {
            errs += LabelSelectorValidation.validate(selector, path: path.child("selector"))
            if LabelSelectorValidation.isEmpty(selector) {
                errs.append(.invalid(path.child("selector"), selector, "empty selector is invalid for daemonset"))
            }
        }
        errs += templateForController(spec, path: path, kind: "DaemonSet", deadlineAsForbidden: false)
        errs += FieldError.nonNegative(spec["minReadySeconds"], path.child("minReadySeconds"))
        errs += FieldError.nonNegative(spec["revisionHistoryLimit"], path.child("revisionHistoryLimit"))

        let sp = path.child("updateStrategy")
        let strategy = spec["updateStrategy"] ?? .object([:])
        switch strategy.string("type") {
        case "OnDelete":
            break
        case "RollingUpdate":
            guard let ru = strategy["rollingUpdate"], !ru.isNull else {
                errs.append(.required(sp.child("rollingUpdate")))
                break
            }
            let rp = sp.child("rollingUpdate")
            errs += positiveIntOrPercent(ru["maxUnavailable"], path: rp.child("maxUnavailable"))
            errs += positiveIntOrPercent(ru["maxSurge"], path: rp.child("maxSurge"))
            errs += notMoreThan100Percent(ru["maxUnavailable"], path: rp.child("maxUnavailable"))
            errs += notMoreThan100Percent(ru["maxSurge"], path: rp.child("maxSurge"))
            let hasUnavailable = intOrPercentValue(ru["maxUnavailable"]) != 0
            let hasSurge = intOrPercentValue(ru["maxSurge"]) != 0
            if hasUnavailable && hasSurge {
                errs.append(.invalid(rp.child("maxSurge"), ru["maxSurge"] ?? .null, "may not be set when maxUnavailable is non-zero"))
            } else if !hasUnavailable && !hasSurge {
                errs.append(.required(rp.child("maxUnavailable"), "cannot be 0 when maxSurge is 0"))
            }
        default:
            errs.append(.notSupported(sp, strategy, ["RollingUpdate", "OnDelete"]))
        }
        return errs
    }

    /// StatefulSet names are DNS labels: they become pod hostnames with an ordinal suffix.
    static func statefulSet(_ sts: JSONValue) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(sts["metadata"], nameCheck: ObjectMetaValidation.dnsLabel)
        let path = ValidationPath("spec")
        let spec = sts["spec"] ?? .object([:])
        switch spec.string("podManagementPolicy") {
        case "": errs.append(.required(path.child("podManagementPolicy")))
        case "OrderedReady", "Parallel": break
        case let other:
            errs.append(.invalid(path.child("podManagementPolicy"), .string(other), "must be 'OrderedReady' or 'Parallel'"))
        }
        let strategy = spec["updateStrategy"] ?? .object([:])
        switch strategy.string("type") {
        case "": errs.append(.required(path.child("updateStrategy")))
        case "OnDelete":
            if let ru = strategy["rollingUpdate"], !ru.isNull {
                errs.append(.invalid(path.child("updateStrategy", "rollingUpdate"), ru, "only allowed for updateStrategy 'RollingUpdate'"))
            }
        case "RollingUpdate":
            if let ru = strategy["rollingUpdate"], !ru.isNull {
                let rp = path.child("updateStrategy", "rollingUpdate")
                errs += FieldError.nonNegative(ru["partition"], rp.child("partition"))
                if ru.has("maxUnavailable") {
                    errs += positiveIntOrPercent(ru["maxUnavailable"], path: rp.child("maxUnavailable"))
                    if intOrPercentValue(ru["maxUnavailable"]) == 0 {
                        errs.append(.invalid(rp.child("maxUnavailable"), ru["maxUnavailable"]!, "must be greater than 0"))
                    }
                    errs += notMoreThan100Percent(ru["maxUnavailable"], path: rp.child("maxUnavailable"))
                }
            }
        default:
            errs.append(.invalid(path.child("updateStrategy"), strategy, "must be 'RollingUpdate' or 'OnDelete'"))
        }
        errs += commonCounts(spec, path: path)
        errs += FieldError.nonNegative(spec.at("ordinals", "start"), path.child("ordinals", "start"))
        errs += requiredSelector(spec, path: path, kindWord: "statefulset")
        errs += templateForController(spec, path: path, kind: "StatefulSet")
        if let policy = spec["persistentVolumeClaimRetentionPolicy"], !policy.isNull {
            for field in ["whenDeleted", "whenScaled"] {
                let v = policy.string(field)
                if !["Retain", "Delete"].contains(v) {
                    errs.append(.notSupported(path.child("persistentVolumeClaimRetentionPolicy", field), .string(v), ["Retain", "Delete"]))
                }
            }
        }
        return errs
    }

    static let statefulSetMutable = [
        "replicas", "ordinals", "template", "updateStrategy", "revisionHistoryLimit",
        "persistentVolumeClaimRetentionPolicy", "minReadySeconds",
    ]

    static func statefulSetUpdate(_ sts: JSONValue, old: JSONValue) -> [FieldError] {
        var new = sts["spec"] ?? .object([:]), prev = old["spec"] ?? .object([:])
        for f in statefulSetMutable {
            new[f] = nil
            prev[f] = nil
        }
        guard !new.isEquivalent(to: prev) else { return [] }
        return [.forbidden(ValidationPath("spec"),
            "updates to statefulset spec for fields other than 'replicas', 'ordinals', 'template', 'updateStrategy', 'revisionHistoryLimit', 'persistentVolumeClaimRetentionPolicy' and 'minReadySeconds' are forbidden")]
    }
}
