/// `PatchSchema`'s rules, which are written per kind and path (`spec.template.spec.containers`),
/// turned into per-message field extensions (`core.v1.PodSpec.containers` merges by `name`)
/// by walking every built-in kind's message tree once.
struct PatchRules: Sendable {
    struct FieldRule: Sendable {
        var listType: ListType?
        var retainKeys = false
        var atomicMap = false
    }

    /// message name → field JSON name → rule.
    var fields: [String: [String: FieldRule]] = [:]

    static let shared: PatchRules = {
        var rules = PatchRules()
        for entry in ProtobufKinds.table {
            for kind in entry.kinds where !kind.hasSuffix("List") {
                rules.walk(message: "\(entry.package).\(kind)", kind: kind, path: "", depth: 0)
            }
        }
        return rules
    }()

    mutating func walk(message name: String, kind: String, path: String, depth: Int) {
        guard depth < 24, let message = ProtobufSchema.kubernetes[name] else { return }
        for field in message.fields {
            if field.presence == .inline, case .message(let inner) = field.kind {
                walk(message: inner, kind: kind, path: path, depth: depth + 1)
                continue
            }
            let fieldPath = path.isEmpty ? field.jsonName : "\(path).\(field.jsonName)"
            var rule = fields[name]?[field.jsonName] ?? FieldRule()
            switch field.kind {
            case .repeated(let element):
                let listType = PatchSchema.listType(kind: kind, path: fieldPath)
                if case .atomic = listType {} else if rule.listType == nil { rule.listType = listType }
                if PatchSchema.retainsKeys(kind: kind, path: fieldPath) { rule.retainKeys = true }
                if case .message(let child) = element {
                    walk(message: child, kind: kind, path: fieldPath + "[]", depth: depth + 1)
                }
            case .message(let child):
                if PatchSchema.retainsKeys(kind: kind, path: fieldPath) { rule.retainKeys = true }
                if PatchSchema.isAtomicMap(kind: kind, path: fieldPath) { rule.atomicMap = true }
                walk(message: child, kind: kind, path: fieldPath, depth: depth + 1)
            case .map:
                if PatchSchema.isAtomicMap(kind: kind, path: fieldPath) { rule.atomicMap = true }
            default:
                continue
            }
            fields[name, default: [:]][field.jsonName] = rule
        }
    }

    /// The OpenAPI extensions upstream puts on a field with these rules.
    func extensions(message: String, field: String) -> [(String, JSONValue)] {
        guard let rule = fields[message]?[field] else { return [] }
        var out: [(String, JSONValue)] = []
        var strategies: [String] = []
        switch rule.listType {
        case .map(let keys)?:
            out.append(("x-kubernetes-list-map-keys", .array(keys.map(JSONValue.string))))
            out.append(("x-kubernetes-list-type", "map"))
            out.append(("x-kubernetes-patch-merge-key", .string(keys[0])))
            strategies.append("merge")
        case .set?:
            out.append(("x-kubernetes-list-type", "set"))
            strategies.append("merge")
        case .atomic?, nil:
            break
        }
        if rule.retainKeys { strategies.append("retainKeys") }
        if !strategies.isEmpty { out.append(("x-kubernetes-patch-strategy", .string(strategies.joined(separator: ",")))) }
        if rule.atomicMap { out.append(("x-kubernetes-map-type", "atomic")) }
        return out
    }
}
