#!/bin/sh
# Benchmarks: Scripts/bench.sh NAME [ARGS…] runs Scripts/bench-NAME.sh (minimal dispatcher;
# the lead owns this file).
set -eu
here=$(cd "$(dirname "$0")" && pwd)
name=${1:-}
[ -n "$name" ] && [ -x "$here/bench-$name.sh" ] || {
    echo "usage: $0 NAME   (available: $(ls "$here" | sed -n 's/^bench-\(.*\)\.sh$/\1/p' | tr '\n' ' '))" >&2
    exit 2
}
shift
exec "$here/bench-$name.sh" "$@"
