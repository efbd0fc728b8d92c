// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// A reference to any object, possibly to a field inside it (`spec.containers{web}`).
public struct ObjectReference: Codable, Hashable, Sendable {
    public var kind: String?
    public var namespace: String?
    public var name: String?
    public var uid: String?
    public var apiVersion: String?
    public var resourceVersion: String?
    public var fieldPath: String?

    public init(
        kind: String? = nil,
        namespace: String? = nil,
        name: String? = nil,
        uid: String? = nil,
        apiVersion: String? = nil,
        resourceVersion: String? = nil,
        fieldPath: String? = nil
    ) {
        self.kind = kind
        self.namespace = namespace
        self.name = name
        self.uid = uid
        self.apiVersion = apiVersion
        self.resourceVersion = resourceVersion
        self.fieldPath = fieldPath
    }
}

/// A reference to an object of a known kind in the same namespace.
public struct LocalObjectReference: Codable, Hashable, Sendable {
    public var name: String?

    public init(name: String? = nil) {
        self.name = name
    }
}

public struct TypedLocalObjectReference: Codable, Hashable, Sendable {
    public var apiGroup: String?
    public var kind: String
    public var name: String

    public init(
        apiGroup: String? = nil,
        kind: String = "",
        name: String = ""
    ) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case apiGroup
        case kind
        case name
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiGroup = try c.decodeIfPresent(String.self, forKey: .apiGroup)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? ""
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
    }
}

public struct TypedObjectReference: Codable, Hashable, Sendable {
    public var apiGroup: String?
    public var kind: String
    public var name: String
    public var namespace: String?

    public init(
        apiGroup: String? = nil,
        kind: String = "",
        name: String = "",
        namespace: String? = nil
    ) {
        self.apiGroup = apiGroup
        self.kind = kind
        self.name = name
        self.namespace = namespace
    }

    enum CodingKeys: String, CodingKey {
        case apiGroup
        case kind
        case name
        case namespace
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiGroup = try c.decodeIfPresent(String.self, forKey: .apiGroup)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? ""
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.namespace = try c.decodeIfPresent(String.self, forKey: .namespace)
    }
}
