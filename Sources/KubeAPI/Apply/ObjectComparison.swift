/// The difference between two versions of an object, as upstream's `TypedValue.Compare`:
/// leaves added, modified or removed, and maps, lists and list items that appeared or
/// disappeared as a whole. An empty map or list on both sides is compared as a leaf.
struct ObjectComparison: Equatable {
    var added = FieldSet()
    var modified = FieldSet()
    var removed = FieldSet()

    var isSame: Bool { added.isEmpty && modified.isEmpty && removed.isEmpty }

    init(old: JSONValue?, new: JSONValue?, kind: String) {
        compare(old, new, path: [], schemaPath: "", schema: ObjectSchema(kind: kind))
    }

    private mutating func leaf(_ lhs: JSONValue?, _ rhs: JSONValue?, path: FieldPath) {
        if lhs == nil {
            added.insert(path)
        } else if rhs == nil {
            removed.insert(path)
        } else if !lhs!.semanticallyEquals(rhs!) {
            modified.insert(path)
        }
    }

    private mutating func compare(
        _ lhs: JSONValue?, _ rhs: JSONValue?, path: FieldPath, schemaPath: String, schema: ObjectSchema
    ) {
        switch schema.shape(lhs, rhs, path: schemaPath) {
        case .leaf:
            leaf(lhs, rhs, path: path)
            return
        case .map:
            let l = lhs?.objectValue ?? [:]
            let r = rhs?.objectValue ?? [:]
            if l.isEmpty && r.isEmpty {
                leaf(lhs, rhs, path: path)
                return
            }
            var keys = Array(l.keys)
            for key in r.keys where l[key] == nil { keys.append(key) }
            for key in keys {
                compare(l[key], r[key], path: path + [.field(key)], schemaPath: ObjectSchema.childPath(schemaPath, key),
                        schema: schema)
            }
        case .list(let listType):
            let l = schema.indexedItems(lhs?.arrayValue, listType, path: schemaPath)
            let r = schema.indexedItems(rhs?.arrayValue, listType, path: schemaPath)
            if l.isEmpty && r.isEmpty {
                leaf(lhs, rhs, path: path)
                return
            }
            let lByElement = Dictionary(l, uniquingKeysWith: { first, _ in first })
            let rByElement = Dictionary(r, uniquingKeysWith: { first, _ in first })
            var elements = l.map(\.0)
            for (pe, _) in r where lByElement[pe] == nil { elements.append(pe) }
            let itemPath = ObjectSchema.itemPath(schemaPath)
            for pe in elements {
                compare(lByElement[pe], rByElement[pe], path: path + [pe], schemaPath: itemPath, schema: schema)
            }
        }
        // A map, list or list item that appeared or disappeared is itself added or removed.
        if lhs == nil {
            added.insert(path)
        } else if rhs == nil {
            removed.insert(path)
        }
    }
}
