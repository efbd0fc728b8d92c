#!/bin/bash
# Scheduler throughput, shaped as upstream scheduler_perf "SchedulingBasic": NODES fake nodes
# (4 cpu, 32Gi, 110 pods), 1,000 initial pods, then 10,000 measured pods (100m, 500Mi);
# pods scheduled and bound per second over the measured pods.
#   Scripts/bench.sh scheduler [PODS]
# Mode measured: `algorithm` — the whole scheduler (queue, cache, snapshots, every default
# plugin, assume, bind tasks, events) bound to an in-memory API that delivers the "pod bound"
# informer update at once. It does NOT include the apiserver, HTTP or informers (the informer
# package has not landed yet), so it is an upper bound for the end-to-end figure, not it.
set -euo pipefail
pods=${1:-10000}
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
echo "== building (release)" >&2
swift build -c release --product kubeswift-scheduler-bench >&2
bin=$(swift build -c release --show-bin-path)
echo "== scheduler: in-process algorithm benchmark (no apiserver), $(nproc) cores"
for nodes in 1000 5000; do
    "$bin/kubeswift-scheduler-bench" algorithm "$nodes" "$pods"
done
