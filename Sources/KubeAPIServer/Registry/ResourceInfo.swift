/// What the apiserver knows about one resource: where it lives in the URL space, what it
/// is called, which verbs and subresources it serves. The discovery documents, the REST
/// router and the storage keys are all derived from this one description.
public struct ResourceInfo: Sendable, Hashable {
    public var group: String
    public var version: String
    /// Plural lower-case name used in URLs and storage keys (`pods`).
    public var resource: String
    public var singular: String
    public var kind: String
    public var namespaced: Bool
    public var shortNames: [String] = []
    public var categories: [String] = []
    public var verbs: [String] = ResourceInfo.allVerbs
    /// Subresources served: `status`, `scale`, `binding`, `eviction`, `log`, `exec`, …
    public var subresources: [String] = []
    /// Whether spec changes bump `metadata.generation` (kinds with a spec).
    public var tracksGeneration = true
    /// Objects of this kind expire (seconds) unless updated, as Events do.
    public var ttlSeconds: Int64?
    /// Storage key segment; upstream keeps a few historical names (`minions` for nodes).
    public var storageName: String?

    public static let allVerbs = ["create", "delete", "deletecollection", "get", "list", "patch", "update", "watch"]

    public init(group: String, version: String, resource: String, singular: String, kind: String, namespaced: Bool) {
        self.group = group
        self.version = version
        self.resource = resource
        self.singular = singular
        self.kind = kind
        self.namespaced = namespaced
    }

    /// `v1` for the core group, `apps/v1` otherwise.
    public var apiVersion: String { group.isEmpty ? version : "\(group)/\(version)" }
    public var listKind: String { kind + "List" }
    public var hasStatus: Bool { subresources.contains("status") }

    /// `/registry/<resource>/` — the prefix of every key of this resource.
    public var storagePrefix: String { "/registry/\(storageName ?? resource)/" }

    /// `/registry/pods/default/web-1` or `/registry/namespaces/default`.
    public func storageKey(namespace: String?, name: String) -> String {
        if namespaced, let namespace { return storagePrefix + namespace + "/" + name }
        return storagePrefix + name
    }

    /// The key prefix covering one namespace, or all of them.
    public func storagePrefix(namespace: String?) -> String {
        if namespaced, let namespace, !namespace.isEmpty { return storagePrefix + namespace + "/" }
        return storagePrefix
    }

    /// The URL path of a collection or object, as in `selfLink` and discovery.
    public func path(namespace: String?, name: String? = nil) -> String {
        var p = group.isEmpty ? "/api/\(version)" : "/apis/\(group)/\(version)"
        if namespaced, let namespace { p += "/namespaces/\(namespace)" }
        p += "/\(resource)"
        if let name { p += "/\(name)" }
        return p
    }
}
