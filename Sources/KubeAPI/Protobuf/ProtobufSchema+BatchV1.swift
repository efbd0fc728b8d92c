// Kubernetes 1.32 batch/v1 messages: field number, JSON name, kind, and the Go field's JSON
// behaviour (`?` pointer: present means set, even when zero; `!` no omitempty: always in JSON;
// `inline`: the message's fields are spliced into the parent object). Numbers and names follow
// upstream's generated.proto; the flags follow the Go struct tags and field types.
extension ProtobufSchema {
    static let batchV1 = """
    message batch.v1.Job
      1 metadata meta.v1.ObjectMeta
      2 spec batch.v1.JobSpec
      3 status batch.v1.JobStatus
    message batch.v1.JobList
      1 metadata meta.v1.ListMeta
      2 items []batch.v1.Job !
    message batch.v1.CronJob
      1 metadata meta.v1.ObjectMeta
      2 spec batch.v1.CronJobSpec
      3 status batch.v1.CronJobStatus
    message batch.v1.CronJobList
      1 metadata meta.v1.ListMeta
      2 items []batch.v1.CronJob !
    message batch.v1.JobSpec
      1 parallelism int32 ?
      2 completions int32 ?
      3 activeDeadlineSeconds int64 ?
      11 podFailurePolicy batch.v1.PodFailurePolicy ?
      16 successPolicy batch.v1.SuccessPolicy ?
      7 backoffLimit int32 ?
      12 backoffLimitPerIndex int32 ?
      13 maxFailedIndexes int32 ?
      4 selector meta.v1.LabelSelector ?
      5 manualSelector bool ?
      6 template core.v1.PodTemplateSpec !
      8 ttlSecondsAfterFinished int32 ?
      9 completionMode string ?
      10 suspend bool ?
      14 podReplacementPolicy string ?
      15 managedBy string ?
    message batch.v1.JobStatus
      1 conditions []batch.v1.JobCondition
      2 startTime Time ?
      3 completionTime Time ?
      4 active int32
      5 succeeded int32
      6 failed int32
      11 terminating int32 ?
      7 completedIndexes string
      10 failedIndexes string ?
      8 uncountedTerminatedPods batch.v1.UncountedTerminatedPods ?
      9 ready int32 ?
    message batch.v1.CronJobSpec
      1 schedule string !
      8 timeZone string ?
      2 startingDeadlineSeconds int64 ?
      3 concurrencyPolicy string
      4 suspend bool ?
      5 jobTemplate batch.v1.JobTemplateSpec !
      6 successfulJobsHistoryLimit int32 ?
      7 failedJobsHistoryLimit int32 ?
    message batch.v1.CronJobStatus
      1 active []core.v1.ObjectReference
      4 lastScheduleTime Time ?
      5 lastSuccessfulTime Time ?
    message batch.v1.PodFailurePolicy
      1 rules []batch.v1.PodFailurePolicyRule !
    message batch.v1.SuccessPolicy
      1 rules []batch.v1.SuccessPolicyRule !
    message batch.v1.JobCondition
      1 type string !
      2 status string !
      3 lastProbeTime Time
      4 lastTransitionTime Time
      5 reason string
      6 message string
    message batch.v1.UncountedTerminatedPods
      1 succeeded []string
      2 failed []string
    message batch.v1.JobTemplateSpec
      1 metadata meta.v1.ObjectMeta
      2 spec batch.v1.JobSpec
    message batch.v1.PodFailurePolicyRule
      1 action string !
      2 onExitCodes batch.v1.PodFailurePolicyOnExitCodesRequirement ?
      3 onPodConditions []batch.v1.PodFailurePolicyOnPodConditionsPattern
    message batch.v1.SuccessPolicyRule
      1 succeededIndexes string ?
      2 succeededCount int32 ?
    message batch.v1.PodFailurePolicyOnExitCodesRequirement
      1 containerName string ?
      2 operator string !
      3 values []int32 !
    message batch.v1.PodFailurePolicyOnPodConditionsPattern
      1 type string !
      2 status string !
    """
}
