extension JSONValue {
    /// The value at a path of object keys, e.g. `object.at("spec", "template")`.
    func at(_ keys: String...) -> JSONValue? { self[path: keys] }

    /// The string at a key, or "" when absent or not a string (Go's zero value).
    func string(_ key: String) -> String { self[key]?.stringValue ?? "" }

    /// The array at a key, or [] (Go's nil slice).
    func array(_ key: String) -> [JSONValue] { self[key]?.arrayValue ?? [] }

    /// The object at a key, or [:] (Go's nil map).
    func object(_ key: String) -> JSONObject { self[key]?.objectValue ?? [:] }

    /// String-valued map entries (labels, annotations, selectors, data).
    func stringMap(_ key: String) -> [(key: String, value: String)] {
        object(key).map { ($0.key, $0.value.stringValue ?? "") }
    }

    /// True when the key is present and not null.
    func has(_ key: String) -> Bool { if let v = self[key], !v.isNull { return true } else { return false } }
}
