import KubeAPI

/// Completion indexes of Indexed Jobs, in upstream's text form for `status.completedIndexes`:
/// sorted, ranges of three or more joined with a dash ("1,3-5,7"); pure, unit-tested.
public enum JobIndexes {
    public static let annotation = "batch.kubernetes.io/job-completion-index"
    public static let envName = "JOB_COMPLETION_INDEX"

    public static func parse(_ text: String?) -> Set<Int> {
        var result = Set<Int>()
        for part in (text ?? "").split(separator: ",") {
            let bounds = part.split(separator: "-").compactMap { Int($0) }
            if bounds.count == 1 { result.insert(bounds[0]) } else if bounds.count == 2, bounds[0] <= bounds[1] {
                result.formUnion(bounds[0]...bounds[1])
            }
        }
        return result
    }

    public static func format(_ indexes: Set<Int>) -> String? {
        let sorted = indexes.sorted()
        guard !sorted.isEmpty else { return nil }
        var parts: [String] = []
        var start = sorted[0], end = sorted[0]
        func flush() {
            if end == start { parts.append("\(start)") } else if end == start + 1 { parts.append("\(start),\(end)") } else { parts.append("\(start)-\(end)") }
        }
        for i in sorted.dropFirst() {
            if i == end + 1 { end = i } else {
                flush()
                start = i
                end = i
            }
        }
        flush()
        return parts.joined(separator: ",")
    }

    /// The index a pod of an Indexed Job carries (annotation first, then label, as upstream).
    public static func index(of pod: Pod) -> Int? {
        let text = pod.metadata.annotations?[annotation] ?? pod.metadata.labels?[annotation]
        return text.flatMap { Int($0) }
    }
}
