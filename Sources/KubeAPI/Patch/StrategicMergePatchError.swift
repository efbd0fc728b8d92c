/// Why a strategic merge patch could not be applied or created: upstream's message, and the
/// field path (`spec.template.spec.containers`) where it happened.
public struct StrategicMergePatchError: Error, Hashable, Sendable, CustomStringConvertible {
    public enum Reason: Hashable, Sendable, CustomStringConvertible {
        /// The document or patch is not a JSON object.
        case notAnObject(what: String, got: String)
        case badPatchType(directive: String, in: String)
        case noMergeKey(map: String, key: String)
        case noMergeKeyForList
        case mergingListsNotSupported
        case listOfLists
        case elementTypesDiffer(String)
        case badArgType(expected: String, got: String)
        case badRetainKeys
        case retainKeysDiffer(String, String)
        case badPrimitiveList
        case badSetElementOrder
        case setElementOrderMismatch(patch: String, order: String)
        case badDirectiveValue

        public var description: String {
            switch self {
            case .notAnObject(let what, let got): return "invalid JSON document: \(what) must be an object, got \(got)"
            case .badPatchType(let directive, let map): return "unknown patch type: \(directive) in map: \(map)"
            case .noMergeKey(let map, let key): return "map: \(map) does not contain declared merge key: \(key)"
            case .noMergeKeyForList: return "cannot merge lists without merge key"
            case .mergingListsNotSupported: return "merging lists cannot yet be specified in the patch"
            case .listOfLists: return "lists of lists are not supported"
            case .elementTypesDiffer(let lists): return "list element types are not identical: \(lists)"
            case .badArgType(let expected, let got): return "expected a \(expected), but received a \(got)"
            case .badRetainKeys: return "invalid patch format of retainKeys"
            case .retainKeysDiffer(let a, let b):
                return "\(a) and \(b) are not deep equal: this may happen when calculating the 3-way diff patch"
            case .badPrimitiveList: return "invalid patch format of primitive list"
            case .badSetElementOrder: return "invalid patch format of setElementOrder list"
            case .setElementOrderMismatch(let patch, let order):
                return "The order in patch list:\n\(patch)\n doesn't match $setElementOrder list:\n\(order)\n"
            case .badDirectiveValue: return "invalid value for special key: $patch"
            }
        }
    }

    /// Dotted field path, list elements as `[]`; empty for the document root.
    public var path: String
    public var reason: Reason

    public init(path: String, reason: Reason) {
        self.path = path
        self.reason = reason
    }

    public var description: String {
        path.isEmpty ? reason.description : "\(path): \(reason.description)"
    }
}

extension JSONValue {
    /// The value as Go's `%v` prints a decoded JSON value (`map[a:1 b:[x y]]`), which upstream's
    /// strategic merge patch errors embed.
    var goDescription: String {
        switch self {
        case .array(let a): return "[" + a.map(\.goDescription).joined(separator: " ") + "]"
        case .object(let o):
            return "map[" + o.keys.sorted().map { "\($0):\(o[$0]!.goDescription)" }.joined(separator: " ") + "]"
        default: return goScalarText
        }
    }

    /// Go's type name for a decoded JSON value, for `expected a …, but received a …`.
    var goTypeName: String {
        switch self {
        case .null: return "<nil>"
        case .bool: return "bool"
        case .int, .double: return "float64"
        case .string: return "string"
        case .array: return "[]interface {}"
        case .object: return "map[string]interface {}"
        }
    }
}
