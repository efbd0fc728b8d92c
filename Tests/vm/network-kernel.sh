#!/bin/sh
# Proves the VM's kernel has what pod networking and kube-proxy need: veth pairs on a
# bridge, br_netfilter's sysctl, and iptables-nft rules with the matches and targets
# kube-proxy writes (comment, statistic, recent, conntrack, multiport, addrtype, mark,
# physdev, DNAT, MASQUERADE, REDIRECT, REJECT), loaded with one iptables-restore.
# Everything happens in a network namespace this script creates, inside the VM.
#
#   Tests/vm/network-kernel.sh
#
# Prints one line per check and "N passed, M failed"; exits non-zero on any failure.

self=$(readlink -f "$0")
repo=$(cd "$(dirname "$self")/../.." && pwd)
if [ ! -f /run/ksvm/in/cmd.sh ]; then
  exec "$repo/Scripts/vm.sh" run --timeout 180 --rw "$repo" -- "$self" "$@"
fi

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
passed=0
failed=0
# expect NAME COMMAND… : passes when COMMAND succeeds; shows its output when not.
expect() {
  name=$1
  shift
  if out=$("$@" 2>&1); then
    passed=$((passed + 1)); echo "ok   - $name"
  else
    failed=$((failed + 1)); echo "FAIL - $name: $out"
  fi
}

ns=ks-test-net
ip netns add $ns || { echo "FAIL - ip netns add $ns"; echo "0 passed, 1 failed"; exit 1; }
trap 'ip netns del $ns 2>/dev/null' EXIT
in_ns() { ip netns exec $ns "$@"; }

expect "bridge link" in_ns ip link add ks-br0 type bridge
expect "veth pair" in_ns ip link add ks-v0 type veth peer name ks-v1
expect "veth on the bridge" in_ns ip link set ks-v0 master ks-br0
expect "addresses and links up" sh -c "
  ip netns exec $ns ip addr add 10.244.0.1/24 dev ks-br0 &&
  ip netns exec $ns ip link set ks-br0 up && ip netns exec $ns ip link set ks-v0 up &&
  ip netns exec $ns ip link set ks-v1 up && ip netns exec $ns ip link set lo up"
expect "br_netfilter sysctl is 1" sh -c '[ "$(sysctl -n net.bridge.bridge-nf-call-iptables)" = 1 ]'
expect "iptables uses the nf_tables backend" sh -c 'iptables --version | grep -q nf_tables'

rules='*filter
:INPUT ACCEPT [0:0]
:FORWARD ACCEPT [0:0]
:KUBE-FORWARD - [0:0]
-A FORWARD -m comment --comment "kubernetes forwarding rules" -j KUBE-FORWARD
-A KUBE-FORWARD -m conntrack --ctstate INVALID -j DROP
-A KUBE-FORWARD -m mark --mark 0x4000/0x4000 -j ACCEPT
-A KUBE-FORWARD -m physdev --physdev-is-bridged -j ACCEPT
-A INPUT -p tcp -m multiport --dports 80,443 -m recent --name ks --set -j ACCEPT
-A INPUT -p udp --dport 9 -j REJECT --reject-with icmp-port-unreachable
COMMIT
*nat
:PREROUTING ACCEPT [0:0]
:OUTPUT ACCEPT [0:0]
:POSTROUTING ACCEPT [0:0]
:KUBE-SERVICES - [0:0]
:KUBE-SVC-TEST - [0:0]
:KUBE-SEP-A - [0:0]
:KUBE-SEP-B - [0:0]
-A PREROUTING -m comment --comment "kubernetes service portals" -j KUBE-SERVICES
-A OUTPUT -j KUBE-SERVICES
-A KUBE-SERVICES -d 10.96.0.10/32 -p tcp -m tcp --dport 80 -j KUBE-SVC-TEST
-A KUBE-SVC-TEST -m statistic --mode random --probability 0.5 -j KUBE-SEP-A
-A KUBE-SVC-TEST -j KUBE-SEP-B
-A KUBE-SEP-A -p tcp -j DNAT --to-destination 10.244.0.2:8080
-A KUBE-SEP-B -p tcp -j DNAT --to-destination 10.244.0.3:8080
-A POSTROUTING -m addrtype ! --dst-type LOCAL -s 10.244.0.0/16 -j MASQUERADE
-A OUTPUT -p tcp --dport 81 -d 127.0.0.1 -j REDIRECT --to-ports 80
COMMIT
'
printf '%s' "$rules" >/tmp/ks-rules
expect "iptables-restore of kube-proxy style rules" sh -c "ip netns exec $ns iptables-restore </tmp/ks-rules"
expect "rules read back with statistic and comment" sh -c "
  ip netns exec $ns iptables-save -t nat | grep -q -- '--mode random --probability 0.5' &&
  ip netns exec $ns iptables-save -t filter | grep -q 'kubernetes forwarding rules'"

# Traffic through a DNAT rule, inside the namespace: a ClusterIP to a local listener.
expect "DNAT carries a connection to the endpoint" sh -c "
  ip netns exec $ns ip addr add 10.244.0.2/24 dev ks-v1 &&
  ip netns exec $ns ip route add 10.96.0.0/12 dev ks-br0 &&
  ip netns exec $ns iptables -t nat -I OUTPUT -d 10.96.0.20/32 -p tcp --dport 80 -j DNAT --to-destination 10.244.0.2:8080 &&
  { timeout 20 ip netns exec $ns busybox nc -l -p 8080 -e echo hello-from-endpoint >/dev/null 2>&1 & } &&
  sleep 1 &&
  timeout 10 ip netns exec $ns busybox nc -w 3 10.96.0.20 80 </dev/null | grep -q hello-from-endpoint"

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
