import Foundation

/// Descriptions and required fields for the OpenAPI schemas: the text `kubectl explain` shows.
///
/// Written for the types and fields people explain most (Pod, containers, workloads, Services,
/// object metadata); other fields get the generic text of `fallback`. Keys are schema message
/// names (`core.v1.PodSpec`) and `message.field` (`core.v1.PodSpec.containers`); fields of
/// inline structs sit under the inline struct's own name (`core.v1.VolumeSource.hostPath`).
public enum SchemaDocs {
    static let apiVersion = "APIVersion defines the versioned schema of this representation of an object. Servers should convert recognized schemas to the latest internal value, and may reject unrecognized values. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#resources"
    static let kind = "Kind is a string value representing the REST resource this object represents. Servers may infer this from the endpoint the client submits requests to. Cannot be updated. In CamelCase. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#types-kinds"
    static let quantity = "Quantity is a fixed-point representation of a number: a decimal or binary-SI suffixed amount such as 100m, 1.5, 128Mi or 2G, written canonically by the server (1.5Gi for 1536Mi)."
    static let intOrString = "IntOrString is a value that holds either an integer or a string, such as a port number or a port name."
    static let time = "Time is a timestamp in RFC 3339 form with seconds precision, always UTC (2024-01-02T15:04:05Z)."
    static let microTime = "MicroTime is a timestamp in RFC 3339 form with microsecond precision."
    static let rawExtension = "RawExtension holds an embedded object of any kind, as JSON."
    static let fieldsV1 = "FieldsV1 stores a set of fields in a data structure like a Trie, in JSON format."

    /// Text for fields and types the table does not describe.
    static func fallback(field: String, ofKind kind: String) -> String? {
        switch field {
        case "metadata": return "Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata"
        case "spec": return "Spec defines the desired behavior of the \(kind). More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"
        case "status": return "Status is the most recently observed status of the \(kind). Populated by the system. Read-only. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status"
        case "items": return "Items is the list of \(kind.hasSuffix("List") ? String(kind.dropLast(4)) : kind) objects."
        default: return nil
        }
    }

    /// Only lists have a generic description; a type the table does not describe has none.
    static func fallback(type: String, isList: Bool) -> String? {
        isList ? "\(type) is a list of \(type.dropLast(4)) objects." : nil
    }

    /// Parsed once from `table`.
    static let descriptions: [String: String] = {
        var out: [String: String] = [:]
        for line in table.split(separator: "\n") {
            guard let colon = line.firstIndex(of: ":"), !line.hasPrefix("required ") else { continue }
            let key = line[..<colon].trimmingCharacters(in: .whitespaces)
            out[key] = String(line[line.index(after: colon)...]).trimmingCharacters(in: .whitespaces)
                .replacingOccurrences(of: "\\n", with: "\n")
        }
        return out
    }()

    static let required: [String: [String]] = {
        var out: [String: [String]] = [:]
        for line in table.split(separator: "\n") where line.hasPrefix("required ") {
            let words = line.split(separator: " ")
            guard words.count >= 3 else { continue }
            out[String(words[1]).trimmingCharacters(in: CharacterSet(charactersIn: ":"))] = words.dropFirst(2).map(String.init)
        }
        return out
    }()

    /// `key: text` (a `\n` in text starts a new paragraph) and `required message: field…`.
    static let table = #"""
    required core.v1.PodSpec: containers
    required core.v1.Container: name
    required core.v1.EphemeralContainerCommon: name
    required core.v1.ContainerPort: containerPort
    required core.v1.EnvVar: name
    required core.v1.VolumeMount: name mountPath
    required core.v1.VolumeDevice: name devicePath
    required core.v1.Volume: name
    required core.v1.KeyToPath: key path
    required core.v1.ConfigMapKeySelector: key
    required core.v1.SecretKeySelector: key
    required core.v1.ObjectFieldSelector: fieldPath
    required core.v1.ResourceFieldSelector: resource
    required core.v1.HTTPGetAction: port
    required core.v1.TCPSocketAction: port
    required core.v1.GRPCAction: port
    required core.v1.HTTPHeader: name value
    required core.v1.HostPathVolumeSource: path
    required core.v1.NFSVolumeSource: server path
    required core.v1.PersistentVolumeClaimVolumeSource: claimName
    required core.v1.NodeSelector: nodeSelectorTerms
    required core.v1.NodeSelectorRequirement: key operator
    required core.v1.PreferredSchedulingTerm: weight preference
    required core.v1.PodAffinityTerm: topologyKey
    required core.v1.WeightedPodAffinityTerm: weight podAffinityTerm
    required core.v1.TopologySpreadConstraint: maxSkew topologyKey whenUnsatisfiable
    required core.v1.PodReadinessGate: conditionType
    required core.v1.PodSchedulingGate: name
    required core.v1.PodResourceClaim: name
    required core.v1.ResourceClaim: name
    required core.v1.ContainerResizePolicy: resourceName restartPolicy
    required core.v1.Sysctl: name value
    required core.v1.SeccompProfile: type
    required core.v1.AppArmorProfile: type
    required core.v1.PodOS: name
    required core.v1.Taint: key effect
    required core.v1.ServicePort: port
    required core.v1.PodCondition: type status
    required core.v1.NodeCondition: type status
    required core.v1.NodeAddress: type address
    required core.v1.ContainerStatus: name ready restartCount image imageID
    required core.v1.EndpointAddress: ip
    required core.v1.EndpointPort: port
    required core.v1.Binding: target
    required core.v1.Event: metadata involvedObject
    required core.v1.ContainerImage: names
    required meta.v1.OwnerReference: apiVersion kind name uid
    required meta.v1.LabelSelectorRequirement: key operator
    required meta.v1.Condition: type status lastTransitionTime reason message
    required apps.v1.DeploymentSpec: selector template
    required apps.v1.ReplicaSetSpec: selector
    required apps.v1.DaemonSetSpec: selector template
    required apps.v1.StatefulSetSpec: selector template
    required apps.v1.ControllerRevision: revision
    required apps.v1.DeploymentCondition: type status
    required apps.v1.ReplicaSetCondition: type status
    required apps.v1.DaemonSetCondition: type status
    required apps.v1.StatefulSetCondition: type status
    required apps.v1.DaemonSetStatus: currentNumberScheduled numberMisscheduled desiredNumberScheduled numberReady
    required apps.v1.ReplicaSetStatus: replicas
    required apps.v1.StatefulSetStatus: replicas
    required batch.v1.JobSpec: template
    required batch.v1.CronJobSpec: schedule jobTemplate
    required batch.v1.JobCondition: type status
    required coordination.v1.Lease: metadata
    required discovery.v1.EndpointSlice: addressType endpoints
    required discovery.v1.Endpoint: addresses
    required rbac.v1.PolicyRule: verbs
    required rbac.v1.Subject: kind name
    required rbac.v1.RoleRef: apiGroup kind name
    required rbac.v1.RoleBinding: roleRef
    required rbac.v1.ClusterRoleBinding: roleRef
    required scheduling.v1.PriorityClass: value
    core.v1.Pod: Pod is a collection of containers that can run on a host. This resource is created by clients and scheduled onto hosts.
    core.v1.Pod.spec: Specification of the desired behavior of the pod. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status
    core.v1.Pod.status: Most recently observed status of the pod. This data may not be up to date. Populated by the system. Read-only.
    core.v1.PodSpec: PodSpec is a description of a pod.
    core.v1.PodSpec.volumes: List of volumes that can be mounted by containers belonging to the pod. More info: https://kubernetes.io/docs/concepts/storage/volumes
    core.v1.PodSpec.initContainers: List of initialization containers belonging to the pod. Init containers run in order before the regular containers start; if any init container fails, the pod is considered to have failed and is handled according to its restartPolicy. Init containers may not have lifecycle actions, readiness, liveness or startup probes. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/init-containers/
    core.v1.PodSpec.containers: List of containers belonging to the pod. Containers cannot currently be added or removed. There must be at least one container in a Pod. Cannot be updated.
    core.v1.PodSpec.ephemeralContainers: List of ephemeral containers run in this pod. Ephemeral containers may be run in an existing pod to perform user-initiated actions such as debugging. This list cannot be specified when creating a pod; it is changed through the pod's ephemeralcontainers subresource.
    core.v1.PodSpec.restartPolicy: Restart policy for all containers within the pod. One of Always, OnFailure, Never. Default to Always. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle/#restart-policy
    core.v1.PodSpec.terminationGracePeriodSeconds: Optional duration in seconds the pod needs to terminate gracefully. The time between the processes in the pod being sent a termination signal and being forcibly halted with a kill signal. Defaults to 30 seconds.
    core.v1.PodSpec.activeDeadlineSeconds: Optional duration in seconds the pod may be active on the node relative to StartTime before the system will actively try to mark it failed and kill associated containers. Value must be a positive integer.
    core.v1.PodSpec.dnsPolicy: Set DNS policy for the pod. Defaults to "ClusterFirst". Valid values are 'ClusterFirstWithHostNet', 'ClusterFirst', 'Default' or 'None'.
    core.v1.PodSpec.nodeSelector: NodeSelector is a selector which must be true for the pod to fit on a node. Selector which must match a node's labels for the pod to be scheduled on that node. More info: https://kubernetes.io/docs/concepts/configuration/assign-pod-node/
    core.v1.PodSpec.serviceAccountName: ServiceAccountName is the name of the ServiceAccount to use to run this pod. More info: https://kubernetes.io/docs/tasks/configure-pod-container/configure-service-account/
    core.v1.PodSpec.serviceAccount: DeprecatedServiceAccount is a deprecated alias for ServiceAccountName. Deprecated: Use serviceAccountName instead.
    core.v1.PodSpec.automountServiceAccountToken: AutomountServiceAccountToken indicates whether a service account token should be automatically mounted.
    core.v1.PodSpec.nodeName: NodeName indicates in which node this pod is scheduled. If empty, this pod is a candidate for scheduling by the scheduler defined in schedulerName. Once set, the kubelet on that node runs the pod. This field should not be used to express a desire for the pod to be scheduled on a specific node.
    core.v1.PodSpec.hostNetwork: Host networking requested for this pod. Use the host's network namespace. Default to false.
    core.v1.PodSpec.hostPID: Use the host's pid namespace. Optional: Default to false.
    core.v1.PodSpec.hostIPC: Use the host's ipc namespace. Optional: Default to false.
    core.v1.PodSpec.shareProcessNamespace: Share a single process namespace between all of the containers in a pod. When this is set containers will be able to view and signal processes from other containers in the same pod, and the first process in each container will not be assigned PID 1. Optional: Default to false.
    core.v1.PodSpec.securityContext: SecurityContext holds pod-level security attributes and common container settings. Optional: Defaults to empty. See type description for default values of each field.
    core.v1.PodSpec.imagePullSecrets: ImagePullSecrets is an optional list of references to secrets in the same namespace to use for pulling any of the images used by this PodSpec.
    core.v1.PodSpec.hostname: Specifies the hostname of the Pod. If not specified, the pod's hostname will be set to a system-defined value.
    core.v1.PodSpec.subdomain: If specified, the fully qualified Pod hostname will be "<hostname>.<subdomain>.<pod namespace>.svc.<cluster domain>". If not specified, the pod will not have a domainname at all.
    core.v1.PodSpec.affinity: If specified, the pod's scheduling constraints
    core.v1.PodSpec.schedulerName: If specified, the pod will be dispatched by specified scheduler. If not specified, the pod will be dispatched by default scheduler.
    core.v1.PodSpec.tolerations: If specified, the pod's tolerations.
    core.v1.PodSpec.hostAliases: HostAliases is an optional list of hosts and IPs that will be injected into the pod's hosts file if specified.
    core.v1.PodSpec.priorityClassName: If specified, indicates the pod's priority. "system-node-critical" and "system-cluster-critical" are two special keywords which indicate the highest priorities. Any other name must be defined by creating a PriorityClass object with that name.
    core.v1.PodSpec.priority: The priority value. Various system components use this field to find the priority of the pod. It is populated from PriorityClassName by the Priority admission controller.
    core.v1.PodSpec.dnsConfig: Specifies the DNS parameters of a pod. Parameters specified here will be merged to the generated DNS configuration based on DNSPolicy.
    core.v1.PodSpec.readinessGates: If specified, all readiness gates will be evaluated for pod readiness. A pod is ready when all its containers are ready AND all conditions specified in the readiness gates have status equal to "True".
    core.v1.PodSpec.runtimeClassName: RuntimeClassName refers to a RuntimeClass object in the node.k8s.io group, which should be used to run this pod.
    core.v1.PodSpec.enableServiceLinks: EnableServiceLinks indicates whether information about services should be injected into pod's environment variables, matching the syntax of Docker links. Optional: Defaults to true.
    core.v1.PodSpec.preemptionPolicy: PreemptionPolicy is the Policy for preempting pods with lower priority. One of Never, PreemptLowerPriority. Defaults to PreemptLowerPriority if unset.
    core.v1.PodSpec.overhead: Overhead represents the resource overhead associated with running a pod for a given RuntimeClass.
    core.v1.PodSpec.topologySpreadConstraints: TopologySpreadConstraints describes how a group of pods ought to spread across topology domains. Scheduler will schedule pods in a way which abides by the constraints. All topologySpreadConstraints are ANDed.
    core.v1.PodSpec.setHostnameAsFQDN: If true the pod's hostname will be configured as the pod's FQDN, rather than the leaf name (the default).
    core.v1.PodSpec.os: Specifies the OS of the containers in the pod. Some pod and container fields are restricted if this is set.
    core.v1.PodSpec.hostUsers: Use the host's user namespace. Optional: Default to true. If set to false, a new user namespace is created for the pod.
    core.v1.PodSpec.schedulingGates: SchedulingGates is an opaque list of values that if specified will block scheduling the pod. If schedulingGates is not empty, the pod will stay in the SchedulingGated state and the scheduler will not attempt to schedule the pod.
    core.v1.PodSpec.resourceClaims: ResourceClaims defines which ResourceClaims must be allocated and reserved before the Pod is allowed to start.
    core.v1.PodSpec.resources: Resources is the total amount of CPU and Memory resources required by all containers in the pod.
    core.v1.Container: A single application container that you want to run within a pod.
    core.v1.Container.name: Name of the container specified as a DNS_LABEL. Each container in a pod must have a unique name (DNS_LABEL). Cannot be updated.
    core.v1.Container.image: Container image name. More info: https://kubernetes.io/docs/concepts/containers/images This field is optional to allow higher level config management to default or override container images in workload controllers like Deployments and StatefulSets.
    core.v1.Container.command: Entrypoint array. Not executed within a shell. The container image's ENTRYPOINT is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell
    core.v1.Container.args: Arguments to the entrypoint. The container image's CMD is used if this is not provided. Variable references $(VAR_NAME) are expanded using the container's environment. Cannot be updated. More info: https://kubernetes.io/docs/tasks/inject-data-application/define-command-argument-container/#running-a-command-in-a-shell
    core.v1.Container.workingDir: Container's working directory. If not specified, the container runtime's default will be used, which might be configured in the container image. Cannot be updated.
    core.v1.Container.ports: List of ports to expose from the container. Not specifying a port here DOES NOT prevent that port from being exposed. Any port which is listening on the default "0.0.0.0" address inside a container will be accessible from the network. Cannot be updated.
    core.v1.Container.envFrom: List of sources to populate environment variables in the container. The keys defined within a source must be a C_IDENTIFIER. When a key exists in multiple sources, the value associated with the last source will take precedence. Values defined by an Env with a duplicate key will take precedence. Cannot be updated.
    core.v1.Container.env: List of environment variables to set in the container. Cannot be updated.
    core.v1.Container.resources: Compute Resources required by this container. Cannot be updated. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
    core.v1.Container.resizePolicy: Resources resize policy for the container.
    core.v1.Container.restartPolicy: RestartPolicy defines the restart behavior of individual containers in a pod. This field may only be set for init containers, and the only allowed value is "Always"; such an init container is a "sidecar" that keeps running beside the regular containers.
    core.v1.Container.volumeMounts: Pod volumes to mount into the container's filesystem. Cannot be updated.
    core.v1.Container.volumeDevices: volumeDevices is the list of block devices to be used by the container.
    core.v1.Container.livenessProbe: Periodic probe of container liveness. Container will be restarted if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
    core.v1.Container.readinessProbe: Periodic probe of container service readiness. Container will be removed from service endpoints if the probe fails. Cannot be updated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
    core.v1.Container.startupProbe: StartupProbe indicates that the Pod has successfully initialized. If specified, no other probes are executed until this completes successfully. If this probe fails, the Pod will be restarted, just as if the livenessProbe failed.
    core.v1.Container.lifecycle: Actions that the management system should take in response to container lifecycle events. Cannot be updated.
    core.v1.Container.terminationMessagePath: Optional: Path at which the file to which the container's termination message will be written is mounted into the container's filesystem. Defaults to /dev/termination-log. Cannot be updated.
    core.v1.Container.terminationMessagePolicy: Indicate how the termination message should be populated. File will use the contents of terminationMessagePath to populate the container status message on both success and failure. FallbackToLogsOnError will use the last chunk of container log output if the termination message file is empty and the container exited with an error. Defaults to File. Cannot be updated.
    core.v1.Container.imagePullPolicy: Image pull policy. One of Always, Never, IfNotPresent. Defaults to Always if :latest tag is specified, or IfNotPresent otherwise. Cannot be updated. More info: https://kubernetes.io/docs/concepts/containers/images#updating-images
    core.v1.Container.securityContext: SecurityContext defines the security options the container should be run with. If set, the fields of SecurityContext override the equivalent fields of PodSecurityContext. More info: https://kubernetes.io/docs/tasks/configure-pod-container/security-context/
    core.v1.Container.stdin: Whether this container should allocate a buffer for stdin in the container runtime. If this is not set, reads from stdin in the container will always result in EOF. Default is false.
    core.v1.Container.stdinOnce: Whether the container runtime should close the stdin channel after it has been opened by a single attach. Default is false.
    core.v1.Container.tty: Whether this container should allocate a TTY for itself, also requires 'stdin' to be true. Default is false.
    core.v1.ContainerPort: ContainerPort represents a network port in a single container.
    core.v1.ContainerPort.name: If specified, this must be an IANA_SVC_NAME and unique within the pod. Each named port in a pod must have a unique name. Name for the port that can be referred to by services.
    core.v1.ContainerPort.hostPort: Number of port to expose on the host. If specified, this must be a valid port number, 0 < x < 65536. Most containers do not need this.
    core.v1.ContainerPort.containerPort: Number of port to expose on the pod's IP address. This must be a valid port number, 0 < x < 65536.
    core.v1.ContainerPort.protocol: Protocol for port. Must be UDP, TCP, or SCTP. Defaults to "TCP".
    core.v1.ContainerPort.hostIP: What host IP to bind the external port to.
    core.v1.EnvVar: EnvVar represents an environment variable present in a Container.
    core.v1.EnvVar.name: Name of the environment variable. Must be a C_IDENTIFIER.
    core.v1.EnvVar.value: Variable references $(VAR_NAME) are expanded using the previously defined environment variables in the container and any service environment variables. If a variable cannot be resolved, the reference in the input string will be unchanged. Defaults to "".
    core.v1.EnvVar.valueFrom: Source for the environment variable's value. Cannot be used if value is not empty.
    core.v1.EnvVarSource: EnvVarSource represents a source for the value of an EnvVar.
    core.v1.EnvVarSource.fieldRef: Selects a field of the pod: supports metadata.name, metadata.namespace, `metadata.labels['<KEY>']`, `metadata.annotations['<KEY>']`, spec.nodeName, spec.serviceAccountName, status.hostIP, status.podIP, status.podIPs.
    core.v1.EnvVarSource.resourceFieldRef: Selects a resource of the container: only resources limits and requests (limits.cpu, limits.memory, requests.cpu and requests.memory) are currently supported.
    core.v1.EnvVarSource.configMapKeyRef: Selects a key of a ConfigMap.
    core.v1.EnvVarSource.secretKeyRef: Selects a key of a secret in the pod's namespace
    core.v1.ResourceRequirements: ResourceRequirements describes the compute resource requirements.
    core.v1.ResourceRequirements.limits: Limits describes the maximum amount of compute resources allowed. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
    core.v1.ResourceRequirements.requests: Requests describes the minimum amount of compute resources required. If Requests is omitted for a container, it defaults to Limits if that is explicitly specified, otherwise to an implementation-defined value. Requests cannot exceed Limits. More info: https://kubernetes.io/docs/concepts/configuration/manage-resources-containers/
    core.v1.ResourceRequirements.claims: Claims lists the names of resources, defined in spec.resourceClaims, that are used by this container.
    core.v1.VolumeMount: VolumeMount describes a mounting of a Volume within a container.
    core.v1.VolumeMount.name: This must match the Name of a Volume.
    core.v1.VolumeMount.readOnly: Mounted read-only if true, read-write otherwise (false or unspecified). Defaults to false.
    core.v1.VolumeMount.recursiveReadOnly: RecursiveReadOnly specifies whether read-only mounts should be handled recursively.
    core.v1.VolumeMount.mountPath: Path within the container at which the volume should be mounted. Must not contain ':'.
    core.v1.VolumeMount.subPath: Path within the volume from which the container's volume should be mounted. Defaults to "" (volume's root).
    core.v1.VolumeMount.mountPropagation: mountPropagation determines how mounts are propagated from the host to container and the other way around. When not set, MountPropagationNone is used.
    core.v1.VolumeMount.subPathExpr: Expanded path within the volume from which the container's volume should be mounted. Behaves similarly to SubPath but environment variable references $(VAR_NAME) are expanded using the container's environment. Defaults to "" (volume's root). SubPathExpr and SubPath are mutually exclusive.
    core.v1.Volume: Volume represents a named volume in a pod that may be accessed by any container in the pod.
    core.v1.Volume.name: name of the volume. Must be a DNS_LABEL and unique within the pod. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names/#names
    core.v1.VolumeSource.hostPath: hostPath represents a pre-existing file or directory on the host machine that is directly exposed to the container. More info: https://kubernetes.io/docs/concepts/storage/volumes#hostpath
    core.v1.VolumeSource.emptyDir: emptyDir represents a temporary directory that shares a pod's lifetime. More info: https://kubernetes.io/docs/concepts/storage/volumes#emptydir
    core.v1.VolumeSource.secret: secret represents a secret that should populate this volume. More info: https://kubernetes.io/docs/concepts/storage/volumes#secret
    core.v1.VolumeSource.configMap: configMap represents a configMap that should populate this volume
    core.v1.VolumeSource.persistentVolumeClaim: persistentVolumeClaimVolumeSource represents a reference to a PersistentVolumeClaim in the same namespace. More info: https://kubernetes.io/docs/concepts/storage/persistent-volumes#persistentvolumeclaims
    core.v1.VolumeSource.downwardAPI: downwardAPI represents downward API about the pod that should populate this volume
    core.v1.VolumeSource.projected: projected items for all in one resources secrets, configmaps, and downward API
    core.v1.Probe: Probe describes a health check to be performed against a container to determine whether it is alive or ready to receive traffic.
    core.v1.Probe.initialDelaySeconds: Number of seconds after the container has started before liveness probes are initiated. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#container-probes
    core.v1.Probe.timeoutSeconds: Number of seconds after which the probe times out. Defaults to 1 second. Minimum value is 1.
    core.v1.Probe.periodSeconds: How often (in seconds) to perform the probe. Default to 10 seconds. Minimum value is 1.
    core.v1.Probe.successThreshold: Minimum consecutive successes for the probe to be considered successful after having failed. Defaults to 1. Must be 1 for liveness and startup. Minimum value is 1.
    core.v1.Probe.failureThreshold: Minimum consecutive failures for the probe to be considered failed after having succeeded. Defaults to 3. Minimum value is 1.
    core.v1.Probe.terminationGracePeriodSeconds: Optional duration in seconds the pod needs to terminate gracefully upon probe failure. If this value is nil, the pod's terminationGracePeriodSeconds will be used.
    core.v1.ProbeHandler.exec: Exec specifies a command to execute in the container.
    core.v1.ProbeHandler.httpGet: HTTPGet specifies an HTTP GET request to perform.
    core.v1.ProbeHandler.tcpSocket: TCPSocket specifies a connection to a TCP port.
    core.v1.ProbeHandler.grpc: GRPC specifies a GRPC HealthCheckRequest.
    core.v1.HTTPGetAction: HTTPGetAction describes an action based on HTTP Get requests.
    core.v1.HTTPGetAction.path: Path to access on the HTTP server.
    core.v1.HTTPGetAction.port: Name or number of the port to access on the container. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME.
    core.v1.HTTPGetAction.host: Host name to connect to, defaults to the pod IP. You probably want to set "Host" in httpHeaders instead.
    core.v1.HTTPGetAction.scheme: Scheme to use for connecting to the host. Defaults to HTTP.
    core.v1.HTTPGetAction.httpHeaders: Custom headers to set in the request. HTTP allows repeated headers.
    core.v1.SecurityContext: SecurityContext holds security configuration that will be applied to a container. Some fields are present in both SecurityContext and PodSecurityContext. When both are set, the values in SecurityContext take precedence.
    core.v1.SecurityContext.capabilities: The capabilities to add/drop when running containers. Defaults to the default set of capabilities granted by the container runtime.
    core.v1.SecurityContext.privileged: Run container in privileged mode. Processes in privileged containers are essentially equivalent to root on the host. Defaults to false.
    core.v1.SecurityContext.runAsUser: The UID to run the entrypoint of the container process. Defaults to user specified in image metadata if unspecified.
    core.v1.SecurityContext.runAsGroup: The GID to run the entrypoint of the container process. Uses runtime default if unset.
    core.v1.SecurityContext.runAsNonRoot: Indicates that the container must run as a non-root user. If true, the Kubelet will validate the image at runtime to ensure that it does not run as UID 0 (root) and fail to start the container if it does.
    core.v1.SecurityContext.readOnlyRootFilesystem: Whether this container has a read-only root filesystem. Default is false.
    core.v1.SecurityContext.allowPrivilegeEscalation: AllowPrivilegeEscalation controls whether a process can gain more privileges than its parent process. This bool directly controls if the no_new_privs flag will be set on the container process.
    core.v1.SecurityContext.seccompProfile: The seccomp options to use by this container. If seccomp options are provided at both the pod & container level, the container options override the pod options.
    core.v1.PodTemplateSpec: PodTemplateSpec describes the data a pod should have when created from a template
    core.v1.PodTemplateSpec.metadata: Standard object's metadata. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#metadata
    core.v1.PodTemplateSpec.spec: Specification of the desired behavior of the pod. More info: https://git.k8s.io/community/contributors/devel/sig-architecture/api-conventions.md#spec-and-status
    core.v1.PodStatus: PodStatus represents information about the status of a pod. Status may trail the actual state of a system, especially if the node that hosts the pod cannot contact the control plane.
    core.v1.PodStatus.phase: The phase of a Pod is a simple, high-level summary of where the Pod is in its lifecycle: Pending, Running, Succeeded, Failed or Unknown. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#pod-phase
    core.v1.PodStatus.conditions: Current service state of pod. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#pod-conditions
    core.v1.PodStatus.message: A human readable message indicating details about why the pod is in this condition.
    core.v1.PodStatus.reason: A brief CamelCase message indicating details about why the pod is in this state. e.g. 'Evicted'
    core.v1.PodStatus.hostIP: hostIP holds the IP address of the host to which the pod is assigned. Empty if the pod has not started yet.
    core.v1.PodStatus.podIP: podIP address allocated to the pod. Routable at least within the cluster. Empty if not yet allocated.
    core.v1.PodStatus.podIPs: podIPs holds the IP addresses allocated to the pod. If this field is specified, the 0th entry must match the podIP field.
    core.v1.PodStatus.startTime: RFC 3339 date and time at which the object was acknowledged by the Kubelet. This is before the Kubelet pulled the container image(s) for the pod.
    core.v1.PodStatus.containerStatuses: The list has one entry per container in the manifest. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-lifecycle#pod-and-container-status
    core.v1.PodStatus.initContainerStatuses: The list has one entry per init container in the manifest. The most recent successful init container will have ready = true, the most recently started container will have startTime set.
    core.v1.PodStatus.qosClass: The Quality of Service (QOS) classification assigned to the pod based on resource requirements: Guaranteed, Burstable or BestEffort. More info: https://kubernetes.io/docs/concepts/workloads/pods/pod-qos/#quality-of-service-classes
    meta.v1.ObjectMeta: ObjectMeta is metadata that all persisted resources must have, which includes all objects users must create.
    meta.v1.ObjectMeta.name: Name must be unique within a namespace. Is required when creating resources, although some resources may allow a client to request the generation of an appropriate name automatically. Name is primarily intended for creation idempotence and configuration definition. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/names#names
    meta.v1.ObjectMeta.generateName: GenerateName is an optional prefix, used by the server, to generate a unique name ONLY IF the Name field has not been provided. The server appends a random suffix to the prefix.
    meta.v1.ObjectMeta.namespace: Namespace defines the space within which each name must be unique. An empty namespace is equivalent to the "default" namespace, but "default" is the canonical representation. Not all objects are required to be scoped to a namespace. Cannot be updated. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/namespaces
    meta.v1.ObjectMeta.selfLink: Deprecated: selfLink is a legacy read-only field that is no longer populated by the system.
    meta.v1.ObjectMeta.uid: UID is the unique in time and space value for this object. It is typically generated by the server on successful creation of a resource and is not allowed to change on PUT operations. Populated by the system. Read-only.
    meta.v1.ObjectMeta.resourceVersion: An opaque value that represents the internal version of this object that can be used by clients to determine when objects have changed. May be used for optimistic concurrency, change detection, and the watch operation on a resource or set of resources. Populated by the system. Read-only.
    meta.v1.ObjectMeta.generation: A sequence number representing a specific generation of the desired state. Populated by the system. Read-only.
    meta.v1.ObjectMeta.creationTimestamp: CreationTimestamp is a timestamp representing the server time when this object was created. Populated by the system. Read-only. Null for lists.
    meta.v1.ObjectMeta.deletionTimestamp: DeletionTimestamp is RFC 3339 date and time at which this resource will be deleted. This field is set by the server when a graceful deletion is requested by the user, and is not directly settable by a client. Populated by the system when a graceful deletion is requested. Read-only.
    meta.v1.ObjectMeta.deletionGracePeriodSeconds: Number of seconds allowed for this object to gracefully terminate before it will be removed from the system. Only set when deletionTimestamp is also set. May only be shortened. Read-only.
    meta.v1.ObjectMeta.labels: Map of string keys and values that can be used to organize and categorize (scope and select) objects. May match selectors of replication controllers and services. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/labels
    meta.v1.ObjectMeta.annotations: Annotations is an unstructured key value map stored with a resource that may be set by external tools to store and retrieve arbitrary metadata. They are not queryable and should be preserved when modifying objects. More info: https://kubernetes.io/docs/concepts/overview/working-with-objects/annotations
    meta.v1.ObjectMeta.ownerReferences: List of objects depended by this object. If ALL objects in the list have been deleted, this object will be garbage collected. If this object is managed by a controller, then an entry in this list will point to this controller, with the controller field set to true.
    meta.v1.ObjectMeta.finalizers: Must be empty before the object is deleted from the registry. Each entry is an identifier for the responsible component that will remove the entry from the list. If the deletionTimestamp of the object is non-nil, entries in this list can only be removed.
    meta.v1.ObjectMeta.managedFields: ManagedFields maps workflow-id and version to the set of fields that are managed by that workflow. This is mostly for internal housekeeping, and users typically shouldn't need to set or understand this field.
    meta.v1.LabelSelector: A label selector is a label query over a set of resources. The result of matchLabels and matchExpressions are ANDed. An empty label selector matches all objects. A null label selector matches no objects.
    meta.v1.LabelSelector.matchLabels: matchLabels is a map of {key,value} pairs. A single {key,value} in the matchLabels map is equivalent to an element of matchExpressions, whose key field is "key", the operator is "In", and the values array contains only "value". The requirements are ANDed.
    meta.v1.LabelSelector.matchExpressions: matchExpressions is a list of label selector requirements. The requirements are ANDed.
    apps.v1.Deployment: Deployment enables declarative updates for Pods and ReplicaSets.
    apps.v1.Deployment.spec: Specification of the desired behavior of the Deployment.
    apps.v1.Deployment.status: Most recently observed status of the Deployment.
    apps.v1.DeploymentSpec: DeploymentSpec is the specification of the desired behavior of the Deployment.
    apps.v1.DeploymentSpec.replicas: Number of desired pods. This is a pointer to distinguish between explicit zero and not specified. Defaults to 1.
    apps.v1.DeploymentSpec.selector: Label selector for pods. Existing ReplicaSets whose pods are selected by this will be the ones affected by this deployment. It must match the pod template's labels.
    apps.v1.DeploymentSpec.template: Template describes the pods that will be created. The only allowed template.spec.restartPolicy value is "Always".
    apps.v1.DeploymentSpec.strategy: The deployment strategy to use to replace existing pods with new ones.
    apps.v1.DeploymentSpec.minReadySeconds: Minimum number of seconds for which a newly created pod should be ready without any of its container crashing, for it to be considered available. Defaults to 0 (pod will be considered available as soon as it is ready)
    apps.v1.DeploymentSpec.revisionHistoryLimit: The number of old ReplicaSets to retain to allow rollback. This is a pointer to distinguish between explicit zero and not specified. Defaults to 10.
    apps.v1.DeploymentSpec.paused: Indicates that the deployment is paused.
    apps.v1.DeploymentSpec.progressDeadlineSeconds: The maximum time in seconds for a deployment to make progress before it is considered to be failed. The deployment controller will continue to process failed deployments and a condition with a ProgressDeadlineExceeded reason will be surfaced in the deployment status. Defaults to 600s.
    apps.v1.DeploymentStrategy: DeploymentStrategy describes how to replace existing pods with new ones.
    apps.v1.DeploymentStrategy.type: Type of deployment. Can be "Recreate" or "RollingUpdate". Default is RollingUpdate.
    apps.v1.DeploymentStrategy.rollingUpdate: Rolling update config params. Present only if DeploymentStrategyType = RollingUpdate.
    apps.v1.RollingUpdateDeployment.maxUnavailable: The maximum number of pods that can be unavailable during the update. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Defaults to 25%.
    apps.v1.RollingUpdateDeployment.maxSurge: The maximum number of pods that can be scheduled above the desired number of pods. Value can be an absolute number (ex: 5) or a percentage of desired pods (ex: 10%). Defaults to 25%.
    apps.v1.ReplicaSet: ReplicaSet ensures that a specified number of pod replicas are running at any given time.
    apps.v1.ReplicaSetSpec.replicas: Replicas is the number of desired pods. Defaults to 1.
    apps.v1.ReplicaSetSpec.selector: Selector is a label query over pods that should match the replica count. Label keys and values that must match in order to be controlled by this replica set. It must match the pod template's labels.
    apps.v1.ReplicaSetSpec.template: Template is the object that describes the pod that will be created if insufficient replicas are detected.
    apps.v1.DaemonSet: DaemonSet represents the configuration of a daemon set.
    apps.v1.DaemonSetSpec.selector: A label query over pods that are managed by the daemon set. Must match in order to be controlled. It must match the pod template's labels.
    apps.v1.DaemonSetSpec.template: An object that describes the pod that will be created. The DaemonSet will create exactly one copy of this pod on every node that matches the template's node selector (or on every node if no node selector is specified).
    apps.v1.StatefulSet: StatefulSet represents a set of pods with consistent identities: network names and storage that persist across rescheduling.
    apps.v1.StatefulSetSpec.replicas: replicas is the desired number of replicas of the given Template. Defaults to 1.
    apps.v1.StatefulSetSpec.serviceName: serviceName is the name of the service that governs this StatefulSet. Pods get DNS/hostnames that follow the pattern: pod-specific-string.serviceName.default.svc.cluster.local
    apps.v1.StatefulSetSpec.template: template is the object that describes the pod that will be created if insufficient replicas are detected. Each pod stamped out by the StatefulSet will fulfill this Template, but have a unique identity from the rest of the StatefulSet.
    apps.v1.StatefulSetSpec.volumeClaimTemplates: volumeClaimTemplates is a list of claims that pods are allowed to reference. Every claim in this list must have at least one matching (by name) volumeMount in one container in the template.
    batch.v1.Job: Job represents the configuration of a single job.
    batch.v1.JobSpec.parallelism: Specifies the maximum desired number of pods the job should run at any given time.
    batch.v1.JobSpec.completions: Specifies the desired number of successfully finished pods the job should be run with. Setting to null means that the success of any pod signals the success of all pods.
    batch.v1.JobSpec.backoffLimit: Specifies the number of retries before marking this job failed. Defaults to 6.
    batch.v1.JobSpec.template: Describes the pod that will be created when executing a job. The only allowed template.spec.restartPolicy values are "Never" or "OnFailure".
    batch.v1.JobSpec.ttlSecondsAfterFinished: ttlSecondsAfterFinished limits the lifetime of a Job that has finished execution (either Complete or Failed). After the TTL expires the Job is eligible to be automatically deleted.
    batch.v1.CronJob: CronJob represents the configuration of a single cron job.
    batch.v1.CronJobSpec.schedule: The schedule in Cron format, see https://en.wikipedia.org/wiki/Cron.
    batch.v1.CronJobSpec.jobTemplate: Specifies the job that will be created when executing a CronJob.
    batch.v1.CronJobSpec.concurrencyPolicy: Specifies how to treat concurrent executions of a Job: Allow (default), Forbid or Replace.
    batch.v1.CronJobSpec.suspend: This flag tells the controller to suspend subsequent executions; it does not apply to already started executions. Defaults to false.
    core.v1.Service: Service is a named abstraction of software service (for example, mysql) consisting of local port (for example 3306) that the proxy listens on, and the selector that determines which pods will answer requests sent through the proxy.
    core.v1.ServiceSpec: ServiceSpec describes the attributes that a user creates on a service.
    core.v1.ServiceSpec.ports: The list of ports that are exposed by this service. More info: https://kubernetes.io/docs/concepts/services-networking/service/#virtual-ips-and-service-proxies
    core.v1.ServiceSpec.selector: Route service traffic to pods with label keys and values matching this selector. If empty or not present, the service is assumed to have an external process managing its endpoints, which Kubernetes will not modify.
    core.v1.ServiceSpec.clusterIP: clusterIP is the IP address of the service and is usually assigned randomly. If an address is specified manually, is in-range, and is not in use, it will be allocated to the service; otherwise creation of the service will fail. "None" makes a headless service.
    core.v1.ServiceSpec.clusterIPs: ClusterIPs is a list of IP addresses assigned to this service, and are usually assigned randomly. The first entry must match clusterIP.
    core.v1.ServiceSpec.type: type determines how the Service is exposed. Defaults to ClusterIP. Valid options are ExternalName, ClusterIP, NodePort, and LoadBalancer.
    core.v1.ServiceSpec.externalIPs: externalIPs is a list of IP addresses for which nodes in the cluster will also accept traffic for this service. These IPs are not managed by Kubernetes.
    core.v1.ServiceSpec.sessionAffinity: Supports "ClientIP" and "None". Used to maintain session affinity. Enable client IP based session affinity. Must be ClientIP or None. Defaults to None.
    core.v1.ServiceSpec.externalName: externalName is the external reference that discovery mechanisms will return as an alias for this service (e.g. a DNS CNAME record). Requires type to be "ExternalName".
    core.v1.ServiceSpec.externalTrafficPolicy: externalTrafficPolicy describes how nodes distribute service traffic they receive on one of the Service's "externally-facing" addresses (NodePorts, ExternalIPs, and LoadBalancer IPs): Cluster or Local.
    core.v1.ServiceSpec.internalTrafficPolicy: InternalTrafficPolicy describes how nodes distribute service traffic they receive on the ClusterIP: Cluster or Local.
    core.v1.ServiceSpec.ipFamilies: IPFamilies is a list of IP families (e.g. IPv4, IPv6) assigned to this service.
    core.v1.ServiceSpec.ipFamilyPolicy: IPFamilyPolicy represents the dual-stack-ness requested or required by this Service: SingleStack, PreferDualStack or RequireDualStack.
    core.v1.ServicePort: ServicePort contains information on service's port.
    core.v1.ServicePort.name: The name of this port within the service. This must be a DNS_LABEL. All ports within a ServiceSpec must have unique names. Optional if only one ServicePort is defined on this service.
    core.v1.ServicePort.protocol: The IP protocol for this port. Supports "TCP", "UDP", and "SCTP". Default is TCP.
    core.v1.ServicePort.appProtocol: The application protocol for this port. This is used as a hint for implementations to offer richer behavior for protocols that they understand.
    core.v1.ServicePort.port: The port that will be exposed by this service.
    core.v1.ServicePort.targetPort: Number or name of the port to access on the pods targeted by the service. Number must be in the range 1 to 65535. Name must be an IANA_SVC_NAME. If this is a string, it will be looked up as a named port in the target Pod's container ports. Defaults to the value of the 'port' field.
    core.v1.ServicePort.nodePort: The port on each node on which this service is exposed when type is NodePort or LoadBalancer. Usually assigned by the system from the node port range.
    core.v1.ConfigMap: ConfigMap holds configuration data for pods to consume.
    core.v1.ConfigMap.data: Data contains the configuration data. Each key must consist of alphanumeric characters, '-', '_' or '.'. Values with non-UTF-8 byte sequences must use the BinaryData field.
    core.v1.ConfigMap.binaryData: BinaryData contains the binary data. Each key must consist of alphanumeric characters, '-', '_' or '.'. BinaryData can contain byte sequences that are not in the UTF-8 range.
    core.v1.ConfigMap.immutable: Immutable, if set to true, ensures that data stored in the ConfigMap cannot be updated (only object metadata can be modified). If not set to true, the field can be modified at any time. Defaulted to nil.
    core.v1.Secret: Secret holds secret data of a certain type. The total bytes of the values in the Data field must be less than MaxSecretSize bytes.
    core.v1.Secret.data: Data contains the secret data. Each key must consist of alphanumeric characters, '-', '_' or '.'. The serialized form of the secret data is a base64 encoded string.
    core.v1.Secret.stringData: stringData allows specifying non-binary secret data in string form. It is provided as a write-only input field for convenience. All keys and values are merged into the data field on write, overwriting any existing values. The stringData field is never output when reading from the API.
    core.v1.Secret.type: Used to facilitate programmatic handling of secret data. More info: https://kubernetes.io/docs/concepts/configuration/secret/#secret-types
    core.v1.Namespace: Namespace provides a scope for Names. Use of multiple namespaces is optional.
    core.v1.Node: Node is a worker node in Kubernetes. Each node will have a unique identifier in the cache (i.e. in etcd).
    core.v1.ServiceAccount: ServiceAccount binds together: a name, understood by users, and perhaps by peripheral systems, for an identity; a principal that can be authenticated and authorized; a set of secrets.
    core.v1.Event: Event is a report of an event somewhere in the cluster.
    coordination.v1.Lease: Lease defines a lease concept.
    discovery.v1.EndpointSlice: EndpointSlice represents a subset of the endpoints that implement a service.
    """#
}
