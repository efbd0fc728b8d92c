/// The list form of every kind (`PodList`, `DeploymentList`, ...): one generic shape, since
/// upstream's list types differ only in their item type.
public struct KubeList<Item: KubeObject>: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ListMeta
    public var items: [Item]

    public static var apiVersion: String { Item.apiVersion }
    public static var kind: String { Item.kind + "List" }

    public init(
        apiVersion: String? = KubeList.apiVersion,
        kind: String? = KubeList.kind,
        metadata: ListMeta = ListMeta(),
        items: [Item] = []
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.items = items
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion, kind, metadata, items
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        kind = try c.decodeIfPresent(String.self, forKey: .kind)
        metadata = try c.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        items = try c.decodeIfPresent([Item].self, forKey: .items) ?? []
    }
}
