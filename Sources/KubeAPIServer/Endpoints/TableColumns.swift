import Foundation
import KubeAPI

/// Server-side printing columns; NAME and AGE for every kind until per-kind printers are wired.
enum TableColumns {
    static func columns(group: String, kind: String) -> [JSONValue] {
        [
            ["name": "Name", "type": "string", "format": "name", "description": "Name must be unique within a namespace.", "priority": 0],
            ["name": "Age", "type": "string", "format": "", "description": "CreationTimestamp is a timestamp representing the server time when this object was created.", "priority": 0],
        ]
    }

    static func cells(group: String, kind: String, object: JSONValue, now: Date) -> [JSONValue] {
        [object[path: ["metadata", "name"]] ?? "", .string(age(object, now: now))]
    }

    static func age(_ object: JSONValue, now: Date) -> String {
        guard let ts = object[path: ["metadata", "creationTimestamp"]]?.stringValue,
              let created = ISO8601DateFormatter().date(from: ts) else { return "<unknown>" }
        let s = Int(now.timeIntervalSince(created))
        if s < 0 { return "0s" }
        if s < 120 { return "\(s)s" }
        let m = s / 60
        if m < 10 { return s % 60 == 0 ? "\(m)m" : "\(m)m\(s % 60)s" }
        if m < 180 { return "\(m)m" }
        let h = m / 60
        if h < 8 { return m % 60 == 0 ? "\(h)h" : "\(h)h\(m % 60)m" }
        if h < 48 { return "\(h)h" }
        let d = h / 24
        if d < 8 { return h % 24 == 0 ? "\(d)d" : "\(d)d\(h % 24)h" }
        if d < 365 * 2 { return "\(d)d" }
        return "\(d / 365)y"
    }
}
