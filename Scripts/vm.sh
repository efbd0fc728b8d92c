#!/usr/bin/env bash
# The throwaway Kubeswift VM: a real kernel with a pure cgroup v2 hierarchy, booted
# under qemu software emulation, whose root is this host's filesystem (shared
# read-only over 9p, writable through a tmpfs overlay that vanishes with the VM).
#
#   Scripts/vm.sh build                 prepare (and cache) kernel + initramfs
#   Scripts/vm.sh run [options] -- CMD…  boot, run CMD as root inside, print its
#                                        output, exit with its status
#   Scripts/vm.sh clean                 remove the cache
#
# Exit status of `run`: CMD's own status; 124 when --timeout expired (the qemu this
# script started is killed); 125 when the VM itself failed (its console log is shown).
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
vm_dir=$here/vm
# Bump when build() changes what it puts into the cache.
cache_format=2
cache_root=${KUBESWIFT_VM_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/kubeswift/vm}

usage() {
  cat <<'EOF'
usage: Scripts/vm.sh build
       Scripts/vm.sh run [options] -- CMD [ARG…]
       Scripts/vm.sh clean

run options:
  -m, --memory SIZE    guest memory, qemu syntax (default 2G)
  -c, --cpus N         guest CPUs (default 2)
  -t, --timeout SECS   stop the VM SECS seconds after it started, exit 124 (default 900;
                       0 = none)
  -w, --rw DIR         share host DIR writable at the same path inside (repeatable);
                       every other path is writable too, but changes die with the VM
      --tmpfs DIR      mount a fresh tmpfs at DIR inside (repeatable); /tmp, /run,
                       /var/lib/kubeswift, /var/lib/kubelet, /var/log/pods and
                       /var/log/containers always are. Overlay upper/work dirs must be
                       on one of these: the kernel refuses the overlay root as upper
  -C, --workdir DIR    working directory of CMD (default: the current directory)
  -e, --env NAME=VALUE set in CMD's environment (repeatable); it starts clean but
                       for PATH (the caller's), HOME=/root, LANG and KUBESWIFT_VM=1
  -i, --stdin          give CMD this script's stdin, read to its end before boot
                       (otherwise CMD's stdin is /dev/null)
  -q, --quiet          no boot progress on stderr
      --keep-log       keep the run directory (console log, qemu log) and print its path
      --append ARGS    extra kernel command line

environment: KUBESWIFT_VM_CACHE (cache directory, default ~/.cache/kubeswift/vm),
             KUBESWIFT_VM_KERNEL (kernel version, default: newest in /boot with modules)
EOF
}

die() { echo "vm: $*" >&2; exit 125; }

# --- kernel + initramfs -------------------------------------------------------------

kernel_version() {
  if [[ -n ${KUBESWIFT_VM_KERNEL:-} ]]; then echo "$KUBESWIFT_VM_KERNEL"; return; fi
  local k v best=
  for k in /boot/vmlinuz-*; do
    v=${k#/boot/vmlinuz-}
    [[ -f /lib/modules/$v/modules.dep ]] || continue
    if [[ -z $best || $(printf '%s\n%s\n' "$best" "$v" | sort -V | tail -n1) == "$v" ]]; then best=$v; fi
  done
  [[ -n $best ]] || die "no kernel: need /boot/vmlinuz-V with /lib/modules/V (apt-get install linux-image-amd64)"
  echo "$best"
}

# The cache entry is keyed by the kernel and by everything that goes into the initramfs,
# so editing init/stage2/modules.list or upgrading busybox rebuilds it.
cache_dir_for() {
  local kver=$1 key
  key=$( { echo "$kver $cache_format"; cat "$vm_dir/init" "$vm_dir/stage2" "$vm_dir/modules.list";
           sha256sum /bin/busybox "/lib/modules/$kver/modules.dep" "/boot/vmlinuz-$kver"; } |
         sha256sum | cut -c1-12)
  echo "$cache_root/$kver-$key"
}

# Prints the modules of modules.list with their dependencies (modules.dep) and
# pre-softdeps (modules.softdep), each after what it needs, as paths relative to
# /lib/modules/KVER. Built-in modules are skipped; an unknown name is an error.
resolve_modules() {
  local kver=$1 md=/lib/modules/$1
  sed -e 's/#.*//' -e '/^[[:space:]]*$/d' "$vm_dir/modules.list" |
  awk -v dep="$md/modules.dep" -v soft="$md/modules.softdep" \
      -v alias="$md/modules.alias" -v builtin="$md/modules.builtin" '
    function norm(n) { gsub(/-/, "_", n); return n }
    function base(p,  b) { b = p; sub(/.*\//, "", b); sub(/\.ko(\.[a-z]+)?$/, "", b); return norm(b) }
    function lookup(n) {
      n = norm(n)
      if (n in path) return path[n]
      if (n in isbuiltin) return ""
      if (n in aliased) return lookup(aliased[n])
      return "?"
    }
    function visit(p,   i, n, ds, m, pre) {
      if (p in done) return
      done[p] = 1
      m = base(p)
      n = split(pre_of[m], pre, " ")
      for (i = 1; i <= n; i++) { q = lookup(pre[i]); if (q != "" && q != "?") visit(q) }
      n = split(deps[p], ds, " ")
      # modules.dep lists the full closure, the deepest dependency last.
      for (i = n; i >= 1; i--) visit(ds[i])
      print p
    }
    BEGIN {
      while ((getline line < dep) > 0) {
        split(line, f, ":"); p = f[1]; path[base(p)] = p
        d = f[2]; sub(/^ +/, "", d); deps[p] = d
      }
      while ((getline line < builtin) > 0) isbuiltin[base(line)] = 1
      while ((getline line < soft) > 0) {
        n = split(line, f, " ")
        if (f[1] != "softdep") continue
        for (i = 3; i <= n && f[i] != "post:"; i++) if (f[i] != "pre:") pre_of[norm(f[2])] = pre_of[norm(f[2])] " " f[i]
      }
      while ((getline line < alias) > 0) {
        split(line, f, " ")
        if (f[1] == "alias" && f[2] !~ /[*?\[]/ && !(norm(f[2]) in aliased)) aliased[norm(f[2])] = f[3]
      }
    }
    {
      p = lookup($1)
      if (p == "?") { print "unknown module " $1 > "/dev/stderr"; bad = 1; next }
      if (p != "") visit(p)
    }
    END { exit bad }
  '
}

build() {
  local kver dir tmp
  kver=$(kernel_version)
  dir=$(cache_dir_for "$kver")
  if [[ -f $dir/initramfs.cpio && -f $dir/vmlinuz ]]; then
    echo "$dir"; return
  fi
  for t in busybox cpio qemu-system-x86_64; do
    command -v $t >/dev/null || die "missing $t (run Scripts/install-deps.sh)"
  done
  file_is_static /bin/busybox || die "/bin/busybox is not static (install busybox-static)"
  mkdir -p "$cache_root"
  exec {lock}>"$cache_root/.lock"
  flock "$lock"
  if [[ -f $dir/initramfs.cpio && -f $dir/vmlinuz ]]; then exec {lock}>&-; echo "$dir"; return; fi
  echo "vm: building initramfs for Linux $kver in $dir" >&2

  tmp=$(mktemp -d "$cache_root/.build.XXXXXX")
  local root=$tmp/root
  mkdir -p "$root"/{bin,dev,proc,sys,tmp,lib/modules}
  cp /bin/busybox "$root/bin/busybox"
  install -m 0755 "$vm_dir/init" "$root/init"
  install -m 0644 "$vm_dir/stage2" "$root/stage2"
  mknod -m 0600 "$root/dev/console" c 5 1

  local order
  order=$(resolve_modules "$kver") || { rm -rf "$tmp"; die "resolving $vm_dir/modules.list against /lib/modules/$kver failed"; }
  : >"$root/lib/modules/load.order"
  local m n=0
  while read -r m; do
    mkdir -p "$root/lib/modules/$(dirname "$m")"
    cp "/lib/modules/$kver/$m" "$root/lib/modules/$m"
    echo "$m" >>"$root/lib/modules/load.order"
    n=$((n + 1))
  done <<<"$order"
  # Modules may be compressed on other kernels; busybox insmod needs them plain.
  find "$root/lib/modules" -name '*.ko.xz' -exec xz -d {} + 2>/dev/null || true
  find "$root/lib/modules" -name '*.ko.zst' -exec zstd -q -d --rm {} + 2>/dev/null || true
  sed -i -e 's/\.ko\.\(xz\|zst\)$/.ko/' "$root/lib/modules/load.order"

  # Uncompressed: the guest unpacks it faster than it could inflate it under emulation.
  (cd "$root" && find . -print0 | cpio --null -o -H newc --quiet) >"$tmp/initramfs.cpio"
  cp "/boot/vmlinuz-$kver" "$tmp/vmlinuz"
  # qemu boots an uncompressed vmlinux directly through its PVH entry point, skipping
  # the firmware's real-mode path and the in-guest decompression (about 3 s under tcg).
  if extract_vmlinux "$tmp/vmlinuz" "$tmp/vmlinux" && has_pvh_note "$tmp/vmlinux"; then
    echo "vm: kernel unpacked for direct PVH boot" >&2
  else
    rm -f "$tmp/vmlinux"
    echo "vm: kernel has no PVH entry point; booting the bzImage through the firmware" >&2
  fi
  echo "$kver" >"$tmp/kernel.version"
  cp "$root/lib/modules/load.order" "$tmp/modules.loaded"
  rm -rf "$root"
  rm -rf "$dir"
  mv "$tmp" "$dir"
  # Entries for other script versions of this kernel, unused for a day, go.
  find "$cache_root" -mindepth 1 -maxdepth 1 -name "$kver-*" ! -path "$dir" -mmin +1440 -exec rm -rf {} + 2>/dev/null || true
  exec {lock}>&-
  echo "vm: initramfs ready: busybox + $n modules ($(du -h "$dir/initramfs.cpio" | cut -f1))" >&2
  echo "$dir"
}

# Finds the compressed payload inside a bzImage by its magic number and unpacks it;
# succeeds only when the result is an ELF image.
extract_vmlinux() {
  local in=$1 out=$2 magic tool off
  for magic in '\xfd\x37\x7a\x58\x5a\x00:xz -dc --single-stream' '\x1f\x8b\x08:gzip -dc' \
               '\x28\xb5\x2f\xfd:zstd -dc' '\x02\x21\x4c\x18:lz4 -dc' '\x42\x5a\x68:bzip2 -dc'; do
    tool=${magic#*:}
    command -v "${tool%% *}" >/dev/null || continue
    for off in $(LC_ALL=C grep -obUaP "${magic%%:*}" "$in" | cut -d: -f1 | head -n 3); do
      tail -c +$((off + 1)) "$in" | $tool >"$out" 2>/dev/null
      if [[ $(head -c 4 "$out" | od -A n -t x1 | tr -d ' ') == 7f454c46 ]]; then return 0; fi
    done
  done
  rm -f "$out"
  return 1
}

# XEN_ELFNOTE_PHYS32_ENTRY (note type 0x12) is the entry point qemu's PVH loader uses.
has_pvh_note() {
  LC_ALL=C readelf -n "$1" 2>/dev/null | grep -qE 'Xen.*(\(0x00000012\)|PHYS32)'
}

file_is_static() {
  # A static binary has no PT_INTERP; read the program headers without needing `file`.
  ! LC_ALL=C readelf -l "$1" 2>/dev/null | grep -q 'Requesting program interpreter'
}

# --- running a command ----------------------------------------------------------------

quote() { local s=${1//\'/\'\\\'\'}; printf "'%s'" "$s"; }

now() { date +%s.%N; }
elapsed() { awk -v a="$1" -v b="$(now)" 'BEGIN { printf "%.1f", b - a }'; }

run() {
  local memory=2G cpus=2 timeout=900 workdir=$PWD quiet=0 keep_log=0 append= stdin=0
  local -a rw=() envs=() tmpfs=()
  local d
  while (($#)); do
    case $1 in
      -m|--memory) memory=$2; shift 2 ;;
      -c|--cpus) cpus=$2; shift 2 ;;
      -t|--timeout) timeout=$2; shift 2 ;;
      -w|--rw)
        d=$(realpath -e -- "$2" 2>/dev/null) && [[ -d $d ]] || die "--rw $2: no such directory"
        rw+=("$d"); shift 2 ;;
      --tmpfs) [[ $2 == /* ]] || die "--tmpfs $2: expected an absolute path"; tmpfs+=("$2"); shift 2 ;;
      -C|--workdir) workdir=$2; shift 2 ;;
      -e|--env) [[ $2 == *=* ]] || die "--env $2: expected NAME=VALUE"; envs+=("$2"); shift 2 ;;
      -i|--stdin) stdin=1; shift ;;
      -q|--quiet) quiet=1; shift ;;
      --keep-log) keep_log=1; shift ;;
      --append) append=$2; shift 2 ;;
      --) shift; break ;;
      -h|--help) usage; exit 0 ;;
      *) die "run: unknown option $1 (the command goes after --)" ;;
    esac
  done
  (($#)) || die "run: no command (usage: Scripts/vm.sh run [options] -- CMD [ARG…])"
  [[ $cpus =~ ^[1-9][0-9]*$ ]] || die "--cpus $cpus: expected a positive number"
  [[ $timeout =~ ^[0-9]+$ ]] || die "--timeout $timeout: expected seconds"
  command -v qemu-system-x86_64 >/dev/null || die "missing qemu-system-x86_64 (run Scripts/install-deps.sh)"

  local started cache
  started=$(now)
  cache=$(build)
  touch "$cache"

  local run_dir
  run_dir=$(mktemp -d "${TMPDIR:-/tmp}/kubeswift-vm.XXXXXX")
  mkdir "$run_dir/in"

  # The command, as a script for the host's /bin/sh inside the guest.
  {
    # The caller's PATH: the guest sees the same files, so the same tools resolve.
    echo "export PATH=$(quote "${PATH:-/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin}") HOME=/root LANG=C.UTF-8 KUBESWIFT_VM=1"
    local e
    for e in "${envs[@]}"; do echo "export $(quote "$e")"; done
    echo "cd $(quote "$workdir") 2>/dev/null || { echo $(quote "vm: no directory $workdir in the VM (its /tmp, /run, /var/lib/kubeswift… are fresh tmpfs; see --rw, -C)") >&2; exit 125; }"
    # A virtio port cannot carry an end of file, so stdin travels as a file on the run share.
    if ((stdin)); then echo "exec </run/ksvm/in/stdin"; fi
    printf 'exec'
    for e in "$@"; do printf ' %s' "$(quote "$e")"; done
    echo
  } >"$run_dir/in/cmd.sh"

  if ((stdin)); then cat >"$run_dir/in/stdin"; fi

  local -a share_args=()
  local i=0
  : >"$run_dir/in/mounts"
  for d in "${tmpfs[@]}"; do echo "tmpfs - $d" >>"$run_dir/in/mounts"; done
  for d in "${rw[@]}"; do
    echo "9p rw$i $d" >>"$run_dir/in/mounts"
    share_args+=(-fsdev "local,id=rw$i,path=$d,security_model=passthrough,multidevs=remap"
                 -device "virtio-9p-pci,fsdev=rw$i,mount_tag=rw$i")
    i=$((i + 1))
  done

  local ch
  for ch in console stdout stderr control; do
    mkfifo "$run_dir/$ch.in" "$run_dir/$ch.out"
  done

  local kernel=$cache/vmlinuz
  [[ -f $cache/vmlinux ]] && kernel=$cache/vmlinux
  local cmdline="console=ttyS0 quiet loglevel=3 panic=-1 oops=panic rdinit=/init cgroup_no_v1=all"
  cmdline+=" mitigations=off random.trust_cpu=on 8250.nr_uarts=1 i8042.noaux i8042.nomux i8042.nopnp"
  cmdline+=" $(loops_per_jiffy "$(cat "$cache/kernel.version")") $append"

  local -a qemu=(
    qemu-system-x86_64 -name kubeswift-vm
    -accel tcg,thread=multi -M pc -cpu max -smp "$cpus" -m "$memory"
    -nodefaults -no-user-config -display none -nic none -no-reboot
    -kernel "$kernel" -initrd "$cache/initramfs.cpio" -append "$cmdline"
    -chardev "pipe,id=console,path=$run_dir/console" -serial chardev:console
    -device virtio-serial-pci,id=vser
    -chardev "pipe,id=stdout,path=$run_dir/stdout" -device virtserialport,bus=vser.0,chardev=stdout,name=ks.stdout
    -chardev "pipe,id=stderr,path=$run_dir/stderr" -device virtserialport,bus=vser.0,chardev=stderr,name=ks.stderr
    -chardev "pipe,id=control,path=$run_dir/control" -device virtserialport,bus=vser.0,chardev=control,name=ks.control
    -fsdev local,id=hostroot,path=/,security_model=none,readonly=on,multidevs=remap
    -device virtio-9p-pci,fsdev=hostroot,mount_tag=hostroot
    -fsdev "local,id=ksrun,path=$run_dir/in,security_model=none,readonly=on"
    -device virtio-9p-pci,fsdev=ksrun,mount_tag=ksrun
    "${share_args[@]}"
  )

  # Readers first: each blocks opening its fifo until qemu opens the other end, and
  # ends at EOF when qemu exits.
  local -a readers=()
  { cat "$run_dir/stdout.out" || echo $? >"$run_dir/stdout.failed"; } &
  readers+=($!)
  cat "$run_dir/stderr.out" >&2 &
  readers+=($!)
  cat "$run_dir/control.out" >"$run_dir/control.log" &
  readers+=($!)
  show_console "$run_dir" "$started" "$quiet" &
  readers+=($!)

  ((quiet)) || echo "vm: booting Linux $(cat "$cache/kernel.version") (tcg, $cpus cpus, $memory)…" >&2
  "${qemu[@]}" </dev/null >"$run_dir/qemu.log" 2>&1 &
  local qemu_pid=$!

  # From here on, an interrupt stops only what this script started.
  local sig
  for sig in INT:130 TERM:143 HUP:129; do
    trap "stop_vm \"\$qemu_pid\"; cleanup_readers; rm -rf \"\$run_dir\"; exit ${sig#*:}" "${sig%%:*}"
  done

  local timed_out=0 pipe_closed=0 deadline=$((SECONDS + timeout))
  while kill -0 "$qemu_pid" 2>/dev/null; do
    # Our stdout went away (`vm.sh run -- yes | head`): end like a pipeline would, or
    # the command would block on its full output port until the timeout.
    if [[ -f $run_dir/stdout.failed ]]; then
      pipe_closed=1
      stop_vm "$qemu_pid"
      break
    fi
    if ((timeout > 0 && SECONDS >= deadline)); then
      timed_out=1
      echo "vm: timeout after ${timeout}s, stopping the VM (qemu pid $qemu_pid)" >&2
      stop_vm "$qemu_pid"
      break
    fi
    sleep 0.2
  done
  local qemu_status=0
  wait "$qemu_pid" 2>/dev/null || qemu_status=$?
  trap - INT TERM HUP

  # qemu is gone, so every fifo reader sees EOF and ends on its own; a reader whose
  # fifo qemu never opened (qemu failed at start) is still blocked in open: end it.
  local r
  deadline=$((SECONDS + 5))
  for r in "${readers[@]}"; do
    while kill -0 "$r" 2>/dev/null && ((SECONDS < deadline)); do sleep 0.05; done
    kill "$r" 2>/dev/null || true
    wait "$r" 2>/dev/null || true
  done

  local status
  local control
  control=$(tr -d '\r' <"$run_dir/control.log" 2>/dev/null || true)
  if ((timed_out)); then
    status=124
  elif ((pipe_closed)); then
    status=141
  elif [[ $control =~ (^|$'\n')exit\ ([0-9]+) ]]; then
    status=${BASH_REMATCH[2]}
    ((quiet)) || echo "vm: finished in $(elapsed "$started")s, status $status" >&2
  else
    status=125
    echo "vm: the VM stopped without reporting an exit status (qemu status $qemu_status)" >&2
    [[ -n $control ]] && echo "vm: guest reported: $control" >&2
    echo "vm: --- qemu log ---" >&2; tail -n 20 "$run_dir/qemu.log" >&2
    echo "vm: --- console (last 40 lines) ---" >&2; tail -n 40 "$run_dir/console.log" >&2
  fi

  if ((keep_log)); then
    echo "vm: logs kept in $run_dir (console.log, qemu.log, control.log)" >&2
  else
    rm -rf "$run_dir"
  fi
  return "$status"
}

# Under emulation the secondary CPUs' delay-loop calibration fails slowly (about 0.5 s);
# the value the boot CPU derives from the host's clock rate makes it unnecessary.
loops_per_jiffy() {
  local hz
  hz=$(sed -n 's/^CONFIG_HZ=//p' "/boot/config-$1" 2>/dev/null)
  [[ -n $hz ]] || return 0
  awk -v hz="$hz" -F: '/^cpu MHz/ { printf "lpj=%d", $2 * 1000000 / hz; exit }' /proc/cpuinfo
}

# Copies the serial console to console.log and shows the guest's "ksvm:" progress lines.
show_console() {
  local run_dir=$1 started=$2 quiet=$3 line
  while IFS= read -r line || [[ -n $line ]]; do
    line=${line%$'\r'}
    printf '%s\n' "$line" >>"$run_dir/console.log"
    if [[ $line == ksvm:* ]] && ((!quiet)); then
      printf 'vm: %6ss  %s\n' "$(elapsed "$started")" "${line#ksvm: }" >&2
    fi
  done <"$run_dir/console.out"
}

stop_vm() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  local i
  for i in $(seq 1 25); do kill -0 "$pid" 2>/dev/null || return 0; sleep 0.2; done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup_readers() {
  local r
  for r in "${readers[@]:-}"; do
    if [[ -n $r ]]; then kill "$r" 2>/dev/null || true; fi
  done
}

case ${1:-} in
  build) shift; build >/dev/null ;;
  run) shift; run "$@" ;;
  clean) rm -rf "$cache_root" ;;
  -h|--help|help|"") usage ;;
  *) usage >&2; exit 2 ;;
esac
