#!/bin/bash
# Scheduler benchmark, shaped as upstream scheduler_perf "SchedulingBasic": NODES fake nodes
# (4 cpu, 32Gi, 110 pods), 1,000 initial pods, then PODS measured pods (100m, 500Mi); pods
# scheduled and bound per second over the measured pods.
#   Scripts/bench.sh scheduler [PODS [REPLICAS]]     (defaults 10000 and 1000)
# Rows:
# - `algorithm` (1,000 and 5,000 nodes): the whole scheduler (queue, cache, snapshots, every
#   default plugin, assume, bind tasks, events) bound to an in-memory API that delivers the
#   "pod bound" update at once — no apiserver, HTTP or informers: the upper bound.
# - `apiserver` (1,000 and 5,000 nodes): end to end in one process — the apiserver on a loopback
#   port (real HTTP, SQLite storage as `kubeswift apiserver` by default), nodes and pods created
#   through it (32 creates in flight), the real scheduler on informers binding via pods/binding;
#   timed from the first measured create until a watch (spec.nodeName!=) sees the last one bound.
#   Goal (issue 7): >= 1,000 pods/s on a 2-core machine.
# - `deployment` (REPLICAS replicas, 100 nodes): the apiserver and scheduler in-process and
#   `kubeswift controller-manager` (all controllers) as a child process; seconds from creating
#   the Deployment to all its pods bound, and the controller-manager's VmRSS when idle and its
#   peak VmHWM after.
set -euo pipefail
pods=${1:-10000}
replicas=${2:-1000}
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

# KUBESWIFT_BUILD_DIR: the SwiftPM scratch path (default .build).
scratch=${KUBESWIFT_BUILD_DIR:-.build}
echo "== building (release, $scratch)" >&2
for product in kubeswift-scheduler-bench kubeswift; do
    swift build -c release --scratch-path "$scratch" --product "$product" >&2
done
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
export KUBESWIFT_BIN="$bin/kubeswift"

echo "== scheduler, $(nproc) cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
for nodes in 1000 5000; do
    "$bin/kubeswift-scheduler-bench" algorithm "$nodes" "$pods"
done
for nodes in 1000 5000; do
    "$bin/kubeswift-scheduler-bench" apiserver "$nodes" "$pods"
done
"$bin/kubeswift-scheduler-bench" deployment "$replicas" 100
