/// One column of a meta.k8s.io/v1 Table, as upstream's `TableColumnDefinition`.
///
/// Named with a `ServerTable` prefix so it never clashes with the typed meta/v1 structs in `Types/`.
public struct ServerTableColumn: Hashable, Sendable {
    public var name: String
    /// OpenAPI type of the cells: "string", "integer", "number", "boolean", "date".
    public var type: String
    /// Extra hint: "name" marks the column that holds the object's name.
    public var format: String
    public var description: String
    /// 0 for the default view, 1 for columns shown only with `-o wide`.
    public var priority: Int

    public init(name: String, type: String = "string", format: String = "", description: String, priority: Int = 0) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
    }

    /// The wire form inside `Table.columnDefinitions`.
    public var json: JSONValue {
        [
            "name": .string(name), "type": .string(type), "format": .string(format),
            "description": .string(description), "priority": .int(Int64(priority)),
        ]
    }

    public init?(json: JSONValue) {
        guard let name = json["name"]?.stringValue else { return nil }
        self.init(
            name: name, type: json["type"]?.stringValue ?? "string", format: json["format"]?.stringValue ?? "",
            description: json["description"]?.stringValue ?? "", priority: Int(json["priority"]?.intValue ?? 0))
    }
}

/// Column descriptions that upstream takes from the API types' swagger docs.
enum ServerTableDocs {
    static let name =
        "Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names"
    static let creationTimestamp =
        "CreationTimestamp is a timestamp representing the server time when this object was created. It is not guaranteed to be set in happens-before order across separate operations. Clients may not set this value. It is represented in RFC3339 form and is in UTC.\n\nPopulated by the system. Read-only. Null for lists. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
    static let containerNames = "Names of each container in the template."
    static let containerImages = "Images referenced by each container in the template."
    static let selector =
        "Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels."
}

extension ServerTableColumn {
    static let nameColumn = ServerTableColumn(name: "Name", format: "name", description: ServerTableDocs.name)
    static let ageColumn = ServerTableColumn(name: "Age", description: ServerTableDocs.creationTimestamp)
    static func wide(_ name: String, _ description: String) -> ServerTableColumn {
        ServerTableColumn(name: name, description: description, priority: 1)
    }
}
