#!/usr/bin/env bash
# Builds kubeswift and runs the control plane on this machine: the apiserver over the
# embedded SQLite store on http://127.0.0.1:6443, the controller-manager and the scheduler.
# (Nodes — kubelet, runtime, networking — join with `kubeswift up` once the kubelet lands.)
# Ctrl-C stops all three.
set -euo pipefail
cd "$(dirname "$0")/.."

Scripts/install-deps.sh
swift build -c release --product kubeswift
BIN="$(swift build -c release --show-bin-path)/kubeswift"
mkdir -p _out/bin
ln -sf "$BIN" _out/bin/kubeswift
ln -sf "$BIN" _out/bin/kubectl
DATA_DIR="${KUBESWIFT_DATA_DIR:-/var/lib/kubeswift}"
PORT="${KUBESWIFT_PORT:-6443}"
MASTER="http://127.0.0.1:$PORT"
mkdir -p "$DATA_DIR"

pids=()
stop() { for pid in "${pids[@]}"; do kill "$pid" 2>/dev/null || true; done; wait; }
trap stop EXIT INT TERM

"$BIN" apiserver --data-dir "$DATA_DIR/apiserver" --port "$PORT" "$@" &
pids+=($!)
echo "kubeswift: waiting for the apiserver on $MASTER"
for _ in $(seq 1 100); do
    curl -sf "$MASTER/readyz" >/dev/null 2>&1 && break
    kill -0 "${pids[0]}" 2>/dev/null || { echo "kubeswift: the apiserver exited" >&2; exit 1; }
    sleep 0.1
done
"$BIN" controller-manager --master "$MASTER" &
pids+=($!)
"$BIN" scheduler --master "$MASTER" &
pids+=($!)
echo "kubeswift: control plane up (data in $DATA_DIR); try: _out/bin/kubectl --server $MASTER get ns"
wait -n
