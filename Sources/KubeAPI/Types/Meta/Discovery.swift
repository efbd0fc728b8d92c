// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// One resource in a group-version, as `/apis/<group>/<version>` lists it.
public struct APIResource: Codable, Hashable, Sendable {
    public var name: String
    public var singularName: String
    public var namespaced: Bool
    public var group: String?
    public var version: String?
    public var kind: String
    public var verbs: [String]
    public var shortNames: [String]?
    public var categories: [String]?
    public var storageVersionHash: String?

    public init(
        name: String = "",
        singularName: String = "",
        namespaced: Bool = false,
        group: String? = nil,
        version: String? = nil,
        kind: String = "",
        verbs: [String] = [],
        shortNames: [String]? = nil,
        categories: [String]? = nil,
        storageVersionHash: String? = nil
    ) {
        self.name = name
        self.singularName = singularName
        self.namespaced = namespaced
        self.group = group
        self.version = version
        self.kind = kind
        self.verbs = verbs
        self.shortNames = shortNames
        self.categories = categories
        self.storageVersionHash = storageVersionHash
    }

    enum CodingKeys: String, CodingKey {
        case name
        case singularName
        case namespaced
        case group
        case version
        case kind
        case verbs
        case shortNames
        case categories
        case storageVersionHash
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.singularName = try c.decodeIfPresent(String.self, forKey: .singularName) ?? ""
        self.namespaced = try c.decodeIfPresent(Bool.self, forKey: .namespaced) ?? false
        self.group = try c.decodeIfPresent(String.self, forKey: .group)
        self.version = try c.decodeIfPresent(String.self, forKey: .version)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? ""
        self.verbs = try c.decodeIfPresent([String].self, forKey: .verbs) ?? []
        self.shortNames = try c.decodeIfPresent([String].self, forKey: .shortNames)
        self.categories = try c.decodeIfPresent([String].self, forKey: .categories)
        self.storageVersionHash = try c.decodeIfPresent(String.self, forKey: .storageVersionHash)
    }
}

public struct APIResourceList: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var groupVersion: String
    public var resources: [APIResource]

    public init(
        apiVersion: String? = APIResourceList.apiVersion,
        kind: String? = APIResourceList.kind,
        groupVersion: String = "",
        resources: [APIResource] = []
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.groupVersion = groupVersion
        self.resources = resources
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case groupVersion
        case resources
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.groupVersion = try c.decodeIfPresent(String.self, forKey: .groupVersion) ?? ""
        self.resources = try c.decodeIfPresent([APIResource].self, forKey: .resources) ?? []
    }
}

extension APIResourceList {
    public static var apiVersion: String { "v1" }
    public static var kind: String { "APIResourceList" }
}

public struct APIGroup: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var name: String
    public var versions: [GroupVersionForDiscovery]
    public var preferredVersion: GroupVersionForDiscovery
    public var serverAddressByClientCIDRs: [ServerAddressByClientCIDR]?

    public init(
        apiVersion: String? = APIGroup.apiVersion,
        kind: String? = APIGroup.kind,
        name: String = "",
        versions: [GroupVersionForDiscovery] = [],
        preferredVersion: GroupVersionForDiscovery = GroupVersionForDiscovery(),
        serverAddressByClientCIDRs: [ServerAddressByClientCIDR]? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.versions = versions
        self.preferredVersion = preferredVersion
        self.serverAddressByClientCIDRs = serverAddressByClientCIDRs
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case name
        case versions
        case preferredVersion
        case serverAddressByClientCIDRs
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.versions = try c.decodeIfPresent([GroupVersionForDiscovery].self, forKey: .versions) ?? []
        self.preferredVersion = try c.decodeIfPresent(GroupVersionForDiscovery.self, forKey: .preferredVersion) ?? GroupVersionForDiscovery()
        self.serverAddressByClientCIDRs = try c.decodeIfPresent([ServerAddressByClientCIDR].self, forKey: .serverAddressByClientCIDRs)
    }
}

extension APIGroup {
    public static var apiVersion: String { "v1" }
    public static var kind: String { "APIGroup" }
}

public struct APIGroupList: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var groups: [APIGroup]

    public init(
        apiVersion: String? = APIGroupList.apiVersion,
        kind: String? = APIGroupList.kind,
        groups: [APIGroup] = []
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.groups = groups
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case groups
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.groups = try c.decodeIfPresent([APIGroup].self, forKey: .groups) ?? []
    }
}

extension APIGroupList {
    public static var apiVersion: String { "v1" }
    public static var kind: String { "APIGroupList" }
}

/// The answer to `/api`: the legacy core group's versions.
public struct APIVersions: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var versions: [String]
    public var serverAddressByClientCIDRs: [ServerAddressByClientCIDR]

    public init(
        apiVersion: String? = APIVersions.apiVersion,
        kind: String? = APIVersions.kind,
        versions: [String] = [],
        serverAddressByClientCIDRs: [ServerAddressByClientCIDR] = []
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.versions = versions
        self.serverAddressByClientCIDRs = serverAddressByClientCIDRs
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case versions
        case serverAddressByClientCIDRs
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.versions = try c.decodeIfPresent([String].self, forKey: .versions) ?? []
        self.serverAddressByClientCIDRs = try c.decodeIfPresent([ServerAddressByClientCIDR].self, forKey: .serverAddressByClientCIDRs) ?? []
    }
}

extension APIVersions {
    public static var apiVersion: String { "v1" }
    public static var kind: String { "APIVersions" }
}

public struct GroupVersionForDiscovery: Codable, Hashable, Sendable {
    public var groupVersion: String
    public var version: String

    public init(groupVersion: String = "", version: String = "") {
        self.groupVersion = groupVersion
        self.version = version
    }

    enum CodingKeys: String, CodingKey {
        case groupVersion
        case version
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.groupVersion = try c.decodeIfPresent(String.self, forKey: .groupVersion) ?? ""
        self.version = try c.decodeIfPresent(String.self, forKey: .version) ?? ""
    }
}

public struct ServerAddressByClientCIDR: Codable, Hashable, Sendable {
    public var clientCIDR: String
    public var serverAddress: String

    public init(clientCIDR: String = "", serverAddress: String = "") {
        self.clientCIDR = clientCIDR
        self.serverAddress = serverAddress
    }

    enum CodingKeys: String, CodingKey {
        case clientCIDR
        case serverAddress
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.clientCIDR = try c.decodeIfPresent(String.self, forKey: .clientCIDR) ?? ""
        self.serverAddress = try c.decodeIfPresent(String.self, forKey: .serverAddress) ?? ""
    }
}
