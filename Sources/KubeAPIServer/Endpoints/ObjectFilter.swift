import Foundation
import KubeAPI

/// The label and field selectors of a LIST or WATCH, applied to each object.
struct ObjectFilter: Sendable {
    var labels: SimpleSelector
    var fields: SimpleSelector
    var resource: ResourceInfo

    init(request: APIRequest, resource: ResourceInfo) throws(APIError) {
        self.resource = resource
        do {
            labels = try SimpleSelector(request.query["labelSelector"] ?? "")
            fields = try SimpleSelector(request.query["fieldSelector"] ?? "")
        } catch {
            throw APIError.badRequest("unable to parse requirement: \(error)")
        }
    }

    var isEmpty: Bool { labels.requirements.isEmpty && fields.requirements.isEmpty }

    func matches(_ object: JSONValue) -> Bool {
        if !labels.requirements.isEmpty {
            var set: [String: String] = [:]
            for (k, v) in object[path: ["metadata", "labels"]]?.objectValue ?? [:] { set[k] = v.stringValue ?? "" }
            if !labels.matches(set) { return false }
        }
        if !fields.requirements.isEmpty {
            var set: [String: String] = [
                "metadata.name": object[path: ["metadata", "name"]]?.stringValue ?? "",
                "metadata.namespace": object[path: ["metadata", "namespace"]]?.stringValue ?? "",
            ]
            if resource.kind == "Pod" {
                set["spec.nodeName"] = object[path: ["spec", "nodeName"]]?.stringValue ?? ""
                set["status.phase"] = object[path: ["status", "phase"]]?.stringValue ?? ""
            }
            if !fields.matches(set) { return false }
        }
        return true
    }
}

/// Minimal selector (`k=v`, `k==v`, `k!=v`, `k`, `!k`); replaced by KubeAPI's full selectors.
struct SimpleSelector: Sendable {
    enum Op: Sendable { case equals, notEquals, exists, notExists }
    struct ParseError: Error, CustomStringConvertible { var text: String; var description: String { "invalid selector \"\(text)\"" } }
    var requirements: [(key: String, op: Op, value: String)] = []

    init(_ text: String) throws {
        for part in text.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
            if let r = part.range(of: "!=") {
                requirements.append((String(part[..<r.lowerBound]), .notEquals, String(part[r.upperBound...])))
            } else if let r = part.range(of: "==") {
                requirements.append((String(part[..<r.lowerBound]), .equals, String(part[r.upperBound...])))
            } else if let r = part.range(of: "=") {
                requirements.append((String(part[..<r.lowerBound]), .equals, String(part[r.upperBound...])))
            } else if part.hasPrefix("!") {
                requirements.append((String(part.dropFirst()), .notExists, ""))
            } else {
                requirements.append((part, .exists, ""))
            }
        }
    }

    func matches(_ set: [String: String]) -> Bool {
        requirements.allSatisfy { r in
            switch r.op {
            case .equals: return set[r.key] == r.value
            case .notEquals: return set[r.key] != r.value
            case .exists: return set[r.key] != nil
            case .notExists: return set[r.key] == nil
            }
        }
    }
}
