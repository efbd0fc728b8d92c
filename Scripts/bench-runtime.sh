#!/bin/bash
# Container runtime benchmark: create + start + wait + delete of `/bin/true` from the busybox
# image, RUNS times (default 50), median and p95, side by side in the same run with
# `runc run` and `crun run` on an OCI bundle of the same rootfs.
#   Scripts/bench.sh runtime [RUNS]
# What is timed: kubeswift in-process (a runtime daemon: Container.create/start/wait/delete,
# with its pre-spawned container-init helper), runc/crun as CLI processes (`run` = create,
# start, wait, delete), each run timed around the command.
# Built with --static-swift-stdlib: the helper is exec'd per container, and loading the
# shared Swift/Foundation libraries costs it ~12 ms more.
# Needs root. crun refuses this host's hybrid cgroup layout, so runc and crun (for fairness,
# both) run inside `unshare --mount --propagation private` after unmounting the cgroup2
# mount in that private view only; kubeswift runs in the host view (cgroup2, no controllers).
set -euo pipefail

runs=${1:-50}
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
[ "$(id -u)" = 0 ] || { echo "bench-runtime: needs root" >&2; exit 1; }

echo "== building (release)" >&2
swift build -c release --static-swift-stdlib --product kubeswift-container-init >&2
swift build -c release --static-swift-stdlib --product kubeswift-runtime-bench >&2
bin=$(swift build -c release --static-swift-stdlib --show-bin-path)
Rootfs/build-busybox.sh _out/images/busybox >&2

work=$(mktemp -d /tmp/ks-bench-runtime.XXXXXX)
trap 'rm -rf "$work"' EXIT

# The OCI bundle: the busybox layer unpacked, a runc-generated spec running /bin/true.
image=_out/images/busybox
layer=$(python3 -c 'import json,sys; d=sys.argv[1]; m=json.load(open(d+"/index.json"))["manifests"][0]["digest"].split(":")[1]; print(json.load(open(d+"/blobs/sha256/"+m))["layers"][0]["digest"].split(":")[1])' "$image")
mkdir -p "$work/bundle/rootfs"
tar -xzf "$image/blobs/sha256/$layer" -C "$work/bundle/rootfs"
(cd "$work/bundle" && runc spec)
python3 - "$work/bundle/config.json" <<'PY'
import json, sys
path = sys.argv[1]
spec = json.load(open(path))
spec["process"]["terminal"] = False
spec["process"]["args"] = ["/bin/true"]
json.dump(spec, open(path, "w"), indent=1)
PY

stats() {  # name, file of milliseconds → "name median p95"
    sort -n "$2" | awk -v name="$1" '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        p = v[int(NR * 0.95 + 0.999999)]
        printf "%s %.2f %.2f %d\n", name, m, p, NR }'
}

echo "== kubeswift ($runs runs)" >&2
"$bin/kubeswift-runtime-bench" --image "$repo/$image" --root "$work/kubeswift" --helper "$bin/kubeswift-container-init" \
    --runs "$runs" > "$work/kubeswift.ms"

cgroup2=$(awk '$0 ~ / - cgroup2 / { print $5; exit }' /proc/self/mountinfo)
for runtime in runc crun; do
    echo "== $runtime ($runs runs, private mount namespace without $cgroup2)" >&2
    unshare --mount --propagation private bash -c '
        set -eu
        runtime=$1; bundle=$2; state=$3; runs=$4; cgroup2=$5
        [ -n "$cgroup2" ] && umount "$cgroup2"
        $runtime --root "$state" run -b "$bundle" warmup >/dev/null
        for i in $(seq 1 "$runs"); do
            start=$EPOCHREALTIME
            $runtime --root "$state" run -b "$bundle" "bench-$i" >/dev/null
            end=$EPOCHREALTIME
            echo "$start $end" | awk "{ printf \"%.3f\\n\", (\$2 - \$1) * 1000 }"
        done' _ "$runtime" "$work/bundle" "$work/$runtime-state" "$runs" "$cgroup2" > "$work/$runtime.ms"
done

echo
printf '%-10s %10s %10s %6s\n' runtime "median ms" "p95 ms" runs
{ stats kubeswift "$work/kubeswift.ms"; stats runc "$work/runc.ms"; stats crun "$work/crun.ms"; } | tee "$work/summary" |
    awk '{ printf "%-10s %10.2f %10.2f %6d\n", $1, $2, $3, $4 }'
awk '{ m[$1] = $2 } END {
    printf "\nkubeswift/runc = %.2f   kubeswift/crun = %.2f   crun/runc = %.2f\n", m["kubeswift"] / m["runc"], m["kubeswift"] / m["crun"], m["crun"] / m["runc"] }' "$work/summary"
