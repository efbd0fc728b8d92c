#!/bin/bash
# kube-proxy benchmark: a full sync of N ClusterIP Services × 2 endpoints beside a raw
# `iptables-restore --noflush` of the very same text in the same run (three rounds, alternating
# which goes first; medians), then a one-endpoint change at that size (a partial sync: only that
# Service's chains are written) beside the raw restore of that same change. N = 1,000 and
# 10,000 by default; every iptables backend installed is measured (legacy and nft), and each
# line says which.
#   Scripts/bench.sh proxy [N...]
# Everything runs in network namespaces this script creates (ip netns add ks-proxy-bench-*)
# and deletes on exit; the root namespace's iptables are never touched.
# Both sides spawn the restore the same way (`ip netns exec NS iptables-<backend>-restore`).
# The full sync's total includes the two iptables-save calls it makes to find leftover chains
# and missing jump rules; it streams the text to iptables-restore while rendering, so its
# render figure is CPU time that overlaps the restore. A full nft restore of 10,000 Services
# takes one to three minutes in iptables-nft-restore itself (the raw side takes as long), so
# nft sizes above 2,000 run one round.
set -euo pipefail

sizes=("$@")
[ ${#sizes[@]} -gt 0 ] || sizes=(1000 10000)
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
[ "$(id -u)" = 0 ] || { echo "bench-proxy: needs root (creates network namespaces)" >&2; exit 1; }

echo "== building kubeswift-proxy-bench (release)" >&2
swift build -c release --product kubeswift-proxy-bench >&2
bench="$(swift build -c release --show-bin-path)/kubeswift-proxy-bench"

namespaces=()
cleanup() {
    for ns in "${namespaces[@]}"; do ip netns del "$ns" 2>/dev/null || true; done
}
trap cleanup EXIT

echo "# kube-proxy sync, $(nproc) cores, $(uname -r), $(iptables --version)"
for backend in legacy nft; do
    command -v "iptables-$backend-restore" >/dev/null || { echo "backend=$backend not installed: skipped"; continue; }
    for n in "${sizes[@]}"; do
        tag="ks-proxy-bench-$$-$backend-$n"
        ip netns add "$tag-node"
        namespaces+=("$tag-node")
        ip netns add "$tag-raw"
        namespaces+=("$tag-raw")
        rounds=3
        if [ "$backend" = nft ] && [ "$n" -gt 2000 ]; then rounds=1; fi
        "$bench" "$tag-node" "$tag-raw" "$backend" "$n" "$rounds" | tr '\n' ' '
        echo
        ip netns del "$tag-node"
        ip netns del "$tag-raw"
    done
done
