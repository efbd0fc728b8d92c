import Foundation
import KubeAPI

/// Server-side printing columns: upstream's per-kind printers, from `KubeAPI.ServerTable`.
enum TableColumns {
    static func columns(group: String, kind: String) -> [JSONValue] {
        ServerTable.columns(group: group, kind: kind).map(\.json)
    }

    static func cells(group: String, kind: String, object: JSONValue, now: Date) -> [JSONValue] {
        ServerTable.cells(group: group, kind: kind, object: object, now: now)
    }
}
