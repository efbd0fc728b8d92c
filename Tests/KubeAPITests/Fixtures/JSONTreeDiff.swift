import KubeAPI

/// Differences between two JSON trees, ignoring object key order (JSONValue's own equality is
/// order-sensitive), as readable paths: `spec.containers[0].image: "a" != "b"`.
func jsonDifferences(_ expected: JSONValue, _ actual: JSONValue, path: String = "") -> [String] {
    let here = path.isEmpty ? "<root>" : path
    switch (expected, actual) {
    case (.object(let e), .object(let a)):
        var out: [String] = []
        for (key, value) in e {
            let child = path.isEmpty ? key : path + "." + key
            if let other = a[key] {
                out += jsonDifferences(value, other, path: child)
            } else {
                out.append("\(child): missing after round trip (was \(value))")
            }
        }
        for key in a.keys where e[key] == nil {
            let child = path.isEmpty ? key : path + "." + key
            out.append("\(child): added by round trip (\(a[key]!))")
        }
        return out
    case (.array(let e), .array(let a)):
        guard e.count == a.count else { return ["\(here): \(e.count) elements != \(a.count)"] }
        return zip(e, a).enumerated().flatMap { i, pair in jsonDifferences(pair.0, pair.1, path: "\(path)[\(i)]") }
    default:
        return expected == actual ? [] : ["\(here): \(expected) != \(actual)"]
    }
}
