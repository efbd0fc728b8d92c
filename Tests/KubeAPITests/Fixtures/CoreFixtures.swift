let serviceFixture = #"""
{
  "apiVersion": "v1",
  "kind": "Service",
  "metadata": {"name": "web", "namespace": "default", "uid": "22222222-0000-0000-0000-000000000001", "resourceVersion": "301",
    "creationTimestamp": "2024-01-02T03:04:05Z", "labels": {"app": "web"}},
  "spec": {
    "ports": [
      {"name": "http", "protocol": "TCP", "appProtocol": "http", "port": 80, "targetPort": "http", "nodePort": 30080},
      {"name": "metrics", "protocol": "TCP", "port": 9100, "targetPort": 9100, "nodePort": 30091}
    ],
    "selector": {"app": "web"},
    "clusterIP": "10.96.12.34",
    "clusterIPs": ["10.96.12.34", "fd00:10:96::1234"],
    "type": "LoadBalancer",
    "externalIPs": ["192.0.2.10"],
    "sessionAffinity": "ClientIP",
    "loadBalancerSourceRanges": ["203.0.113.0/24"],
    "externalTrafficPolicy": "Local",
    "healthCheckNodePort": 32000,
    "publishNotReadyAddresses": true,
    "sessionAffinityConfig": {"clientIP": {"timeoutSeconds": 10800}},
    "ipFamilies": ["IPv4", "IPv6"],
    "ipFamilyPolicy": "PreferDualStack",
    "allocateLoadBalancerNodePorts": true,
    "loadBalancerClass": "example.com/lb",
    "internalTrafficPolicy": "Cluster",
    "trafficDistribution": "PreferClose"
  },
  "status": {
    "loadBalancer": {"ingress": [{"ip": "198.51.100.7", "ipMode": "VIP", "ports": [{"port": 80, "protocol": "TCP"}]},
      {"hostname": "lb.example.com", "ports": [{"port": 9100, "protocol": "TCP", "error": "Pending"}]}]},
    "conditions": [{"type": "LoadBalancerReady", "status": "True", "observedGeneration": 1,
      "lastTransitionTime": "2024-01-02T03:04:10Z", "reason": "Provisioned", "message": ""}]
  }
}
"""#

/// `c2VjcmV0` is "secret"; `AAH/` is the bytes 00 01 FF (not UTF-8).
let secretFixture = #"""
{
  "apiVersion": "v1",
  "kind": "Secret",
  "metadata": {"name": "db", "namespace": "default", "uid": "33333333-0000-0000-0000-000000000001", "resourceVersion": "9",
    "creationTimestamp": "2024-01-02T03:04:05Z"},
  "immutable": true,
  "data": {"password": "c2VjcmV0", "binary": "AAH/", "empty": ""},
  "type": "Opaque"
}
"""#

let nodeFixture = #"""
{
  "apiVersion": "v1",
  "kind": "Node",
  "metadata": {"name": "node-1", "uid": "44444444-0000-0000-0000-000000000001", "resourceVersion": "5000",
    "creationTimestamp": "2024-01-01T00:00:00Z",
    "labels": {"kubernetes.io/hostname": "node-1", "kubernetes.io/os": "linux", "node-role.kubernetes.io/control-plane": ""},
    "annotations": {"node.alpha.kubernetes.io/ttl": "0"}},
  "spec": {
    "podCIDR": "10.244.0.0/24", "podCIDRs": ["10.244.0.0/24", "fd00:10:244::/64"], "providerID": "kubeswift://node-1",
    "unschedulable": true,
    "taints": [{"key": "node-role.kubernetes.io/control-plane", "effect": "NoSchedule"},
      {"key": "node.kubernetes.io/unschedulable", "effect": "NoSchedule", "timeAdded": "2024-01-02T00:00:00Z"},
      {"key": "dedicated", "value": "web", "effect": "NoExecute"}]
  },
  "status": {
    "capacity": {"cpu": "2", "ephemeral-storage": "20Gi", "hugepages-2Mi": "0", "memory": "4028548Ki", "pods": "110"},
    "allocatable": {"cpu": "1900m", "ephemeral-storage": "18Gi", "hugepages-2Mi": "0", "memory": "3926148Ki", "pods": "110"},
    "conditions": [
      {"type": "MemoryPressure", "status": "False", "lastHeartbeatTime": "2024-01-02T03:04:05Z", "lastTransitionTime": "2024-01-01T00:00:10Z",
       "reason": "KubeletHasSufficientMemory", "message": "kubelet has sufficient memory available"},
      {"type": "Ready", "status": "True", "lastHeartbeatTime": "2024-01-02T03:04:05Z", "lastTransitionTime": "2024-01-01T00:00:30Z",
       "reason": "KubeletReady", "message": "kubelet is posting ready status"}
    ],
    "addresses": [{"type": "InternalIP", "address": "192.168.1.10"}, {"type": "Hostname", "address": "node-1"}],
    "daemonEndpoints": {"kubeletEndpoint": {"Port": 10250}},
    "nodeInfo": {"machineID": "0123456789abcdef", "systemUUID": "abcd-ef01", "bootID": "b00t-1d",
      "kernelVersion": "6.1.0-18-amd64", "osImage": "Debian GNU/Linux 12 (bookworm)", "containerRuntimeVersion": "kubeswift://0.1.0",
      "kubeletVersion": "v1.33.0", "kubeProxyVersion": "", "operatingSystem": "linux", "architecture": "amd64",
      "swap": {"capacity": 0}},
    "images": [{"names": ["docker.io/library/busybox@sha256:9999", "docker.io/library/busybox:1.36"], "sizeBytes": 2150000},
      {"names": ["registry.k8s.io/pause:3.10"], "sizeBytes": 320368}],
    "volumesInUse": ["kubernetes.io/csi/driver^vol-1"],
    "volumesAttached": [{"name": "kubernetes.io/csi/driver^vol-1", "devicePath": ""}],
    "runtimeHandlers": [{"name": "runc", "features": {"recursiveReadOnlyMounts": true, "userNamespaces": false}}, {"name": ""}],
    "features": {"supplementalGroupsPolicy": true}
  }
}
"""#

/// A core/v1 Event from the kubelet (old-style fields) and one from the events/v1 world
/// mirrored into core/v1 (eventTime, series, reporting fields), as a list.
let eventListFixture = #"""
{
  "apiVersion": "v1",
  "kind": "EventList",
  "metadata": {"resourceVersion": "9999", "continue": "eyJ2IjoibWV0YS5rOHMuaW8vdjEifQ", "remainingItemCount": 12},
  "items": [
    {
      "metadata": {"name": "web-7d4b9c8f6-x2k9p.17a1b2c3d4e5f6a7", "namespace": "default", "uid": "55555555-0000-0000-0000-000000000001",
        "resourceVersion": "9001", "creationTimestamp": "2024-01-02T03:04:09Z"},
      "involvedObject": {"kind": "Pod", "namespace": "default", "name": "web-7d4b9c8f6-x2k9p", "uid": "5b1c2a3e-1111-4c2d-9e8f-0a1b2c3d4e5f",
        "apiVersion": "v1", "resourceVersion": "123456", "fieldPath": "spec.containers{web}"},
      "reason": "Pulled",
      "message": "Container image \"registry.example.com/web:1.2.3\" already present on machine",
      "source": {"component": "kubelet", "host": "node-1"},
      "firstTimestamp": "2024-01-02T03:04:09Z",
      "lastTimestamp": "2024-01-02T03:14:09Z",
      "count": 3,
      "type": "Normal",
      "eventTime": null,
      "reportingComponent": "kubelet",
      "reportingInstance": "node-1"
    },
    {
      "metadata": {"name": "web.17a1b2c3d4e5f6a8", "namespace": "default", "uid": "55555555-0000-0000-0000-000000000002",
        "resourceVersion": "9002", "creationTimestamp": "2024-01-02T03:04:05Z"},
      "involvedObject": {"kind": "Deployment", "namespace": "default", "name": "web", "apiVersion": "apps/v1"},
      "reason": "ScalingReplicaSet",
      "message": "Scaled up replica set web-7d4b9c8f6 to 3",
      "source": {},
      "firstTimestamp": null,
      "lastTimestamp": null,
      "type": "Normal",
      "eventTime": "2024-01-02T03:04:05.123456Z",
      "series": {"count": 2, "lastObservedTime": "2024-01-02T03:05:05.000001Z"},
      "action": "ScaleUp",
      "related": {"kind": "ReplicaSet", "namespace": "default", "name": "web-7d4b9c8f6"},
      "reportingComponent": "deployment-controller",
      "reportingInstance": ""
    }
  ]
}
"""#
