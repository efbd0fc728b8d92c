// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// A slice of a service's endpoints (discovery.k8s.io/v1).
public struct EndpointSlice: KubeObject {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    /// IPv4, IPv6, FQDN.
    public var addressType: String
    public var endpoints: [Endpoint]
    /// Without omitempty upstream: a slice with no ports prints `"ports": null`.
    public var ports: [EndpointSlicePort]?

    public init(
        apiVersion: String? = EndpointSlice.apiVersion,
        kind: String? = EndpointSlice.kind,
        metadata: ObjectMeta = ObjectMeta(),
        addressType: String = "",
        endpoints: [Endpoint] = [],
        ports: [EndpointSlicePort]? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.addressType = addressType
        self.endpoints = endpoints
        self.ports = ports
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case addressType
        case endpoints
        case ports
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        self.addressType = try c.decodeIfPresent(String.self, forKey: .addressType) ?? ""
        self.endpoints = try c.decodeIfPresent([Endpoint].self, forKey: .endpoints) ?? []
        self.ports = try c.decodeIfPresent([EndpointSlicePort].self, forKey: .ports)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(apiVersion, forKey: .apiVersion)
        try c.encodeIfPresent(kind, forKey: .kind)
        try c.encode(metadata, forKey: .metadata)
        try c.encode(addressType, forKey: .addressType)
        try c.encode(endpoints, forKey: .endpoints)
        try c.encode(ports, forKey: .ports)
    }
}

extension EndpointSlice {
    public static var apiVersion: String { "discovery.k8s.io/v1" }
    public static var kind: String { "EndpointSlice" }
    public static var group: String { "discovery.k8s.io" }
    public static var version: String { "v1" }
    public static var resource: String { "endpointslices" }
    public static var namespaced: Bool { true }
}

public typealias EndpointSliceList = KubeList<EndpointSlice>

public struct Endpoint: Codable, Hashable, Sendable {
    public var addresses: [String]
    public var conditions: EndpointConditions
    public var hostname: String?
    public var targetRef: ObjectReference?
    public var deprecatedTopology: [String: String]?
    public var nodeName: String?
    public var zone: String?
    public var hints: EndpointHints?

    public init(
        addresses: [String] = [],
        conditions: EndpointConditions = EndpointConditions(),
        hostname: String? = nil,
        targetRef: ObjectReference? = nil,
        deprecatedTopology: [String: String]? = nil,
        nodeName: String? = nil,
        zone: String? = nil,
        hints: EndpointHints? = nil
    ) {
        self.addresses = addresses
        self.conditions = conditions
        self.hostname = hostname
        self.targetRef = targetRef
        self.deprecatedTopology = deprecatedTopology
        self.nodeName = nodeName
        self.zone = zone
        self.hints = hints
    }

    enum CodingKeys: String, CodingKey {
        case addresses
        case conditions
        case hostname
        case targetRef
        case deprecatedTopology
        case nodeName
        case zone
        case hints
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.addresses = try c.decodeIfPresent([String].self, forKey: .addresses) ?? []
        self.conditions = try c.decodeIfPresent(EndpointConditions.self, forKey: .conditions) ?? EndpointConditions()
        self.hostname = try c.decodeIfPresent(String.self, forKey: .hostname)
        self.targetRef = try c.decodeIfPresent(ObjectReference.self, forKey: .targetRef)
        self.deprecatedTopology = try c.decodeIfPresent([String: String].self, forKey: .deprecatedTopology)
        self.nodeName = try c.decodeIfPresent(String.self, forKey: .nodeName)
        self.zone = try c.decodeIfPresent(String.self, forKey: .zone)
        self.hints = try c.decodeIfPresent(EndpointHints.self, forKey: .hints)
    }
}

public struct EndpointConditions: Codable, Hashable, Sendable {
    public var ready: Bool?
    public var serving: Bool?
    public var terminating: Bool?

    public init(
        ready: Bool? = nil,
        serving: Bool? = nil,
        terminating: Bool? = nil
    ) {
        self.ready = ready
        self.serving = serving
        self.terminating = terminating
    }
}

public struct EndpointHints: Codable, Hashable, Sendable {
    public var forZones: [ForZone]?
    public var forNodes: [ForNode]?

    public init(forZones: [ForZone]? = nil, forNodes: [ForNode]? = nil) {
        self.forZones = forZones
        self.forNodes = forNodes
    }
}

public struct ForZone: Codable, Hashable, Sendable {
    public var name: String

    public init(name: String = "") {
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case name
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
    }
}

public struct ForNode: Codable, Hashable, Sendable {
    public var name: String

    public init(name: String = "") {
        self.name = name
    }

    enum CodingKeys: String, CodingKey {
        case name
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
    }
}

/// discovery/v1 EndpointPort (every field optional, unlike core/v1 EndpointPort).
public struct EndpointSlicePort: Codable, Hashable, Sendable {
    public var name: String?
    public var `protocol`: String?
    public var port: Int32?
    public var appProtocol: String?

    public init(
        name: String? = nil,
        `protocol`: String? = nil,
        port: Int32? = nil,
        appProtocol: String? = nil
    ) {
        self.name = name
        self.`protocol` = `protocol`
        self.port = port
        self.appProtocol = appProtocol
    }

    enum CodingKeys: String, CodingKey {
        case name
        case `protocol`
        case port
        case appProtocol
    }
}
