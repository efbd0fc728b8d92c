/// One step of a field path, as structured-merge-diff names them: a map field (`f:`),
/// a list-map item selected by its key fields (`k:`), a set item selected by its value
/// (`v:`), or an atomic-list index (`i:`).
public enum PathElement: Hashable, Sendable {
    case field(String)
    /// Key fields sorted by name, as upstream sorts them.
    case key([KeyField])
    case value(JSONValue)
    case index(Int)

    public struct KeyField: Hashable, Sendable {
        public var name: String
        public var value: JSONValue
        public init(name: String, value: JSONValue) {
            self.name = name
            self.value = value
        }
    }

    /// A `k:` element from key fields in any order.
    public static func key(_ fields: [(String, JSONValue)]) -> PathElement {
        .key(fields.map { KeyField(name: $0.0, value: $0.1) }.sorted { bytesLess($0.name, $1.name) })
    }
}

extension PathElement: Comparable {
    /// Upstream's order: fields, then keys, then values, then indexes; within a kind,
    /// byte order of names and `value.Compare` order of values.
    public static func < (lhs: PathElement, rhs: PathElement) -> Bool { compare(lhs, rhs) < 0 }

    static func compare(_ lhs: PathElement, _ rhs: PathElement) -> Int {
        switch (lhs, rhs) {
        case (.field(let a), .field(let b)): return compareBytes(a, b)
        case (.field, _): return -1
        case (_, .field): return 1
        case (.key(let a), .key(let b)):
            for (x, y) in zip(a, b) {
                let c = compareBytes(x.name, y.name)
                if c != 0 { return c }
                let v = JSONValue.orderCompare(x.value, y.value)
                if v != 0 { return v }
            }
            return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
        case (.key, _): return -1
        case (_, .key): return 1
        case (.value(let a), .value(let b)): return JSONValue.orderCompare(a, b)
        case (.value, _): return -1
        case (_, .value): return 1
        case (.index(let a), .index(let b)): return a == b ? 0 : (a < b ? -1 : 1)
        }
    }
}

extension PathElement: CustomStringConvertible {
    /// The human form used in conflict messages: `.spec`, `[name="nginx"]`, `[=v]`, `[0]`.
    public var description: String {
        switch self {
        case .field(let name): return "." + name
        case .key(let fields):
            return "[" + fields.map { "\($0.name)=\($0.value.goDisplayString)" }.joined(separator: ",") + "]"
        case .value(let v): return "[=\(v.goDisplayString)]"
        case .index(let i): return "[\(i)]"
        }
    }
}

/// A path from the object root to a field, list item or set element.
public typealias FieldPath = [PathElement]

extension Array where Element == PathElement {
    /// `.spec.template.spec.containers[name="nginx"].image`, as upstream prints paths.
    public var pathString: String { map(\.description).joined() }
}

func compareBytes(_ a: String, _ b: String) -> Int {
    var ia = a.utf8.makeIterator()
    var ib = b.utf8.makeIterator()
    while true {
        switch (ia.next(), ib.next()) {
        case (nil, nil): return 0
        case (nil, _): return -1
        case (_, nil): return 1
        case (let x?, let y?): if x != y { return x < y ? -1 : 1 }
        }
    }
}

func bytesLess(_ a: String, _ b: String) -> Bool { compareBytes(a, b) < 0 }

extension JSONValue {
    /// Upstream's total order over values: numbers < strings < booleans < lists < maps < null.
    static func orderCompare(_ lhs: JSONValue, _ rhs: JSONValue) -> Int {
        func rank(_ v: JSONValue) -> Int {
            switch v {
            case .int, .double: return 0
            case .string: return 1
            case .bool: return 2
            case .array: return 3
            case .object: return 4
            case .null: return 5
            }
        }
        let (ra, rb) = (rank(lhs), rank(rhs))
        if ra != rb { return ra < rb ? -1 : 1 }
        switch (lhs, rhs) {
        case (.int(let a), .int(let b)): return a == b ? 0 : (a < b ? -1 : 1)
        case (.string(let a), .string(let b)): return compareBytes(a, b)
        case (.bool(let a), .bool(let b)): return a == b ? 0 : (!a ? -1 : 1)
        case (.array(let a), .array(let b)):
            for (x, y) in zip(a, b) {
                let c = orderCompare(x, y)
                if c != 0 { return c }
            }
            return a.count == b.count ? 0 : (a.count < b.count ? -1 : 1)
        case (.object(let a), .object(let b)):
            let ka = a.keys.sorted(by: bytesLess)
            let kb = b.keys.sorted(by: bytesLess)
            for (x, y) in zip(ka, kb) {
                let c = compareBytes(x, y)
                if c != 0 { return c }
                let v = orderCompare(a[x]!, b[y]!)
                if v != 0 { return v }
            }
            return ka.count == kb.count ? 0 : (ka.count < kb.count ? -1 : 1)
        case (.null, .null): return 0
        default:
            let (a, b) = (lhs.doubleValue ?? 0, rhs.doubleValue ?? 0)
            return a == b ? 0 : (a < b ? -1 : 1)
        }
    }

    /// How upstream's `value.ToString` shows a key or set value: strings Go-quoted, the rest plain.
    var goDisplayString: String {
        switch self {
        case .string(let s): return goQuoted(s)
        case .null: return "null"
        case .array(let items): return "[" + items.map(\.goDisplayString).joined(separator: ",") + "]"
        case .object(let o): return o.map { "\($0.key)=\($0.value.goDisplayString)" }.joined()
        default: return serialized()
        }
    }
}

/// Go's `%q` for the characters object keys realistically hold.
func goQuoted(_ s: String) -> String {
    var out = "\""
    for scalar in s.unicodeScalars {
        switch scalar {
        case "\"": out += "\\\""
        case "\\": out += "\\\\"
        case "\n": out += "\\n"
        case "\t": out += "\\t"
        case "\r": out += "\\r"
        default:
            if scalar.value < 0x20 || scalar.value == 0x7f {
                out += "\\x" + (scalar.value < 16 ? "0" : "") + String(scalar.value, radix: 16)
            } else {
                out.unicodeScalars.append(scalar)
            }
        }
    }
    return out + "\""
}
