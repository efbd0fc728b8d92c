/// Pod and PodTemplate, create and update (upstream `ValidatePodCreate`, `ValidatePodUpdate`).
enum PodValidation {
    static func validate(_ pod: JSONValue) -> [FieldError] {
        var errs = ObjectMetaValidation.validate(pod["metadata"], nameCheck: ObjectMetaValidation.dnsSubdomain)
            + PodSpecValidation.validate(pod["spec"], path: ValidationPath("spec"))
        if !(pod.at("spec", "ephemeralContainers")?.arrayValue ?? []).isEmpty {
            errs.append(.forbidden(ValidationPath("spec", "ephemeralContainers"), "cannot be set on create"))
        }
        return errs
    }

    static let updatableFields =
        "`spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,`spec.tolerations` (only additions to existing tolerations),`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)"

    static func validateUpdate(_ pod: JSONValue, old: JSONValue) -> [FieldError] {
        var errs = ObjectMetaValidation.validateUpdate(pod["metadata"], old: old["metadata"])
        let specPath = ValidationPath("spec")
        let spec = pod["spec"] ?? .object([:]), oldSpec = old["spec"] ?? .object([:])

        for list in ["containers", "initContainers"] {
            for (i, c) in spec.array(list).enumerated() where c.string("image").isEmpty {
                errs.append(.required(specPath.child(list).index(i).child("image")))
            }
        }

        let newADS = spec["activeDeadlineSeconds"]?.intValue, oldADS = oldSpec["activeDeadlineSeconds"]?.intValue
        if let newADS {
            if newADS < 0 || newADS > Int64(Int32.max) {
                errs.append(.invalid(specPath.child("activeDeadlineSeconds"), .int(newADS), "must be between 0 and 2147483647, inclusive"))
                return errs
            }
            if let oldADS, oldADS < newADS {
                errs.append(.invalid(specPath.child("activeDeadlineSeconds"), .int(newADS), "must be less than or equal to previous value"))
                return errs
            }
        } else if oldADS != nil {
            errs.append(.invalid(specPath.child("activeDeadlineSeconds"), .null, "must not update from a positive integer to nil value"))
        }

        // Existing tolerations may only stay (or shorten their tolerationSeconds); new ones may be added.
        let newTolerations = spec.array("tolerations")
        for old in oldSpec.array("tolerations") {
            let kept = newTolerations.contains { t in
                var a = t, b = old
                a["tolerationSeconds"] = nil
                b["tolerationSeconds"] = nil
                // Equivalent, not equal: clients encode an object's keys in any order.
                guard a.isEquivalent(to: b) else { return false }
                guard let oldSeconds = old["tolerationSeconds"]?.intValue else { return !t.has("tolerationSeconds") }
                return (t["tolerationSeconds"]?.intValue).map { $0 <= oldSeconds } ?? false
            }
            if !kept {
                errs.append(.forbidden(specPath.child("tolerations"), "existing toleration can not be modified except its tolerationSeconds"))
            }
        }

        // Everything else in the spec is immutable: compare with the mutable fields masked.
        func masked(_ s: JSONValue, from other: JSONValue) -> JSONValue {
            var s = s
            for list in ["containers", "initContainers"] {
                guard var items = s[list]?.arrayValue else { continue }
                for i in items.indices { items[i]["image"] = nil }
                s[list] = .array(items)
            }
            s["activeDeadlineSeconds"] = nil
            s["tolerations"] = nil
            // A negative grace period may be raised to 1 (upstream keeps this for old clients).
            if let old = other["terminationGracePeriodSeconds"]?.intValue, old < 0,
               s["terminationGracePeriodSeconds"]?.intValue == 1 {
                s["terminationGracePeriodSeconds"] = .int(old)
            }
            return s
        }
        if !masked(spec, from: oldSpec).isEquivalent(to: masked(oldSpec, from: .object([:]))) {
            errs.append(.forbidden(specPath, "pod updates may not change fields other than \(updatableFields)"))
        }
        return errs
    }

    static func validatePodTemplate(_ t: JSONValue) -> [FieldError] {
        ObjectMetaValidation.validate(t["metadata"], nameCheck: ObjectMetaValidation.dnsSubdomain)
            + PodSpecValidation.validateTemplate(t["template"], path: ValidationPath("template"))
    }
}
