#!/usr/bin/env bash
# Builds kubeswift and runs a single-node cluster on this machine until Ctrl-C: apiserver,
# controller-manager, scheduler, container runtime, kubelet, kube-proxy and cluster DNS, with
# the busybox image (built by Rootfs/) imported.
#
# By default the cluster's network lives in a network namespace of its own ("kubeswift",
# deleted on exit) and the apiserver is relayed to http://127.0.0.1:$KUBESWIFT_PORT: nothing
# on the host's network changes. KUBESWIFT_HOST_NETWORK=1 runs it on the host's network
# instead (pods then get the host's cni0 bridge and iptables rules, as with any Kubernetes).
#
# KUBESWIFT_ROOT (default /var/lib/kubeswift) holds all state, sockets, CNI files, logs and
# the admin kubeconfig. Extra arguments go to `kubeswift up` (see `kubeswift up --help`).
set -euo pipefail
cd "$(dirname "$0")/.."

Scripts/install-deps.sh
swift build -c release --product kubeswift
BIN="$(swift build -c release --show-bin-path)/kubeswift"
mkdir -p _out/bin
ln -sf "$BIN" _out/bin/kubeswift
ln -sf "$BIN" _out/bin/kubectl
[[ -f _out/images/busybox/index.json ]] || Rootfs/build-busybox.sh _out/images/busybox

ROOT="${KUBESWIFT_ROOT:-/var/lib/kubeswift}"
PORT="${KUBESWIFT_PORT:-6443}"
args=(up --root "$ROOT" --port "$PORT" --import-image "$PWD/_out/images/busybox=busybox")
[[ "${KUBESWIFT_HOST_NETWORK:-}" == "1" ]] || args+=(--netns "${KUBESWIFT_NETNS:-kubeswift}")
exec "$BIN" "${args[@]}" "$@"
