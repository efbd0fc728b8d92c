#!/bin/bash
# Pod startup latency on a single-node cluster (`kubeswift up --netns`, release build): creation
# to all containers running, seen through a watch, busybox image present; p50/p99 over
# SEQUENTIAL pods one after another and over BURST pods created at once; and the RSS of the
# kubelet, the runtime daemon and the container monitors with 0 and with BURST pods.
#   Scripts/bench.sh pods [SEQUENTIAL] [BURST]        (default 50 30; needs root)
set -euo pipefail
sequential=${1:-50}
burst=${2:-30}
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
[[ $(id -u) -eq 0 ]] || { echo "bench pods: needs root (it runs a cluster)" >&2; exit 1; }
# KUBESWIFT_BUILD_DIR: the SwiftPM scratch path for the release build (default .build-release,
# shared with the store benchmark).
scratch=${KUBESWIFT_BUILD_DIR:-.build-release}
echo "== building (release, $scratch)" >&2
swift build -c release --scratch-path "$scratch" --product kubeswift >&2
swift build -c release --scratch-path "$scratch" --product kubeswift-pod-bench >&2
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)
[[ -f _out/images/busybox/index.json ]] || Rootfs/build-busybox.sh _out/images/busybox >&2

root=$(mktemp -d /tmp/ks-pod-bench.XXXXXX)
netns="ks-bench-$$"
port=$(( 20000 + RANDOM % 20000 ))
"$bin/kubeswift" up --netns "$netns" --root "$root" --port "$port" --node-name bench \
    --import-image "$repo/_out/images/busybox=busybox" --log-level warning >"$root/up.log" 2>&1 &
up=$!
cleanup() { kill -INT "$up" 2>/dev/null || true; wait "$up" 2>/dev/null || true; rm -rf "$root"; }
trap cleanup EXIT
for _ in $(seq 1 600); do
    grep -q "is running" "$root/up.log" && break
    kill -0 "$up" 2>/dev/null || { cat "$root/up.log" >&2; exit 1; }
    sleep 0.2
done
pid_of() { sed -n "s/.*started $1 (pid \([0-9]*\).*/\1/p" "$root/up.log" | tail -1; }
echo "== pods: $sequential sequential, $burst in a burst; one node, $(nproc) cores"
"$bin/kubeswift-pod-bench" "http://127.0.0.1:$port" "$sequential" "$burst" "$(pid_of kubelet)" "$(pid_of runtime)"
