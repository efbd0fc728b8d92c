// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

public struct DeleteOptions: Codable, Hashable, Sendable {
    public var apiVersion: String?
    public var kind: String?
    public var gracePeriodSeconds: Int64?
    public var preconditions: Preconditions?
    public var orphanDependents: Bool?
    /// Orphan, Background, Foreground.
    public var propagationPolicy: String?
    public var dryRun: [String]?
    public var ignoreStoreReadErrorWithClusterBreakingPotential: Bool?

    public init(
        apiVersion: String? = DeleteOptions.apiVersion,
        kind: String? = DeleteOptions.kind,
        gracePeriodSeconds: Int64? = nil,
        preconditions: Preconditions? = nil,
        orphanDependents: Bool? = nil,
        propagationPolicy: String? = nil,
        dryRun: [String]? = nil,
        ignoreStoreReadErrorWithClusterBreakingPotential: Bool? = nil
    ) {
        self.apiVersion = apiVersion
        self.kind = kind
        self.gracePeriodSeconds = gracePeriodSeconds
        self.preconditions = preconditions
        self.orphanDependents = orphanDependents
        self.propagationPolicy = propagationPolicy
        self.dryRun = dryRun
        self.ignoreStoreReadErrorWithClusterBreakingPotential = ignoreStoreReadErrorWithClusterBreakingPotential
    }
}

extension DeleteOptions {
    public static var apiVersion: String { "v1" }
    public static var kind: String { "DeleteOptions" }
}

public struct Preconditions: Codable, Hashable, Sendable {
    public var uid: String?
    public var resourceVersion: String?

    public init(uid: String? = nil, resourceVersion: String? = nil) {
        self.uid = uid
        self.resourceVersion = resourceVersion
    }
}
