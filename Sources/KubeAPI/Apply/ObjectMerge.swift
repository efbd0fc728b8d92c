/// Merging an applied configuration into a live object, and removing fields from an object,
/// as upstream's `TypedValue.Merge` (the configuration wins every leaf it sets; maps merge by
/// field, list-maps by key, sets by value; atomic lists and maps are replaced) and
/// `TypedValue.RemoveItems`.
struct ObjectMerge {
    var schema: ObjectSchema

    init(kind: String) { schema = ObjectSchema(kind: kind) }

    func merge(_ live: JSONValue?, _ config: JSONValue?) -> JSONValue? {
        merge(live, config, schemaPath: "")
    }

    private func merge(_ lhs: JSONValue?, _ rhs: JSONValue?, schemaPath: String) -> JSONValue? {
        guard let rhs else { return lhs }
        guard let lhs else { return rhs }
        switch schema.shape(lhs, rhs, path: schemaPath) {
        case .leaf:
            return rhs
        case .map:
            guard var out = lhs.objectValue, let r = rhs.objectValue else { return rhs }
            if out.isEmpty && r.isEmpty { return rhs }
            for (key, value) in r {
                out[key] = merge(out[key], value, schemaPath: ObjectSchema.childPath(schemaPath, key))
            }
            return .object(out)
        case .list(let listType):
            guard lhs.arrayValue != nil else { return rhs }
            return .array(mergeItems(lhs, rhs, listType, schemaPath: schemaPath))
        }
    }

    /// Items of both lists, merged where their keys match, in upstream's order: the
    /// applied list's order for the items it names, live-only items kept where they were.
    private func mergeItems(_ lhs: JSONValue, _ rhs: JSONValue, _ listType: ListType, schemaPath: String) -> [JSONValue] {
        let lhsOrder = schema.indexedItems(lhs.arrayValue, listType, path: schemaPath)
        let rhsOrder = schema.indexedItems(rhs.arrayValue, listType, path: schemaPath)
        let observedLHS = Dictionary(lhsOrder, uniquingKeysWith: { first, _ in first })
        let observedRHS = Dictionary(rhsOrder, uniquingKeysWith: { first, _ in first })
        let itemPath = ObjectSchema.itemPath(schemaPath)
        func mergeItem(_ pe: PathElement) -> JSONValue? {
            merge(observedLHS[pe], observedRHS[pe], schemaPath: itemPath)
        }

        var sharedOrder = rhsOrder.map(\.0).filter { observedLHS[$0] != nil }[...]
        var nextShared = sharedOrder.popFirst()
        var out: [JSONValue] = []
        var lI = 0
        var rI = 0
        while lI < lhsOrder.count || rI < rhsOrder.count {
            if lI < lhsOrder.count && rI < rhsOrder.count {
                let pe = lhsOrder[lI].0
                if pe == rhsOrder[rI].0 {
                    if let item = mergeItem(pe) { out.append(item) }
                    lI += 1
                    rI += 1
                    nextShared = sharedOrder.popFirst()
                    continue
                }
                if observedRHS[pe] != nil, let shared = nextShared, shared != pe {
                    // Shared with the applied list, but placed later there.
                    lI += 1
                    continue
                }
            }
            if lI < lhsOrder.count {
                let pe = lhsOrder[lI].0
                if observedRHS[pe] == nil {
                    out.append(lhsOrder[lI].1)
                    lI += 1
                    continue
                }
            }
            if rI < rhsOrder.count {
                let pe = rhsOrder[rI].0
                if let item = mergeItem(pe) { out.append(item) }
                rI += 1
                if let shared = nextShared, shared == pe {
                    nextShared = sharedOrder.popFirst()
                }
            }
        }
        return out
    }

    /// `value` without the paths in `set`: a member path drops the field or item, a path
    /// below descends. A map or list emptied by removal disappears from its parent.
    func removing(_ set: FieldSet, from value: JSONValue) -> JSONValue {
        removing(set, from: value, schemaPath: "") ?? .object([:])
    }

    private func removing(_ set: FieldSet, from value: JSONValue, schemaPath: String) -> JSONValue? {
        switch schema.shape(nil, value, path: schemaPath) {
        case .leaf:
            return value
        case .map:
            let object = value.objectValue ?? [:]
            if object.isEmpty { return value }
            var out = JSONObject()
            for (key, child) in object {
                let pe = PathElement.field(key)
                if set.members.contains(pe) { continue }
                if let below = set.children[pe] {
                    if let kept = removing(below, from: child, schemaPath: ObjectSchema.childPath(schemaPath, key)) {
                        out[key] = kept
                    }
                } else {
                    out[key] = child
                }
            }
            return out.isEmpty ? nil : .object(out)
        case .list(let listType):
            let items = value.arrayValue ?? []
            if items.isEmpty { return value }
            let itemPath = ObjectSchema.itemPath(schemaPath)
            var out: [JSONValue] = []
            for item in items {
                let pe = schema.element(of: item, in: listType, path: schemaPath)
                if set.members.contains(pe) { continue }
                if let below = set.children[pe] {
                    if let kept = removing(below, from: item, schemaPath: itemPath) { out.append(kept) }
                } else {
                    out.append(item)
                }
            }
            return out.isEmpty ? nil : .array(out)
        }
    }
}
