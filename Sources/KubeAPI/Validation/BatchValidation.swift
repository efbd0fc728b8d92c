/// batch/v1 Job and CronJob (upstream `batch/validation`).
enum BatchValidation {
    static func job(_ job: JSONValue) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(job["metadata"], nameCheck: ObjectMetaValidation.dnsSubdomain)
        let spec = job["spec"] ?? .object([:])
        let path = ValidationPath("spec")
        // Unless manualSelector is set, the server generates the selector before validating.
        if spec["manualSelector"]?.boolValue == true || spec.has("selector") {
            if !spec.has("selector") { errs.append(.required(path.child("selector"))) }
            errs += LabelSelectorValidation.validate(spec["selector"], path: path.child("selector"))
            let selector = spec["selector"] ?? .null
            let everything = !selector.isNull && LabelSelectorValidation.isEmpty(selector)
            if !everything && !LabelSelectorValidation.matches(selector, labels: spec.at("template", "metadata", "labels")) {
                errs.append(.invalid(path.child("template", "metadata", "labels"), spec.at("template", "metadata", "labels") ?? .null,
                                     "`selector` does not match template `labels`"))
            }
        }
        errs += jobSpec(spec, path: path)
        return errs
    }

    static func jobSpec(_ spec: JSONValue, path: ValidationPath) -> [FieldError] {
        var errs: [FieldError] = []
        for field in ["parallelism", "completions", "activeDeadlineSeconds", "backoffLimit", "ttlSecondsAfterFinished"] {
            errs += FieldError.nonNegative(spec[field], path.child(field))
        }
        if let mode = spec["completionMode"]?.stringValue {
            if mode != "NonIndexed" && mode != "Indexed" {
                errs.append(.notSupported(path.child("completionMode"), .string(mode), ["NonIndexed", "Indexed"]))
            }
            if mode == "Indexed" {
                if !spec.has("completions") {
                    errs.append(.required(path.child("completions"), "when completion mode is Indexed"))
                }
                if let p = spec["parallelism"]?.intValue, p > 100_000 {
                    errs.append(.invalid(path.child("parallelism"), .int(p), "must be less than or equal to 100000 when completion mode is Indexed"))
                }
            }
        }
        errs += PodSpecValidation.validateTemplate(spec["template"], path: path.child("template"))
        let restart = spec.at("template", "spec", "restartPolicy")?.stringValue ?? ""
        if restart != "OnFailure" && restart != "Never" {
            errs.append(.notSupported(path.child("template", "spec", "restartPolicy"), .string(restart), ["OnFailure", "Never"]))
        }
        return errs
    }

    static func jobUpdate(_ job: JSONValue, old: JSONValue) -> [FieldError] {
        var errs: [FieldError] = []
        let spec = job["spec"] ?? .object([:]), prev = old["spec"] ?? .object([:])
        let path = ValidationPath("spec")
        let elastic = spec["completionMode"]?.stringValue == "Indexed" && spec["completions"] == spec["parallelism"]
        for field in ["selector", "completionMode", "template"] + (elastic ? [] : ["completions"])
        where !(spec[field] ?? .null).isEquivalent(to: prev[field] ?? .null) {
            errs.append(.immutable(path.child(field), spec[field]))
        }
        return errs
    }

    static func cronJob(_ cj: JSONValue, old: JSONValue? = nil) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(cj["metadata"], nameCheck: ObjectMetaValidation.dnsSubdomain)
        let name = cj.at("metadata", "name")?.stringValue ?? ""
        // The controller appends an 11-character suffix to job names, which must stay within 63.
        if name.utf8.count > 52 {
            errs.append(.invalid(ValidationPath("metadata", "name"), .string(name), "must be no more than 52 characters"))
        }
        return errs + cronJobSpec(cj["spec"] ?? .object([:]), old: old?["spec"])
    }

    static func cronJobSpec(_ spec: JSONValue, old: JSONValue?) -> [FieldError] {
        var errs: [FieldError] = []
        let path = ValidationPath("spec")
        let schedule = spec.string("schedule")
        if schedule.isEmpty {
            errs.append(.required(path.child("schedule")))
        } else {
            if let e = CronSchedule.error(in: schedule) { errs.append(.invalid(path.child("schedule"), .string(schedule), e)) }
            let allowTZ = old?.string("schedule").contains("TZ") ?? false
            if allowTZ && schedule.contains("TZ") && spec.has("timeZone") {
                errs.append(.invalid(path.child("schedule"), .string(schedule), "cannot use both timeZone field and TZ or CRON_TZ in schedule"))
            } else if !allowTZ && schedule.contains("TZ") {
                errs.append(.invalid(path.child("schedule"), .string(schedule), "cannot use TZ or CRON_TZ in schedule, use timeZone field instead"))
            }
        }
        errs += FieldError.nonNegative(spec["startingDeadlineSeconds"], path.child("startingDeadlineSeconds"))
        switch spec.string("concurrencyPolicy") {
        case "Allow", "Forbid", "Replace": break
        case "": errs.append(.required(path.child("concurrencyPolicy")))
        case let other:
            errs.append(.notSupported(path.child("concurrencyPolicy"), .string(other), ["Allow", "Forbid", "Replace"]))
        }
        let template = spec["jobTemplate"] ?? .object([:])
        let templatePath = path.child("jobTemplate")
        let jobSpec = template["spec"] ?? .object([:])
        errs += ObjectMetaValidation.validateLabels(template.at("metadata", "labels"), path: templatePath.child("metadata", "labels"))
        errs += self.jobSpec(jobSpec, path: templatePath.child("spec"))
        if let selector = jobSpec["selector"], !selector.isNull {
            errs.append(.invalid(templatePath.child("spec", "selector"), selector, "`selector` will be auto-generated"))
        }
        if jobSpec["manualSelector"]?.boolValue == true {
            errs.append(.notSupported(templatePath.child("spec", "manualSelector"), .bool(true), ["nil", "false"]))
        }
        errs += FieldError.nonNegative(spec["successfulJobsHistoryLimit"], path.child("successfulJobsHistoryLimit"))
        errs += FieldError.nonNegative(spec["failedJobsHistoryLimit"], path.child("failedJobsHistoryLimit"))
        return errs
    }
}
