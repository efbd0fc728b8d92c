/// A Deployment as the apiserver returns it after defaulting and a rollout.
let deploymentFixture = #"""
{
  "apiVersion": "apps/v1",
  "kind": "Deployment",
  "metadata": {
    "name": "web", "namespace": "default", "uid": "11111111-2222-3333-4444-555555555555",
    "resourceVersion": "2001", "generation": 3, "creationTimestamp": "2024-01-02T03:04:05Z",
    "labels": {"app": "web"}, "annotations": {"deployment.kubernetes.io/revision": "2"}
  },
  "spec": {
    "replicas": 3,
    "selector": {"matchLabels": {"app": "web"}, "matchExpressions": [{"key": "tier", "operator": "NotIn", "values": ["db"]}]},
    "template": {
      "metadata": {"creationTimestamp": null, "labels": {"app": "web"}},
      "spec": {
        "containers": [{"name": "web", "image": "nginx:1.27", "ports": [{"containerPort": 80, "protocol": "TCP"}],
          "resources": {}, "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
          "imagePullPolicy": "IfNotPresent"}],
        "restartPolicy": "Always", "terminationGracePeriodSeconds": 30, "dnsPolicy": "ClusterFirst",
        "securityContext": {}, "schedulerName": "default-scheduler"
      }
    },
    "strategy": {"type": "RollingUpdate", "rollingUpdate": {"maxUnavailable": "25%", "maxSurge": 1}},
    "minReadySeconds": 5,
    "revisionHistoryLimit": 10,
    "progressDeadlineSeconds": 600
  },
  "status": {
    "observedGeneration": 3, "replicas": 3, "updatedReplicas": 3, "readyReplicas": 2, "availableReplicas": 2,
    "unavailableReplicas": 1, "terminatingReplicas": 0,
    "conditions": [
      {"type": "Available", "status": "False", "lastUpdateTime": "2024-01-02T03:05:00Z", "lastTransitionTime": "2024-01-02T03:05:00Z",
       "reason": "MinimumReplicasUnavailable", "message": "Deployment does not have minimum availability."},
      {"type": "Progressing", "status": "True", "lastUpdateTime": "2024-01-02T03:06:00Z", "lastTransitionTime": "2024-01-02T03:04:05Z",
       "reason": "NewReplicaSetAvailable", "message": "ReplicaSet \"web-7d4b9c8f6\" has successfully progressed."}
    ],
    "collisionCount": 1
  }
}
"""#

/// A Job created by a CronJob, mid-run, with an Indexed completion mode.
let jobFixture = #"""
{
  "apiVersion": "batch/v1",
  "kind": "Job",
  "metadata": {"name": "report-28400000", "namespace": "batch", "uid": "aaaaaaaa-0000-0000-0000-000000000001",
    "resourceVersion": "77", "generation": 1, "creationTimestamp": "2024-01-02T03:00:00Z",
    "labels": {"batch.kubernetes.io/controller-uid": "aaaaaaaa-0000-0000-0000-000000000001"},
    "ownerReferences": [{"apiVersion": "batch/v1", "kind": "CronJob", "name": "report", "uid": "bbbbbbbb-0000-0000-0000-000000000002",
      "controller": true, "blockOwnerDeletion": true}]},
  "spec": {
    "parallelism": 2, "completions": 5, "activeDeadlineSeconds": 3600,
    "podFailurePolicy": {"rules": [{"action": "FailJob", "onExitCodes": {"containerName": "main", "operator": "In", "values": [42]}},
      {"action": "Ignore", "onPodConditions": [{"type": "DisruptionTarget"}]}]},
    "backoffLimit": 6, "backoffLimitPerIndex": 1, "maxFailedIndexes": 2,
    "selector": {"matchLabels": {"batch.kubernetes.io/controller-uid": "aaaaaaaa-0000-0000-0000-000000000001"}},
    "manualSelector": false,
    "template": {
      "metadata": {"creationTimestamp": null, "labels": {"job-name": "report-28400000"}},
      "spec": {"containers": [{"name": "main", "image": "busybox:1.36", "command": ["sh", "-c", "echo $JOB_COMPLETION_INDEX"],
        "resources": {}, "terminationMessagePath": "/dev/termination-log", "terminationMessagePolicy": "File",
        "imagePullPolicy": "IfNotPresent"}], "restartPolicy": "Never", "dnsPolicy": "ClusterFirst", "schedulerName": "default-scheduler"}
    },
    "ttlSecondsAfterFinished": 100, "completionMode": "Indexed", "suspend": false, "podReplacementPolicy": "Failed"
  },
  "status": {
    "conditions": [{"type": "FailureTarget", "status": "False", "lastProbeTime": "2024-01-02T03:01:00Z",
      "lastTransitionTime": "2024-01-02T03:01:00Z", "reason": "BackoffLimitExceeded", "message": "Job has reached the specified backoff limit"}],
    "startTime": "2024-01-02T03:00:01Z", "active": 2, "succeeded": 2, "failed": 1, "terminating": 0,
    "completedIndexes": "0,2", "failedIndexes": "1",
    "uncountedTerminatedPods": {"succeeded": ["c1c1c1c1-0000-0000-0000-000000000003"]}, "ready": 1
  }
}
"""#

let cronJobFixture = #"""
{
  "apiVersion": "batch/v1",
  "kind": "CronJob",
  "metadata": {"name": "report", "namespace": "batch", "uid": "bbbbbbbb-0000-0000-0000-000000000002", "resourceVersion": "80",
    "generation": 2, "creationTimestamp": "2024-01-01T00:00:00Z"},
  "spec": {
    "schedule": "*/5 * * * *", "timeZone": "Etc/UTC", "startingDeadlineSeconds": 200, "concurrencyPolicy": "Forbid", "suspend": false,
    "jobTemplate": {
      "metadata": {"creationTimestamp": null, "labels": {"team": "reports"}},
      "spec": {"backoffLimit": 2, "template": {"metadata": {"creationTimestamp": null},
        "spec": {"containers": [{"name": "main", "image": "busybox:1.36", "args": ["date"], "resources": {}}], "restartPolicy": "OnFailure"}}}
    },
    "successfulJobsHistoryLimit": 3, "failedJobsHistoryLimit": 1
  },
  "status": {
    "active": [{"kind": "Job", "namespace": "batch", "name": "report-28400000", "uid": "aaaaaaaa-0000-0000-0000-000000000001",
      "apiVersion": "batch/v1", "resourceVersion": "77"}],
    "lastScheduleTime": "2024-01-02T03:00:00Z", "lastSuccessfulTime": "2024-01-02T02:55:09Z"
  }
}
"""#
