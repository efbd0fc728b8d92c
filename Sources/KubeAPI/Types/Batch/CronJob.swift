// Mirrors upstream k8s.io/api types.go: JSON names, field order, and which fields print when empty
// (see KubeObject.swift for the rules). Edit by hand; keep the wire shape.

/// Creates Jobs on a cron schedule.
public struct CronJob: KubeObject, HasStatus {
    public var apiVersion: String?
    public var kind: String?
    public var metadata: ObjectMeta
    public var spec: CronJobSpec
    public var status: CronJobStatus

    public init(
        apiVersion: String? = CronJob.apiVersion,
        kind: String? = CronJob.kind,
        metadata: ObjectMeta = ObjectMeta(),
        spec: CronJobSpec = CronJobSpec(),
        status: CronJobStatus = CronJobStatus()
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
        self.spec = try c.decodeIfPresent(CronJobSpec.self, forKey: .spec) ?? CronJobSpec()
        self.status = try c.decodeIfPresent(CronJobStatus.self, forKey: .status) ?? CronJobStatus()
    }
}

extension CronJob {
    public static var apiVersion: String { "batch/v1" }
    public static var kind: String { "CronJob" }
    public static var group: String { "batch" }
    public static var version: String { "v1" }
    public static var resource: String { "cronjobs" }
    public static var namespaced: Bool { true }
}

public typealias CronJobList = KubeList<CronJob>

public struct CronJobSpec: Codable, Hashable, Sendable {
    public var schedule: String
    public var timeZone: String?
    public var startingDeadlineSeconds: Int64?
    /// Allow (the default), Forbid, Replace.
    public var concurrencyPolicy: String?
    public var suspend: Bool?
    public var jobTemplate: JobTemplateSpec
    public var successfulJobsHistoryLimit: Int32?
    public var failedJobsHistoryLimit: Int32?

    public init(
        schedule: String = "",
        timeZone: String? = nil,
        startingDeadlineSeconds: Int64? = nil,
        concurrencyPolicy: String? = nil,
        suspend: Bool? = nil,
        jobTemplate: JobTemplateSpec = JobTemplateSpec(),
        successfulJobsHistoryLimit: Int32? = nil,
        failedJobsHistoryLimit: Int32? = nil
    ) {
        self.schedule = schedule
        self.timeZone = timeZone
        self.startingDeadlineSeconds = startingDeadlineSeconds
        self.concurrencyPolicy = concurrencyPolicy
        self.suspend = suspend
        self.jobTemplate = jobTemplate
        self.successfulJobsHistoryLimit = successfulJobsHistoryLimit
        self.failedJobsHistoryLimit = failedJobsHistoryLimit
    }

    enum CodingKeys: String, CodingKey {
        case schedule
        case timeZone
        case startingDeadlineSeconds
        case concurrencyPolicy
        case suspend
        case jobTemplate
        case successfulJobsHistoryLimit
        case failedJobsHistoryLimit
    }

    /// Absent or null required fields decode to their zero value, as they do upstream;
    /// validation, not decoding, reports them.
    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.schedule = try c.decodeIfPresent(String.self, forKey: .schedule) ?? ""
        self.timeZone = try c.decodeIfPresent(String.self, forKey: .timeZone)
        self.startingDeadlineSeconds = try c.decodeIfPresent(Int64.self, forKey: .startingDeadlineSeconds)
        self.concurrencyPolicy = try c.decodeIfPresent(String.self, forKey: .concurrencyPolicy)
        self.suspend = try c.decodeIfPresent(Bool.self, forKey: .suspend)
        self.jobTemplate = try c.decodeIfPresent(JobTemplateSpec.self, forKey: .jobTemplate) ?? JobTemplateSpec()
        self.successfulJobsHistoryLimit = try c.decodeIfPresent(Int32.self, forKey: .successfulJobsHistoryLimit)
        self.failedJobsHistoryLimit = try c.decodeIfPresent(Int32.self, forKey: .failedJobsHistoryLimit)
    }
}

public struct CronJobStatus: Codable, Hashable, Sendable {
    public var active: [ObjectReference]?
    public var lastScheduleTime: Time?
    public var lastSuccessfulTime: Time?

    public init(
        active: [ObjectReference]? = nil,
        lastScheduleTime: Time? = nil,
        lastSuccessfulTime: Time? = nil
    ) {
        self.active = active
        self.lastScheduleTime = lastScheduleTime
        self.lastSuccessfulTime = lastSuccessfulTime
    }
}
