/// Container `resources`: names, quantities, and requests within limits.
enum ResourceValidation {
    static let standardContainerResources: Set<String> = ["cpu", "memory", "ephemeral-storage"]

    static func isHugePages(_ name: String) -> Bool { name.hasPrefix("hugepages-") }

    /// Native resources (no domain, or `kubernetes.io/`) other than huge pages may be overcommitted.
    static func isOvercommitAllowed(_ name: String) -> Bool {
        let native = !name.contains("/") || name.hasPrefix("kubernetes.io/")
        return native && !isHugePages(name)
    }

    static func requirements(_ resources: JSONValue?, path: ValidationPath) -> [FieldError] {
        guard let resources else { return [] }
        var errs: [FieldError] = []
        let limPath = path.child("limits"), reqPath = path.child("requests")
        var limits: [String: Quantity] = [:]
        for (name, value) in resources.object("limits") {
            let p = limPath.key(name)
            errs += resourceName(name, path: p)
            if let q = quantity(value, resource: name, path: p, errors: &errs) { limits[name] = q }
        }
        for (name, value) in resources.object("requests") {
            let p = reqPath.key(name)
            errs += resourceName(name, path: p)
            guard let q = quantity(value, resource: name, path: p, errors: &errs) else { continue }
            if let limit = limits[name] {
                if q != limit && !isOvercommitAllowed(name) {
                    errs.append(.invalid(reqPath, .string(q.description), "must be equal to \(name) limit of \(limit)"))
                } else if q > limit {
                    errs.append(.invalid(reqPath, .string(q.description), "must be less than or equal to \(name) limit of \(limit)"))
                }
            } else if !isOvercommitAllowed(name) && resources.object("limits")[name] == nil {
                errs.append(.required(limPath, "Limit must be set for non overcommitable resources"))
            }
        }
        return errs
    }

    static func resourceName(_ name: String, path: ValidationPath) -> [FieldError] {
        let msgs = NameValidation.isQualifiedName(name)
        if !msgs.isEmpty { return msgs.map { .invalid(path, .string(name), $0) } }
        if !name.contains("/") && !standardContainerResources.contains(name) && !isHugePages(name) {
            return [.invalid(path, .string(name), "must be a standard resource for containers")]
        }
        return []
    }

    /// Parses a quantity, reporting a malformed or negative one; integer-only for extended resources.
    static func quantity(_ value: JSONValue, resource: String, path: ValidationPath, errors: inout [FieldError]) -> Quantity? {
        let q: Quantity
        do { q = try Quantity(json: value) } catch {
            errors.append(.invalid(path, value, error.description))
            return nil
        }
        if q.sign < 0 {
            errors.append(.invalid(path, .string(q.description), "must be greater than or equal to 0"))
        }
        // Extended resources (domain-qualified, outside kubernetes.io) are counted in whole units.
        if resource.contains("/") && !resource.hasPrefix("kubernetes.io/") && q.milliValue % 1000 != 0 {
            errors.append(.invalid(path, .string(q.description), "must be an integer"))
        }
        return q
    }
}
