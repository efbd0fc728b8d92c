#!/usr/bin/env bash
# Installs every Debian package Kubeswift needs to build, test and benchmark.
# Idempotent and non-interactive: packages already present are skipped.
set -euo pipefail

PACKAGES=(
  # build
  pkg-config libsqlite3-dev libseccomp-dev libcap-dev
  # runtime and networking (used inside network namespaces the tests create)
  iproute2 iptables busybox-static util-linux kmod procps
  # the throwaway VM (software emulation) and its kernel; xz-utils and binutils
  # unpack the kernel for a direct (PVH) boot, ~3 s faster under emulation
  qemu-system-x86 linux-image-amd64 cpio xz-utils binutils
  # peers for interoperability tests and benchmarks
  etcd-server etcd-client containernetworking-plugins runc crun
  # image pulls: a local OCI registry, a client to push to it, certificates/tokens for its TLS and auth variants
  docker-registry skopeo openssl
  # test clients
  python3-pip curl jq
)

missing=()
for p in "${PACKAGES[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$p")
  fi
done

if ((${#missing[@]})); then
  echo "install-deps: installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
else
  echo "install-deps: all Debian packages present"
fi

# The official Kubernetes Python client, used by the compatibility tests.
if ! python3 -c 'import kubernetes' 2>/dev/null; then
  echo "install-deps: pip install kubernetes"
  python3 -m pip install -q kubernetes 2>&1 | tail -n 2 || echo "install-deps: warning: pip install kubernetes failed; Python client tests will skip"
fi
