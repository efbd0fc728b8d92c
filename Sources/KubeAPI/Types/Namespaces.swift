// swiftkube-style namespaces, so `core.v1.Pod` reads like upstream's package path.
// The top-level names (`Pod`, `Deployment`) are the ones the code base uses.

public enum apps {
    public enum v1 {}
}
public enum autoscaling {
    public enum v1 {}
}
public enum batch {
    public enum v1 {}
}
public enum coordination {
    public enum v1 {}
}
public enum core {
    public enum v1 {}
}
public enum discovery {
    public enum v1 {}
}
public enum meta {
    public enum v1 {}
}
public enum policy {
    public enum v1 {}
}
public enum scheduling {
    public enum v1 {}
}

extension apps.v1 {
    public typealias DaemonSet = KubeAPI.DaemonSet
    public typealias DaemonSetList = KubeAPI.DaemonSetList
    public typealias DaemonSetSpec = KubeAPI.DaemonSetSpec
    public typealias DaemonSetUpdateStrategy = KubeAPI.DaemonSetUpdateStrategy
    public typealias RollingUpdateDaemonSet = KubeAPI.RollingUpdateDaemonSet
    public typealias DaemonSetStatus = KubeAPI.DaemonSetStatus
    public typealias DaemonSetCondition = KubeAPI.DaemonSetCondition
    public typealias Deployment = KubeAPI.Deployment
    public typealias DeploymentList = KubeAPI.DeploymentList
    public typealias DeploymentSpec = KubeAPI.DeploymentSpec
    public typealias DeploymentStrategy = KubeAPI.DeploymentStrategy
    public typealias RollingUpdateDeployment = KubeAPI.RollingUpdateDeployment
    public typealias DeploymentStatus = KubeAPI.DeploymentStatus
    public typealias DeploymentCondition = KubeAPI.DeploymentCondition
    public typealias ReplicaSet = KubeAPI.ReplicaSet
    public typealias ReplicaSetList = KubeAPI.ReplicaSetList
    public typealias ReplicaSetSpec = KubeAPI.ReplicaSetSpec
    public typealias ReplicaSetStatus = KubeAPI.ReplicaSetStatus
    public typealias ReplicaSetCondition = KubeAPI.ReplicaSetCondition
    public typealias ControllerRevision = KubeAPI.ControllerRevision
    public typealias ControllerRevisionList = KubeAPI.ControllerRevisionList
    public typealias StatefulSet = KubeAPI.StatefulSet
    public typealias StatefulSetList = KubeAPI.StatefulSetList
    public typealias StatefulSetSpec = KubeAPI.StatefulSetSpec
    public typealias StatefulSetUpdateStrategy = KubeAPI.StatefulSetUpdateStrategy
    public typealias RollingUpdateStatefulSetStrategy = KubeAPI.RollingUpdateStatefulSetStrategy
    public typealias StatefulSetPersistentVolumeClaimRetentionPolicy = KubeAPI.StatefulSetPersistentVolumeClaimRetentionPolicy
    public typealias StatefulSetOrdinals = KubeAPI.StatefulSetOrdinals
    public typealias StatefulSetStatus = KubeAPI.StatefulSetStatus
    public typealias StatefulSetCondition = KubeAPI.StatefulSetCondition
}

extension autoscaling.v1 {
    public typealias Scale = KubeAPI.Scale
    public typealias ScaleSpec = KubeAPI.ScaleSpec
    public typealias ScaleStatus = KubeAPI.ScaleStatus
}

extension batch.v1 {
    public typealias CronJob = KubeAPI.CronJob
    public typealias CronJobList = KubeAPI.CronJobList
    public typealias CronJobSpec = KubeAPI.CronJobSpec
    public typealias CronJobStatus = KubeAPI.CronJobStatus
    public typealias Job = KubeAPI.Job
    public typealias JobList = KubeAPI.JobList
    public typealias JobSpec = KubeAPI.JobSpec
    public typealias JobStatus = KubeAPI.JobStatus
    public typealias UncountedTerminatedPods = KubeAPI.UncountedTerminatedPods
    public typealias JobCondition = KubeAPI.JobCondition
    public typealias JobTemplateSpec = KubeAPI.JobTemplateSpec
}

extension coordination.v1 {
    public typealias Lease = KubeAPI.Lease
    public typealias LeaseList = KubeAPI.LeaseList
    public typealias LeaseSpec = KubeAPI.LeaseSpec
}

extension core.v1 {
    public typealias Affinity = KubeAPI.Affinity
    public typealias NodeAffinity = KubeAPI.NodeAffinity
    public typealias NodeSelector = KubeAPI.NodeSelector
    public typealias NodeSelectorTerm = KubeAPI.NodeSelectorTerm
    public typealias NodeSelectorRequirement = KubeAPI.NodeSelectorRequirement
    public typealias PreferredSchedulingTerm = KubeAPI.PreferredSchedulingTerm
    public typealias PodAffinity = KubeAPI.PodAffinity
    public typealias PodAntiAffinity = KubeAPI.PodAntiAffinity
    public typealias PodAffinityTerm = KubeAPI.PodAffinityTerm
    public typealias WeightedPodAffinityTerm = KubeAPI.WeightedPodAffinityTerm
    public typealias Toleration = KubeAPI.Toleration
    public typealias TopologySpreadConstraint = KubeAPI.TopologySpreadConstraint
    public typealias Binding = KubeAPI.Binding
    public typealias ConfigMap = KubeAPI.ConfigMap
    public typealias ConfigMapList = KubeAPI.ConfigMapList
    public typealias Container = KubeAPI.Container
    public typealias EphemeralContainer = KubeAPI.EphemeralContainer
    public typealias ContainerPort = KubeAPI.ContainerPort
    public typealias ContainerResizePolicy = KubeAPI.ContainerResizePolicy
    public typealias VolumeMount = KubeAPI.VolumeMount
    public typealias VolumeDevice = KubeAPI.VolumeDevice
    public typealias Endpoints = KubeAPI.Endpoints
    public typealias EndpointsList = KubeAPI.EndpointsList
    public typealias EndpointSubset = KubeAPI.EndpointSubset
    public typealias EndpointAddress = KubeAPI.EndpointAddress
    public typealias EndpointPort = KubeAPI.EndpointPort
    public typealias EnvVar = KubeAPI.EnvVar
    public typealias EnvVarSource = KubeAPI.EnvVarSource
    public typealias ObjectFieldSelector = KubeAPI.ObjectFieldSelector
    public typealias ResourceFieldSelector = KubeAPI.ResourceFieldSelector
    public typealias ConfigMapKeySelector = KubeAPI.ConfigMapKeySelector
    public typealias SecretKeySelector = KubeAPI.SecretKeySelector
    public typealias EnvFromSource = KubeAPI.EnvFromSource
    public typealias ConfigMapEnvSource = KubeAPI.ConfigMapEnvSource
    public typealias SecretEnvSource = KubeAPI.SecretEnvSource
    public typealias Event = KubeAPI.Event
    public typealias EventList = KubeAPI.EventList
    public typealias EventSource = KubeAPI.EventSource
    public typealias EventSeries = KubeAPI.EventSeries
    public typealias Namespace = KubeAPI.Namespace
    public typealias NamespaceList = KubeAPI.NamespaceList
    public typealias NamespaceSpec = KubeAPI.NamespaceSpec
    public typealias NamespaceStatus = KubeAPI.NamespaceStatus
    public typealias NamespaceCondition = KubeAPI.NamespaceCondition
    public typealias Node = KubeAPI.Node
    public typealias NodeList = KubeAPI.NodeList
    public typealias NodeSpec = KubeAPI.NodeSpec
    public typealias Taint = KubeAPI.Taint
    public typealias NodeStatus = KubeAPI.NodeStatus
    public typealias NodeCondition = KubeAPI.NodeCondition
    public typealias NodeAddress = KubeAPI.NodeAddress
    public typealias NodeDaemonEndpoints = KubeAPI.NodeDaemonEndpoints
    public typealias DaemonEndpoint = KubeAPI.DaemonEndpoint
    public typealias NodeSystemInfo = KubeAPI.NodeSystemInfo
    public typealias NodeSwapStatus = KubeAPI.NodeSwapStatus
    public typealias ContainerImage = KubeAPI.ContainerImage
    public typealias AttachedVolume = KubeAPI.AttachedVolume
    public typealias NodeRuntimeHandler = KubeAPI.NodeRuntimeHandler
    public typealias NodeRuntimeHandlerFeatures = KubeAPI.NodeRuntimeHandlerFeatures
    public typealias NodeFeatures = KubeAPI.NodeFeatures
    public typealias Pod = KubeAPI.Pod
    public typealias PodList = KubeAPI.PodList
    public typealias PodStatus = KubeAPI.PodStatus
    public typealias PodResourceClaimStatus = KubeAPI.PodResourceClaimStatus
    public typealias PodCondition = KubeAPI.PodCondition
    public typealias HostIP = KubeAPI.HostIP
    public typealias PodIP = KubeAPI.PodIP
    public typealias ContainerStatus = KubeAPI.ContainerStatus
    public typealias ContainerState = KubeAPI.ContainerState
    public typealias ContainerStateWaiting = KubeAPI.ContainerStateWaiting
    public typealias ContainerStateRunning = KubeAPI.ContainerStateRunning
    public typealias ContainerStateTerminated = KubeAPI.ContainerStateTerminated
    public typealias VolumeMountStatus = KubeAPI.VolumeMountStatus
    public typealias ContainerUser = KubeAPI.ContainerUser
    public typealias LinuxContainerUser = KubeAPI.LinuxContainerUser
    public typealias PodSpec = KubeAPI.PodSpec
    public typealias HostAlias = KubeAPI.HostAlias
    public typealias PodDNSConfig = KubeAPI.PodDNSConfig
    public typealias PodDNSConfigOption = KubeAPI.PodDNSConfigOption
    public typealias PodReadinessGate = KubeAPI.PodReadinessGate
    public typealias PodOS = KubeAPI.PodOS
    public typealias PodSchedulingGate = KubeAPI.PodSchedulingGate
    public typealias PodResourceClaim = KubeAPI.PodResourceClaim
    public typealias PodTemplateSpec = KubeAPI.PodTemplateSpec
    public typealias Probe = KubeAPI.Probe
    public typealias ExecAction = KubeAPI.ExecAction
    public typealias HTTPGetAction = KubeAPI.HTTPGetAction
    public typealias HTTPHeader = KubeAPI.HTTPHeader
    public typealias TCPSocketAction = KubeAPI.TCPSocketAction
    public typealias GRPCAction = KubeAPI.GRPCAction
    public typealias Lifecycle = KubeAPI.Lifecycle
    public typealias LifecycleHandler = KubeAPI.LifecycleHandler
    public typealias SleepAction = KubeAPI.SleepAction
    public typealias PersistentVolumeClaim = KubeAPI.PersistentVolumeClaim
    public typealias PersistentVolumeClaimList = KubeAPI.PersistentVolumeClaimList
    public typealias PersistentVolumeClaimSpec = KubeAPI.PersistentVolumeClaimSpec
    public typealias VolumeResourceRequirements = KubeAPI.VolumeResourceRequirements
    public typealias PersistentVolumeClaimStatus = KubeAPI.PersistentVolumeClaimStatus
    public typealias PersistentVolumeClaimCondition = KubeAPI.PersistentVolumeClaimCondition
    public typealias ReplicationController = KubeAPI.ReplicationController
    public typealias ReplicationControllerList = KubeAPI.ReplicationControllerList
    public typealias ReplicationControllerSpec = KubeAPI.ReplicationControllerSpec
    public typealias ReplicationControllerStatus = KubeAPI.ReplicationControllerStatus
    public typealias ReplicationControllerCondition = KubeAPI.ReplicationControllerCondition
    public typealias ObjectReference = KubeAPI.ObjectReference
    public typealias LocalObjectReference = KubeAPI.LocalObjectReference
    public typealias TypedLocalObjectReference = KubeAPI.TypedLocalObjectReference
    public typealias TypedObjectReference = KubeAPI.TypedObjectReference
    public typealias ResourceRequirements = KubeAPI.ResourceRequirements
    public typealias ResourceClaim = KubeAPI.ResourceClaim
    public typealias ServiceAccount = KubeAPI.ServiceAccount
    public typealias ServiceAccountList = KubeAPI.ServiceAccountList
    public typealias Secret = KubeAPI.Secret
    public typealias SecretList = KubeAPI.SecretList
    public typealias SecurityContext = KubeAPI.SecurityContext
    public typealias PodSecurityContext = KubeAPI.PodSecurityContext
    public typealias Capabilities = KubeAPI.Capabilities
    public typealias SELinuxOptions = KubeAPI.SELinuxOptions
    public typealias WindowsSecurityContextOptions = KubeAPI.WindowsSecurityContextOptions
    public typealias SeccompProfile = KubeAPI.SeccompProfile
    public typealias AppArmorProfile = KubeAPI.AppArmorProfile
    public typealias Sysctl = KubeAPI.Sysctl
    public typealias Service = KubeAPI.Service
    public typealias ServiceList = KubeAPI.ServiceList
    public typealias ServiceSpec = KubeAPI.ServiceSpec
    public typealias ServicePort = KubeAPI.ServicePort
    public typealias SessionAffinityConfig = KubeAPI.SessionAffinityConfig
    public typealias ClientIPConfig = KubeAPI.ClientIPConfig
    public typealias ServiceStatus = KubeAPI.ServiceStatus
    public typealias LoadBalancerStatus = KubeAPI.LoadBalancerStatus
    public typealias LoadBalancerIngress = KubeAPI.LoadBalancerIngress
    public typealias PortStatus = KubeAPI.PortStatus
    public typealias Volume = KubeAPI.Volume
    public typealias EphemeralVolumeSource = KubeAPI.EphemeralVolumeSource
    public typealias PersistentVolumeClaimTemplate = KubeAPI.PersistentVolumeClaimTemplate
    public typealias HostPathVolumeSource = KubeAPI.HostPathVolumeSource
    public typealias EmptyDirVolumeSource = KubeAPI.EmptyDirVolumeSource
    public typealias SecretVolumeSource = KubeAPI.SecretVolumeSource
    public typealias ConfigMapVolumeSource = KubeAPI.ConfigMapVolumeSource
    public typealias KeyToPath = KubeAPI.KeyToPath
    public typealias NFSVolumeSource = KubeAPI.NFSVolumeSource
    public typealias PersistentVolumeClaimVolumeSource = KubeAPI.PersistentVolumeClaimVolumeSource
    public typealias DownwardAPIVolumeSource = KubeAPI.DownwardAPIVolumeSource
    public typealias DownwardAPIVolumeFile = KubeAPI.DownwardAPIVolumeFile
    public typealias ProjectedVolumeSource = KubeAPI.ProjectedVolumeSource
    public typealias VolumeProjection = KubeAPI.VolumeProjection
    public typealias SecretProjection = KubeAPI.SecretProjection
    public typealias ConfigMapProjection = KubeAPI.ConfigMapProjection
    public typealias DownwardAPIProjection = KubeAPI.DownwardAPIProjection
    public typealias ServiceAccountTokenProjection = KubeAPI.ServiceAccountTokenProjection
    public typealias ClusterTrustBundleProjection = KubeAPI.ClusterTrustBundleProjection
    public typealias CSIVolumeSource = KubeAPI.CSIVolumeSource
    public typealias ImageVolumeSource = KubeAPI.ImageVolumeSource
}

extension discovery.v1 {
    public typealias EndpointSlice = KubeAPI.EndpointSlice
    public typealias EndpointSliceList = KubeAPI.EndpointSliceList
    public typealias Endpoint = KubeAPI.Endpoint
    public typealias EndpointConditions = KubeAPI.EndpointConditions
    public typealias EndpointHints = KubeAPI.EndpointHints
    public typealias ForZone = KubeAPI.ForZone
    public typealias ForNode = KubeAPI.ForNode
    public typealias EndpointPort = KubeAPI.EndpointSlicePort
}

extension meta.v1 {
    public typealias Condition = KubeAPI.Condition
    public typealias DeleteOptions = KubeAPI.DeleteOptions
    public typealias Preconditions = KubeAPI.Preconditions
    public typealias APIResource = KubeAPI.APIResource
    public typealias APIResourceList = KubeAPI.APIResourceList
    public typealias APIGroup = KubeAPI.APIGroup
    public typealias APIGroupList = KubeAPI.APIGroupList
    public typealias APIVersions = KubeAPI.APIVersions
    public typealias GroupVersionForDiscovery = KubeAPI.GroupVersionForDiscovery
    public typealias ServerAddressByClientCIDR = KubeAPI.ServerAddressByClientCIDR
    public typealias PartialObjectMetadata = KubeAPI.PartialObjectMetadata
    public typealias PartialObjectMetadataList = KubeAPI.PartialObjectMetadataList
    public typealias LabelSelector = KubeAPI.LabelSelector
    public typealias LabelSelectorRequirement = KubeAPI.LabelSelectorRequirement
    public typealias Status = KubeAPI.Status
    public typealias StatusDetails = KubeAPI.StatusDetails
    public typealias StatusCause = KubeAPI.StatusCause
    public typealias Table = KubeAPI.Table
    public typealias TableColumnDefinition = KubeAPI.TableColumnDefinition
    public typealias TableRow = KubeAPI.TableRow
    public typealias TableRowCondition = KubeAPI.TableRowCondition
    public typealias WatchEvent = KubeAPI.WatchEvent
    public typealias ObjectMeta = KubeAPI.ObjectMeta
    public typealias OwnerReference = KubeAPI.OwnerReference
    public typealias ManagedFieldsEntry = KubeAPI.ManagedFieldsEntry
    public typealias TypeMeta = KubeAPI.TypeMeta
    public typealias ListMeta = KubeAPI.ListMeta
}

extension policy.v1 {
    public typealias Eviction = KubeAPI.Eviction
}

extension scheduling.v1 {
    public typealias PriorityClass = KubeAPI.PriorityClass
    public typealias PriorityClassList = KubeAPI.PriorityClassList
}
