#!/bin/bash
# API server benchmark: a release `kubeswift apiserver` (SQLite storage, its own data dir, plain
# HTTP on loopback) driven by the release load generator `kubeswift-api-bench`:
#   creates/s and gets/s at 1, 16, 64 concurrent clients with p50/p99; LIST of 10,000 pods as
#   JSON and as Table; apiserver RSS with 10,000 pods (VmRSS); 100 watchers receiving 1,000
#   changes (delivery latency). Beside them, in the same run, the raw SQLite store alone
#   (`kubestore-crash-helper bench`: the physical limit of the backend).
#   Scripts/bench.sh api [SECONDS_PER_PHASE]     (default 3; whole run ≈ 1–2 minutes plus build)
# Goals (issue 2): p99 ≤ 10 ms for creates and gets at 16 clients, ≥ 2,000 durable creates/s,
# LIST of 10,000 pods < 200 ms.
set -euo pipefail

seconds=${1:-3}
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"

# KUBESWIFT_BUILD_DIR: the SwiftPM scratch path (default .build).
scratch=${KUBESWIFT_BUILD_DIR:-.build}
echo "== building (release, $scratch)" >&2
for product in kubeswift kubeswift-api-bench kubestore-crash-helper; do
    swift build -c release --scratch-path "$scratch" --product "$product" >&2
done
bin=$(swift build -c release --scratch-path "$scratch" --show-bin-path)

work=$(mktemp -d /tmp/ks-bench-api.XXXXXX)
server_pid=
cleanup() {
    if [ -n "$server_pid" ]; then kill "$server_pid" 2>/dev/null || true; wait "$server_pid" 2>/dev/null || true; fi
    rm -rf "$work"
}
trap cleanup EXIT

echo "== raw store (kubestore-crash-helper bench, ${seconds}s per client count)" >&2
"$bin/kubestore-crash-helper" bench "$work" "$seconds" 1 16 64 > "$work/store.txt"

echo "== apiserver (sqlite in $work/data)" >&2
"$bin/kubeswift" apiserver --data-dir "$work/data" --port 0 --log-level notice > "$work/apiserver.log" 2>&1 &
server_pid=$!
url=
for _ in $(seq 1 300); do
    url=$(sed -n 's/.*serving the Kubernetes API on \(http[^ ]*\).*/\1/p' "$work/apiserver.log" | head -1)
    [ -n "$url" ] && break
    kill -0 "$server_pid" 2>/dev/null || { cat "$work/apiserver.log" >&2; exit 1; }
    sleep 0.1
done
[ -n "$url" ] || { echo "apiserver did not start" >&2; cat "$work/apiserver.log" >&2; exit 1; }

"$bin/kubeswift-api-bench" --server "$url" --pid "$server_pid" --seconds "$seconds" \
    --pods 10000 --watchers 100 --changes 1000 > "$work/api.txt"

echo
cat "$work/store.txt" "$work/api.txt" | awk '
function field(line, key,   n, parts, i, kv) {
    n = split(line, parts, " ")
    for (i = 1; i <= n; i++) { split(parts[i], kv, "="); if (kv[1] == key) return kv[2] }
    return ""
}
/^sqlite / { sc[field($0, "clients")] = field($0, "creates/s"); sg[field($0, "clients")] = field($0, "gets/s"); sp[field($0, "clients")] = field($0, "p99") }
/^create / { c = field($0, "clients"); cr[c] = field($0, "rate"); c50[c] = field($0, "p50"); c99[c] = field($0, "p99"); ce[c] = field($0, "errors") }
/^get /    { c = field($0, "clients"); gr[c] = field($0, "rate"); g50[c] = field($0, "p50"); g99[c] = field($0, "p99"); ge[c] = field($0, "errors") }
/^list /   { f = field($0, "format"); lm[f] = field($0, "median"); li[f] = field($0, "items"); lb[f] = field($0, "bytes") }
/^rss /    { rss = field($0, "kib"); rssPods = field($0, "pods") }
/^watch /  { w = $0 }
END {
    printf "%-34s %10s %10s %10s %8s\n", "apiserver (sqlite, loopback HTTP)", "per s", "p50 ms", "p99 ms", "errors"
    for (i = 1; i <= 3; i++) {
        c = (i == 1 ? 1 : (i == 2 ? 16 : 64))
        printf "%-34s %10s %10s %10s %8s\n", "create, " c " clients", cr[c], c50[c], c99[c], ce[c]
    }
    for (i = 1; i <= 3; i++) {
        c = (i == 1 ? 1 : (i == 2 ? 16 : 64))
        printf "%-34s %10s %10s %10s %8s\n", "get, " c " clients", gr[c], g50[c], g99[c], ge[c]
    }
    printf "\n%-34s %10s %10s %12s\n", "LIST pods", "items", "median ms", "bytes"
    for (f in lm) printf "%-34s %10s %10s %12s\n", "LIST (" f ")", li[f], lm[f], lb[f]
    printf "\napiserver RSS with %s pods: %.1f MiB\n", rssPods, rss / 1024
    printf "watch: %s\n", w
    printf "\n%-34s %10s %10s %10s\n", "raw SQLite store (same disk)", "creates/s", "gets/s", "p99 ms"
    for (i = 1; i <= 3; i++) {
        c = (i == 1 ? 1 : (i == 2 ? 16 : 64))
        printf "%-34s %10s %10s %10s\n", "store, " c " clients", sc[c], sg[c], sp[c]
    }
    best = 0; for (c in cr) if (cr[c] + 0 > best) best = cr[c] + 0
    printf "\n%-44s %-14s %-8s\n", "goal", "measured", "met"
    printf "%-44s %-14s %-8s\n", "create p99 <= 10 ms at 16 clients", c99[16] " ms", (c99[16] + 0 <= 10 ? "yes" : "NO")
    printf "%-44s %-14s %-8s\n", "get p99 <= 10 ms at 16 clients", g99[16] " ms", (g99[16] + 0 <= 10 ? "yes" : "NO")
    printf "%-44s %-14s %-8s\n", ">= 2,000 durable creates/s (best of 1/16/64)", best "/s", (best >= 2000 ? "yes" : "NO")
    printf "%-44s %-14s %-8s\n", "LIST 10k pods < 200 ms (JSON)", lm["json"] " ms", (lm["json"] + 0 < 200 ? "yes" : "NO")
}'
echo
echo "raw lines:"; cat "$work/store.txt" "$work/api.txt"
