/// A fieldsV1 document that could not be read as a field set.
public struct FieldsV1Error: Error, Equatable, Sendable, CustomStringConvertible {
    public var key: String
    public var reason: String
    public var description: String { "fieldsV1 key \(goQuoted(key)): \(reason)" }
}

extension PathElement {
    /// The fieldsV1 key: `f:name`, `k:{"name":"nginx"}`, `v:"a"`, `i:0`.
    public var fieldsV1Key: String {
        switch self {
        case .field(let name): return "f:" + name
        case .key(let fields):
            var object = JSONObject()
            for field in fields { object[field.name] = field.value }
            return "k:" + JSONValue.object(object).serialized()
        case .value(let v): return "v:" + v.serialized()
        case .index(let i): return "i:\(i)"
        }
    }

    /// Reads a fieldsV1 key; `nil` for a prefix this version does not know (upstream drops those).
    public init?(fieldsV1Key key: String) throws(FieldsV1Error) {
        let bytes = Array(key.utf8)
        guard bytes.count >= 2 else { throw FieldsV1Error(key: key, reason: "key must be 2 characters long") }
        guard bytes[1] == UInt8(ascii: ":") else { throw FieldsV1Error(key: key, reason: "missing colon") }
        let rest = String(decoding: bytes[2...], as: UTF8.self)
        switch bytes[0] {
        case UInt8(ascii: "f"):
            self = .field(rest)
        case UInt8(ascii: "v"):
            do { self = .value(try JSONValue.parse(rest)) } catch { throw FieldsV1Error(key: key, reason: error.description) }
        case UInt8(ascii: "k"):
            let parsed: JSONValue
            do { parsed = try JSONValue.parse(rest) } catch { throw FieldsV1Error(key: key, reason: error.description) }
            guard let object = parsed.objectValue else { throw FieldsV1Error(key: key, reason: "key is not a JSON object") }
            self = .key(object.map { ($0.key, $0.value) })
        case UInt8(ascii: "i"):
            guard let i = Int(rest) else { throw FieldsV1Error(key: key, reason: "index is not an integer") }
            self = .index(i)
        default:
            return nil
        }
    }
}

extension FieldSet {
    /// The fieldsV1 tree, keys in upstream's order (elements sorted, `"."` last).
    public var fieldsV1: JSONValue { .object(fieldsV1Object(includeSelf: false)) }

    /// The fieldsV1 bytes exactly as the apiserver writes them.
    public var fieldsV1String: String { fieldsV1.serialized() }

    private func fieldsV1Object(includeSelf: Bool) -> JSONObject {
        var out = JSONObject()
        let elements = members.union(children.keys).sorted()
        for element in elements {
            if let child = children[element] {
                out[element.fieldsV1Key] = .object(child.fieldsV1Object(includeSelf: members.contains(element)))
            } else {
                out[element.fieldsV1Key] = .object([:])
            }
        }
        if includeSelf && !out.isEmpty { out["."] = .object([:]) }
        return out
    }

    /// Reads a fieldsV1 tree (as stored in `metadata.managedFields[].fieldsV1`).
    public init(fieldsV1: JSONValue) throws(FieldsV1Error) {
        guard let object = fieldsV1.objectValue else {
            throw FieldsV1Error(key: "", reason: "expected object, got \(fieldsV1.typeName)")
        }
        self = try FieldSet.read(object).children ?? FieldSet()
    }

    public init(fieldsV1String: String) throws(FieldsV1Error) {
        let parsed: JSONValue
        do { parsed = try JSONValue.parse(fieldsV1String) } catch { throw FieldsV1Error(key: "", reason: error.description) }
        try self.init(fieldsV1: parsed)
    }

    /// The set below one fieldsV1 node, and whether the node is itself a member
    /// (`"."` present, or a leaf `{}`).
    private static func read(_ object: JSONObject) throws(FieldsV1Error) -> (children: FieldSet?, isMember: Bool) {
        var set: FieldSet?
        var isMember = false
        for (key, value) in object {
            if key == "." {
                isMember = true
                continue
            }
            guard let element = try PathElement(fieldsV1Key: key) else { continue }
            guard let inner = value.objectValue else {
                throw FieldsV1Error(key: key, reason: "expected object, got \(value.typeName)")
            }
            let (grandchildren, childIsMember) = try read(inner)
            if childIsMember {
                if set == nil { set = FieldSet() }
                set!.members.insert(element)
            }
            if let grandchildren, !grandchildren.isEmpty {
                if set == nil { set = FieldSet() }
                set!.children[element] = grandchildren
            }
        }
        if set == nil { isMember = true }
        return (set, isMember)
    }
}
