extension JSONValue {
    /// Equality as JSON means it, which is what patches compare with: object member order is
    /// ignored and numbers compare by value (`3` equals `3.0`), as Go's decoded `float64`s do.
    /// The synthesized `==` keeps member order significant, which suits round-trip checks instead.
    public func isEquivalent(to other: JSONValue) -> Bool {
        switch (self, other) {
        case (.null, .null): return true
        case (.bool(let a), .bool(let b)): return a == b
        case (.string(let a), .string(let b)): return a == b
        case (.int(let a), .int(let b)): return a == b
        case (.int, .double), (.double, .int), (.double, .double):
            return doubleValue == other.doubleValue
        case (.array(let a), .array(let b)):
            return a.count == b.count && zip(a, b).allSatisfy { $0.isEquivalent(to: $1) }
        case (.object(let a), .object(let b)):
            guard a.count == b.count else { return false }
            for (key, value) in a {
                guard let otherValue = b[key], value.isEquivalent(to: otherValue) else { return false }
            }
            return true
        default: return false
        }
    }

    /// The same value with every object's members sorted by key, as Go's `json.Marshal` writes
    /// maps; used for patches this module creates, so their bytes match upstream's.
    public func sortedKeys() -> JSONValue {
        switch self {
        case .array(let a): return .array(a.map { $0.sortedKeys() })
        case .object(let o):
            var sorted = JSONObject()
            for key in o.keys.sorted() { sorted[key] = o[key]!.sortedKeys() }
            return .object(sorted)
        default: return self
        }
    }

    /// The value as Go's `fmt.Sprintf("%v")` prints a decoded JSON scalar; strategic merge
    /// patch sorts and matches list items by this text.
    var goScalarText: String {
        switch self {
        case .null: return "<nil>"
        case .bool(let b): return b ? "true" : "false"
        case .int(let i): return String(i)
        case .double(let d):
            if d.rounded() == d && abs(d) < 9.0e18 { return String(Int64(d)) }
            return String(d)
        case .string(let s): return s
        case .array, .object: return serialized()
        }
    }
}
