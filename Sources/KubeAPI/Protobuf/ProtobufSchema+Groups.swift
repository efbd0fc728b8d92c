// Kubernetes 1.32 policy/v1, scheduling.k8s.io/v1, rbac.authorization.k8s.io/v1, authentication.k8s.io/v1, coordination.k8s.io/v1, autoscaling/v1, discovery.k8s.io/v1 messages: field number, JSON name, kind, and the Go field's JSON
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
    message discovery.v1.ForZone
      1 name string !
    """
}
