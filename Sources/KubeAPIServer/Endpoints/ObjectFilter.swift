import Foundation
import KubeAPI

/// The label and field selectors of a LIST or WATCH, applied to each object, with the
/// fields upstream offers for the kind.
struct ObjectFilter: Sendable {
    var labels: Labels.Selector?
    var fields: Fields.Selector?
    /// A watch on one object by name (`/pods/NAME?watch=true`).
    var name: String?
    var resource: ResourceInfo

    init(request: APIRequest, resource: ResourceInfo) throws(APIError) {
        self.resource = resource
        if let text = request.query["labelSelector"], !text.isEmpty {
            do { labels = try Labels.Selector.parse(text) } catch { throw APIError.badRequest("\(error)") }
        }
        if let text = request.query["fieldSelector"], !text.isEmpty {
            do {
                fields = try Fields.Selector.parse(text).validated(group: resource.group, kind: resource.kind)
            } catch {
                throw APIError.badRequest("\(error)")
            }
        }
    }

    var isEmpty: Bool { labels == nil && fields == nil && name == nil }

    func matches(_ object: JSONValue) -> Bool {
        if let name, object[path: ["metadata", "name"]]?.stringValue != name { return false }
        if let labels {
            var set: [String: String] = [:]
            for (k, v) in object[path: ["metadata", "labels"]]?.objectValue ?? [:] { set[k] = v.stringValue ?? "" }
            if !labels.matches(set) { return false }
        }
        if let fields, !fields.matches(Fields.Selector.fields(group: resource.group, kind: resource.kind, object: object)) {
            return false
        }
        return true
    }
}
