// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// The legacy service → address mapping (deprecated upstream in favour of EndpointSlice,
/// still what many clients read).
public struct Endpoints: KubeObject {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var subsets: [EndpointSubset]?

    public init(
        apiVersion: String? = Endpoints.apiVersion,
        kind: String? = Endpoints.kind,
        metadata: ObjectMeta = ObjectMeta(),
        subsets: [EndpointSubset]? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.subsets = subsets
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case subsets
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        self.subsets = try c.decodeIfPresent([EndpointSubset].self, forKey: .subsets)
    }
}

extension Endpoints {
    public static var apiVersion: String { "v1" }
    public static var kind: String { "Endpoints" }
    public static var group: String { "" }
    public static var version: String { "v1" }
    public static var resource: String { "endpoints" }
    public static var namespaced: Bool { true }
}

public typealias EndpointsList = KubeList<Endpoints>

public struct EndpointSubset: Codable, Hashable, Sendable {
    public var addresses: [EndpointAddress]?
    public var notReadyAddresses: [EndpointAddress]?
    public var ports: [EndpointPort]?

    public init(
        addresses: [EndpointAddress]? = nil,
        notReadyAddresses: [EndpointAddress]? = nil,
        ports: [EndpointPort]? = nil
    ) {
        self.addresses = addresses
        self.notReadyAddresses = notReadyAddresses
        self.ports = ports
    }
}

public struct EndpointAddress: Codable, Hashable, Sendable {
    public var ip: String
    public var hostname: String?
    public var nodeName: String?
    public var targetRef: ObjectReference?

    public init(
        ip: String = "",
        hostname: String? = nil,
        nodeName: String? = nil,
        targetRef: ObjectReference? = nil
    ) {
        self.ip = ip
        self.hostname = hostname
        self.nodeName = nodeName
        self.targetRef = targetRef
    }

    enum CodingKeys: String, CodingKey {
        case ip
        case hostname
        case nodeName
        case targetRef
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.ip = try c.decodeIfPresent(String.self, forKey: .ip) ?? ""
        self.hostname = try c.decodeIfPresent(String.self, forKey: .hostname)
        self.nodeName = try c.decodeIfPresent(String.self, forKey: .nodeName)
        self.targetRef = try c.decodeIfPresent(ObjectReference.self, forKey: .targetRef)
    }
}

public struct EndpointPort: Codable, Hashable, Sendable {
    public var name: String?
    public var port: Int32
    public var `protocol`: String?
    public var appProtocol: String?

    public init(
        name: String? = nil,
        port: Int32 = 0,
        `protocol`: String? = nil,
        appProtocol: String? = nil
    ) {
        self.name = name
        self.port = port
        self.`protocol` = `protocol`
        self.appProtocol = appProtocol
    }

    enum CodingKeys: String, CodingKey {
        case name
        case port
        case `protocol`
        case appProtocol
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.port = try c.decodeIfPresent(Int32.self, forKey: .port) ?? 0
        self.`protocol` = try c.decodeIfPresent(String.self, forKey: .`protocol`)
        self.appProtocol = try c.decodeIfPresent(String.self, forKey: .appProtocol)
    }
}
