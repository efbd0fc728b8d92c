// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// Runs pods to completion.
public struct Job: KubeObject, HasStatus {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: JobSpec
    public var status: JobStatus

    public init(
        apiVersion: String? = Job.apiVersion,
        kind: String? = Job.kind,
        metadata: ObjectMeta = ObjectMeta(),
        spec: JobSpec = JobSpec(),
        status: JobStatus = JobStatus()
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
        self.spec = try c.decodeIfPresent(JobSpec.self, forKey: .spec) ?? JobSpec()
        self.status = try c.decodeIfPresent(JobStatus.self, forKey: .status) ?? JobStatus()
    }
}

extension Job {
    public static var apiVersion: String { "batch/v1" }
    public static var kind: String { "Job" }
    public static var group: String { "batch" }
    public static var version: String { "v1" }
    public static var resource: String { "jobs" }
    public static var namespaced: Bool { true }
}

public typealias JobList = KubeList<Job>

public struct JobSpec: Codable, Hashable, Sendable {
    public var parallelism: Int32?
    public var completions: Int32?
    public var activeDeadlineSeconds: Int64?
    /// Rules on exit codes and pod conditions; kept as free-form JSON.
    public var podFailurePolicy: JSONValue?
    public var successPolicy: JSONValue?
    public var backoffLimit: Int32?
    public var backoffLimitPerIndex: Int32?
    public var maxFailedIndexes: Int32?
    public var selector: LabelSelector?
    public var manualSelector: Bool?
    public var template: PodTemplateSpec
    public var ttlSecondsAfterFinished: Int32?
    /// NonIndexed (the default) or Indexed.
    public var completionMode: String?
    public var suspend: Bool?
    public var podReplacementPolicy: String?
    public var managedBy: String?

    public init(
        parallelism: Int32? = nil,
        completions: Int32? = nil,
        activeDeadlineSeconds: Int64? = nil,
        podFailurePolicy: JSONValue? = nil,
        successPolicy: JSONValue? = nil,
        backoffLimit: Int32? = nil,
        backoffLimitPerIndex: Int32? = nil,
        maxFailedIndexes: Int32? = nil,
        selector: LabelSelector? = nil,
        manualSelector: Bool? = nil,
        template: PodTemplateSpec = PodTemplateSpec(),
        ttlSecondsAfterFinished: Int32? = nil,
        completionMode: String? = nil,
        suspend: Bool? = nil,
        podReplacementPolicy: String? = nil,
        managedBy: String? = nil
    ) {
        self.parallelism = parallelism
        self.completions = completions
        self.activeDeadlineSeconds = activeDeadlineSeconds
        self.podFailurePolicy = podFailurePolicy
        self.successPolicy = successPolicy
        self.backoffLimit = backoffLimit
        self.backoffLimitPerIndex = backoffLimitPerIndex
        self.maxFailedIndexes = maxFailedIndexes
        self.selector = selector
        self.manualSelector = manualSelector
        self.template = template
        self.ttlSecondsAfterFinished = ttlSecondsAfterFinished
        self.completionMode = completionMode
        self.suspend = suspend
        self.podReplacementPolicy = podReplacementPolicy
        self.managedBy = managedBy
    }

    enum CodingKeys: String, CodingKey {
        case parallelism
        case completions
        case activeDeadlineSeconds
        case podFailurePolicy
        case successPolicy
        case backoffLimit
        case backoffLimitPerIndex
        case maxFailedIndexes
        case selector
        case manualSelector
        case template
        case ttlSecondsAfterFinished
        case completionMode
        case suspend
        case podReplacementPolicy
        case managedBy
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.parallelism = try c.decodeIfPresent(Int32.self, forKey: .parallelism)
        self.completions = try c.decodeIfPresent(Int32.self, forKey: .completions)
        self.activeDeadlineSeconds = try c.decodeIfPresent(Int64.self, forKey: .activeDeadlineSeconds)
        self.podFailurePolicy = try c.decodeIfPresent(JSONValue.self, forKey: .podFailurePolicy)
        self.successPolicy = try c.decodeIfPresent(JSONValue.self, forKey: .successPolicy)
        self.backoffLimit = try c.decodeIfPresent(Int32.self, forKey: .backoffLimit)
        self.backoffLimitPerIndex = try c.decodeIfPresent(Int32.self, forKey: .backoffLimitPerIndex)
        self.maxFailedIndexes = try c.decodeIfPresent(Int32.self, forKey: .maxFailedIndexes)
        self.selector = try c.decodeIfPresent(LabelSelector.self, forKey: .selector)
        self.manualSelector = try c.decodeIfPresent(Bool.self, forKey: .manualSelector)
        self.template = try c.decodeIfPresent(PodTemplateSpec.self, forKey: .template) ?? PodTemplateSpec()
        self.ttlSecondsAfterFinished = try c.decodeIfPresent(Int32.self, forKey: .ttlSecondsAfterFinished)
        self.completionMode = try c.decodeIfPresent(String.self, forKey: .completionMode)
        self.suspend = try c.decodeIfPresent(Bool.self, forKey: .suspend)
        self.podReplacementPolicy = try c.decodeIfPresent(String.self, forKey: .podReplacementPolicy)
        self.managedBy = try c.decodeIfPresent(String.self, forKey: .managedBy)
    }
}

public struct JobStatus: Codable, Hashable, Sendable {
    public var conditions: [JobCondition]?
    public var startTime: Time?
    public var completionTime: Time?
    public var active: Int32?
    public var succeeded: Int32?
    public var failed: Int32?
    public var terminating: Int32?
    public var completedIndexes: String?
    public var failedIndexes: String?
    public var uncountedTerminatedPods: UncountedTerminatedPods?
    public var ready: Int32?

    public init(
        conditions: [JobCondition]? = nil,
        startTime: Time? = nil,
        completionTime: Time? = nil,
        active: Int32? = nil,
        succeeded: Int32? = nil,
        failed: Int32? = nil,
        terminating: Int32? = nil,
        completedIndexes: String? = nil,
        failedIndexes: String? = nil,
        uncountedTerminatedPods: UncountedTerminatedPods? = nil,
        ready: Int32? = nil
    ) {
        self.conditions = conditions
        self.startTime = startTime
        self.completionTime = completionTime
        self.active = active
        self.succeeded = succeeded
        self.failed = failed
        self.terminating = terminating
        self.completedIndexes = completedIndexes
        self.failedIndexes = failedIndexes
        self.uncountedTerminatedPods = uncountedTerminatedPods
        self.ready = ready
    }
}

public struct UncountedTerminatedPods: Codable, Hashable, Sendable {
    public var succeeded: [String]?
    public var failed: [String]?

    public init(succeeded: [String]? = nil, failed: [String]? = nil) {
        self.succeeded = succeeded
        self.failed = failed
    }
}

public struct JobCondition: Codable, Hashable, Sendable {
    /// Complete, Failed, Suspended, FailureTarget, SuccessCriteriaMet.
    public var type: String
    public var status: String
    public var lastProbeTime: Time?
    public var lastTransitionTime: Time?
    public var reason: String?
    public var message: String?

    public init(
        type: String = "",
        status: String = "",
        lastProbeTime: Time? = nil,
        lastTransitionTime: Time? = nil,
        reason: String? = nil,
        message: String? = nil
    ) {
        self.type = type
        self.status = status
        self.lastProbeTime = lastProbeTime
        self.lastTransitionTime = lastTransitionTime
        self.reason = reason
        self.message = message
    }

    enum CodingKeys: String, CodingKey {
        case type
        case status
        case lastProbeTime
        case lastTransitionTime
        case reason
        case message
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.type = try c.decodeIfPresent(String.self, forKey: .type) ?? ""
        self.status = try c.decodeIfPresent(String.self, forKey: .status) ?? ""
        self.lastProbeTime = try c.decodeIfPresent(Time.self, forKey: .lastProbeTime)
        self.lastTransitionTime = try c.decodeIfPresent(Time.self, forKey: .lastTransitionTime)
        self.reason = try c.decodeIfPresent(String.self, forKey: .reason)
        self.message = try c.decodeIfPresent(String.self, forKey: .message)
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(type, forKey: .type)
        try c.encode(status, forKey: .status)
        try c.encode(lastProbeTime, forKey: .lastProbeTime)
        try c.encode(lastTransitionTime, forKey: .lastTransitionTime)
        try c.encodeIfPresent(reason, forKey: .reason)
        try c.encodeIfPresent(message, forKey: .message)
    }
}

public struct JobTemplateSpec: Codable, Hashable, Sendable {
    public var metadata: ObjectMeta
    public var spec: JobSpec

    public init(metadata: ObjectMeta = ObjectMeta(), spec: JobSpec = JobSpec()) {
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
        self.spec = try c.decodeIfPresent(JobSpec.self, forKey: .spec) ?? JobSpec()
    }
}
