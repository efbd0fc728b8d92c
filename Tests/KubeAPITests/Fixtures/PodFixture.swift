/// A running pod as the apiserver returns it (`kubectl get pod -o json`), with most of what a
/// user writes in a PodSpec and what the kubelet reports in PodStatus.
let podFixture = #"""
{
  "apiVersion": "v1",
  "kind": "Pod",
  "metadata": {
    "name": "web-7d4b9c8f6-x2k9p",
    "generateName": "web-7d4b9c8f6-",
    "namespace": "default",
    "uid": "5b1c2a3e-1111-4c2d-9e8f-0a1b2c3d4e5f",
    "resourceVersion": "123456",
    "generation": 1,
    "creationTimestamp": "2024-01-02T03:04:05Z",
    "labels": {"app": "web", "pod-template-hash": "7d4b9c8f6"},
    "annotations": {"kubectl.kubernetes.io/restartedAt": "2024-01-01T00:00:00Z"},
    "ownerReferences": [
      {"apiVersion": "apps/v1", "kind": "ReplicaSet", "name": "web-7d4b9c8f6",
       "uid": "9f8e7d6c-2222-4b3a-8c7d-6e5f4a3b2c1d", "controller": true, "blockOwnerDeletion": true}
    ],
    "finalizers": ["example.com/cleanup"],
    "managedFields": [
      {"manager": "kube-controller-manager", "operation": "Update", "apiVersion": "v1",
       "time": "2024-01-02T03:04:05Z", "fieldsType": "FieldsV1",
       "fieldsV1": {"f:metadata": {"f:labels": {".": {}, "f:app": {}}}, "f:spec": {"f:containers": {"k:{\"name\":\"web\"}": {}}}}},
      {"manager": "kubelet", "operation": "Update", "apiVersion": "v1", "time": "2024-01-02T03:04:09Z",
       "fieldsType": "FieldsV1", "fieldsV1": {"f:status": {"f:phase": {}}}, "subresource": "status"}
    ]
  },
  "spec": {
    "volumes": [
      {"name": "cache", "emptyDir": {"medium": "Memory", "sizeLimit": "64Mi"}},
      {"name": "host-logs", "hostPath": {"path": "/var/log", "type": "Directory"}},
      {"name": "config", "configMap": {"name": "web-config", "items": [{"key": "app.conf", "path": "app.conf", "mode": 420}], "defaultMode": 420, "optional": false}},
      {"name": "tls", "secret": {"secretName": "web-tls", "defaultMode": 256}},
      {"name": "podinfo", "downwardAPI": {"items": [
        {"path": "labels", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.labels"}},
        {"path": "cpu_limit", "resourceFieldRef": {"containerName": "web", "resource": "limits.cpu", "divisor": "1m"}}
      ], "defaultMode": 420}},
      {"name": "kube-api-access-abcde", "projected": {"sources": [
        {"serviceAccountToken": {"expirationSeconds": 3607, "path": "token"}},
        {"serviceAccountToken": {"audience": "vault", "expirationSeconds": 600, "path": "vault-token"}},
        {"configMap": {"name": "kube-root-ca.crt", "items": [{"key": "ca.crt", "path": "ca.crt"}]}},
        {"downwardAPI": {"items": [{"path": "namespace", "fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.namespace"}}]}},
        {"secret": {"name": "extra", "optional": true}}
      ], "defaultMode": 420}},
      {"name": "data", "persistentVolumeClaim": {"claimName": "web-data", "readOnly": true}},
      {"name": "shared", "nfs": {"server": "10.0.0.5", "path": "/exports/shared", "readOnly": true}},
      {"name": "scratch", "ephemeral": {"volumeClaimTemplate": {
        "metadata": {"creationTimestamp": null, "labels": {"type": "scratch"}},
        "spec": {"accessModes": ["ReadWriteOnce"], "resources": {"requests": {"storage": "1Gi"}}, "storageClassName": "local",
                 "volumeMode": "Filesystem"}}}},
      {"name": "legacy", "iscsi": {"targetPortal": "10.0.0.1:3260", "iqn": "iqn.2001-04.com.example:storage", "lun": 0, "fsType": "ext4"}},
      {"name": "csi-inline", "csi": {"driver": "inline.storage.example.com", "readOnly": true, "volumeAttributes": {"size": "1Gi"},
        "nodePublishSecretRef": {"name": "csi-secret"}}},
      {"name": "tools", "image": {"reference": "registry.example.com/tools:1", "pullPolicy": "IfNotPresent"}}
    ],
    "initContainers": [
      {"name": "migrate", "image": "registry.example.com/web:1.2.3", "command": ["/bin/migrate"], "args": ["--up"],
       "resources": {}, "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
       "imagePullPolicy": "IfNotPresent"},
      {"name": "log-shipper", "image": "busybox:1.36", "command": ["sh", "-c", "tail -F /var/log/app.log"],
       "resources": {"requests": {"cpu": "10m"}}, "restartPolicy": "Always",
       "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "FallbackToLogsOnError",
       "imagePullPolicy": "IfNotPresent"}
    ],
    "containers": [
      {
        "name": "web",
        "image": "registry.example.com/web:1.2.3",
        "command": ["/bin/web"],
        "args": ["--port=8080"],
        "workingDir": "/srv",
        "ports": [
          {"name": "http", "containerPort": 8080, "protocol": "TCP"},
          {"name": "metrics", "hostPort": 9100, "containerPort": 9100, "protocol": "TCP", "hostIP": "127.0.0.1"}
        ],
        "envFrom": [{"prefix": "CFG_", "configMapRef": {"name": "web-env"}}, {"secretRef": {"name": "web-secrets", "optional": true}}],
        "env": [
          {"name": "MODE", "value": "production"},
          {"name": "POD_NAME", "valueFrom": {"fieldRef": {"apiVersion": "v1", "fieldPath": "metadata.name"}}},
          {"name": "DB_PASSWORD", "valueFrom": {"secretKeyRef": {"name": "db", "key": "password"}}},
          {"name": "FEATURES", "valueFrom": {"configMapKeyRef": {"name": "web-config", "key": "features", "optional": true}}},
          {"name": "MEM_LIMIT", "valueFrom": {"resourceFieldRef": {"containerName": "web", "resource": "limits.memory", "divisor": "1Mi"}}}
        ],
        "resources": {"limits": {"cpu": "500m", "memory": "256Mi"}, "requests": {"cpu": "250m", "memory": "128Mi"}},
        "resizePolicy": [{"resourceName": "cpu", "restartPolicy": "NotRequired"}],
        "volumeMounts": [
          {"name": "config", "readOnly": true, "mountPath": "/etc/web"},
          {"name": "cache", "mountPath": "/cache", "subPath": "web", "mountPropagation": "None"},
          {"name": "kube-api-access-abcde", "readOnly": true, "mountPath": "/var/run/secrets/kubernetes.io/serviceaccount"}
        ],
        "livenessProbe": {"httpGet": {"path": "/healthz", "port": "http", "scheme": "HTTP", "httpHeaders": [{"name": "X-Probe", "value": "1"}]},
                          "initialDelaySeconds": 5, "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3},
        "readinessProbe": {"tcpSocket": {"port": 8080}, "timeoutSeconds": 1, "periodSeconds": 5, "successThreshold": 1, "failureThreshold": 3},
        "startupProbe": {"exec": {"command": ["cat", "/tmp/started"]}, "timeoutSeconds": 1, "periodSeconds": 2, "successThreshold": 1,
                         "failureThreshold": 30, "terminationGracePeriodSeconds": 10},
        "lifecycle": {
          "postStart": {"exec": {"command": ["/bin/warmup"]}},
          "preStop": {"sleep": {"seconds": 5}}
        },
        "terminationMessagePath": "/dev/termination-log",
        "terminationMessagePolicy": "File",
        "imagePullPolicy": "Always",
        "securityContext": {
          "capabilities": {"add": ["NET_BIND_SERVICE"], "drop": ["ALL"]},
          "privileged": false,
          "runAsUser": 1000,
          "runAsGroup": 1000,
          "runAsNonRoot": true,
          "readOnlyRootFilesystem": true,
          "allowPrivilegeEscalation": false,
          "seccompProfile": {"type": "RuntimeDefault"}
        },
        "stdin": true,
        "tty": true
      },
      {
        "name": "grpc-sidecar",
        "image": "registry.example.com/sidecar:0.1",
        "resources": {"limits": {"memory": "64Mi"}},
        "livenessProbe": {"grpc": {"port": 9090, "service": ""}, "timeoutSeconds": 1, "periodSeconds": 10, "successThreshold": 1, "failureThreshold": 3},
        "lifecycle": {"preStop": {"httpGet": {"path": "/drain", "port": 9091, "host": "127.0.0.1", "scheme": "HTTP"}}},
        "terminationMessagePath": "/dev/termination-log",
        "terminationMessagePolicy": "File",
        "imagePullPolicy": "IfNotPresent",
        "securityContext": {"procMount": "Default", "seLinuxOptions": {"level": "s0:c123,c456"}, "appArmorProfile": {"type": "Localhost", "localhostProfile": "k8s-sidecar"}}
      }
    ],
    "ephemeralContainers": [
      {"name": "debugger-abc", "image": "busybox:1.36", "resources": {}, "terminationMessagePath": "/dev/termination-log",
       "terminationMessagePolicy": "File", "imagePullPolicy": "IfNotPresent", "stdin": true, "tty": true, "targetContainerName": "web"}
    ],
    "restartPolicy": "Always",
    "terminationGracePeriodSeconds": 30,
    "activeDeadlineSeconds": 86400,
    "dnsPolicy": "None",
    "nodeSelector": {"kubernetes.io/os": "linux"},
    "serviceAccountName": "web",
    "serviceAccount": "web",
    "automountServiceAccountToken": true,
    "nodeName": "node-1",
    "hostNetwork": false,
    "hostPID": false,
    "hostIPC": false,
    "shareProcessNamespace": true,
    "securityContext": {
      "runAsUser": 1000,
      "runAsGroup": 3000,
      "runAsNonRoot": true,
      "supplementalGroups": [4000, 5000],
      "supplementalGroupsPolicy": "Merge",
      "fsGroup": 2000,
      "fsGroupChangePolicy": "OnRootMismatch",
      "sysctls": [{"name": "net.ipv4.ip_unprivileged_port_start", "value": "0"}],
      "seccompProfile": {"type": "Localhost", "localhostProfile": "profiles/web.json"}
    },
    "imagePullSecrets": [{"name": "regcred"}],
    "hostname": "web-0",
    "subdomain": "web-headless",
    "affinity": {
      "nodeAffinity": {
        "requiredDuringSchedulingIgnoredDuringExecution": {"nodeSelectorTerms": [
          {"matchExpressions": [{"key": "topology.kubernetes.io/zone", "operator": "In", "values": ["a", "b"]}]},
          {"matchFields": [{"key": "metadata.name", "operator": "NotIn", "values": ["node-9"]}]}
        ]},
        "preferredDuringSchedulingIgnoredDuringExecution": [
          {"weight": 10, "preference": {"matchExpressions": [{"key": "disk", "operator": "Exists"}]}}
        ]
      },
      "podAffinity": {
        "requiredDuringSchedulingIgnoredDuringExecution": [
          {"labelSelector": {"matchLabels": {"app": "cache"}}, "topologyKey": "kubernetes.io/hostname", "namespaces": ["default"]}
        ]
      },
      "podAntiAffinity": {
        "preferredDuringSchedulingIgnoredDuringExecution": [
          {"weight": 100, "podAffinityTerm": {"labelSelector": {"matchExpressions": [{"key": "app", "operator": "In", "values": ["web"]}]},
           "topologyKey": "kubernetes.io/hostname", "namespaceSelector": {}, "matchLabelKeys": ["pod-template-hash"]}}
        ]
      }
    },
    "schedulerName": "default-scheduler",
    "tolerations": [
      {"key": "node.kubernetes.io/not-ready", "operator": "Exists", "effect": "NoExecute", "tolerationSeconds": 300},
      {"key": "dedicated", "operator": "Equal", "value": "web", "effect": "NoSchedule"}
    ],
    "hostAliases": [{"ip": "10.1.2.3", "hostnames": ["db.local", "db"]}],
    "priorityClassName": "high",
    "priority": 1000,
    "dnsConfig": {"nameservers": ["10.96.0.10"], "searches": ["default.svc.cluster.local", "svc.cluster.local"],
                  "options": [{"name": "ndots", "value": "2"}, {"name": "edns0"}]},
    "readinessGates": [{"conditionType": "example.com/ready"}],
    "runtimeClassName": "runc",
    "enableServiceLinks": true,
    "preemptionPolicy": "PreemptLowerPriority",
    "overhead": {"cpu": "10m"},
    "topologySpreadConstraints": [
      {"maxSkew": 1, "topologyKey": "topology.kubernetes.io/zone", "whenUnsatisfiable": "DoNotSchedule",
       "labelSelector": {"matchLabels": {"app": "web"}}, "minDomains": 2, "nodeAffinityPolicy": "Honor",
       "nodeTaintsPolicy": "Ignore", "matchLabelKeys": ["pod-template-hash"]}
    ],
    "setHostnameAsFQDN": false,
    "os": {"name": "linux"},
    "hostUsers": true,
    "schedulingGates": [{"name": "example.com/quota"}]
  },
  "status": {
    "phase": "Running",
    "conditions": [
      {"type": "PodReadyToStartContainers", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2024-01-02T03:04:07Z"},
      {"type": "Initialized", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2024-01-02T03:04:08Z"},
      {"type": "Ready", "status": "False", "lastProbeTime": null, "lastTransitionTime": "2024-01-02T03:05:00Z",
       "reason": "ContainersNotReady", "message": "containers with unready status: [grpc-sidecar]"},
      {"type": "PodScheduled", "status": "True", "lastProbeTime": null, "lastTransitionTime": "2024-01-02T03:04:05Z"}
    ],
    "hostIP": "192.168.1.10",
    "hostIPs": [{"ip": "192.168.1.10"}],
    "podIP": "10.244.0.17",
    "podIPs": [{"ip": "10.244.0.17"}, {"ip": "fd00:10:244::11"}],
    "startTime": "2024-01-02T03:04:05Z",
    "initContainerStatuses": [
      {"name": "migrate", "state": {"terminated": {"exitCode": 0, "reason": "Completed", "startedAt": "2024-01-02T03:04:06Z",
        "finishedAt": "2024-01-02T03:04:07Z", "containerID": "containerd://aaaa"}},
       "lastState": {}, "ready": true, "restartCount": 0, "image": "registry.example.com/web:1.2.3",
       "imageID": "registry.example.com/web@sha256:0123", "containerID": "containerd://aaaa", "started": false}
    ],
    "containerStatuses": [
      {"name": "web", "state": {"running": {"startedAt": "2024-01-02T03:04:09Z"}},
       "lastState": {"terminated": {"exitCode": 137, "signal": 9, "reason": "OOMKilled", "message": "out of memory",
         "startedAt": "2024-01-02T03:04:08Z", "finishedAt": "2024-01-02T03:04:08Z", "containerID": "containerd://bbbb"}},
       "ready": true, "restartCount": 1, "image": "registry.example.com/web:1.2.3",
       "imageID": "registry.example.com/web@sha256:0123", "containerID": "containerd://cccc", "started": true,
       "allocatedResources": {"cpu": "250m", "memory": "128Mi"},
       "resources": {"limits": {"cpu": "500m", "memory": "256Mi"}, "requests": {"cpu": "250m", "memory": "128Mi"}},
       "volumeMounts": [{"name": "config", "mountPath": "/etc/web", "readOnly": true, "recursiveReadOnly": "Disabled"}],
       "user": {"linux": {"uid": 1000, "gid": 3000, "supplementalGroups": [3000, 4000, 5000]}}},
      {"name": "grpc-sidecar", "state": {"waiting": {"reason": "CrashLoopBackOff", "message": "back-off 10s restarting failed container"}},
       "lastState": {"terminated": {"exitCode": 1, "reason": "Error", "startedAt": null, "finishedAt": "2024-01-02T03:04:59Z"}},
       "ready": false, "restartCount": 3, "image": "registry.example.com/sidecar:0.1", "imageID": "", "started": false}
    ],
    "ephemeralContainerStatuses": [
      {"name": "debugger-abc", "state": {"running": {"startedAt": "2024-01-02T04:00:00Z"}}, "lastState": {},
       "ready": false, "restartCount": 0, "image": "busybox:1.36", "imageID": "docker.io/library/busybox@sha256:9999",
       "containerID": "containerd://dddd"}
    ],
    "qosClass": "Burstable",
    "resourceClaimStatuses": [{"name": "gpu", "resourceClaimName": "web-7d4b9c8f6-x2k9p-gpu-abc"}]
  }
}
"""#
