#!/bin/sh
# Store benchmark (Scripts/bench.sh store [SECONDS] [CLIENTS...]): creates/s and gets/s through the
# apiserver's request path on etcd and on SQLite, beside raw etcd Put/Range with the same gRPC client
# against the same etcd, in one run. Raw etcd and the apiserver on etcd run by turns
# ($KUBESTORE_BENCH_ROUNDS rounds, default 3) and a median line gives the ratio (goal, issue 8:
# >= 50% of raw writes at 64 clients); every row also gives the CPU time per write of this
# process and of etcd, and a line compares the two rows' medians of it. Needs Debian's etcd
# (/usr/bin/etcd, or $KUBESWIFT_ETCD).
set -eu
cd "$(dirname "$0")/.."
seconds=${1:-10}
[ $# -gt 0 ] && shift
clients=${*:-1 16 64}
[ -x "${KUBESWIFT_ETCD:-/usr/bin/etcd}" ] || { echo "bench store: no etcd at ${KUBESWIFT_ETCD:-/usr/bin/etcd} (apt-get install etcd-server)" >&2; exit 1; }
swift build -c release --scratch-path .build-release --product kubestore-bench >&2
# shellcheck disable=SC2086
exec "$(swift build -c release --scratch-path .build-release --show-bin-path)/kubestore-bench" "$seconds" $clients
