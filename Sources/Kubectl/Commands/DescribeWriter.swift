import Foundation
import KubeAPI

/// Builds `kubectl describe` text: lines at indentation levels, `\t` between a label and its value, aligned
/// per section as upstream's tabwriter (minwidth 0, padding 2) aligns them between flushes.
struct DescribeWriter {
    var sections: [String] = []
    var current = ""
    let now: Date

    init(now: Date = Date()) { self.now = now }

    mutating func write(_ level: Int, _ text: String) {
        current += String(repeating: "  ", count: level) + text
    }

    mutating func line(_ level: Int, _ label: String, _ value: String) { write(level, "\(label):\t\(value)\n") }

    mutating func flush() {
        guard !current.isEmpty else { return }
        var writer = TabWriter.describe
        sections.append(writer.format(text: current))
        current = ""
    }

    mutating func finish() -> String {
        flush()
        return sections.joined()
    }

    /// `Labels:  app=web` then further labels on continuation lines aligned under the first.
    mutating func labels(_ title: String, _ value: JSONValue?, level: Int = 0, separator: String = "=", skip: Set<String> = []) {
        let object = (value?.objectValue ?? [:]).filter { !skip.contains($0.key) }
        write(level, "\(title):\t")
        if object.isEmpty {
            write(0, "<none>\n")
            return
        }
        for (i, key) in object.keys.sorted().enumerated() {
            if i != 0 { write(level, "\t") }
            write(0, "\(key)\(separator)\(object[key]?.stringValue ?? "")\n")
        }
    }

    mutating func annotations(_ value: JSONValue?, level: Int = 0) {
        labels("Annotations", value, level: level, separator: ": ", skip: ["kubectl.kubernetes.io/last-applied-configuration"])
    }

    /// `Mon, 02 Jan 2006 15:04:05 -0700` (Go's RFC1123Z), as describe prints times.
    static func rfc1123Z(_ timestamp: String?) -> String {
        guard let timestamp, let date = RFC3339Date.parse(timestamp) else { return "<unset>" }
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.timeZone = TimeZone(identifier: "UTC")
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }

    /// The Events section, as upstream's DescribeEvents.
    mutating func events(_ list: [JSONValue]) {
        if list.isEmpty {
            write(0, "Events:\t<none>\n")
            return
        }
        flush()
        let sorted = list.sorted { a, b in
            let x = a["lastTimestamp"]?.stringValue.flatMap(RFC3339Date.parse) ?? .distantPast
            let y = b["lastTimestamp"]?.stringValue.flatMap(RFC3339Date.parse) ?? .distantPast
            return x < y
        }
        write(0, "Events:\n  Type\tReason\tAge\tFrom\tMessage\n")
        write(1, "----\t------\t----\t----\t-------\n")
        for e in sorted {
            var first = HumanDuration.since(e["eventTime"]?.stringValue, now: now)
            if e["eventTime"]?.stringValue == nil { first = HumanDuration.since(e["firstTimestamp"]?.stringValue, now: now) }
            let count = e["count"]?.intValue ?? 0
            let interval: String
            if let series = e["series"], !series.isNull {
                interval = "\(HumanDuration.since(series["lastObservedTime"]?.stringValue, now: now)) (x\(series["count"]?.intValue ?? 0) over \(first))"
            } else if count > 1 {
                interval = "\(HumanDuration.since(e["lastTimestamp"]?.stringValue, now: now)) (x\(count) over \(first))"
            } else {
                interval = first
            }
            var source = e[path: ["source", "component"]]?.stringValue ?? ""
            if source.isEmpty { source = e["reportingComponent"]?.stringValue ?? "" }
            let message = (e["message"]?.stringValue ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
            write(1, "\(e["type"]?.stringValue ?? "")\t\(e["reason"]?.stringValue ?? "")\t\(interval)\t\(source)\t\(message)\n")
        }
    }
}
