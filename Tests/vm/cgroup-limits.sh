#!/bin/sh
# End-to-end proof that the kernel enforces the cgroup v2 limits Kubeswift writes,
# with plain cgroupfs operations, inside the throwaway VM (this host's own cgroup2
# mount has no controllers). Run it from the host:
#
#   Tests/vm/cgroup-limits.sh
#
# It re-runs itself inside the VM through Scripts/vm.sh, prints one line per check
# and "N passed, M failed", and exits non-zero when any check failed.

self=$(readlink -f "$0")
repo=$(cd "$(dirname "$self")/../.." && pwd)

# Outside the VM: boot it and run this same file inside. /run/ksvm/in/cmd.sh exists
# only in the VM (Scripts/vm/stage2), never on a host.
if [ ! -f /run/ksvm/in/cmd.sh ]; then
  # The checkout may live under /tmp, which is a fresh tmpfs inside the VM: share it.
  exec "$repo/Scripts/vm.sh" run --timeout 300 --rw "$repo" -- "$self" "$@"
fi

export PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin
passed=0
failed=0
pass() { passed=$((passed + 1)); echo "ok   - $1"; }
fail() { failed=$((failed + 1)); echo "FAIL - $1"; }
# check NAME EXPECTED ACTUAL
check() {
  if [ "$2" = "$3" ]; then pass "$1 ($3)"; else fail "$1: expected '$2', got '$3'"; fi
}

# The cgroup2 mount, found rather than assumed.
cgroot=$(awk '$3 == "cgroup2" { print $2; exit }' /proc/self/mounts)
if [ -z "$cgroot" ]; then
  fail "cgroup2 is mounted"
  echo "$passed passed, $failed failed"
  exit 1
fi
pass "cgroup2 is mounted at $cgroot"

controllers=$(cat "$cgroot/cgroup.controllers")
for c in cpuset cpu io memory pids; do
  case " $controllers " in
    *" $c "*) pass "controller $c available" ;;
    *) fail "controller $c available: root offers '$controllers'" ;;
  esac
done

# kubeswift/test delegates memory, cpu and pids to one leaf per check.
ks=$cgroot/kubeswift
test_cg=$ks/test
for c in memory cpu pids; do
  grep -qw "$c" "$cgroot/cgroup.subtree_control" || echo "+$c" >"$cgroot/cgroup.subtree_control"
done
mkdir -p "$test_cg"
echo "+memory +cpu +pids" >"$ks/cgroup.subtree_control"
echo "+memory +cpu +pids" >"$test_cg/cgroup.subtree_control"
check "kubeswift/test subtree_control" "cpu memory pids" "$(tr ' ' '\n' <"$test_cg/cgroup.subtree_control" | sort | tr '\n' ' ' | sed 's/ $//')"

# Runs "$@" as a process inside cgroup $1 (the shell moves itself in, then execs).
run_in() {
  cg=$1
  shift
  sh -c 'echo $$ >"$1/cgroup.procs" && shift && exec "$@"' run_in "$cg" "$@"
}

# A process that holds $1 MiB of anonymous memory it has written to (untouched pages
# would cost nothing), then exits 0. A script for `sh -c`, so it runs as the process
# that joined the cgroup.
hog_script='
if command -v python3 >/dev/null; then
  exec python3 -c "import sys; b = bytearray(b\"x\") * ($1 << 20); sys.exit(0 if len(b) == $1 << 20 else 1)"
else
  x=$(head -c $(($1 << 20)) /dev/zero | tr "\0" x) && [ ${#x} -gt 0 ]
fi'

wait_unpopulated() {
  i=0
  while grep -q 'populated 1' "$1/cgroup.events"; do
    i=$((i + 1))
    [ $i -gt 100 ] && return 1
    sleep 0.1
  done
}

# --- memory ---------------------------------------------------------------------------
mem=$test_cg/memory
mkdir -p "$mem"
echo 32M >"$mem/memory.max"
check "memory.max=32M reads back" 33554432 "$(cat "$mem/memory.max")"
echo 0 >"$mem/memory.swap.max" 2>/dev/null

run_in "$mem" sh -c "$hog_script" hog 8
check "8Mi under a 32Mi limit runs to the end" 0 $?

oom_before=$(awk '$1 == "oom_kill" { print $2 }' "$mem/memory.events")
run_in "$mem" sh -c "$hog_script" hog 64 2>/dev/null
check "64Mi under a 32Mi limit ends by SIGKILL" 137 $?
oom_after=$(awk '$1 == "oom_kill" { print $2 }' "$mem/memory.events")
if [ "$oom_after" -gt "$oom_before" ]; then
  pass "memory.events counts the OOM kill (oom_kill $oom_before → $oom_after)"
else
  fail "memory.events counts the OOM kill: oom_kill stayed $oom_after"
fi
peak=$(cat "$mem/memory.peak" 2>/dev/null || echo 0)
if [ "$peak" -le 33554432 ] && [ "$peak" -gt 0 ]; then
  pass "memory.peak stayed within memory.max ($peak)"
else
  fail "memory.peak stayed within memory.max: $peak"
fi

# --- cpu ------------------------------------------------------------------------------
cpu=$test_cg/cpu
mkdir -p "$cpu"
echo "50000 100000" >"$cpu/cpu.max"
check "cpu.max=50000 100000 reads back" "50000 100000" "$(cat "$cpu/cpu.max")"
# cpu.weight from requests.cpu=1 (1024 shares): 1 + ((1024 - 2) * 9999) / 262142 = 39
echo 39 >"$cpu/cpu.weight"
check "cpu.weight=39 reads back" 39 "$(cat "$cpu/cpu.weight")"

# Enforcement: a busy loop under a 10% quota for 2 s of wall time gets throttled and
# uses well under half a CPU.
echo "10000 100000" >"$cpu/cpu.max"
start_usage=$(awk '$1 == "usage_usec" { print $2 }' "$cpu/cpu.stat")
run_in "$cpu" timeout 2 sh -c 'while :; do :; done'
used=$(($(awk '$1 == "usage_usec" { print $2 }' "$cpu/cpu.stat") - start_usage))
throttled=$(awk '$1 == "nr_throttled" { print $2 }' "$cpu/cpu.stat")
if [ "$throttled" -gt 0 ]; then pass "cpu.stat nr_throttled > 0 ($throttled)"; else fail "cpu.stat nr_throttled > 0: $throttled"; fi
if [ "$used" -lt 800000 ]; then
  pass "10% quota held a 2 s busy loop to ${used}us of CPU"
else
  fail "10% quota held a 2 s busy loop: it used ${used}us of CPU"
fi

# --- pids -----------------------------------------------------------------------------
pids=$test_cg/pids
mkdir -p "$pids"
echo 20 >"$pids/pids.max"
check "pids.max=20 reads back" 20 "$(cat "$pids/pids.max")"

# A classic fork bomb, left to run for 3 s.
run_in "$pids" sh -c 'bomb() { bomb | bomb & }; bomb; sleep 30' >/dev/null 2>&1 &
sleep 3
current=$(cat "$pids/pids.current")
hit=$(awk '$1 == "max" { print $2 }' "$pids/pids.events")
if [ "$current" -le 20 ] && [ "$current" -gt 1 ]; then
  pass "fork bomb held at pids.current=$current (≤ 20)"
else
  fail "fork bomb held at ≤ 20 processes: pids.current=$current"
fi
if [ "${hit:-0}" -gt 0 ]; then pass "pids.events counts refused forks (max $hit)"; else fail "pids.events counts refused forks: max ${hit:-0}"; fi

# Outside the cgroup the VM still forks freely while the bomb is running.
ok=0
for i in $(seq 1 50); do /bin/true && ok=$((ok + 1)); done
check "the VM still forks outside the cgroup during the bomb" 50 "$ok"

echo 1 >"$pids/cgroup.kill"
if wait_unpopulated "$pids"; then
  pass "cgroup.kill emptied the bomb's cgroup"
else
  fail "cgroup.kill emptied the bomb's cgroup: $(cat "$pids/cgroup.procs" | wc -l) processes left"
fi
wait 2>/dev/null
check "pids.current after cgroup.kill" 0 "$(cat "$pids/pids.current")"

# --- cleanup --------------------------------------------------------------------------
for cg in "$mem" "$cpu" "$pids" "$test_cg"; do
  rmdir "$cg" 2>/dev/null || fail "rmdir $cg"
done
rmdir "$ks" 2>/dev/null

echo "$passed passed, $failed failed"
[ "$failed" -eq 0 ]
