/// How one node of an object is treated by field tracking, decided from the kind's list and
/// map rules and the JSON types found on either side.
enum NodeShape: Equatable {
    /// A scalar, an atomic list or map, or values whose types disagree: owned as a whole.
    case leaf
    /// A map merged field by field.
    case map
    /// A list merged item by item (`.set` or `.map`).
    case list(ListType)
}

/// The schema lookups for one kind, and how path elements are made for list items.
struct ObjectSchema: Sendable {
    var kind: String

    static func childPath(_ path: String, _ field: String) -> String { path.isEmpty ? field : path + "." + field }
    static func itemPath(_ path: String) -> String { path + "[]" }

    /// The shape of the node at `path` holding `lhs` and/or `rhs`; `null` counts as absent for typing.
    func shape(_ lhs: JSONValue?, _ rhs: JSONValue?, path: String) -> NodeShape {
        let values = [lhs, rhs].compactMap { $0 }.filter { !$0.isNull }
        guard !values.isEmpty else { return .leaf }
        if values.allSatisfy({ $0.objectValue != nil }) {
            return PatchSchema.isAtomicMap(kind: kind, path: path) ? .leaf : .map
        }
        if values.allSatisfy({ $0.arrayValue != nil }) {
            switch PatchSchema.listType(kind: kind, path: path) {
            case .atomic: return .leaf
            case .set:
                let scalars = values.allSatisfy { $0.arrayValue!.allSatisfy { $0.objectValue == nil && $0.arrayValue == nil } }
                return scalars ? .list(.set) : .leaf
            case .map(let keys):
                let objects = values.allSatisfy { $0.arrayValue!.allSatisfy { $0.objectValue != nil } }
                return objects ? .list(.map(keys: keys)) : .leaf
            }
        }
        return .leaf
    }

    /// The path element naming `item` in the list at `path`.
    func element(of item: JSONValue, in listType: ListType, path: String) -> PathElement {
        switch listType {
        case .set, .atomic:
            return .value(item)
        case .map(let keys):
            var fields: [(String, JSONValue)] = []
            for key in keys {
                if let v = item[key] {
                    fields.append((key, v))
                } else if let v = PatchSchema.defaultKeyValue(kind: kind, listPath: path, key: key) {
                    fields.append((key, v))
                }
            }
            return .key(fields)
        }
    }

    /// The items of a list with their path elements, first occurrence of each element kept.
    func indexedItems(_ list: [JSONValue]?, _ listType: ListType, path: String) -> [(PathElement, JSONValue)] {
        var seen: Set<PathElement> = []
        var out: [(PathElement, JSONValue)] = []
        for item in list ?? [] {
            let pe = element(of: item, in: listType, path: path)
            if seen.insert(pe).inserted { out.append((pe, item)) }
        }
        return out
    }
}

extension JSONValue {
    /// Equality as JSON means it: object key order ignored, `3` equal to `3.0`.
    func semanticallyEquals(_ other: JSONValue) -> Bool {
        switch (self, other) {
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (k, v) in a {
                guard let w = b[k], v.semanticallyEquals(w) else { return false }
            }
            return true
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.semanticallyEquals($1) }
        case (.int, .double), (.double, .int):
            return doubleValue == other.doubleValue
        default:
            return self == other
        }
    }
}
