/// metav1 `LabelSelector`: validation and matching against a label set.
enum LabelSelectorValidation {
    static func validate(_ selector: JSONValue?, path: ValidationPath) -> [FieldError] {
        guard let selector, !selector.isNull else { return [] }
        var errs = ObjectMetaValidation.validateLabels(selector["matchLabels"], path: path.child("matchLabels"))
        for (i, expr) in selector.array("matchExpressions").enumerated() {
            let p = path.child("matchExpressions").index(i)
            let op = expr.string("operator")
            let values = expr.array("values")
            switch op {
            case "In", "NotIn":
                if values.isEmpty { errs.append(.required(p.child("values"), "must be specified when `operator` is 'In' or 'NotIn'")) }
            case "Exists", "DoesNotExist":
                if !values.isEmpty {
                    errs.append(.forbidden(p.child("values"), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"))
                }
            default:
                errs.append(.invalid(p.child("operator"), .string(op), "not a valid selector operator"))
            }
            let key = expr.string("key")
            for m in NameValidation.isQualifiedName(key) { errs.append(.invalid(p.child("key"), .string(key), m)) }
            for (j, v) in values.enumerated() {
                let s = v.stringValue ?? ""
                for m in NameValidation.isValidLabelValue(s) { errs.append(.invalid(p.child("values").index(j), .string(s), m)) }
            }
        }
        return errs
    }

    /// Whether the selector has no requirements at all (selects everything when non-nil).
    static func isEmpty(_ selector: JSONValue) -> Bool {
        selector.object("matchLabels").isEmpty && selector.array("matchExpressions").isEmpty
    }

    /// Whether `labels` satisfy the selector. A nil selector matches nothing, as upstream's `Nothing()`.
    static func matches(_ selector: JSONValue?, labels: JSONValue?) -> Bool {
        guard let selector, !selector.isNull else { return false }
        let set = (labels?.objectValue ?? [:]).compactMapValues(\.stringValue)
        for (k, v) in selector.object("matchLabels") where set[k] != v.stringValue { return false }
        for expr in selector.array("matchExpressions") {
            let key = expr.string("key")
            let values = Set(expr.array("values").compactMap(\.stringValue))
            switch expr.string("operator") {
            case "In": if let v = set[key], values.contains(v) {} else { return false }
            case "NotIn": if let v = set[key], values.contains(v) { return false }
            case "Exists": if set[key] == nil { return false }
            case "DoesNotExist": if set[key] != nil { return false }
            default: return false
            }
        }
        return true
    }
}
