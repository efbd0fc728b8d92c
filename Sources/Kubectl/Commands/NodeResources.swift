import KubeAPI

/// CPU and memory sums for `describe node`: requests and limits of a pod's containers, shown as upstream
/// shows them (`250m (12%)`, `128Mi (3%)`).
enum NodeResources {
    /// Millicores for cpu, bytes for everything else; nil for text that is not a quantity.
    static func parse(_ text: String, cpu: Bool) -> Int64? {
        let suffixes: [(String, Double)] = [
            ("Ki", 1024), ("Mi", 1_048_576), ("Gi", 1_073_741_824), ("Ti", 1_099_511_627_776), ("k", 1e3), ("M", 1e6), ("G", 1e9), ("T", 1e12), ("m", 1e-3),
        ]
        var number = text
        var scale = 1.0
        for (suffix, factor) in suffixes where text.hasSuffix(suffix) {
            number = String(text.dropLast(suffix.count))
            scale = factor
            break
        }
        guard let value = Double(number) else { return nil }
        return Int64((value * scale * (cpu ? 1000 : 1)).rounded(.up))
    }

    /// Sum of one resource over a pod's containers (`requests` or `limits`).
    static func podTotal(_ pod: JSONValue, _ kind: String, _ resource: String) -> Int64 {
        (pod[path: ["spec", "containers"]]?.arrayValue ?? []).reduce(0) { sum, c in
            let raw = c[path: ["resources", kind, resource]]
            let text = raw?.stringValue ?? raw?.intValue.map(String.init) ?? raw?.doubleValue.map { "\($0)" }
            return sum + (text.flatMap { parse($0, cpu: resource == "cpu") } ?? 0)
        }
    }

    static func format(_ amount: Int64, resource: String) -> String {
        if amount == 0 { return "0" }
        if resource == "cpu" { return amount % 1000 == 0 ? "\(amount / 1000)" : "\(amount)m" }
        for (suffix, factor) in [("Gi", Int64(1) << 30), ("Mi", 1 << 20), ("Ki", 1 << 10)] where amount % factor == 0 {
            return "\(amount / factor)\(suffix)"
        }
        return "\(amount)"
    }

    /// `250m (12%)`: the amount and its share of the node's allocatable.
    static func cell(_ amount: Int64, resource: String, allocatable: JSONValue?) -> String {
        var percent: Int64 = 0
        if let text = allocatable?[resource]?.stringValue, let total = parse(text, cpu: resource == "cpu"), total > 0 {
            percent = Int64(Double(amount) / Double(total) * 100)
        }
        return "\(format(amount, resource: resource)) (\(percent)%)"
    }
}
