#!/bin/bash
# CNI benchmark: ADD and DEL latency of the project's bridge plugin (with its host-local IPAM)
# beside the reference bridge plugin (Debian's containernetworking-plugins, /usr/lib/cni),
# same configuration apart from the type names, alternating run by run in the same process
# tree, RUNS times each (default 50): median and p95 in milliseconds.
#   Scripts/bench.sh network [RUNS]
# What is timed: one plugin process invocation as a runtime makes it (bridge, which itself
# execs its IPAM plugin), from fork to exit, driven from inside a "host" network namespace
# this script makes; one pod namespace is reused (DEL removes its eth0). A warm-up ADD/DEL per
# flavour creates the bridge first, so figures are the steady state of a node.
# The project plugin is the release build of kubeswift-cni (--static-swift-stdlib), which is
# the same code `kubeswift` runs when invoked as kubeswift-bridge.
# Needs root. Everything (bridge, veths, addresses, iptables rules) lives in namespaces this
# script creates and deletes on exit; nothing touches the root namespace.
set -euo pipefail

runs=${1:-50}
repo=$(cd "$(dirname "$0")/.." && pwd)
cd "$repo"
[ "$(id -u)" = 0 ] || { echo "bench-network: needs root" >&2; exit 1; }
for tool in ip iptables; do command -v $tool >/dev/null || { echo "bench-network: $tool not found" >&2; exit 1; }; done
[ -x /usr/lib/cni/bridge ] || { echo "bench-network: reference plugins missing (apt-get install -y containernetworking-plugins)" >&2; exit 1; }

# KUBESWIFT_SCRATCH: a build directory other than .build (e.g. while another build holds it).
scratch=(${KUBESWIFT_SCRATCH:+--scratch-path "$KUBESWIFT_SCRATCH"})
echo "== building kubeswift-cni (release)" >&2
swift build -c release --static-swift-stdlib "${scratch[@]}" --product kubeswift-cni >&2
bin=$(swift build -c release --static-swift-stdlib "${scratch[@]}" --show-bin-path)

prefix=ks-bench-net-$(od -An -N4 -tx4 /dev/urandom | tr -d ' ')
work=$(mktemp -d /tmp/ks-bench-network.XXXXXX)
cleanup() {
    for ns in "$prefix-pod" "$prefix-host"; do ip netns del "$ns" 2>/dev/null || true; done
    rm -rf "$work"
}
trap cleanup EXIT
ip netns add "$prefix-host"
ip netns add "$prefix-pod"
ip netns exec "$prefix-host" ip link set lo up

mkdir -p "$work/project-bin"
for plugin in bridge host-local loopback; do ln -s "$bin/kubeswift-cni" "$work/project-bin/kubeswift-$plugin"; done

config() {  # flavour, bridge type, ipam type, bridge name, subnet
    cat <<JSON
{"cniVersion":"1.0.0","name":"bench-$1","type":"$2","bridge":"$4","isGateway":true,"isDefaultGateway":true,
 "ipMasq":true,"hairpinMode":true,
 "ipam":{"type":"$3","ranges":[[{"subnet":"$5"}]],"dataDir":"$work/ipam"}}
JSON
}
config project kubeswift-bridge kubeswift-host-local ksbench0 10.201.0.0/24 > "$work/project.json"
config reference bridge host-local ksbench1 10.202.0.0/24 > "$work/reference.json"

# The driver runs inside the host namespace: plugins are exec'd directly, timed with
# $EPOCHREALTIME (no extra processes inside the timed window).
cat > "$work/driver.sh" <<'DRIVER'
set -euo pipefail
runs=$1 work=$2 pod=$3 project_bin=$4
invoke() {  # flavour command id → milliseconds on stdout; plugin output to a file
    local flavour=$1 command=$2 id=$3 binary path
    if [ "$flavour" = project ]; then binary=$project_bin/kubeswift-bridge; path=$project_bin
    else binary=/usr/lib/cni/bridge; path=/usr/lib/cni; fi
    local start=$EPOCHREALTIME
    if ! CNI_COMMAND=$command CNI_CONTAINERID=$id CNI_NETNS=$pod CNI_IFNAME=eth0 CNI_PATH=$path \
        "$binary" < "$work/$flavour.json" > "$work/last.out" 2>&1; then
        echo "bench-network: $flavour $command $id failed: $(cat "$work/last.out")" >&2
        exit 1
    fi
    local end=$EPOCHREALTIME
    echo "$start $end" | awk '{ printf "%.3f\n", ($2 - $1) * 1000 }'
}
for flavour in project reference; do  # warm-up: the bridge exists from here on
    invoke $flavour ADD warmup >/dev/null
    invoke $flavour DEL warmup >/dev/null
done
for i in $(seq 1 "$runs"); do
    for flavour in project reference; do
        invoke $flavour ADD "bench-$i" >> "$work/$flavour.add"
        invoke $flavour DEL "bench-$i" >> "$work/$flavour.del"
    done
done
DRIVER

echo "== $runs × (ADD + DEL) per flavour, alternating" >&2
ip netns exec "$prefix-host" bash "$work/driver.sh" "$runs" "$work" "/var/run/netns/$prefix-pod" "$work/project-bin"

stats() {  # label, file of milliseconds → "label median p95 n"
    sort -n "$2" | awk -v name="$1" '{ v[NR] = $1 } END {
        m = (NR % 2) ? v[(NR + 1) / 2] : (v[NR / 2] + v[NR / 2 + 1]) / 2
        p = v[int(NR * 0.95 + 0.999999)]
        printf "%-22s %9.2f %9.2f %5d\n", name, m, p, NR }'
}
for flavour in project reference; do
    paste "$work/$flavour.add" "$work/$flavour.del" | awk '{ printf "%.3f\n", $1 + $2 }' > "$work/$flavour.total"
done

echo
echo "CNI bridge + host-local, ms (iptables: $(iptables --version), kernel $(uname -r), $(nproc) cores)"
printf "%-22s %9s %9s %5s\n" "" median p95 runs
stats "project ADD" "$work/project.add"
stats "reference ADD" "$work/reference.add"
stats "project DEL" "$work/project.del"
stats "reference DEL" "$work/reference.del"
stats "project ADD+DEL" "$work/project.total"
stats "reference ADD+DEL" "$work/reference.total"
