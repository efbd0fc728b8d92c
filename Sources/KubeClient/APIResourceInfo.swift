import KubeAPI

/// One resource as discovery describes it (an `APIResource` with its group/version filled in).
public struct APIResourceInfo: Hashable, Sendable {
    public var group: String
    public var version: String
    public var name: String
    public var singularName: String
    public var kind: String
    public var namespaced: Bool
    public var verbs: [String]
    public var shortNames: [String]
    public var categories: [String]

    public init(
        group: String, version: String, name: String, singularName: String = "", kind: String, namespaced: Bool,
        verbs: [String] = [], shortNames: [String] = [], categories: [String] = []
    ) {
        self.group = group
        self.version = version
        self.name = name
        self.singularName = singularName
        self.kind = kind
        self.namespaced = namespaced
        self.verbs = verbs
        self.shortNames = shortNames
        self.categories = categories
    }

    public var groupVersion: String { group.isEmpty ? version : "\(group)/\(version)" }

    /// `pods`, `deployments.apps`: how kubectl names the resource in messages and `-o name`.
    public var qualifiedName: String { group.isEmpty ? name : "\(name).\(group)" }

    /// `pod`, `deployment.apps`: the prefix of `-o name` output and of `deleted` messages.
    public var kindQualifiedName: String { group.isEmpty ? kind.lowercased() : "\(kind.lowercased()).\(group)" }

    public func path(namespace: String? = nil, name objectName: String? = nil, subresource: String? = nil) -> ResourcePath {
        ResourcePath(group: group, version: version, resource: name, namespace: namespaced ? namespace : nil, name: objectName, subresource: subresource)
    }

    public init?(discovery entry: JSONValue, groupVersion: String) {
        guard let name = entry["name"]?.stringValue, let kind = entry["kind"]?.stringValue else { return nil }
        let parts = groupVersion.split(separator: "/").map(String.init)
        self.init(
            group: parts.count == 2 ? parts[0] : "", version: parts.last ?? "v1", name: name,
            singularName: entry["singularName"]?.stringValue ?? "", kind: kind, namespaced: entry["namespaced"]?.boolValue ?? false,
            verbs: entry["verbs"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            shortNames: entry["shortNames"]?.arrayValue?.compactMap(\.stringValue) ?? [],
            categories: entry["categories"]?.arrayValue?.compactMap(\.stringValue) ?? [])
    }
}
