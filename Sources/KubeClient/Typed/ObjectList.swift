import KubeAPI

/// One page of a typed list: the items, the list's resourceVersion (where a watch resumes) and
/// the token for the next page when the server cut the list short.
public struct ObjectList<Object: KubeObject>: Sendable {
    public var items: [Object]
    public var resourceVersion: String
    public var continueToken: String?

    public init(items: [Object], resourceVersion: String, continueToken: String? = nil) {
        self.items = items
        self.resourceVersion = resourceVersion
        self.continueToken = continueToken
    }
}
