// Kubernetes 1.32 core/v1 messages: field number, JSON name, kind, and the Go field's JSON
// behaviour (`?` pointer: present means set, even when zero; `!` no omitempty: always in JSON;
// `inline`: the message's fields are spliced into the parent object). Numbers and names follow
// upstream's generated.proto; the flags follow the Go struct tags and field types.
extension ProtobufSchema {
    static let coreV1 = """
    message core.v1.ConfigMap
      1 metadata meta.v1.ObjectMeta
      4 immutable bool ?
      2 data {string:string}
      3 binaryData {string:bytes}
    message core.v1.ConfigMapList
      1 metadata meta.v1.ListMeta
      2 items []core.v1.ConfigMap !
    message core.v1.Secret
      1 metadata meta.v1.ObjectMeta
      5 immutable bool ?
      2 data {string:bytes}
      4 stringData {string:string}
      3 type string
    message core.v1.SecretList
      1 metadata meta.v1.ListMeta
      2 items []core.v1.Secret !
    message core.v1.Namespace
      1 metadata meta.v1.ObjectMeta
      2 spec core.v1.NamespaceSpec
      3 status core.v1.NamespaceStatus
    message core.v1.NamespaceList
      1 metadata meta.v1.ListMeta
      2 items []core.v1.Namespace !
    message core.v1.ServiceAccount
      1 metadata meta.v1.ObjectMeta
      2 secrets []core.v1.ObjectReference
      3 imagePullSecrets []core.v1.LocalObjectReference
      4 automountServiceAccountToken bool ?
    message core.v1.ServiceAccountList
      1 metadata meta.v1.ListMeta
      2 items []core.v1.ServiceAccount !
    message core.v1.Service
      1 metadata meta.v1.ObjectMeta
      2 spec core.v1.ServiceSpec
      3 status core.v1.ServiceStatus
    message core.v1.ServiceList
      1 metadata meta.v1.ListMeta
      2 items []core.v1.Service !
    message core.v1.Pod
      1 metadata meta.v1.ObjectMeta
      2 spec core.v1.PodSpec
      3 status core.v1.PodStatus
    message core.v1.PodList
      1 metadata meta.v1.ListMeta
      2 items []core.v1.Pod !
    message core.v1.PodTemplate
      1 metadata meta.v1.ObjectMeta
      2 template core.v1.PodTemplateSpec
    message core.v1.PodTemplateList
      1 metadata meta.v1.ListMeta
      2 items []core.v1.PodTemplate !
    message core.v1.ResourceQuota
      1 metadata meta.v1.ObjectMeta
      2 spec core.v1.ResourceQuotaSpec
      3 status core.v1.ResourceQuotaStatus
    message core.v1.ResourceQuotaList
      1 metadata meta.v1.ListMeta
      2 items []core.v1.ResourceQuota !
    message core.v1.Node
      1 metadata meta.v1.ObjectMeta
      2 spec core.v1.NodeSpec
      3 status core.v1.NodeStatus
    message core.v1.NodeList
      1 metadata meta.v1.ListMeta
      2 items []core.v1.Node !
    message core.v1.Binding
      1 metadata meta.v1.ObjectMeta
      2 target core.v1.ObjectReference !
    message core.v1.Endpoints
      1 metadata meta.v1.ObjectMeta
      2 subsets []core.v1.EndpointSubset
    message core.v1.EndpointsList
      1 metadata meta.v1.ListMeta
      2 items []core.v1.Endpoints !
    message core.v1.Event
      1 metadata meta.v1.ObjectMeta !
      2 involvedObject core.v1.ObjectReference !
      3 reason string
      4 message string
      5 source core.v1.EventSource
      6 firstTimestamp Time
      7 lastTimestamp Time
      8 count int32
      9 type string
      10 eventTime MicroTime
      11 series core.v1.EventSeries ?
      12 action string
      13 related core.v1.ObjectReference ?
      14 reportingComponent string !
      15 reportingInstance string !
    message core.v1.EventList
      1 metadata meta.v1.ListMeta
      2 items []core.v1.Event !
    message core.v1.PersistentVolumeClaim
      1 metadata meta.v1.ObjectMeta
      2 spec core.v1.PersistentVolumeClaimSpec
      3 status core.v1.PersistentVolumeClaimStatus
    message core.v1.PersistentVolumeClaimList
      1 metadata meta.v1.ListMeta
      2 items []core.v1.PersistentVolumeClaim !
    message core.v1.LimitRange
      1 metadata meta.v1.ObjectMeta
      2 spec core.v1.LimitRangeSpec
    message core.v1.LimitRangeList
      1 metadata meta.v1.ListMeta
      2 items []core.v1.LimitRange !
    message core.v1.NamespaceSpec
      1 finalizers []string
    message core.v1.NamespaceStatus
      1 phase string
      2 conditions []core.v1.NamespaceCondition
    message core.v1.ObjectReference
      1 kind string
      2 namespace string
      3 name string
      4 uid string
      5 apiVersion string
      6 resourceVersion string
      7 fieldPath string
    message core.v1.LocalObjectReference
      1 name string
    message core.v1.ServiceSpec
      1 ports []core.v1.ServicePort
      2 selector {string:string}
      3 clusterIP string
      18 clusterIPs []string
      4 type string
      5 externalIPs []string
      7 sessionAffinity string
      8 loadBalancerIP string
      9 loadBalancerSourceRanges []string
      10 externalName string
      11 externalTrafficPolicy string
      12 healthCheckNodePort int32
      13 publishNotReadyAddresses bool
      14 sessionAffinityConfig core.v1.SessionAffinityConfig ?
      19 ipFamilies []string
      17 ipFamilyPolicy string ?
      20 allocateLoadBalancerNodePorts bool ?
      21 loadBalancerClass string ?
      22 internalTrafficPolicy string ?
      23 trafficDistribution string ?
    message core.v1.ServiceStatus
      1 loadBalancer core.v1.LoadBalancerStatus
      2 conditions []meta.v1.Condition
    message core.v1.PodSpec
      1 volumes []core.v1.Volume
      20 initContainers []core.v1.Container
      2 containers []core.v1.Container !
      34 ephemeralContainers []core.v1.EphemeralContainer
      3 restartPolicy string
      4 terminationGracePeriodSeconds int64 ?
      5 activeDeadlineSeconds int64 ?
      6 dnsPolicy string
      7 nodeSelector {string:string}
      8 serviceAccountName string
      9 serviceAccount string
      21 automountServiceAccountToken bool ?
      10 nodeName string
      11 hostNetwork bool
      12 hostPID bool
      13 hostIPC bool
      27 shareProcessNamespace bool ?
      14 securityContext core.v1.PodSecurityContext ?
      15 imagePullSecrets []core.v1.LocalObjectReference
      16 hostname string
      17 subdomain string
      18 affinity core.v1.Affinity ?
      19 schedulerName string
      22 tolerations []core.v1.Toleration
      23 hostAliases []core.v1.HostAlias
      24 priorityClassName string
      25 priority int32 ?
      26 dnsConfig core.v1.PodDNSConfig ?
      28 readinessGates []core.v1.PodReadinessGate
      29 runtimeClassName string ?
      30 enableServiceLinks bool ?
      31 preemptionPolicy string ?
      32 overhead {string:Quantity}
      33 topologySpreadConstraints []core.v1.TopologySpreadConstraint
      35 setHostnameAsFQDN bool ?
      36 os core.v1.PodOS ?
      37 hostUsers bool ?
      38 schedulingGates []core.v1.PodSchedulingGate
      39 resourceClaims []core.v1.PodResourceClaim
      40 resources core.v1.ResourceRequirements ?
    message core.v1.PodStatus
      1 phase string
      2 conditions []core.v1.PodCondition
      3 message string
      4 reason string
      11 nominatedNodeName string
      5 hostIP string
      16 hostIPs []core.v1.HostIP
      6 podIP string
      12 podIPs []core.v1.PodIP
      7 startTime Time ?
      10 initContainerStatuses []core.v1.ContainerStatus
      8 containerStatuses []core.v1.ContainerStatus
      9 qosClass string
      13 ephemeralContainerStatuses []core.v1.ContainerStatus
      14 resize string
      15 resourceClaimStatuses []core.v1.PodResourceClaimStatus
    message core.v1.PodTemplateSpec
      1 metadata meta.v1.ObjectMeta
      2 spec core.v1.PodSpec
    message core.v1.ResourceQuotaSpec
      1 hard {string:Quantity}
      2 scopes []string
      3 scopeSelector core.v1.ScopeSelector ?
    message core.v1.ResourceQuotaStatus
      1 hard {string:Quantity}
      2 used {string:Quantity}
    message core.v1.NodeSpec
      1 podCIDR string
      7 podCIDRs []string
      3 providerID string
      4 unschedulable bool
      5 taints []core.v1.Taint
      6 configSource core.v1.NodeConfigSource ?
      2 externalID string
    message core.v1.NodeStatus
      1 capacity {string:Quantity}
      2 allocatable {string:Quantity}
      3 phase string
      4 conditions []core.v1.NodeCondition
      5 addresses []core.v1.NodeAddress
      6 daemonEndpoints core.v1.NodeDaemonEndpoints
      7 nodeInfo core.v1.NodeSystemInfo
      8 images []core.v1.ContainerImage
      9 volumesInUse []string
      10 volumesAttached []core.v1.AttachedVolume
      11 config core.v1.NodeConfigStatus ?
      12 runtimeHandlers []core.v1.NodeRuntimeHandler
      13 features core.v1.NodeFeatures ?
    message core.v1.EndpointSubset
      1 addresses []core.v1.EndpointAddress
      2 notReadyAddresses []core.v1.EndpointAddress
      3 ports []core.v1.EndpointPort
    message core.v1.EventSource
      1 component string
      2 host string
    message core.v1.EventSeries
      1 count int32
      2 lastObservedTime MicroTime
    message core.v1.PersistentVolumeClaimSpec
      1 accessModes []string
      4 selector meta.v1.LabelSelector ?
      2 resources core.v1.VolumeResourceRequirements
      3 volumeName string
      5 storageClassName string ?
      6 volumeMode string ?
      7 dataSource core.v1.TypedLocalObjectReference ?
      8 dataSourceRef core.v1.TypedObjectReference ?
      9 volumeAttributesClassName string ?
    message core.v1.PersistentVolumeClaimStatus
      1 phase string
      2 accessModes []string
      3 capacity {string:Quantity}
      4 conditions []core.v1.PersistentVolumeClaimCondition
      5 allocatedResources {string:Quantity}
      7 allocatedResourceStatuses {string:string}
      8 currentVolumeAttributesClassName string ?
      9 modifyVolumeStatus core.v1.ModifyVolumeStatus ?
    message core.v1.LimitRangeSpec
      1 limits []core.v1.LimitRangeItem !
    message core.v1.NamespaceCondition
      1 type string !
      2 status string !
      4 lastTransitionTime Time
      5 reason string
      6 message string
    message core.v1.ServicePort
      1 name string
      2 protocol string
      6 appProtocol string ?
      3 port int32 !
      4 targetPort IntOrString
      5 nodePort int32
    message core.v1.SessionAffinityConfig
      1 clientIP core.v1.ClientIPConfig ?
    message core.v1.LoadBalancerStatus
      1 ingress []core.v1.LoadBalancerIngress
    message core.v1.Volume
      1 name string !
      2 volumeSource core.v1.VolumeSource inline
    message core.v1.Container
      1 name string !
      2 image string
      3 command []string
      4 args []string
      5 workingDir string
      6 ports []core.v1.ContainerPort
      19 envFrom []core.v1.EnvFromSource
      7 env []core.v1.EnvVar
      8 resources core.v1.ResourceRequirements
      23 resizePolicy []core.v1.ContainerResizePolicy
      24 restartPolicy string ?
      9 volumeMounts []core.v1.VolumeMount
      21 volumeDevices []core.v1.VolumeDevice
      10 livenessProbe core.v1.Probe ?
      11 readinessProbe core.v1.Probe ?
      22 startupProbe core.v1.Probe ?
      12 lifecycle core.v1.Lifecycle ?
      13 terminationMessagePath string
      20 terminationMessagePolicy string
      14 imagePullPolicy string
      15 securityContext core.v1.SecurityContext ?
      16 stdin bool
      17 stdinOnce bool
      18 tty bool
    message core.v1.EphemeralContainer
      1 EphemeralContainerCommon core.v1.EphemeralContainerCommon inline
      2 targetContainerName string
    message core.v1.PodSecurityContext
      1 seLinuxOptions core.v1.SELinuxOptions ?
      8 windowsOptions core.v1.WindowsSecurityContextOptions ?
      2 runAsUser int64 ?
      6 runAsGroup int64 ?
      3 runAsNonRoot bool ?
      4 supplementalGroups []int64
      12 supplementalGroupsPolicy string ?
      5 fsGroup int64 ?
      7 sysctls []core.v1.Sysctl
      9 fsGroupChangePolicy string ?
      10 seccompProfile core.v1.SeccompProfile ?
      11 appArmorProfile core.v1.AppArmorProfile ?
      13 seLinuxChangePolicy string ?
    message core.v1.Affinity
      1 nodeAffinity core.v1.NodeAffinity ?
      2 podAffinity core.v1.PodAffinity ?
      3 podAntiAffinity core.v1.PodAntiAffinity ?
    message core.v1.Toleration
      1 key string
      2 operator string
      3 value string
      4 effect string
      5 tolerationSeconds int64 ?
    message core.v1.HostAlias
      1 ip string !
      2 hostnames []string
    message core.v1.PodDNSConfig
      1 nameservers []string
      2 searches []string
      3 options []core.v1.PodDNSConfigOption
    message core.v1.PodReadinessGate
      1 conditionType string !
    message core.v1.TopologySpreadConstraint
      1 maxSkew int32 !
      2 topologyKey string !
      3 whenUnsatisfiable string !
      4 labelSelector meta.v1.LabelSelector ?
      5 minDomains int32 ?
      6 nodeAffinityPolicy string ?
      7 nodeTaintsPolicy string ?
      8 matchLabelKeys []string
    message core.v1.PodOS
      1 name string !
    message core.v1.PodSchedulingGate
      1 name string !
    message core.v1.PodResourceClaim
      1 name string !
      3 resourceClaimName string ?
      4 resourceClaimTemplateName string ?
    message core.v1.ResourceRequirements
      1 limits {string:Quantity}
      2 requests {string:Quantity}
      3 claims []core.v1.ResourceClaim
    message core.v1.PodCondition
      1 type string !
      2 status string !
      3 lastProbeTime Time
      4 lastTransitionTime Time
      5 reason string
      6 message string
    message core.v1.HostIP
      1 ip string !
    message core.v1.PodIP
      1 ip string !
    message core.v1.ContainerStatus
      1 name string !
      2 state core.v1.ContainerState
      3 lastState core.v1.ContainerState
      4 ready bool !
      5 restartCount int32 !
      6 image string !
      7 imageID string !
      8 containerID string
      9 started bool ?
      10 allocatedResources {string:Quantity}
      11 resources core.v1.ResourceRequirements ?
      12 volumeMounts []core.v1.VolumeMountStatus
      13 user core.v1.ContainerUser ?
      14 allocatedResourcesStatus []core.v1.ResourceStatus
    message core.v1.PodResourceClaimStatus
      1 name string !
      2 resourceClaimName string ?
    message core.v1.ScopeSelector
      1 matchExpressions []core.v1.ScopedResourceSelectorRequirement
    message core.v1.Taint
      1 key string !
      2 value string
      3 effect string !
      4 timeAdded Time ?
    message core.v1.NodeConfigSource
      2 configMap core.v1.ConfigMapNodeConfigSource ?
    message core.v1.NodeCondition
      1 type string !
      2 status string !
      3 lastHeartbeatTime Time
      4 lastTransitionTime Time
      5 reason string
      6 message string
    message core.v1.NodeAddress
      1 type string !
      2 address string !
    message core.v1.NodeDaemonEndpoints
      1 kubeletEndpoint core.v1.DaemonEndpoint
    message core.v1.NodeSystemInfo
      1 machineID string !
      2 systemUUID string !
      3 bootID string !
      4 kernelVersion string !
      5 osImage string !
      6 containerRuntimeVersion string !
      7 kubeletVersion string !
      8 kubeProxyVersion string !
      9 operatingSystem string !
      10 architecture string !
    message core.v1.ContainerImage
      1 names []string !
      2 sizeBytes int64
    message core.v1.AttachedVolume
      1 name string !
      2 devicePath string !
    message core.v1.NodeConfigStatus
      1 assigned core.v1.NodeConfigSource ?
      2 active core.v1.NodeConfigSource ?
      3 lastKnownGood core.v1.NodeConfigSource ?
      4 error string
    message core.v1.NodeRuntimeHandler
      1 name string !
      2 features core.v1.NodeRuntimeHandlerFeatures ?
    message core.v1.NodeFeatures
      1 supplementalGroupsPolicy bool ?
    message core.v1.EndpointAddress
      1 ip string !
      3 hostname string
      4 nodeName string ?
      2 targetRef core.v1.ObjectReference ?
    message core.v1.EndpointPort
      1 name string
      2 port int32 !
      3 protocol string
      4 appProtocol string ?
    message core.v1.VolumeResourceRequirements
      1 limits {string:Quantity}
      2 requests {string:Quantity}
    message core.v1.TypedLocalObjectReference
      1 apiGroup string ?
      2 kind string !
      3 name string !
    message core.v1.TypedObjectReference
      1 apiGroup string ?
      2 kind string !
      3 name string !
      4 namespace string ?
    message core.v1.PersistentVolumeClaimCondition
      1 type string !
      2 status string !
      3 lastProbeTime Time
      4 lastTransitionTime Time
      5 reason string
      6 message string
    message core.v1.ModifyVolumeStatus
      1 targetVolumeAttributesClassName string
      2 status string !
    message core.v1.LimitRangeItem
      1 type string !
      2 max {string:Quantity}
      3 min {string:Quantity}
      4 default {string:Quantity}
      5 defaultRequest {string:Quantity}
      6 maxLimitRequestRatio {string:Quantity}
    message core.v1.ClientIPConfig
      1 timeoutSeconds int32 ?
    message core.v1.LoadBalancerIngress
      1 ip string
      2 hostname string
      3 ipMode string ?
      4 ports []core.v1.PortStatus
    message core.v1.VolumeSource
      1 hostPath core.v1.HostPathVolumeSource ?
      2 emptyDir core.v1.EmptyDirVolumeSource ?
      3 gcePersistentDisk core.v1.GCEPersistentDiskVolumeSource ?
      4 awsElasticBlockStore core.v1.AWSElasticBlockStoreVolumeSource ?
      5 gitRepo core.v1.GitRepoVolumeSource ?
      6 secret core.v1.SecretVolumeSource ?
      7 nfs core.v1.NFSVolumeSource ?
      8 iscsi core.v1.ISCSIVolumeSource ?
      9 glusterfs core.v1.GlusterfsVolumeSource ?
      10 persistentVolumeClaim core.v1.PersistentVolumeClaimVolumeSource ?
      11 rbd core.v1.RBDVolumeSource ?
      12 flexVolume core.v1.FlexVolumeSource ?
      13 cinder core.v1.CinderVolumeSource ?
      14 cephfs core.v1.CephFSVolumeSource ?
      15 flocker core.v1.FlockerVolumeSource ?
      16 downwardAPI core.v1.DownwardAPIVolumeSource ?
      17 fc core.v1.FCVolumeSource ?
      18 azureFile core.v1.AzureFileVolumeSource ?
      19 configMap core.v1.ConfigMapVolumeSource ?
      20 vsphereVolume core.v1.VsphereVirtualDiskVolumeSource ?
      21 quobyte core.v1.QuobyteVolumeSource ?
      22 azureDisk core.v1.AzureDiskVolumeSource ?
      23 photonPersistentDisk core.v1.PhotonPersistentDiskVolumeSource ?
      26 projected core.v1.ProjectedVolumeSource ?
      24 portworxVolume core.v1.PortworxVolumeSource ?
      25 scaleIO core.v1.ScaleIOVolumeSource ?
      27 storageos core.v1.StorageOSVolumeSource ?
      28 csi core.v1.CSIVolumeSource ?
      29 ephemeral core.v1.EphemeralVolumeSource ?
      30 image core.v1.ImageVolumeSource ?
    message core.v1.ContainerPort
      1 name string
      2 hostPort int32
      3 containerPort int32 !
      4 protocol string
      5 hostIP string
    message core.v1.EnvFromSource
      1 prefix string
      2 configMapRef core.v1.ConfigMapEnvSource ?
      3 secretRef core.v1.SecretEnvSource ?
    message core.v1.EnvVar
      1 name string !
      2 value string
      3 valueFrom core.v1.EnvVarSource ?
    message core.v1.ContainerResizePolicy
      1 resourceName string !
      2 restartPolicy string !
    message core.v1.VolumeMount
      1 name string !
      2 readOnly bool
      7 recursiveReadOnly string ?
      3 mountPath string !
      4 subPath string
      5 mountPropagation string ?
      6 subPathExpr string
    message core.v1.VolumeDevice
      1 name string !
      2 devicePath string !
    message core.v1.Probe
      1 handler core.v1.ProbeHandler inline
      2 initialDelaySeconds int32
      3 timeoutSeconds int32
      4 periodSeconds int32
      5 successThreshold int32
      6 failureThreshold int32
      7 terminationGracePeriodSeconds int64 ?
    message core.v1.Lifecycle
      1 postStart core.v1.LifecycleHandler ?
      2 preStop core.v1.LifecycleHandler ?
    message core.v1.SecurityContext
      1 capabilities core.v1.Capabilities ?
      2 privileged bool ?
      3 seLinuxOptions core.v1.SELinuxOptions ?
      10 windowsOptions core.v1.WindowsSecurityContextOptions ?
      4 runAsUser int64 ?
      8 runAsGroup int64 ?
      5 runAsNonRoot bool ?
      6 readOnlyRootFilesystem bool ?
      7 allowPrivilegeEscalation bool ?
      9 procMount string ?
      11 seccompProfile core.v1.SeccompProfile ?
      12 appArmorProfile core.v1.AppArmorProfile ?
    message core.v1.EphemeralContainerCommon
      1 name string !
      2 image string
      3 command []string
      4 args []string
      5 workingDir string
      6 ports []core.v1.ContainerPort
      19 envFrom []core.v1.EnvFromSource
      7 env []core.v1.EnvVar
      8 resources core.v1.ResourceRequirements
      23 resizePolicy []core.v1.ContainerResizePolicy
      24 restartPolicy string ?
      9 volumeMounts []core.v1.VolumeMount
      21 volumeDevices []core.v1.VolumeDevice
      10 livenessProbe core.v1.Probe ?
      11 readinessProbe core.v1.Probe ?
      22 startupProbe core.v1.Probe ?
      12 lifecycle core.v1.Lifecycle ?
      13 terminationMessagePath string
      20 terminationMessagePolicy string
      14 imagePullPolicy string
      15 securityContext core.v1.SecurityContext ?
      16 stdin bool
      17 stdinOnce bool
      18 tty bool
    message core.v1.SELinuxOptions
      1 user string
      2 role string
      3 type string
      4 level string
    message core.v1.WindowsSecurityContextOptions
      1 gmsaCredentialSpecName string ?
      2 gmsaCredentialSpec string ?
      3 runAsUserName string ?
      4 hostProcess bool ?
    message core.v1.Sysctl
      1 name string !
      2 value string !
    message core.v1.SeccompProfile
      1 type string !
      2 localhostProfile string ?
    message core.v1.AppArmorProfile
      1 type string !
      2 localhostProfile string ?
    message core.v1.NodeAffinity
      1 requiredDuringSchedulingIgnoredDuringExecution core.v1.NodeSelector ?
      2 preferredDuringSchedulingIgnoredDuringExecution []core.v1.PreferredSchedulingTerm
    message core.v1.PodAffinity
      1 requiredDuringSchedulingIgnoredDuringExecution []core.v1.PodAffinityTerm
      2 preferredDuringSchedulingIgnoredDuringExecution []core.v1.WeightedPodAffinityTerm
    message core.v1.PodAntiAffinity
      1 requiredDuringSchedulingIgnoredDuringExecution []core.v1.PodAffinityTerm
      2 preferredDuringSchedulingIgnoredDuringExecution []core.v1.WeightedPodAffinityTerm
    message core.v1.PodDNSConfigOption
      1 name string
      2 value string ?
    message core.v1.ResourceClaim
      1 name string !
      2 request string
    message core.v1.ContainerState
      1 waiting core.v1.ContainerStateWaiting ?
      2 running core.v1.ContainerStateRunning ?
      3 terminated core.v1.ContainerStateTerminated ?
    message core.v1.VolumeMountStatus
      1 name string !
      2 mountPath string !
      3 readOnly bool
      4 recursiveReadOnly string ?
    message core.v1.ContainerUser
      1 linux core.v1.LinuxContainerUser ?
    message core.v1.ResourceStatus
      1 name string !
      2 resources []core.v1.ResourceHealth
    message core.v1.ScopedResourceSelectorRequirement
      1 scopeName string !
      2 operator string !
      3 values []string
    message core.v1.ConfigMapNodeConfigSource
      1 namespace string !
      2 name string !
      3 uid string
      4 resourceVersion string
      5 kubeletConfigKey string !
    message core.v1.DaemonEndpoint
      1 Port int32 !
    message core.v1.NodeRuntimeHandlerFeatures
      1 recursiveReadOnlyMounts bool ?
      2 userNamespaces bool ?
    message core.v1.PortStatus
      1 port int32 !
      2 protocol string !
      3 error string ?
    message core.v1.HostPathVolumeSource
      1 path string !
      2 type string ?
    message core.v1.EmptyDirVolumeSource
      1 medium string
      2 sizeLimit Quantity ?
    message core.v1.GCEPersistentDiskVolumeSource
      1 pdName string !
      2 fsType string
      3 partition int32
      4 readOnly bool
    message core.v1.AWSElasticBlockStoreVolumeSource
      1 volumeID string !
      2 fsType string
      3 partition int32
      4 readOnly bool
    message core.v1.GitRepoVolumeSource
      1 repository string !
      2 revision string
      3 directory string
    message core.v1.SecretVolumeSource
      1 secretName string
      2 items []core.v1.KeyToPath
      3 defaultMode int32 ?
      4 optional bool ?
    message core.v1.NFSVolumeSource
      1 server string !
      2 path string !
      3 readOnly bool
    message core.v1.ISCSIVolumeSource
      1 targetPortal string !
      2 iqn string !
      3 lun int32 !
      4 iscsiInterface string
      5 fsType string
      6 readOnly bool
      7 portals []string
      8 chapAuthDiscovery bool
      11 chapAuthSession bool
      10 secretRef core.v1.LocalObjectReference ?
      12 initiatorName string ?
    message core.v1.GlusterfsVolumeSource
      1 endpoints string !
      2 path string !
      3 readOnly bool
    message core.v1.PersistentVolumeClaimVolumeSource
      1 claimName string !
      2 readOnly bool
    message core.v1.RBDVolumeSource
      1 monitors []string !
      2 image string !
      3 fsType string
      4 pool string
      5 user string
      6 keyring string
      7 secretRef core.v1.LocalObjectReference ?
      8 readOnly bool
    message core.v1.FlexVolumeSource
      1 driver string !
      2 fsType string
      3 secretRef core.v1.LocalObjectReference ?
      4 readOnly bool
      5 options {string:string}
    message core.v1.CinderVolumeSource
      1 volumeID string !
      2 fsType string
      3 readOnly bool
      4 secretRef core.v1.LocalObjectReference ?
    message core.v1.CephFSVolumeSource
      1 monitors []string !
      2 path string
      3 user string
      4 secretFile string
      5 secretRef core.v1.LocalObjectReference ?
      6 readOnly bool
    message core.v1.FlockerVolumeSource
      1 datasetName string
      2 datasetUUID string
    message core.v1.DownwardAPIVolumeSource
      1 items []core.v1.DownwardAPIVolumeFile
      2 defaultMode int32 ?
    message core.v1.FCVolumeSource
      1 targetWWNs []string
      2 lun int32 ?
      3 fsType string
      4 readOnly bool
      5 wwids []string
    message core.v1.AzureFileVolumeSource
      1 secretName string !
      2 shareName string !
      3 readOnly bool
    message core.v1.ConfigMapVolumeSource
      1 localObjectReference core.v1.LocalObjectReference inline
      2 items []core.v1.KeyToPath
      3 defaultMode int32 ?
      4 optional bool ?
    message core.v1.VsphereVirtualDiskVolumeSource
      1 volumePath string !
      2 fsType string
      3 storagePolicyName string
      4 storagePolicyID string
    message core.v1.QuobyteVolumeSource
      1 registry string !
      2 volume string !
      3 readOnly bool
      4 user string
      5 group string
      6 tenant string
    message core.v1.AzureDiskVolumeSource
      1 diskName string !
      2 diskURI string !
      3 cachingMode string ?
      4 fsType string ?
      5 readOnly bool ?
      6 kind string ?
    message core.v1.PhotonPersistentDiskVolumeSource
      1 pdID string !
      2 fsType string
    message core.v1.ProjectedVolumeSource
      1 sources []core.v1.VolumeProjection !
      2 defaultMode int32 ?
    message core.v1.PortworxVolumeSource
      1 volumeID string !
      2 fsType string
      3 readOnly bool
    message core.v1.ScaleIOVolumeSource
      1 gateway string !
      2 system string !
      3 secretRef core.v1.LocalObjectReference ?
      4 sslEnabled bool
      5 protectionDomain string
      6 storagePool string
      7 storageMode string
      8 volumeName string
      9 fsType string
      10 readOnly bool
    message core.v1.StorageOSVolumeSource
      1 volumeName string
      2 volumeNamespace string
      3 fsType string
      4 readOnly bool
      5 secretRef core.v1.LocalObjectReference ?
    message core.v1.CSIVolumeSource
      1 driver string !
      2 readOnly bool ?
      3 fsType string ?
      4 volumeAttributes {string:string}
      5 nodePublishSecretRef core.v1.LocalObjectReference ?
    message core.v1.EphemeralVolumeSource
      1 volumeClaimTemplate core.v1.PersistentVolumeClaimTemplate ?
    message core.v1.ImageVolumeSource
      1 reference string
      2 pullPolicy string
    message core.v1.ConfigMapEnvSource
      1 localObjectReference core.v1.LocalObjectReference inline
      2 optional bool ?
    message core.v1.SecretEnvSource
      1 localObjectReference core.v1.LocalObjectReference inline
      2 optional bool ?
    message core.v1.EnvVarSource
      1 fieldRef core.v1.ObjectFieldSelector ?
      2 resourceFieldRef core.v1.ResourceFieldSelector ?
      3 configMapKeyRef core.v1.ConfigMapKeySelector ?
      4 secretKeyRef core.v1.SecretKeySelector ?
    message core.v1.ProbeHandler
      1 exec core.v1.ExecAction ?
      2 httpGet core.v1.HTTPGetAction ?
      3 tcpSocket core.v1.TCPSocketAction ?
      4 grpc core.v1.GRPCAction ?
    message core.v1.LifecycleHandler
      1 exec core.v1.ExecAction ?
      2 httpGet core.v1.HTTPGetAction ?
      3 tcpSocket core.v1.TCPSocketAction ?
      4 sleep core.v1.SleepAction ?
    message core.v1.Capabilities
      1 add []string
      2 drop []string
    message core.v1.NodeSelector
      1 nodeSelectorTerms []core.v1.NodeSelectorTerm !
    message core.v1.PreferredSchedulingTerm
      1 weight int32 !
      2 preference core.v1.NodeSelectorTerm !
    message core.v1.PodAffinityTerm
      1 labelSelector meta.v1.LabelSelector ?
      2 namespaces []string
      3 topologyKey string !
      4 namespaceSelector meta.v1.LabelSelector ?
      5 matchLabelKeys []string
      6 mismatchLabelKeys []string
    message core.v1.WeightedPodAffinityTerm
      1 weight int32 !
      2 podAffinityTerm core.v1.PodAffinityTerm !
    message core.v1.ContainerStateWaiting
      1 reason string
      2 message string
    message core.v1.ContainerStateRunning
      1 startedAt Time
    message core.v1.ContainerStateTerminated
      1 exitCode int32 !
      2 signal int32
      3 reason string
      4 message string
      5 startedAt Time
      6 finishedAt Time
      7 containerID string
    message core.v1.LinuxContainerUser
      1 uid int64 !
      2 gid int64 !
      3 supplementalGroups []int64
    message core.v1.ResourceHealth
      1 resourceID string !
      2 health string
    message core.v1.KeyToPath
      1 key string !
      2 path string !
      3 mode int32 ?
    message core.v1.DownwardAPIVolumeFile
      1 path string !
      2 fieldRef core.v1.ObjectFieldSelector ?
      3 resourceFieldRef core.v1.ResourceFieldSelector ?
      4 mode int32 ?
    message core.v1.VolumeProjection
      1 secret core.v1.SecretProjection ?
      2 downwardAPI core.v1.DownwardAPIProjection ?
      3 configMap core.v1.ConfigMapProjection ?
      4 serviceAccountToken core.v1.ServiceAccountTokenProjection ?
      5 clusterTrustBundle core.v1.ClusterTrustBundleProjection ?
    message core.v1.PersistentVolumeClaimTemplate
      1 metadata meta.v1.ObjectMeta
      2 spec core.v1.PersistentVolumeClaimSpec !
    message core.v1.ObjectFieldSelector
      1 apiVersion string
      2 fieldPath string !
    message core.v1.ResourceFieldSelector
      1 containerName string
      2 resource string !
      3 divisor Quantity
    message core.v1.ConfigMapKeySelector
      1 localObjectReference core.v1.LocalObjectReference inline
      2 key string !
      3 optional bool ?
    message core.v1.SecretKeySelector
      1 localObjectReference core.v1.LocalObjectReference inline
      2 key string !
      3 optional bool ?
    message core.v1.ExecAction
      1 command []string
    message core.v1.HTTPGetAction
      1 path string
      2 port IntOrString !
      3 host string
      4 scheme string
      5 httpHeaders []core.v1.HTTPHeader
    message core.v1.TCPSocketAction
      1 port IntOrString !
      2 host string
    message core.v1.GRPCAction
      1 port int32 !
      2 service string ?
    message core.v1.SleepAction
      1 seconds int64 !
    message core.v1.NodeSelectorTerm
      1 matchExpressions []core.v1.NodeSelectorRequirement
      2 matchFields []core.v1.NodeSelectorRequirement
    message core.v1.SecretProjection
      1 localObjectReference core.v1.LocalObjectReference inline
      2 items []core.v1.KeyToPath
      4 optional bool ?
    message core.v1.DownwardAPIProjection
      1 items []core.v1.DownwardAPIVolumeFile
    message core.v1.ConfigMapProjection
      1 localObjectReference core.v1.LocalObjectReference inline
      2 items []core.v1.KeyToPath
      4 optional bool ?
    message core.v1.ServiceAccountTokenProjection
      1 audience string
      2 expirationSeconds int64 ?
      3 path string !
    message core.v1.ClusterTrustBundleProjection
      1 name string ?
      2 signerName string ?
      3 labelSelector meta.v1.LabelSelector ?
      5 optional bool ?
      4 path string !
    message core.v1.HTTPHeader
      1 name string !
      2 value string !
    message core.v1.NodeSelectorRequirement
      1 key string !
      2 operator string !
      3 values []string
    """
}
