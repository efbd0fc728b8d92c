/// A resource request decoded from its URL and method, as upstream's `RequestInfoFactory`:
/// `/api/v1/namespaces/NS/pods/NAME/status` → get pods NAME in NS, subresource status.
public struct RequestInfo: Sendable, Hashable {
    public enum Verb: String, Sendable {
        case get, list, watch, create, update, patch, delete, deletecollection
    }

    public var verb: Verb
    public var group: String
    public var version: String
    public var namespace: String?
    public var resource: String
    public var name: String?
    public var subresource: String?
    /// Path segments after the subresource (`pods/x/proxy/a/b`).
    public var remainder: [String] = []

    /// Namespace subresources that are not resources of their own.
    static let namespaceSubresources: Set<String> = ["status", "finalize"]

    /// Parses a resource URL; nil when the path is not under `/api` or `/apis` or names no resource.
    public static func parse(method: String, path: String, query: [String: String]) -> RequestInfo? {
        var parts = path.split(separator: "/", omittingEmptySubsequences: true).map(String.init)
        guard let prefix = parts.first else { return nil }
        var group = ""
        let version: String
        switch prefix {
        case "api":
            guard parts.count >= 3 else { return nil }
            version = parts[1]
            parts.removeFirst(2)
        case "apis":
            guard parts.count >= 4 else { return nil }
            group = parts[1]
            version = parts[2]
            parts.removeFirst(3)
        default:
            return nil
        }

        var isWatch = query["watch"] == "true" || query["watch"] == "1"
        if parts.first == "watch" {
            isWatch = true
            parts.removeFirst()
        }
        var namespace: String?
        if parts.first == "namespaces", parts.count > 1 {
            namespace = parts[1]
            if parts.count > 2 && !namespaceSubresources.contains(parts[2]) {
                parts.removeFirst(2)
            }
        }
        guard !parts.isEmpty else { return nil }
        let resource = parts[0]
        let name = parts.count > 1 ? parts[1] : nil
        let subresource = parts.count > 2 ? parts[2] : nil
        let remainder = parts.count > 3 ? Array(parts[3...]) : []
        // `namespaces/NAME` names a namespace, not a namespace scope.
        if resource == "namespaces" { namespace = nil }

        let verb: Verb
        switch method {
        case "GET", "HEAD":
            if isWatch { verb = .watch } else { verb = name == nil ? .list : .get }
        case "POST": verb = .create
        case "PUT": verb = .update
        case "PATCH": verb = .patch
        case "DELETE": verb = name == nil ? .deletecollection : .delete
        default: return nil
        }
        return RequestInfo(
            verb: verb, group: group, version: version, namespace: namespace, resource: resource, name: name,
            subresource: subresource, remainder: remainder)
    }
}
