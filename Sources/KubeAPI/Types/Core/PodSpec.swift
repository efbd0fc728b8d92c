// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// What a pod should run and where (core/v1 PodSpec).
public struct PodSpec: Codable, Hashable, Sendable {
    public var volumes: [Volume]?
    public var initContainers: [Container]?
    public var containers: [Container]
    public var ephemeralContainers: [EphemeralContainer]?
    /// Always (the default), OnFailure, Never.
    public var restartPolicy: String?
    public var terminationGracePeriodSeconds: Int64?
    public var activeDeadlineSeconds: Int64?
    /// ClusterFirst (the default), ClusterFirstWithHostNet, Default, None.
    public var dnsPolicy: String?
    public var nodeSelector: [String: String]?
    public var serviceAccountName: String?
    /// Deprecated alias of serviceAccountName, still written by the apiserver.
    public var deprecatedServiceAccount: String?
    public var automountServiceAccountToken: Bool?
    public var nodeName: String?
    public var hostNetwork: Bool?
    public var hostPID: Bool?
    public var hostIPC: Bool?
    public var shareProcessNamespace: Bool?
    public var securityContext: PodSecurityContext?
    public var imagePullSecrets: [LocalObjectReference]?
    public var hostname: String?
    public var subdomain: String?
    public var affinity: Affinity?
    public var schedulerName: String?
    public var tolerations: [Toleration]?
    public var hostAliases: [HostAlias]?
    public var priorityClassName: String?
    public var priority: Int32?
    public var dnsConfig: PodDNSConfig?
    public var readinessGates: [PodReadinessGate]?
    public var runtimeClassName: String?
    public var enableServiceLinks: Bool?
    public var preemptionPolicy: String?
    public var overhead: [String: Quantity]?
    public var topologySpreadConstraints: [TopologySpreadConstraint]?
    public var setHostnameAsFQDN: Bool?
    public var os: PodOS?
    public var hostUsers: Bool?
    public var schedulingGates: [PodSchedulingGate]?
    public var resourceClaims: [PodResourceClaim]?
    /// Pod-level requests and limits (PodLevelResources).
    public var resources: ResourceRequirements?
    public var hostnameOverride: String?

    public init(
        volumes: [Volume]? = nil,
        initContainers: [Container]? = nil,
        containers: [Container] = [],
        ephemeralContainers: [EphemeralContainer]? = nil,
        restartPolicy: String? = nil,
        terminationGracePeriodSeconds: Int64? = nil,
        activeDeadlineSeconds: Int64? = nil,
        dnsPolicy: String? = nil,
        nodeSelector: [String: String]? = nil,
        serviceAccountName: String? = nil,
        deprecatedServiceAccount: String? = nil,
        automountServiceAccountToken: Bool? = nil,
        nodeName: String? = nil,
        hostNetwork: Bool? = nil,
        hostPID: Bool? = nil,
        hostIPC: Bool? = nil,
        shareProcessNamespace: Bool? = nil,
        securityContext: PodSecurityContext? = nil,
        imagePullSecrets: [LocalObjectReference]? = nil,
        hostname: String? = nil,
        subdomain: String? = nil,
        affinity: Affinity? = nil,
        schedulerName: String? = nil,
        tolerations: [Toleration]? = nil,
        hostAliases: [HostAlias]? = nil,
        priorityClassName: String? = nil,
        priority: Int32? = nil,
        dnsConfig: PodDNSConfig? = nil,
        readinessGates: [PodReadinessGate]? = nil,
        runtimeClassName: String? = nil,
        enableServiceLinks: Bool? = nil,
        preemptionPolicy: String? = nil,
        overhead: [String: Quantity]? = nil,
        topologySpreadConstraints: [TopologySpreadConstraint]? = nil,
        setHostnameAsFQDN: Bool? = nil,
        os: PodOS? = nil,
        hostUsers: Bool? = nil,
        schedulingGates: [PodSchedulingGate]? = nil,
        resourceClaims: [PodResourceClaim]? = nil,
        resources: ResourceRequirements? = nil,
        hostnameOverride: String? = nil
    ) {
        self.volumes = volumes
        self.initContainers = initContainers
        self.containers = containers
        self.ephemeralContainers = ephemeralContainers
        self.restartPolicy = restartPolicy
        self.terminationGracePeriodSeconds = terminationGracePeriodSeconds
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.dnsPolicy = dnsPolicy
        self.nodeSelector = nodeSelector
        self.serviceAccountName = serviceAccountName
        self.deprecatedServiceAccount = deprecatedServiceAccount
        self.automountServiceAccountToken = automountServiceAccountToken
        self.nodeName = nodeName
        self.hostNetwork = hostNetwork
        self.hostPID = hostPID
        self.hostIPC = hostIPC
        self.shareProcessNamespace = shareProcessNamespace
        self.securityContext = securityContext
        self.imagePullSecrets = imagePullSecrets
        self.hostname = hostname
        self.subdomain = subdomain
        self.affinity = affinity
        self.schedulerName = schedulerName
        self.tolerations = tolerations
        self.hostAliases = hostAliases
        self.priorityClassName = priorityClassName
        self.priority = priority
        self.dnsConfig = dnsConfig
        self.readinessGates = readinessGates
        self.runtimeClassName = runtimeClassName
        self.enableServiceLinks = enableServiceLinks
        self.preemptionPolicy = preemptionPolicy
        self.overhead = overhead
        self.topologySpreadConstraints = topologySpreadConstraints
        self.setHostnameAsFQDN = setHostnameAsFQDN
        self.os = os
        self.hostUsers = hostUsers
        self.schedulingGates = schedulingGates
        self.resourceClaims = resourceClaims
        self.resources = resources
        self.hostnameOverride = hostnameOverride
    }

    enum CodingKeys: String, CodingKey {
        case volumes
        case initContainers
        case containers
        case ephemeralContainers
        case restartPolicy
        case terminationGracePeriodSeconds
        case activeDeadlineSeconds
        case dnsPolicy
        case nodeSelector
        case serviceAccountName
        case deprecatedServiceAccount = "serviceAccount"
        case automountServiceAccountToken
        case nodeName
        case hostNetwork
        case hostPID
        case hostIPC
        case shareProcessNamespace
        case securityContext
        case imagePullSecrets
        case hostname
        case subdomain
        case affinity
        case schedulerName
        case tolerations
        case hostAliases
        case priorityClassName
        case priority
        case dnsConfig
        case readinessGates
        case runtimeClassName
        case enableServiceLinks
        case preemptionPolicy
        case overhead
        case topologySpreadConstraints
        case setHostnameAsFQDN
        case os
        case hostUsers
        case schedulingGates
        case resourceClaims
        case resources
        case hostnameOverride
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.volumes = try c.decodeIfPresent([Volume].self, forKey: .volumes)
        self.initContainers = try c.decodeIfPresent([Container].self, forKey: .initContainers)
        self.containers = try c.decodeIfPresent([Container].self, forKey: .containers) ?? []
        self.ephemeralContainers = try c.decodeIfPresent([EphemeralContainer].self, forKey: .ephemeralContainers)
        self.restartPolicy = try c.decodeIfPresent(String.self, forKey: .restartPolicy)
        self.terminationGracePeriodSeconds = try c.decodeIfPresent(Int64.self, forKey: .terminationGracePeriodSeconds)
        self.activeDeadlineSeconds = try c.decodeIfPresent(Int64.self, forKey: .activeDeadlineSeconds)
        self.dnsPolicy = try c.decodeIfPresent(String.self, forKey: .dnsPolicy)
        self.nodeSelector = try c.decodeIfPresent([String: String].self, forKey: .nodeSelector)
        self.serviceAccountName = try c.decodeIfPresent(String.self, forKey: .serviceAccountName)
        self.deprecatedServiceAccount = try c.decodeIfPresent(String.self, forKey: .deprecatedServiceAccount)
        self.automountServiceAccountToken = try c.decodeIfPresent(Bool.self, forKey: .automountServiceAccountToken)
        self.nodeName = try c.decodeIfPresent(String.self, forKey: .nodeName)
        self.hostNetwork = try c.decodeIfPresent(Bool.self, forKey: .hostNetwork)
        self.hostPID = try c.decodeIfPresent(Bool.self, forKey: .hostPID)
        self.hostIPC = try c.decodeIfPresent(Bool.self, forKey: .hostIPC)
        self.shareProcessNamespace = try c.decodeIfPresent(Bool.self, forKey: .shareProcessNamespace)
        self.securityContext = try c.decodeIfPresent(PodSecurityContext.self, forKey: .securityContext)
        self.imagePullSecrets = try c.decodeIfPresent([LocalObjectReference].self, forKey: .imagePullSecrets)
        self.hostname = try c.decodeIfPresent(String.self, forKey: .hostname)
        self.subdomain = try c.decodeIfPresent(String.self, forKey: .subdomain)
        self.affinity = try c.decodeIfPresent(Affinity.self, forKey: .affinity)
        self.schedulerName = try c.decodeIfPresent(String.self, forKey: .schedulerName)
        self.tolerations = try c.decodeIfPresent([Toleration].self, forKey: .tolerations)
        self.hostAliases = try c.decodeIfPresent([HostAlias].self, forKey: .hostAliases)
        self.priorityClassName = try c.decodeIfPresent(String.self, forKey: .priorityClassName)
        self.priority = try c.decodeIfPresent(Int32.self, forKey: .priority)
        self.dnsConfig = try c.decodeIfPresent(PodDNSConfig.self, forKey: .dnsConfig)
        self.readinessGates = try c.decodeIfPresent([PodReadinessGate].self, forKey: .readinessGates)
        self.runtimeClassName = try c.decodeIfPresent(String.self, forKey: .runtimeClassName)
        self.enableServiceLinks = try c.decodeIfPresent(Bool.self, forKey: .enableServiceLinks)
        self.preemptionPolicy = try c.decodeIfPresent(String.self, forKey: .preemptionPolicy)
        self.overhead = try c.decodeIfPresent([String: Quantity].self, forKey: .overhead)
        self.topologySpreadConstraints = try c.decodeIfPresent([TopologySpreadConstraint].self, forKey: .topologySpreadConstraints)
        self.setHostnameAsFQDN = try c.decodeIfPresent(Bool.self, forKey: .setHostnameAsFQDN)
        self.os = try c.decodeIfPresent(PodOS.self, forKey: .os)
        self.hostUsers = try c.decodeIfPresent(Bool.self, forKey: .hostUsers)
        self.schedulingGates = try c.decodeIfPresent([PodSchedulingGate].self, forKey: .schedulingGates)
        self.resourceClaims = try c.decodeIfPresent([PodResourceClaim].self, forKey: .resourceClaims)
        self.resources = try c.decodeIfPresent(ResourceRequirements.self, forKey: .resources)
        self.hostnameOverride = try c.decodeIfPresent(String.self, forKey: .hostnameOverride)
    }
}

/// An /etc/hosts entry.
public struct HostAlias: Codable, Hashable, Sendable {
    public var ip: String
    public var hostnames: [String]?

    public init(ip: String = "", hostnames: [String]? = nil) {
        self.ip = ip
        self.hostnames = hostnames
    }

    enum CodingKeys: String, CodingKey {
        case ip
        case hostnames
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.ip = try c.decodeIfPresent(String.self, forKey: .ip) ?? ""
        self.hostnames = try c.decodeIfPresent([String].self, forKey: .hostnames)
    }
}

public struct PodDNSConfig: Codable, Hashable, Sendable {
    public var nameservers: [String]?
    public var searches: [String]?
    public var options: [PodDNSConfigOption]?

    public init(
        nameservers: [String]? = nil,
        searches: [String]? = nil,
        options: [PodDNSConfigOption]? = nil
    ) {
        self.nameservers = nameservers
        self.searches = searches
        self.options = options
    }
}

public struct PodDNSConfigOption: Codable, Hashable, Sendable {
    public var name: String?
    public var value: String?

    public init(name: String? = nil, value: String? = nil) {
        self.name = name
        self.value = value
    }
}

public struct PodReadinessGate: Codable, Hashable, Sendable {
    public var conditionType: String

    public init(conditionType: String = "") {
        self.conditionType = conditionType
    }

    enum CodingKeys: String, CodingKey {
        case conditionType
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.conditionType = try c.decodeIfPresent(String.self, forKey: .conditionType) ?? ""
    }
}

public struct PodOS: Codable, Hashable, Sendable {
    /// linux or windows.
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

public struct PodSchedulingGate: Codable, Hashable, Sendable {
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

public struct PodResourceClaim: Codable, Hashable, Sendable {
    public var name: String
    public var resourceClaimName: String?
    public var resourceClaimTemplateName: String?

    public init(
        name: String = "",
        resourceClaimName: String? = nil,
        resourceClaimTemplateName: String? = nil
    ) {
        self.name = name
        self.resourceClaimName = resourceClaimName
        self.resourceClaimTemplateName = resourceClaimTemplateName
    }

    enum CodingKeys: String, CodingKey {
        case name
        case resourceClaimName
        case resourceClaimTemplateName
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.resourceClaimName = try c.decodeIfPresent(String.self, forKey: .resourceClaimName)
        self.resourceClaimTemplateName = try c.decodeIfPresent(String.self, forKey: .resourceClaimTemplateName)
    }
}

/// The pod a controller stamps out.
public struct PodTemplateSpec: Codable, Hashable, Sendable {
    public var metadata: ObjectMeta
    public var spec: PodSpec

    public init(metadata: ObjectMeta = ObjectMeta(), spec: PodSpec = PodSpec()) {
        self.metadata = metadata
        self.spec = spec
    }

    enum CodingKeys: String, CodingKey {
        case metadata
        case spec
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.metadata = try c.decodeIfPresent(ObjectMeta.self, forKey: .metadata) ?? ObjectMeta()
        self.spec = try c.decodeIfPresent(PodSpec.self, forKey: .spec) ?? PodSpec()
    }
}
