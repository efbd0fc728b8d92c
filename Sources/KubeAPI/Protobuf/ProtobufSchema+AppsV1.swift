// Kubernetes 1.32 apps/v1 messages: field number, JSON name, kind, and the Go field's JSON
// behaviour (`?` pointer: present means set, even when zero; `!` no omitempty: always in JSON;
// `inline`: the message's fields are spliced into the parent object). Numbers and names follow
// upstream's generated.proto; the flags follow the Go struct tags and field types.
extension ProtobufSchema {
    static let appsV1 = """
    message apps.v1.Deployment
      1 metadata meta.v1.ObjectMeta
      2 spec apps.v1.DeploymentSpec
      3 status apps.v1.DeploymentStatus
    message apps.v1.DeploymentList
      1 metadata meta.v1.ListMeta
      2 items []apps.v1.Deployment !
    message apps.v1.ReplicaSet
      1 metadata meta.v1.ObjectMeta
      2 spec apps.v1.ReplicaSetSpec
      3 status apps.v1.ReplicaSetStatus
    message apps.v1.ReplicaSetList
      1 metadata meta.v1.ListMeta
      2 items []apps.v1.ReplicaSet !
    message apps.v1.DaemonSet
      1 metadata meta.v1.ObjectMeta
      2 spec apps.v1.DaemonSetSpec
      3 status apps.v1.DaemonSetStatus
    message apps.v1.DaemonSetList
      1 metadata meta.v1.ListMeta
      2 items []apps.v1.DaemonSet !
    message apps.v1.StatefulSet
      1 metadata meta.v1.ObjectMeta
      2 spec apps.v1.StatefulSetSpec
      3 status apps.v1.StatefulSetStatus
    message apps.v1.StatefulSetList
      1 metadata meta.v1.ListMeta
      2 items []apps.v1.StatefulSet !
    message apps.v1.ControllerRevision
      1 metadata meta.v1.ObjectMeta
      2 data RawExtension
      3 revision int64 !
    message apps.v1.ControllerRevisionList
      1 metadata meta.v1.ListMeta
      2 items []apps.v1.ControllerRevision !
    message apps.v1.DeploymentSpec
      1 replicas int32 ?
      2 selector meta.v1.LabelSelector ?
      3 template core.v1.PodTemplateSpec !
      4 strategy apps.v1.DeploymentStrategy
      5 minReadySeconds int32
      6 revisionHistoryLimit int32 ?
      7 paused bool
      9 progressDeadlineSeconds int32 ?
    message apps.v1.DeploymentStatus
      1 observedGeneration int64
      2 replicas int32
      3 updatedReplicas int32
      7 readyReplicas int32
      4 availableReplicas int32
      5 unavailableReplicas int32
      6 conditions []apps.v1.DeploymentCondition
      8 collisionCount int32 ?
    message apps.v1.ReplicaSetSpec
      1 replicas int32 ?
      4 minReadySeconds int32
      2 selector meta.v1.LabelSelector ?
      3 template core.v1.PodTemplateSpec
    message apps.v1.ReplicaSetStatus
      1 replicas int32 !
      2 fullyLabeledReplicas int32
      4 readyReplicas int32
      5 availableReplicas int32
      3 observedGeneration int64
      6 conditions []apps.v1.ReplicaSetCondition
    message apps.v1.DaemonSetSpec
      1 selector meta.v1.LabelSelector ?
      2 template core.v1.PodTemplateSpec !
      3 updateStrategy apps.v1.DaemonSetUpdateStrategy
      4 minReadySeconds int32
      6 revisionHistoryLimit int32 ?
    message apps.v1.DaemonSetStatus
      1 currentNumberScheduled int32 !
      2 numberMisscheduled int32 !
      3 desiredNumberScheduled int32 !
      4 numberReady int32 !
      5 observedGeneration int64
      6 updatedNumberScheduled int32
      7 numberAvailable int32
      8 numberUnavailable int32
      9 collisionCount int32 ?
      10 conditions []apps.v1.DaemonSetCondition
    message apps.v1.StatefulSetSpec
      1 replicas int32 ?
      2 selector meta.v1.LabelSelector ?
      3 template core.v1.PodTemplateSpec !
      4 volumeClaimTemplates []core.v1.PersistentVolumeClaim
      5 serviceName string !
      6 podManagementPolicy string
      7 updateStrategy apps.v1.StatefulSetUpdateStrategy
      8 revisionHistoryLimit int32 ?
      9 minReadySeconds int32
      10 persistentVolumeClaimRetentionPolicy apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy ?
      11 ordinals apps.v1.StatefulSetOrdinals ?
    message apps.v1.StatefulSetStatus
      1 observedGeneration int64
      2 replicas int32 !
      3 readyReplicas int32
      4 currentReplicas int32
      5 updatedReplicas int32
      6 currentRevision string
      7 updateRevision string
      9 collisionCount int32 ?
      10 conditions []apps.v1.StatefulSetCondition
      11 availableReplicas int32 !
    message apps.v1.DeploymentStrategy
      1 type string
      2 rollingUpdate apps.v1.RollingUpdateDeployment ?
    message apps.v1.DeploymentCondition
      1 type string !
      2 status string !
      6 lastUpdateTime Time
      7 lastTransitionTime Time
      4 reason string
      5 message string
    message apps.v1.ReplicaSetCondition
      1 type string !
      2 status string !
      3 lastTransitionTime Time
      4 reason string
      5 message string
    message apps.v1.DaemonSetUpdateStrategy
      1 type string
      2 rollingUpdate apps.v1.RollingUpdateDaemonSet ?
    message apps.v1.DaemonSetCondition
      1 type string !
      2 status string !
      3 lastTransitionTime Time
      4 reason string
      5 message string
    message apps.v1.StatefulSetUpdateStrategy
      1 type string
      2 rollingUpdate apps.v1.RollingUpdateStatefulSetStrategy ?
    message apps.v1.StatefulSetPersistentVolumeClaimRetentionPolicy
      1 whenDeleted string
      2 whenScaled string
    message apps.v1.StatefulSetOrdinals
      1 start int32 !
    message apps.v1.StatefulSetCondition
      1 type string !
      2 status string !
      3 lastTransitionTime Time
      4 reason string
      5 message string
    message apps.v1.RollingUpdateDeployment
      1 maxUnavailable IntOrString ?
      2 maxSurge IntOrString ?
    message apps.v1.RollingUpdateDaemonSet
      1 maxUnavailable IntOrString ?
      2 maxSurge IntOrString ?
    message apps.v1.RollingUpdateStatefulSetStrategy
      1 partition int32 ?
      2 maxUnavailable IntOrString ?
    """
}
