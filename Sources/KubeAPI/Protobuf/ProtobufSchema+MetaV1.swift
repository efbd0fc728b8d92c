// Kubernetes 1.32 meta/v1 (k8s.io/apimachinery) messages: field number, JSON name, kind, and the Go field's JSON
// behaviour (`?` pointer: present means set, even when zero; `!` no omitempty: always in JSON;
// `inline`: the message's fields are spliced into the parent object). Numbers and names follow
// upstream's generated.proto; the flags follow the Go struct tags and field types.
extension ProtobufSchema {
    static let metaV1 = """
    message meta.v1.DeleteOptions
      1 gracePeriodSeconds int64 ?
      2 preconditions meta.v1.Preconditions ?
      3 orphanDependents bool ?
      4 propagationPolicy string ?
      5 dryRun []string
      6 ignoreStoreReadErrorWithClusterBreakingPotential bool ?
    message meta.v1.Status
      1 metadata meta.v1.ListMeta
      2 status string
      3 message string
      4 reason string
      5 details meta.v1.StatusDetails ?
      6 code int32
    message meta.v1.WatchEvent
      1 type string !
      2 object RawExtension !
    message meta.v1.ObjectMeta
      1 name string
      2 generateName string
      3 namespace string
      4 selfLink string
      5 uid string
      6 resourceVersion string
      7 generation int64
      8 creationTimestamp Time
      9 deletionTimestamp Time ?
      10 deletionGracePeriodSeconds int64 ?
      11 labels {string:string}
      12 annotations {string:string}
      13 ownerReferences []meta.v1.OwnerReference
      14 finalizers []string
      17 managedFields []meta.v1.ManagedFieldsEntry
    message meta.v1.ListMeta
      1 selfLink string
      2 resourceVersion string
      3 continue string
      4 remainingItemCount int64 ?
    message meta.v1.Preconditions
      1 uid string ?
      2 resourceVersion string ?
    message meta.v1.StatusDetails
      1 name string
      2 group string
      3 kind string
      6 uid string
      4 causes []meta.v1.StatusCause
      5 retryAfterSeconds int32
    message meta.v1.OwnerReference
      5 apiVersion string !
      1 kind string !
      3 name string !
      4 uid string !
      6 controller bool ?
      7 blockOwnerDeletion bool ?
    message meta.v1.ManagedFieldsEntry
      1 manager string
      2 operation string
      3 apiVersion string
      4 time Time ?
      6 fieldsType string
      7 fieldsV1 FieldsV1 ?
      8 subresource string
    message meta.v1.Condition
      1 type string !
      2 status string !
      3 observedGeneration int64
      4 lastTransitionTime Time !
      5 reason string !
      6 message string !
    message meta.v1.LabelSelector
      1 matchLabels {string:string}
      2 matchExpressions []meta.v1.LabelSelectorRequirement
    message meta.v1.StatusCause
      1 reason string
      2 message string
      3 field string
    message meta.v1.LabelSelectorRequirement
      1 key string !
      2 operator string !
      3 values []string
    message meta.v1.FieldSelectorRequirement
      1 key string !
      2 operator string !
      3 values []string
    """
}
