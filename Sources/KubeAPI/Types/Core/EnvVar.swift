// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

public struct EnvVar: Codable, Hashable, Sendable {
    public var name: String
    public var value: String?
    public var valueFrom: EnvVarSource?

    public init(
        name: String = "",
        value: String? = nil,
        valueFrom: EnvVarSource? = nil
    ) {
        self.name = name
        self.value = value
        self.valueFrom = valueFrom
    }

    enum CodingKeys: String, CodingKey {
        case name
        case value
        case valueFrom
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.value = try c.decodeIfPresent(String.self, forKey: .value)
        self.valueFrom = try c.decodeIfPresent(EnvVarSource.self, forKey: .valueFrom)
    }
}

public struct EnvVarSource: Codable, Hashable, Sendable {
    public var fieldRef: ObjectFieldSelector?
    public var resourceFieldRef: ResourceFieldSelector?
    public var configMapKeyRef: ConfigMapKeySelector?
    public var secretKeyRef: SecretKeySelector?

    public init(
        fieldRef: ObjectFieldSelector? = nil,
        resourceFieldRef: ResourceFieldSelector? = nil,
        configMapKeyRef: ConfigMapKeySelector? = nil,
        secretKeyRef: SecretKeySelector? = nil
    ) {
        self.fieldRef = fieldRef
        self.resourceFieldRef = resourceFieldRef
        self.configMapKeyRef = configMapKeyRef
        self.secretKeyRef = secretKeyRef
    }
}

/// A field of the pod (`metadata.name`, `status.podIP`, ...), for the downward API.
public struct ObjectFieldSelector: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var fieldPath: String

    public init(apiVersion: String? = nil, fieldPath: String = "") {
        self.apiVersion = apiVersion
        self.fieldPath = fieldPath
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case fieldPath
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion)
        self.fieldPath = try c.decodeIfPresent(String.self, forKey: .fieldPath) ?? ""
    }
}

/// A container's resource request or limit, for the downward API.
public struct ResourceFieldSelector: Codable, Hashable, Sendable {
    public var containerName: String?
    public var resource: String
    /// Upstream's Quantity is a struct, so an unset divisor prints as "0".
    public var divisor: Quantity

    public init(
        containerName: String? = nil,
        resource: String = "",
        divisor: Quantity = "0"
    ) {
        self.containerName = containerName
        self.resource = resource
        self.divisor = divisor
    }

    enum CodingKeys: String, CodingKey {
        case containerName
        case resource
        case divisor
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.containerName = try c.decodeIfPresent(String.self, forKey: .containerName)
        self.resource = try c.decodeIfPresent(String.self, forKey: .resource) ?? ""
        self.divisor = try c.decodeIfPresent(Quantity.self, forKey: .divisor) ?? "0"
    }
}

public struct ConfigMapKeySelector: Codable, Hashable, Sendable {
    public var name: String?
    public var key: String
    public var optional: Bool?

    public init(
        name: String? = nil,
        key: String = "",
        optional: Bool? = nil
    ) {
        self.name = name
        self.key = key
        self.optional = optional
    }

    enum CodingKeys: String, CodingKey {
        case name
        case key
        case optional
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
        self.optional = try c.decodeIfPresent(Bool.self, forKey: .optional)
    }
}

public struct SecretKeySelector: Codable, Hashable, Sendable {
    public var name: String?
    public var key: String
    public var optional: Bool?

    public init(
        name: String? = nil,
        key: String = "",
        optional: Bool? = nil
    ) {
        self.name = name
        self.key = key
        self.optional = optional
    }

    enum CodingKeys: String, CodingKey {
        case name
        case key
        case optional
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.name = try c.decodeIfPresent(String.self, forKey: .name)
        self.key = try c.decodeIfPresent(String.self, forKey: .key) ?? ""
        self.optional = try c.decodeIfPresent(Bool.self, forKey: .optional)
    }
}

public struct EnvFromSource: Codable, Hashable, Sendable {
    public var prefix: String?
    public var configMapRef: ConfigMapEnvSource?
    public var secretRef: SecretEnvSource?

    public init(
        prefix: String? = nil,
        configMapRef: ConfigMapEnvSource? = nil,
        secretRef: SecretEnvSource? = nil
    ) {
        self.prefix = prefix
        self.configMapRef = configMapRef
        self.secretRef = secretRef
    }
}

public struct ConfigMapEnvSource: Codable, Hashable, Sendable {
    public var name: String?
    public var optional: Bool?

    public init(name: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}

public struct SecretEnvSource: Codable, Hashable, Sendable {
    public var name: String?
    public var optional: Bool?

    public init(name: String? = nil, optional: Bool? = nil) {
        self.name = name
        self.optional = optional
    }
}
