#!/usr/bin/env bash
# Regenerates the committed Swift code for the project's own .proto files (CRI runtime.v1,
# etcd's etcdserverpb/mvccpb subset). Run only when a .proto changes; CI never runs it.
#
# Needs Debian's protobuf-compiler and builds the two protoc plugins once, in release mode,
# from the same package versions Package.swift depends on, under .build-protoc/.
set -euo pipefail
cd "$(dirname "$0")/.."
ROOT=$PWD
# KUBESWIFT_PROTOC_TOOLS lets several checkouts share one build of the plugins.
TOOLS=${KUBESWIFT_PROTOC_TOOLS:-$ROOT/.build-protoc}

command -v protoc >/dev/null || { echo "protoc missing: apt-get install protobuf-compiler" >&2; exit 1; }

build_plugin() { # url version product
    local url=$1 version=$2 product=$3 dir=$TOOLS/src/$(basename "$1" .git)
    if [ ! -x "$dir/.build/release/$product" ]; then
        echo "building $product ($url $version) — a few minutes, once" >&2
        rm -rf "$dir"; mkdir -p "$TOOLS/src"
        git -c advice.detachedHead=false clone -q --branch "$version" "$url" "$dir"
        swift build -q -c release --package-path "$dir" --product "$product"
    fi
    echo "$dir/.build/release/$product"
}

SWIFT_PLUGIN=$(build_plugin https://github.com/apple/swift-protobuf.git 1.39.0 protoc-gen-swift)
GRPC_PLUGIN=$(build_plugin https://github.com/grpc/grpc-swift-protobuf.git 2.4.1 protoc-gen-grpc-swift-2)

generate() { # proto-dir out-dir proto-files...
    local protodir=$1 out=$2; shift 2
    mkdir -p "$out"
    find "$out" \( -name '*.pb.swift' -o -name '*.grpc.swift' \) -delete
    (cd "$protodir" && protoc \
        --plugin=protoc-gen-swift="$SWIFT_PLUGIN" \
        --plugin=protoc-gen-grpc-swift-2="$GRPC_PLUGIN" \
        --swift_opt=Visibility=Public \
        --grpc-swift-2_opt=Visibility=Public \
        --swift_out="$out" --grpc-swift-2_out="$out" "$@")
    echo "generated $(ls "$out" | wc -l) files in ${out#$ROOT/}"
}

for spec in Protos/*.generate; do
    [ -e "$spec" ] || continue
    # Each Protos/NAME.generate file lists: OUTPUT_DIR then the .proto files (relative to Protos/).
    read -r out files < <(tr '\n' ' ' < "$spec"; echo)
    # shellcheck disable=SC2086
    generate "$ROOT/Protos" "$ROOT/$out" $files
done
