// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

public struct Service: KubeObject, HasStatus {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: ServiceSpec
    public var status: ServiceStatus

    public init(
        apiVersion: String? = Service.apiVersion,
        kind: String? = Service.kind,
        metadata: ObjectMeta = ObjectMeta(),
        spec: ServiceSpec = ServiceSpec(),
        status: ServiceStatus = ServiceStatus()
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.metadata = metadata
        self.spec = spec
        self.status = status
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case metadata
        case spec
        case status
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        self.spec = try c.decodeIfPresent(ServiceSpec.self, forKey: .spec) ?? ServiceSpec()
        self.status = try c.decodeIfPresent(ServiceStatus.self, forKey: .status) ?? ServiceStatus()
    }
}

extension Service {
    public static var apiVersion: String { "v1" }
    public static var kind: String { "Service" }
    public static var group: String { "" }
    public static var version: String { "v1" }
    public static var resource: String { "services" }
    public static var namespaced: Bool { true }
}

public typealias ServiceList = KubeList<Service>

public struct ServiceSpec: Codable, Hashable, Sendable {
    public var ports: [ServicePort]?
    public var selector: [String: String]?
    /// "None" makes the service headless.
    public var clusterIP: String?
    public var clusterIPs: [String]?
    /// ClusterIP (the default), NodePort, LoadBalancer, ExternalName.
    public var type: String?
    public var externalIPs: [String]?
    /// None or ClientIP.
    public var sessionAffinity: String?
    public var loadBalancerIP: String?
    public var loadBalancerSourceRanges: [String]?
    public var externalName: String?
    /// Cluster or Local.
    public var externalTrafficPolicy: String?
    public var healthCheckNodePort: Int32?
    public var publishNotReadyAddresses: Bool?
    public var sessionAffinityConfig: SessionAffinityConfig?
    public var ipFamilies: [String]?
    /// SingleStack, PreferDualStack, RequireDualStack.
    public var ipFamilyPolicy: String?
    public var allocateLoadBalancerNodePorts: Bool?
    public var loadBalancerClass: String?
    public var internalTrafficPolicy: String?
    public var trafficDistribution: String?

    public init(
        ports: [ServicePort]? = nil,
        selector: [String: String]? = nil,
        clusterIP: String? = nil,
        clusterIPs: [String]? = nil,
        type: String? = nil,
        externalIPs: [String]? = nil,
        sessionAffinity: String? = nil,
        loadBalancerIP: String? = nil,
        loadBalancerSourceRanges: [String]? = nil,
        externalName: String? = nil,
        externalTrafficPolicy: String? = nil,
        healthCheckNodePort: Int32? = nil,
        publishNotReadyAddresses: Bool? = nil,
        sessionAffinityConfig: SessionAffinityConfig? = nil,
        ipFamilies: [String]? = nil,
        ipFamilyPolicy: String? = nil,
        allocateLoadBalancerNodePorts: Bool? = nil,
        loadBalancerClass: String? = nil,
        internalTrafficPolicy: String? = nil,
        trafficDistribution: String? = nil
    ) {
        self.ports = ports
        self.selector = selector
        self.clusterIP = clusterIP
        self.clusterIPs = clusterIPs
        self.type = type
        self.externalIPs = externalIPs
        self.sessionAffinity = sessionAffinity
        self.loadBalancerIP = loadBalancerIP
        self.loadBalancerSourceRanges = loadBalancerSourceRanges
        self.externalName = externalName
        self.externalTrafficPolicy = externalTrafficPolicy
        self.healthCheckNodePort = healthCheckNodePort
        self.publishNotReadyAddresses = publishNotReadyAddresses
        self.sessionAffinityConfig = sessionAffinityConfig
        self.ipFamilies = ipFamilies
        self.ipFamilyPolicy = ipFamilyPolicy
        self.allocateLoadBalancerNodePorts = allocateLoadBalancerNodePorts
        self.loadBalancerClass = loadBalancerClass
        self.internalTrafficPolicy = internalTrafficPolicy
        self.trafficDistribution = trafficDistribution
    }
}

public struct ServicePort: Codable, Hashable, Sendable {
    public var name: String?
    public var `protocol`: String?
    public var appProtocol: String?
    public var port: Int32
    /// Defaults to `port`; a name refers to a named container port.
    public var targetPort: IntOrString?
    public var nodePort: Int32?

    public init(
        name: String? = nil,
        `protocol`: String? = nil,
        appProtocol: String? = nil,
        port: Int32 = 0,
        targetPort: IntOrString? = nil,
        nodePort: Int32? = nil
    ) {
        self.name = name
        self.`protocol` = `protocol`
        self.appProtocol = appProtocol
        self.port = port
        self.targetPort = targetPort
        self.nodePort = nodePort
    }

    enum CodingKeys: String, CodingKey {
        case name
        case `protocol`
        case appProtocol
        case port
        case targetPort
        case nodePort
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.`protocol` = try c.decodeIfPresent(String.self, forKey: .`protocol`)
        self.appProtocol = try c.decodeIfPresent(String.self, forKey: .appProtocol)
        self.port = try c.decodeIfPresent(Int32.self, forKey: .port) ?? 0
        self.targetPort = try c.decodeIfPresent(IntOrString.self, forKey: .targetPort)
        self.nodePort = try c.decodeIfPresent(Int32.self, forKey: .nodePort)
    }
}

public struct SessionAffinityConfig: Codable, Hashable, Sendable {
    public var clientIP: ClientIPConfig?

    public init(clientIP: ClientIPConfig? = nil) {
        self.clientIP = clientIP
    }
}

public struct ClientIPConfig: Codable, Hashable, Sendable {
    public var timeoutSeconds: Int32?

    public init(timeoutSeconds: Int32? = nil) {
        self.timeoutSeconds = timeoutSeconds
    }
}

public struct ServiceStatus: Codable, Hashable, Sendable {
    public var loadBalancer: LoadBalancerStatus
    public var conditions: [Condition]?

    public init(loadBalancer: LoadBalancerStatus = LoadBalancerStatus(), conditions: [Condition]? = nil) {
        self.loadBalancer = loadBalancer
        self.conditions = conditions
    }

    enum CodingKeys: String, CodingKey {
        case loadBalancer
        case conditions
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.loadBalancer = try c.decodeIfPresent(LoadBalancerStatus.self, forKey: .loadBalancer) ?? LoadBalancerStatus()
        self.conditions = try c.decodeIfPresent([Condition].self, forKey: .conditions)
    }
}

public struct LoadBalancerStatus: Codable, Hashable, Sendable {
    public var ingress: [LoadBalancerIngress]?

    public init(ingress: [LoadBalancerIngress]? = nil) {
        self.ingress = ingress
    }
}

public struct LoadBalancerIngress: Codable, Hashable, Sendable {
    public var ip: String?
    public var hostname: String?
    public var ipMode: String?
    public var ports: [PortStatus]?

    public init(
        ip: String? = nil,
        hostname: String? = nil,
        ipMode: String? = nil,
        ports: [PortStatus]? = nil
    ) {
        self.ip = ip
        self.hostname = hostname
        self.ipMode = ipMode
        self.ports = ports
    }
}

public struct PortStatus: Codable, Hashable, Sendable {
    public var port: Int32
    public var `protocol`: String
    public var error: String?

    public init(
        port: Int32 = 0,
        `protocol`: String = "",
        error: String? = nil
    ) {
        self.port = port
        self.`protocol` = `protocol`
        self.error = error
    }

    enum CodingKeys: String, CodingKey {
        case port
        case `protocol`
        case error
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.port = try c.decodeIfPresent(Int32.self, forKey: .port) ?? 0
        self.`protocol` = try c.decodeIfPresent(String.self, forKey: .`protocol`) ?? ""
        self.error = try c.decodeIfPresent(String.self, forKey: .error)
    }
}
