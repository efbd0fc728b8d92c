// Kubernetes 1.32 policy/v1, scheduling.k8s.io/v1, rbac.authorization.k8s.io/v1, authentication.k8s.io/v1, authorization.k8s.io/v1, coordination.k8s.io/v1, autoscaling/v1 and v2, discovery.k8s.io/v1, networking.k8s.io/v1, certificates.k8s.io/v1 messages: field number, JSON name, kind, and the Go field's JSON
// behaviour (`?` pointer: present means set, even when zero; `!` no omitempty: always in JSON;
// `inline`: the message's fields are spliced into the parent object). Numbers and names follow
// upstream's generated.proto; the flags follow the Go struct tags and field types.
extension ProtobufSchema {
    static let otherGroups = """
    message policy.v1.Eviction
      1 metadata meta.v1.ObjectMeta
      2 deleteOptions meta.v1.DeleteOptions ?
    message policy.v1.PodDisruptionBudget
      1 metadata meta.v1.ObjectMeta
      2 spec policy.v1.PodDisruptionBudgetSpec
      3 status policy.v1.PodDisruptionBudgetStatus
    message policy.v1.PodDisruptionBudgetList
      1 metadata meta.v1.ListMeta
      2 items []policy.v1.PodDisruptionBudget !
    message scheduling.v1.PriorityClass
      1 metadata meta.v1.ObjectMeta
      2 value int32 !
      3 globalDefault bool
      4 description string
      5 preemptionPolicy string ?
    message scheduling.v1.PriorityClassList
      1 metadata meta.v1.ListMeta
      2 items []scheduling.v1.PriorityClass !
    message rbac.v1.Role
      1 metadata meta.v1.ObjectMeta
      2 rules []rbac.v1.PolicyRule !
    message rbac.v1.RoleList
      1 metadata meta.v1.ListMeta
      2 items []rbac.v1.Role !
    message rbac.v1.RoleBinding
      1 metadata meta.v1.ObjectMeta
      2 subjects []rbac.v1.Subject
      3 roleRef rbac.v1.RoleRef !
    message rbac.v1.RoleBindingList
      1 metadata meta.v1.ListMeta
      2 items []rbac.v1.RoleBinding !
    message rbac.v1.ClusterRole
      1 metadata meta.v1.ObjectMeta
      2 rules []rbac.v1.PolicyRule !
      3 aggregationRule rbac.v1.AggregationRule ?
    message rbac.v1.ClusterRoleList
      1 metadata meta.v1.ListMeta
      2 items []rbac.v1.ClusterRole !
    message rbac.v1.ClusterRoleBinding
      1 metadata meta.v1.ObjectMeta
      2 subjects []rbac.v1.Subject
      3 roleRef rbac.v1.RoleRef !
    message rbac.v1.ClusterRoleBindingList
      1 metadata meta.v1.ListMeta
      2 items []rbac.v1.ClusterRoleBinding !
    message authentication.v1.TokenRequest
      1 metadata meta.v1.ObjectMeta
      2 spec authentication.v1.TokenRequestSpec !
      3 status authentication.v1.TokenRequestStatus
    message authentication.v1.TokenReview
      1 metadata meta.v1.ObjectMeta
      2 spec authentication.v1.TokenReviewSpec !
      3 status authentication.v1.TokenReviewStatus
    message coordination.v1.Lease
      1 metadata meta.v1.ObjectMeta
      2 spec coordination.v1.LeaseSpec
    message coordination.v1.LeaseList
      1 metadata meta.v1.ListMeta
      2 items []coordination.v1.Lease !
    message autoscaling.v1.Scale
      1 metadata meta.v1.ObjectMeta
      2 spec autoscaling.v1.ScaleSpec
      3 status autoscaling.v1.ScaleStatus
    message discovery.v1.EndpointSlice
      1 metadata meta.v1.ObjectMeta
      4 addressType string !
      2 endpoints []discovery.v1.Endpoint !
      3 ports []discovery.v1.EndpointPort !
    message discovery.v1.EndpointSliceList
      1 metadata meta.v1.ListMeta
      2 items []discovery.v1.EndpointSlice !
    message authentication.v1.SelfSubjectReview
      1 metadata meta.v1.ObjectMeta
      2 status authentication.v1.SelfSubjectReviewStatus
    message networking.v1.Ingress
      1 metadata meta.v1.ObjectMeta
      2 spec networking.v1.IngressSpec
      3 status networking.v1.IngressStatus
    message networking.v1.IngressList
      1 metadata meta.v1.ListMeta
      2 items []networking.v1.Ingress !
    message networking.v1.IngressClass
      1 metadata meta.v1.ObjectMeta
      2 spec networking.v1.IngressClassSpec
    message networking.v1.IngressClassList
      1 metadata meta.v1.ListMeta
      2 items []networking.v1.IngressClass !
    message networking.v1.NetworkPolicy
      1 metadata meta.v1.ObjectMeta
      2 spec networking.v1.NetworkPolicySpec
    message networking.v1.NetworkPolicyList
      1 metadata meta.v1.ListMeta
      2 items []networking.v1.NetworkPolicy !
    message authorization.v1.SelfSubjectAccessReview
      1 metadata meta.v1.ObjectMeta
      2 spec authorization.v1.SelfSubjectAccessReviewSpec !
      3 status authorization.v1.SubjectAccessReviewStatus
    message authorization.v1.SubjectAccessReview
      1 metadata meta.v1.ObjectMeta
      2 spec authorization.v1.SubjectAccessReviewSpec !
      3 status authorization.v1.SubjectAccessReviewStatus
    message authorization.v1.LocalSubjectAccessReview
      1 metadata meta.v1.ObjectMeta
      2 spec authorization.v1.SubjectAccessReviewSpec !
      3 status authorization.v1.SubjectAccessReviewStatus
    message authorization.v1.SelfSubjectRulesReview
      1 metadata meta.v1.ObjectMeta
      2 spec authorization.v1.SelfSubjectRulesReviewSpec !
      3 status authorization.v1.SubjectRulesReviewStatus
    message autoscaling.v1.HorizontalPodAutoscaler
      1 metadata meta.v1.ObjectMeta
      2 spec autoscaling.v1.HorizontalPodAutoscalerSpec
      3 status autoscaling.v1.HorizontalPodAutoscalerStatus
    message autoscaling.v1.HorizontalPodAutoscalerList
      1 metadata meta.v1.ListMeta
      2 items []autoscaling.v1.HorizontalPodAutoscaler !
    message autoscaling.v2.HorizontalPodAutoscaler
      1 metadata meta.v1.ObjectMeta
      2 spec autoscaling.v2.HorizontalPodAutoscalerSpec
      3 status autoscaling.v2.HorizontalPodAutoscalerStatus
    message autoscaling.v2.HorizontalPodAutoscalerList
      1 metadata meta.v1.ListMeta
      2 items []autoscaling.v2.HorizontalPodAutoscaler !
    message certificates.v1.CertificateSigningRequest
      1 metadata meta.v1.ObjectMeta
      2 spec certificates.v1.CertificateSigningRequestSpec !
      3 status certificates.v1.CertificateSigningRequestStatus
    message certificates.v1.CertificateSigningRequestList
      1 metadata meta.v1.ListMeta
      2 items []certificates.v1.CertificateSigningRequest !
    message policy.v1.PodDisruptionBudgetSpec
      1 minAvailable IntOrString ?
      2 selector meta.v1.LabelSelector ?
      3 maxUnavailable IntOrString ?
      4 unhealthyPodEvictionPolicy string ?
    message policy.v1.PodDisruptionBudgetStatus
      1 observedGeneration int64
      2 disruptedPods {string:Time}
      3 disruptionsAllowed int32 !
      4 currentHealthy int32 !
      5 desiredHealthy int32 !
      6 expectedPods int32 !
      7 conditions []meta.v1.Condition
    message rbac.v1.PolicyRule
      1 verbs []string !
      2 apiGroups []string
      3 resources []string
      4 resourceNames []string
      5 nonResourceURLs []string
    message rbac.v1.Subject
      1 kind string !
      2 apiGroup string
      3 name string !
      4 namespace string
    message rbac.v1.RoleRef
      1 apiGroup string !
      2 kind string !
      3 name string !
    message rbac.v1.AggregationRule
      1 clusterRoleSelectors []meta.v1.LabelSelector
    message authentication.v1.TokenRequestSpec
      1 audiences []string !
      4 expirationSeconds int64 ?
      3 boundObjectRef authentication.v1.BoundObjectReference ?
    message authentication.v1.TokenRequestStatus
      1 token string !
      2 expirationTimestamp Time !
    message authentication.v1.TokenReviewSpec
      1 token string
      2 audiences []string
    message authentication.v1.TokenReviewStatus
      1 authenticated bool
      2 user authentication.v1.UserInfo
      4 audiences []string
      3 error string
    message coordination.v1.LeaseSpec
      1 holderIdentity string ?
      2 leaseDurationSeconds int32 ?
      3 acquireTime MicroTime ?
      4 renewTime MicroTime ?
      5 leaseTransitions int32 ?
      6 strategy string ?
      7 preferredHolder string ?
    message autoscaling.v1.ScaleSpec
      1 replicas int32
    message autoscaling.v1.ScaleStatus
      1 replicas int32 !
      2 selector string
    message discovery.v1.Endpoint
      1 addresses []string !
      2 conditions discovery.v1.EndpointConditions
      3 hostname string ?
      4 targetRef core.v1.ObjectReference ?
      5 deprecatedTopology {string:string}
      6 nodeName string ?
      7 zone string ?
      8 hints discovery.v1.EndpointHints ?
    message discovery.v1.EndpointPort
      1 name string ?
      2 protocol string ?
      3 port int32 ?
      4 appProtocol string ?
    message authentication.v1.SelfSubjectReviewStatus
      1 userInfo authentication.v1.UserInfo
    message networking.v1.IngressSpec
      4 ingressClassName string ?
      1 defaultBackend networking.v1.IngressBackend ?
      2 tls []networking.v1.IngressTLS
      3 rules []networking.v1.IngressRule
    message networking.v1.IngressStatus
      1 loadBalancer networking.v1.IngressLoadBalancerStatus
    message networking.v1.IngressClassSpec
      1 controller string
      2 parameters networking.v1.IngressClassParametersReference ?
    message networking.v1.NetworkPolicySpec
      1 podSelector meta.v1.LabelSelector !
      2 ingress []networking.v1.NetworkPolicyIngressRule
      3 egress []networking.v1.NetworkPolicyEgressRule
      4 policyTypes []string
    message authorization.v1.SelfSubjectAccessReviewSpec
      1 resourceAttributes authorization.v1.ResourceAttributes ?
      2 nonResourceAttributes authorization.v1.NonResourceAttributes ?
    message authorization.v1.SubjectAccessReviewStatus
      1 allowed bool !
      4 denied bool
      2 reason string
      3 evaluationError string
    message authorization.v1.SubjectAccessReviewSpec
      1 resourceAttributes authorization.v1.ResourceAttributes ?
      2 nonResourceAttributes authorization.v1.NonResourceAttributes ?
      3 user string
      4 groups []string
      5 extra {string:[]string}
      6 uid string
    message authorization.v1.SelfSubjectRulesReviewSpec
      1 namespace string
    message authorization.v1.SubjectRulesReviewStatus
      1 resourceRules []authorization.v1.ResourceRule !
      2 nonResourceRules []authorization.v1.NonResourceRule !
      3 incomplete bool !
      4 evaluationError string
    message autoscaling.v1.HorizontalPodAutoscalerSpec
      1 scaleTargetRef autoscaling.v1.CrossVersionObjectReference !
      2 minReplicas int32 ?
      3 maxReplicas int32 !
      4 targetCPUUtilizationPercentage int32 ?
    message autoscaling.v1.HorizontalPodAutoscalerStatus
      1 observedGeneration int64 ?
      2 lastScaleTime Time ?
      3 currentReplicas int32 !
      4 desiredReplicas int32 !
      5 currentCPUUtilizationPercentage int32 ?
    message autoscaling.v2.HorizontalPodAutoscalerSpec
      1 scaleTargetRef autoscaling.v2.CrossVersionObjectReference !
      2 minReplicas int32 ?
      3 maxReplicas int32 !
      4 metrics []autoscaling.v2.MetricSpec
      5 behavior autoscaling.v2.HorizontalPodAutoscalerBehavior ?
    message autoscaling.v2.HorizontalPodAutoscalerStatus
      1 observedGeneration int64 ?
      2 lastScaleTime Time ?
      3 currentReplicas int32
      4 desiredReplicas int32 !
      5 currentMetrics []autoscaling.v2.MetricStatus !
      6 conditions []autoscaling.v2.HorizontalPodAutoscalerCondition
    message certificates.v1.CertificateSigningRequestSpec
      1 request bytes !
      7 signerName string !
      8 expirationSeconds int32 ?
      5 usages []string
      2 username string
      3 uid string
      4 groups []string
      6 extra {string:[]string}
    message certificates.v1.CertificateSigningRequestStatus
      1 conditions []certificates.v1.CertificateSigningRequestCondition
      2 certificate bytes
    message authentication.v1.BoundObjectReference
      1 kind string
      2 apiVersion string
      3 name string
      4 uid string
    message authentication.v1.UserInfo
      1 username string
      2 uid string
      3 groups []string
      4 extra {string:[]string}
    message discovery.v1.EndpointConditions
      1 ready bool ?
      2 serving bool ?
      3 terminating bool ?
    message discovery.v1.EndpointHints
      1 forZones []discovery.v1.ForZone
    message networking.v1.IngressBackend
      4 service networking.v1.IngressServiceBackend ?
      3 resource core.v1.TypedLocalObjectReference ?
    message networking.v1.IngressTLS
      1 hosts []string
      2 secretName string
    message networking.v1.IngressRule
      1 host string
      2 ingressRuleValue networking.v1.IngressRuleValue inline
    message networking.v1.IngressLoadBalancerStatus
      1 ingress []networking.v1.IngressLoadBalancerIngress
    message networking.v1.IngressClassParametersReference
      1 apiGroup string ?
      2 kind string !
      3 name string !
      4 scope string ?
      5 namespace string ?
    message networking.v1.NetworkPolicyIngressRule
      1 ports []networking.v1.NetworkPolicyPort
      2 from []networking.v1.NetworkPolicyPeer
    message networking.v1.NetworkPolicyEgressRule
      1 ports []networking.v1.NetworkPolicyPort
      2 to []networking.v1.NetworkPolicyPeer
    message authorization.v1.ResourceAttributes
      1 namespace string
      2 verb string
      3 group string
      4 version string
      5 resource string
      6 subresource string
      7 name string
      8 fieldSelector authorization.v1.FieldSelectorAttributes ?
      9 labelSelector authorization.v1.LabelSelectorAttributes ?
    message authorization.v1.NonResourceAttributes
      1 path string
      2 verb string
    message authorization.v1.ResourceRule
      1 verbs []string !
      2 apiGroups []string
      3 resources []string
      4 resourceNames []string
    message authorization.v1.NonResourceRule
      1 verbs []string !
      2 nonResourceURLs []string
    message autoscaling.v1.CrossVersionObjectReference
      1 kind string !
      2 name string !
      3 apiVersion string
    message autoscaling.v2.CrossVersionObjectReference
      1 kind string !
      2 name string !
      3 apiVersion string
    message autoscaling.v2.MetricSpec
      1 type string !
      2 object autoscaling.v2.ObjectMetricSource ?
      3 pods autoscaling.v2.PodsMetricSource ?
      4 resource autoscaling.v2.ResourceMetricSource ?
      7 containerResource autoscaling.v2.ContainerResourceMetricSource ?
      5 external autoscaling.v2.ExternalMetricSource ?
    message autoscaling.v2.HorizontalPodAutoscalerBehavior
      1 scaleUp autoscaling.v2.HPAScalingRules ?
      2 scaleDown autoscaling.v2.HPAScalingRules ?
    message autoscaling.v2.MetricStatus
      1 type string !
      2 object autoscaling.v2.ObjectMetricStatus ?
      3 pods autoscaling.v2.PodsMetricStatus ?
      4 resource autoscaling.v2.ResourceMetricStatus ?
      7 containerResource autoscaling.v2.ContainerResourceMetricStatus ?
      5 external autoscaling.v2.ExternalMetricStatus ?
    message autoscaling.v2.HorizontalPodAutoscalerCondition
      1 type string !
      2 status string !
      3 lastTransitionTime Time
      4 reason string
      5 message string
    message certificates.v1.CertificateSigningRequestCondition
      1 type string !
      6 status string !
      2 reason string
      3 message string
      4 lastUpdateTime Time
      5 lastTransitionTime Time
    message discovery.v1.ForZone
      1 name string !
    message networking.v1.IngressServiceBackend
      1 name string !
      2 port networking.v1.ServiceBackendPort
    message networking.v1.IngressRuleValue
      1 http networking.v1.HTTPIngressRuleValue ?
    message networking.v1.IngressLoadBalancerIngress
      1 ip string
      2 hostname string
      4 ports []networking.v1.IngressPortStatus
    message networking.v1.NetworkPolicyPort
      1 protocol string ?
      2 port IntOrString ?
      3 endPort int32 ?
    message networking.v1.NetworkPolicyPeer
      1 podSelector meta.v1.LabelSelector ?
      2 namespaceSelector meta.v1.LabelSelector ?
      3 ipBlock networking.v1.IPBlock ?
    message authorization.v1.FieldSelectorAttributes
      1 rawSelector string
      2 requirements []meta.v1.FieldSelectorRequirement
    message authorization.v1.LabelSelectorAttributes
      1 rawSelector string
      2 requirements []meta.v1.LabelSelectorRequirement
    message autoscaling.v2.ObjectMetricSource
      1 describedObject autoscaling.v2.CrossVersionObjectReference !
      2 target autoscaling.v2.MetricTarget !
      3 metric autoscaling.v2.MetricIdentifier !
    message autoscaling.v2.PodsMetricSource
      1 metric autoscaling.v2.MetricIdentifier !
      2 target autoscaling.v2.MetricTarget !
    message autoscaling.v2.ResourceMetricSource
      1 name string !
      2 target autoscaling.v2.MetricTarget !
    message autoscaling.v2.ContainerResourceMetricSource
      1 name string !
      2 target autoscaling.v2.MetricTarget !
      3 container string !
    message autoscaling.v2.ExternalMetricSource
      1 metric autoscaling.v2.MetricIdentifier !
      2 target autoscaling.v2.MetricTarget !
    message autoscaling.v2.HPAScalingRules
      3 stabilizationWindowSeconds int32 ?
      1 selectPolicy string ?
      2 policies []autoscaling.v2.HPAScalingPolicy
    message autoscaling.v2.ObjectMetricStatus
      1 metric autoscaling.v2.MetricIdentifier !
      2 current autoscaling.v2.MetricValueStatus !
      3 describedObject autoscaling.v2.CrossVersionObjectReference !
    message autoscaling.v2.PodsMetricStatus
      1 metric autoscaling.v2.MetricIdentifier !
      2 current autoscaling.v2.MetricValueStatus !
    message autoscaling.v2.ResourceMetricStatus
      1 name string !
      2 current autoscaling.v2.MetricValueStatus !
    message autoscaling.v2.ContainerResourceMetricStatus
      1 name string !
      2 current autoscaling.v2.MetricValueStatus !
      3 container string !
    message autoscaling.v2.ExternalMetricStatus
      1 metric autoscaling.v2.MetricIdentifier !
      2 current autoscaling.v2.MetricValueStatus !
    message networking.v1.ServiceBackendPort
      1 name string
      2 number int32
    message networking.v1.HTTPIngressRuleValue
      1 paths []networking.v1.HTTPIngressPath !
    message networking.v1.IngressPortStatus
      1 port int32 !
      2 protocol string !
      3 error string ?
    message networking.v1.IPBlock
      1 cidr string !
      2 except []string
    message autoscaling.v2.MetricTarget
      1 type string !
      2 value Quantity ?
      3 averageValue Quantity ?
      4 averageUtilization int32 ?
    message autoscaling.v2.MetricIdentifier
      1 name string !
      2 selector meta.v1.LabelSelector ?
    message autoscaling.v2.HPAScalingPolicy
      1 type string !
      2 value int32 !
      3 periodSeconds int32 !
    message autoscaling.v2.MetricValueStatus
      1 value Quantity ?
      2 averageValue Quantity ?
      3 averageUtilization int32 ?
    message networking.v1.HTTPIngressPath
      1 path string
      3 pathType string ?
      2 backend networking.v1.IngressBackend !
    """
}
