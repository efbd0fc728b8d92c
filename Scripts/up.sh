#!/usr/bin/env bash
# Builds kubeswift and runs a single-node control plane on this machine
# (today: the apiserver over the embedded SQLite store on http://127.0.0.1:6443).
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
mkdir -p "$DATA_DIR"
echo "kubeswift: data in $DATA_DIR; kubectl: _out/bin/kubectl --server http://127.0.0.1:$PORT get ns"
exec "$BIN" apiserver --data-dir "$DATA_DIR/apiserver" --port "$PORT" "$@"
