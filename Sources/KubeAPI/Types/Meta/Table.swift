// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// Server-side printing (`Accept: application/json;as=Table;g=meta.k8s.io;v=v1`).
public struct Table: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ListMeta
    public var columnDefinitions: [TableColumnDefinition]
    public var rows: [TableRow]

    public init(
        apiVersion: String? = Table.apiVersion,
        kind: String? = Table.kind,
        metadata: ListMeta = ListMeta(),
        columnDefinitions: [TableColumnDefinition] = [],
        rows: [TableRow] = []
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.columnDefinitions = columnDefinitions
        self.rows = rows
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case columnDefinitions
        case rows
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ListMeta.self, forKey: .metadata) ?? ListMeta()
        self.columnDefinitions = try c.decodeIfPresent([TableColumnDefinition].self, forKey: .columnDefinitions) ?? []
        self.rows = try c.decodeIfPresent([TableRow].self, forKey: .rows) ?? []
    }
}

extension Table {
    public static var apiVersion: String { "meta.k8s.io/v1" }
    public static var kind: String { "Table" }
}

public struct TableColumnDefinition: Codable, Hashable, Sendable {
    public var name: String
    /// An OpenAPI type: integer, number, string, boolean, date.
    public var type: String
    public var format: String
    public var description: String
    public var priority: Int32

    public init(
        name: String = "",
        type: String = "",
        format: String = "",
        description: String = "",
        priority: Int32 = 0
    ) {
        self.name = name
        self.type = type
        self.format = format
        self.description = description
        self.priority = priority
    }

    enum CodingKeys: String, CodingKey {
        case name
        case type
        case format
        case description
        case priority
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        self.format = try c.decodeIfPresent(String.self, forKey: .format) ?? ""
        self.description = try c.decodeIfPresent(String.self, forKey: .description) ?? ""
        self.priority = try c.decodeIfPresent(Int32.self, forKey: .priority) ?? 0
    }
}

public struct TableRow: Codable, Hashable, Sendable {
    /// One cell per column: string, number, boolean, or an object.
    public var cells: [JSONValue]
    public var conditions: [TableRowCondition]?
    /// The object (or its PartialObjectMetadata) the row describes, when requested.
    public var object: JSONValue?

    public init(
        cells: [JSONValue] = [],
        conditions: [TableRowCondition]? = nil,
        object: JSONValue? = nil
    ) {
        self.cells = cells
        self.conditions = conditions
        self.object = object
    }

    enum CodingKeys: String, CodingKey {
        case cells
        case conditions
        case object
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.cells = try c.decodeIfPresent([JSONValue].self, forKey: .cells) ?? []
        self.conditions = try c.decodeIfPresent([TableRowCondition].self, forKey: .conditions)
        self.object = try c.decodeIfPresent(JSONValue.self, forKey: .object)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(cells, forKey: .cells)
        try c.encodeIfPresent(conditions, forKey: .conditions)
        try c.encode(object, forKey: .object)
    }
}

public struct TableRowCondition: Codable, Hashable, Sendable {
    public var type: String
    public var status: String
    public var reason: String?
    public var message: String?

    public init(
        type: String = "",
        status: String = "",
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.reason = reason
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case type
        case status
        case reason
        case message
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        self.status = try c.decodeIfPresent(String.self, forKey: .status) ?? ""
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
    }
}
