#!/bin/bash
# CRI benchmark: a pod sandbox and one busybox container (`sleep 1000`) up until running, then
# the whole teardown, RUNS times (default 50), median and p95 — through `kubeswift runtime`
# over its CRI socket (RunPodSandbox + CreateContainer + StartContainer; StopContainer(0) +
# RemoveContainer + StopPodSandbox + RemovePodSandbox), and the same steps through the
# runtime core in-process (PodSandbox/Container with the same helper binary, CRI log and
# state on disk), so the CRI's own cost (gRPC, records, validation) is the difference.
#   Scripts/bench.sh cri [RUNS]
# Needs root. Built with --static-swift-stdlib, as bench-runtime.sh explains.
set -euo pipefail

runs=${1:-50}
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
[ "$(id -u)" = 0 ] || { echo "bench-cri: needs root" >&2; exit 1; }

echo "== building (release)" >&2
swift build -c release --static-swift-stdlib --product kubeswift >&2
swift build -c release --static-swift-stdlib --product kubeswift-runtime-bench >&2
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)
Rootfs/build-busybox.sh _out/images/busybox >&2
image=$repo/_out/images/busybox

work=$(mktemp -d /tmp/ks-bench-cri.XXXXXX)
daemon=
cleanup() {
    [ -n "$daemon" ] && kill "$daemon" 2>/dev/null && wait "$daemon" 2>/dev/null
    rm -rf "$work"
}
trap cleanup EXIT

stats() {  # name, column, file of "up down" lines → "name median p95 runs"
    awk -v c="$2" '{ print $c }' "$3" | sort -n | awk -v name="$1" '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        p = v[int(NR * 0.95 + 0.999999)]
        printf "%s %.2f %.2f %d\n", name, m, p, NR }'
}

echo "== runtime core in-process ($runs runs)" >&2
"$bin/kubeswift-runtime-bench" --mode pod --image "$image" --root "$work/core" \
    --helper "$bin/kubeswift" --helper-argument __container-init --runs "$runs" > "$work/core.ms"

echo "== kubeswift runtime over CRI ($runs runs)" >&2
"$bin/kubeswift" runtime --listen "unix://$work/cri.sock" --root-dir "$work/cri/lib" --state-dir "$work/cri/run" \
    --cgroup-base "kubeswift/bench-cri-$$" --log-level warning > "$work/daemon.log" 2>&1 &
daemon=$!
for _ in $(seq 1 500); do [ -S "$work/cri.sock" ] && break; sleep 0.01; done
"$bin/kubeswift-runtime-bench" --mode cri --endpoint "unix://$work/cri.sock" --image "$image" --runs "$runs" > "$work/cri.ms"
kill "$daemon"; wait "$daemon" 2>/dev/null || true; daemon=
cgroup2=$(awk '$0 ~ / - cgroup2 / { print $5; exit }' /proc/self/mountinfo)
[ -n "$cgroup2" ] && for d in kubepods/besteffort kubepods ""; do rmdir "$cgroup2/kubeswift/bench-cri-$$/$d" 2>/dev/null || true; done

echo
printf '%-16s %10s %10s %6s\n' "" "median ms" "p95 ms" runs
{
    stats core-up 1 "$work/core.ms"; stats cri-up 1 "$work/cri.ms"
    stats core-teardown 2 "$work/core.ms"; stats cri-teardown 2 "$work/cri.ms"
} | tee "$work/summary" | awk '{ printf "%-16s %10.2f %10.2f %6d\n", $1, $2, $3, $4 }'
awk '{ m[$1] = $2 } END {
    printf "\nCRI overhead (median): up %+.2f ms, teardown %+.2f ms\n", m["cri-up"] - m["core-up"], m["cri-teardown"] - m["core-teardown"] }' "$work/summary"
