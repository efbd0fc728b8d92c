#!/bin/sh
# Builds the `busybox:latest` OCI image layout from Debian's busybox-static:
#   Rootfs/build-busybox.sh [OUTPUT_DIR]      (default: _out/images/busybox)
# One gzip layer (/bin/busybox + applet symlinks, /etc/passwd with root and nobody,
# /etc/group, mount points), a config with Cmd ["sh"], Env PATH, WorkingDir "/", User "".
# Deterministic (fixed mtimes, sorted, numeric owners, gzip -n): the same busybox gives the
# same digests. Cached: rebuilt only when busybox or this script changes.
set -eu

out=${1:-_out/images/busybox}
busybox=${BUSYBOX:-/bin/busybox}
[ -x "$busybox" ] || { echo "build-busybox: $busybox missing (apt-get install busybox-static)" >&2; exit 1; }
file -L "$busybox" 2>/dev/null | grep -q 'statically linked' || {
    echo "build-busybox: $busybox is not statically linked (install busybox-static)" >&2; exit 1; }

stamp="$(cat "$busybox" "$0" | sha256sum | cut -d' ' -f1)"
if [ -f "$out/index.json" ] && [ "$(cat "$out/.stamp" 2>/dev/null)" = "$stamp" ]; then
    echo "build-busybox: $out is up to date"
    exit 0
fi

work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
root="$work/rootfs"
mkdir -p "$root/bin" "$root/etc" "$root/proc" "$root/sys" "$root/dev" "$root/tmp" "$root/root" \
         "$root/var/www" "$root/home"
chmod 1777 "$root/tmp"
chmod 700 "$root/root"
cp "$busybox" "$root/bin/busybox"
chmod 755 "$root/bin/busybox"
for applet in $("$busybox" --list); do
    [ "$applet" = busybox ] || ln -sf busybox "$root/bin/$applet"
done
cat > "$root/etc/passwd" <<'PASSWD'
root:x:0:0:root:/root:/bin/sh
nobody:x:65534:65534:nobody:/nonexistent:/bin/false
PASSWD
cat > "$root/etc/group" <<'GROUP'
root:x:0:
nogroup:x:65534:
GROUP
touch "$root/etc/hosts" "$root/etc/hostname" "$root/etc/resolv.conf"

tar --sort=name --mtime=@0 --owner=0 --group=0 --numeric-owner --format=posix \
    --pax-option=exthdr.name=%d/PaxHeaders/%f,delete=atime,delete=ctime \
    -C "$root" -cf "$work/layer.tar" .
gzip -n -9 < "$work/layer.tar" > "$work/layer.tar.gz"

sha() { sha256sum "$1" | cut -d' ' -f1; }
size() { stat -c %s "$1"; }
diff_id=$(sha "$work/layer.tar")
layer=$(sha "$work/layer.tar.gz")

printf '{"architecture":"amd64","os":"linux","created":"1970-01-01T00:00:00Z","config":{"User":"","Env":["PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin"],"Cmd":["sh"],"WorkingDir":"/"},"rootfs":{"type":"layers","diff_ids":["sha256:%s"]},"history":[{"created":"1970-01-01T00:00:00Z","created_by":"Rootfs/build-busybox.sh"}]}' \
    "$diff_id" > "$work/config.json"
config=$(sha "$work/config.json")

printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.manifest.v1+json","config":{"mediaType":"application/vnd.oci.image.config.v1+json","digest":"sha256:%s","size":%s},"layers":[{"mediaType":"application/vnd.oci.image.layer.v1.tar+gzip","digest":"sha256:%s","size":%s}]}' \
    "$config" "$(size "$work/config.json")" "$layer" "$(size "$work/layer.tar.gz")" > "$work/manifest.json"
manifest=$(sha "$work/manifest.json")

layout="$work/layout"
mkdir -p "$layout/blobs/sha256"
cp "$work/layer.tar.gz" "$layout/blobs/sha256/$layer"
cp "$work/config.json" "$layout/blobs/sha256/$config"
cp "$work/manifest.json" "$layout/blobs/sha256/$manifest"
printf '{"imageLayoutVersion":"1.0.0"}' > "$layout/oci-layout"
printf '{"schemaVersion":2,"mediaType":"application/vnd.oci.image.index.v1+json","manifests":[{"mediaType":"application/vnd.oci.image.manifest.v1+json","digest":"sha256:%s","size":%s,"annotations":{"org.opencontainers.image.ref.name":"latest"}}]}' \
    "$manifest" "$(size "$work/manifest.json")" > "$layout/index.json"
echo "$stamp" > "$layout/.stamp"
# Replace the old layout in one rename so readers never see half an image.
mkdir -p "$(dirname "$out")"
staging="$out.new.$$"
rm -rf "$staging"
cp -a "$layout" "$staging"
rm -rf "$out.old.$$"
[ -e "$out" ] && mv "$out" "$out.old.$$"
mv "$staging" "$out"
rm -rf "$out.old.$$"
echo "build-busybox: wrote $out (manifest sha256:$manifest)"
