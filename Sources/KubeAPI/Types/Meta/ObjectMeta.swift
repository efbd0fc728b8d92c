// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// Metadata every persisted object carries (meta/v1 ObjectMeta).
public struct ObjectMeta: Codable, Hashable, Sendable {
    public var name: String?
    public var generateName: String?
    public var namespace: String?
    public var selfLink: String?
    public var uid: String?
    public var resourceVersion: String?
    public var generation: Int64?
    /// Upstream's `Time` is a struct that marshals to null when zero, so unset prints as `null`.
    public var creationTimestamp: Time?
    public var deletionTimestamp: Time?
    public var deletionGracePeriodSeconds: Int64?
    public var labels: [String: String]?
    public var annotations: [String: String]?
    public var ownerReferences: [OwnerReference]?
    public var finalizers: [String]?
    public var managedFields: [ManagedFieldsEntry]?

    public init(
        name: String? = nil,
        generateName: String? = nil,
        namespace: String? = nil,
        selfLink: String? = nil,
        uid: String? = nil,
        resourceVersion: String? = nil,
        generation: Int64? = nil,
        creationTimestamp: Time? = nil,
        deletionTimestamp: Time? = nil,
        deletionGracePeriodSeconds: Int64? = nil,
        labels: [String: String]? = nil,
        annotations: [String: String]? = nil,
        ownerReferences: [OwnerReference]? = nil,
        finalizers: [String]? = nil,
        managedFields: [ManagedFieldsEntry]? = nil
    ) {
        self.name = name
        self.generateName = generateName
        self.namespace = namespace
        self.selfLink = selfLink
        self.uid = uid
        self.resourceVersion = resourceVersion
        self.generation = generation
        self.creationTimestamp = creationTimestamp
        self.deletionTimestamp = deletionTimestamp
        self.deletionGracePeriodSeconds = deletionGracePeriodSeconds
        self.labels = labels
        self.annotations = annotations
        self.ownerReferences = ownerReferences
        self.finalizers = finalizers
        self.managedFields = managedFields
    }

    enum CodingKeys: String, CodingKey {
        case name
        case generateName
        case namespace
        case selfLink
        case uid
        case resourceVersion
        case generation
        case creationTimestamp
        case deletionTimestamp
        case deletionGracePeriodSeconds
        case labels
        case annotations
        case ownerReferences
        case finalizers
        case managedFields
    }

    /// As synthesized, except that a decoder whose `userInfo[.skipManagedFields]` is true leaves
    /// `managedFields` nil without decoding it (see `CodingUserInfoKey.skipManagedFields`).
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        name = try c.decodeIfPresent(String.self, forKey: .name)
        generateName = try c.decodeIfPresent(String.self, forKey: .generateName)
        namespace = try c.decodeIfPresent(String.self, forKey: .namespace)
        selfLink = try c.decodeIfPresent(String.self, forKey: .selfLink)
        uid = try c.decodeIfPresent(String.self, forKey: .uid)
        resourceVersion = try c.decodeIfPresent(String.self, forKey: .resourceVersion)
        generation = try c.decodeIfPresent(Int64.self, forKey: .generation)
        creationTimestamp = try c.decodeIfPresent(Time.self, forKey: .creationTimestamp)
        deletionTimestamp = try c.decodeIfPresent(Time.self, forKey: .deletionTimestamp)
        deletionGracePeriodSeconds = try c.decodeIfPresent(Int64.self, forKey: .deletionGracePeriodSeconds)
        labels = try c.decodeIfPresent([String: String].self, forKey: .labels)
        annotations = try c.decodeIfPresent([String: String].self, forKey: .annotations)
        ownerReferences = try c.decodeIfPresent([OwnerReference].self, forKey: .ownerReferences)
        finalizers = try c.decodeIfPresent([String].self, forKey: .finalizers)
        if decoder.userInfo[.skipManagedFields] as? Bool == true {
            managedFields = nil
        } else {
            managedFields = try c.decodeIfPresent([ManagedFieldsEntry].self, forKey: .managedFields)
        }
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encodeIfPresent(name, forKey: .name)
        try c.encodeIfPresent(generateName, forKey: .generateName)
        try c.encodeIfPresent(namespace, forKey: .namespace)
        try c.encodeIfPresent(selfLink, forKey: .selfLink)
        try c.encodeIfPresent(uid, forKey: .uid)
        try c.encodeIfPresent(resourceVersion, forKey: .resourceVersion)
        try c.encodeIfPresent(generation, forKey: .generation)
        try c.encode(creationTimestamp, forKey: .creationTimestamp)
        try c.encodeIfPresent(deletionTimestamp, forKey: .deletionTimestamp)
        try c.encodeIfPresent(deletionGracePeriodSeconds, forKey: .deletionGracePeriodSeconds)
        try c.encodeIfPresent(labels, forKey: .labels)
        try c.encodeIfPresent(annotations, forKey: .annotations)
        try c.encodeIfPresent(ownerReferences, forKey: .ownerReferences)
        try c.encodeIfPresent(finalizers, forKey: .finalizers)
        try c.encodeIfPresent(managedFields, forKey: .managedFields)
    }
}

public struct OwnerReference: Codable, Hashable, Sendable {
    public var apiVersion: String
    public var kind: String
    public var name: String
    public var uid: String
    public var controller: Bool?
    public var blockOwnerDeletion: Bool?

    public init(
        apiVersion: String = "",
        kind: String = "",
        name: String = "",
        uid: String = "",
        controller: Bool? = nil,
        blockOwnerDeletion: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.name = name
        self.uid = uid
        self.controller = controller
        self.blockOwnerDeletion = blockOwnerDeletion
    }

    enum CodingKeys: String, CodingKey {
        case apiVersion
        case kind
        case name
        case uid
        case controller
        case blockOwnerDeletion
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.apiVersion = try c.decodeIfPresent(String.self, forKey: .apiVersion) ?? ""
        self.kind = try c.decodeIfPresent(String.self, forKey: .kind) ?? ""
        self.name = try c.decodeIfPresent(String.self, forKey: .name) ?? ""
        self.uid = try c.decodeIfPresent(String.self, forKey: .uid) ?? ""
        self.controller = try c.decodeIfPresent(Bool.self, forKey: .controller)
        self.blockOwnerDeletion = try c.decodeIfPresent(Bool.self, forKey: .blockOwnerDeletion)
    }
}

/// One field manager's claim on a set of fields (server-side apply).
extension CodingUserInfoKey {
    /// Set to true in a decoder's `userInfo`: objects decode without `metadata.managedFields`.
    /// For caches that never write what they hold back (upstream's scheduler trims the field from
    /// its pod informer); decoding each entry's FieldsV1 trie is most of the cost of decoding a pod.
    public static let skipManagedFields = CodingUserInfoKey(rawValue: "io.kubeswift.skipManagedFields")!
}

public struct ManagedFieldsEntry: Codable, Hashable, Sendable {
    public var manager: String?
    public var operation: String?
    public var apiVersion: String?
    public var time: Time?
    public var fieldsType: String?
    /// The FieldsV1 trie (`{"f:metadata":{"f:labels":{}}}`), kept as free-form JSON.
    public var fieldsV1: JSONValue?
    public var subresource: String?

    public init(
        manager: String? = nil,
        operation: String? = nil,
        apiVersion: String? = nil,
        time: Time? = nil,
        fieldsType: String? = nil,
        fieldsV1: JSONValue? = nil,
        subresource: String? = nil
    ) {
        self.manager = manager
        self.operation = operation
        self.apiVersion = apiVersion
        self.time = time
        self.fieldsType = fieldsType
        self.fieldsV1 = fieldsV1
        self.subresource = subresource
    }
}

public struct TypeMeta: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var kind: String?

    public init(apiVersion: String? = nil, kind: String? = nil) {
        self.apiVersion = apiVersion
        self.kind = kind
    }
}

public struct ListMeta: Codable, Hashable, Sendable {
    public var selfLink: String?
    public var resourceVersion: String?
    public var `continue`: String?
    public var remainingItemCount: Int64?

    public init(
        selfLink: String? = nil,
        resourceVersion: String? = nil,
        `continue`: String? = nil,
        remainingItemCount: Int64? = nil
    ) {
        self.selfLink = selfLink
        self.resourceVersion = resourceVersion
        self.`continue` = `continue`
        self.remainingItemCount = remainingItemCount
    }

    enum CodingKeys: String, CodingKey {
        case selfLink
        case resourceVersion
        case `continue`
        case remainingItemCount
    }
}
