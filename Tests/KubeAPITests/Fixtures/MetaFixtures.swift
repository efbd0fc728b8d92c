let leaseFixture = #"""
{
  "apiVersion": "coordination.k8s.io/v1",
  "kind": "Lease",
  "metadata": {"name": "node-1", "namespace": "kube-node-lease", "uid": "66666666-0000-0000-0000-000000000001", "resourceVersion": "42",
    "creationTimestamp": "2024-01-01T00:00:00Z",
    "ownerReferences": [{"apiVersion": "v1", "kind": "Node", "name": "node-1", "uid": "44444444-0000-0000-0000-000000000001"}]},
  "spec": {"holderIdentity": "node-1", "leaseDurationSeconds": 40, "acquireTime": "2024-01-01T00:00:01.000000Z",
    "renewTime": "2024-01-02T03:04:05.678901Z", "leaseTransitions": 0, "strategy": "OldestEmulationVersion", "preferredHolder": "node-2"}
}
"""#

let endpointSliceFixture = #"""
{
  "apiVersion": "discovery.k8s.io/v1",
  "kind": "EndpointSlice",
  "metadata": {"name": "web-abc12", "generateName": "web-", "namespace": "default", "uid": "77777777-0000-0000-0000-000000000001",
    "resourceVersion": "310", "generation": 4, "creationTimestamp": "2024-01-02T03:04:05Z",
    "labels": {"endpointslice.kubernetes.io/managed-by": "endpointslice-controller.k8s.io", "kubernetes.io/service-name": "web"},
    "annotations": {"endpoints.kubernetes.io/last-change-trigger-time": "2024-01-02T03:05:00Z"}},
  "addressType": "IPv4",
  "endpoints": [
    {"addresses": ["10.244.0.17"], "conditions": {"ready": true, "serving": true, "terminating": false},
     "targetRef": {"kind": "Pod", "namespace": "default", "name": "web-7d4b9c8f6-x2k9p", "uid": "5b1c2a3e-1111-4c2d-9e8f-0a1b2c3d4e5f"},
     "nodeName": "node-1", "zone": "a", "hints": {"forZones": [{"name": "a"}], "forNodes": [{"name": "node-1"}]}},
    {"addresses": ["10.244.1.9"], "conditions": {"ready": false, "serving": true, "terminating": true}, "hostname": "web-1",
     "deprecatedTopology": {"kubernetes.io/hostname": "node-2"}}
  ],
  "ports": [{"name": "http", "protocol": "TCP", "port": 8080, "appProtocol": "http"}, {"name": "", "protocol": "UDP", "port": 53}]
}
"""#

/// A headless service with no ports: upstream prints `"ports": null`, and the round trip keeps it.
let portlessEndpointSliceFixture = #"""
{"apiVersion": "discovery.k8s.io/v1", "kind": "EndpointSlice",
 "metadata": {"name": "db-xyz", "namespace": "default", "creationTimestamp": "2024-01-02T03:04:05Z"},
 "addressType": "IPv6", "endpoints": [], "ports": null}
"""#

let statusFixture = #"""
{
  "kind": "Status",
  "apiVersion": "v1",
  "metadata": {},
  "status": "Failure",
  "message": "Pod \"web\" is invalid: [spec.containers[0].image: Required value, metadata.name: Invalid value: \"Web\": a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters]",
  "reason": "Invalid",
  "details": {
    "name": "web",
    "kind": "Pod",
    "causes": [
      {"reason": "FieldValueRequired", "message": "Required value", "field": "spec.containers[0].image"},
      {"reason": "FieldValueInvalid", "message": "Invalid value: \"Web\"", "field": "metadata.name"}
    ],
    "retryAfterSeconds": 1
  },
  "code": 422
}
"""#

/// Server-side printing of pods (`kubectl get pods`), rows carrying PartialObjectMetadata.
let tableFixture = #"""
{
  "kind": "Table",
  "apiVersion": "meta.k8s.io/v1",
  "metadata": {"resourceVersion": "123460"},
  "columnDefinitions": [
    {"name": "Name", "type": "string", "format": "name", "description": "Name must be unique within a namespace.", "priority": 0},
    {"name": "Ready", "type": "string", "format": "", "description": "The aggregate readiness state of this pod for accepting traffic.", "priority": 0},
    {"name": "Restarts", "type": "string", "format": "", "description": "The number of times the containers in this pod have been restarted.", "priority": 0},
    {"name": "Age", "type": "string", "format": "", "description": "CreationTimestamp is a timestamp.", "priority": 0},
    {"name": "IP", "type": "string", "format": "", "description": "podIP", "priority": 1}
  ],
  "rows": [
    {
      "cells": ["web-7d4b9c8f6-x2k9p", "1/2", "4 (10s ago)", "10m", "10.244.0.17"],
      "object": {"kind": "PartialObjectMetadata", "apiVersion": "meta.k8s.io/v1",
        "metadata": {"name": "web-7d4b9c8f6-x2k9p", "namespace": "default", "uid": "5b1c2a3e-1111-4c2d-9e8f-0a1b2c3d4e5f",
          "resourceVersion": "123456", "creationTimestamp": "2024-01-02T03:04:05Z", "labels": {"app": "web"}}}
    },
    {
      "cells": ["batch-1", 0, 2.5, true, null],
      "conditions": [{"type": "Completed", "status": "True", "reason": "Succeeded", "message": "done"}],
      "object": null
    }
  ]
}
"""#
