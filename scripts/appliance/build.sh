#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Builds the Xen test/run appliance from the installed Debian packages into
# OUTDIR: xen (the gunzipped hypervisor), vmlinux (dom0 kernel, uncompressed
# ELF; vmlinuz if extraction fails) and dom0.cpio (busybox initramfs with
# the Xen tools). Each output is cached with a stamp of its inputs and only
# rebuilt when they change; a fresh cache prints nothing.
set -eu

if [ "$#" -ne 1 ] || [ "$1" = -h ] || [ "$1" = --help ]; then
    echo "usage: scripts/appliance/build.sh OUTDIR" >&2
    exit 2
fi
here=$(cd "$(dirname "$0")" && pwd)
mkdir -p "$1"
out=$(cd "$1" && pwd)

XENVER=4.17
XENBIN=/usr/lib/xen-$XENVER/bin
# Daemons and tools dom0 runs; the real binaries, not /usr/sbin wrappers.
XENTOOLS="xl xenstored xenconsoled xenconsole xen-init-dom0 libxl-save-helper
xenstore-control"
# xenstore-* are names of one multi-call binary, /usr/bin/xenstore.
XSNAMES="xenstore-read xenstore-write xenstore-ls xenstore-list xenstore-rm
xenstore-exists xenstore-watch xenstore-chmod"
MODULES="xen-privcmd xenfs xen-evtchn xen-gntdev xen-gntalloc xen-blkback
xen-netback loop bridge llc stp tun virtio_pci virtio_blk virtio_console
virtio_net"

die() {
    echo "appliance: error: $*" >&2
    exit 1
}

say() {
    echo "appliance: $*" >&2
}

pkgver() {
    dpkg-query -W -f='${Version}' "$1" 2>/dev/null ||
        die "Debian package $1 is not installed (run scripts/install-deps.sh)"
}

# Two builds of the same OUTDIR (parallel make, two xenrun) serialise here.
if command -v flock >/dev/null 2>&1; then
    exec 9>"$out/.lock"
    flock 9
fi

# The kernel the linux-image-amd64 metapackage currently points at.
kver=$(dpkg-query -W -f='${Depends}' linux-image-amd64 2>/dev/null |
    sed -n 's/^linux-image-\([^ ,]*\).*/\1/p')
if [ -z "$kver" ] || [ ! -f "/boot/vmlinuz-$kver" ]; then
    kver=$(ls /boot/vmlinuz-* 2>/dev/null | sed 's|^/boot/vmlinuz-||' |
        sort -V | tail -n 1)
fi
[ -n "$kver" ] && [ -f "/boot/vmlinuz-$kver" ] ||
    die "no /boot/vmlinuz-* (install linux-image-amd64)"
[ -d "/lib/modules/$kver" ] || die "no /lib/modules/$kver"
kpkg=$(pkgver "linux-image-$kver")

# fresh FILE STAMP: FILE exists and was built from inputs named STAMP.
fresh() {
    [ -f "$1" ] && [ -f "$1.stamp" ] && [ "$(cat "$1.stamp")" = "$2" ]
}

# --- xen ---------------------------------------------------------------
stamp="xen-hypervisor-$XENVER-amd64 $(pkgver xen-hypervisor-$XENVER-amd64)"
if ! fresh "$out/xen" "$stamp"; then
    gz=/boot/xen-$XENVER-amd64.gz
    [ -f "$gz" ] || die "missing $gz"
    gzip -dc "$gz" >"$out/xen.tmp"
    [ "$(od -An -tx1 -j4 -N1 "$out/xen.tmp" | tr -d ' ')" = 01 ] ||
        die "$gz is not an ELF32 image"
    mv "$out/xen.tmp" "$out/xen"
    echo "$stamp" >"$out/xen.stamp"
fi

# --- dom0 kernel -------------------------------------------------------
stamp="linux $kver $kpkg $(sha256sum <"$here/extract-vmlinux.sh" | cut -c1-16)"
if ! fresh "$out/vmlinux" "$stamp" && ! fresh "$out/vmlinuz" "$stamp"; then
    say "extracting the dom0 vmlinux from /boot/vmlinuz-$kver..."
    rm -f "$out/vmlinux" "$out/vmlinux.stamp" "$out/vmlinuz" "$out/vmlinuz.stamp"
    if sh "$here/extract-vmlinux.sh" "/boot/vmlinuz-$kver" "$out/vmlinux"; then
        echo "$stamp" >"$out/vmlinux.stamp"
    else
        say "using the compressed kernel (costs Xen 2.5-6.4 s per boot)"
        cp "/boot/vmlinuz-$kver" "$out/vmlinuz"
        echo "$stamp" >"$out/vmlinuz.stamp"
    fi
fi

# --- dom0.cpio ---------------------------------------------------------
scripts_hash=$(cd "$here" && ls | LC_ALL=C sort | xargs sha256sum | sha256sum |
    cut -c1-16)
stamp="xen-utils $(pkgver xen-utils-$XENVER) busybox $(pkgver busybox-static)"
stamp="$stamp libc6 $(pkgver libc6) linux $kver $kpkg scripts $scripts_hash"
if fresh "$out/dom0.cpio" "$stamp"; then
    exit 0
fi
say "building dom0 initramfs..."
root="$out/root.tmp"
rm -rf "$root"
mkdir -p "$root"
cd "$root"
mkdir -p bin usr/bin usr/sbin usr/lib/x86_64-linux-gnu usr/lib64 "${XENBIN#/}" \
    etc/xen/scripts etc/rx dev proc sys run tmp root rx \
    var/log/xen var/lib/xen var/lib/xenstored
ln -s usr/lib lib
ln -s usr/lib64 lib64
ln -s bin sbin
ln -s ../run var/run
ln -s ../run/lock var/lock

# busybox and its applets: --install -s links each applet name to the
# path busybox runs from on the host, so copy it to that path too.
/bin/busybox --install -s "$root/bin"
bb=$(readlink bin/sh)
case "$bb" in
    /*) mkdir -p "${bb%/*}" && cp /bin/busybox "${bb#/}" ;;
    *) die "unexpected busybox --install link $bb" ;;
esac

# Xen tools.
bins=""
for t in $XENTOOLS; do
    [ -x "$XENBIN/$t" ] || die "missing $XENBIN/$t"
    cp "$XENBIN/$t" "${XENBIN#/}/$t"
    ln -s "$XENBIN/$t" "usr/sbin/$t"
    bins="$bins $XENBIN/$t"
done
cp /usr/bin/xenstore usr/bin/xenstore
for n in $XSNAMES; do
    ln -s xenstore "usr/bin/$n"
done
bins="$bins /usr/bin/xenstore"

# Libraries: everything ldd lists, plus libgcc_s.so.1, which glibc
# dlopens for pthread_cancel (xl aborts without it). Paths are kept as
# ldd prints them, under the usr-merged layout (/lib -> usr/lib).
libgcc=$(ls /lib/x86_64-linux-gnu/libgcc_s.so.1 /usr/lib/x86_64-linux-gnu/libgcc_s.so.1 \
    2>/dev/null | head -n 1)
[ -n "$libgcc" ] || die "libgcc_s.so.1 not found"
# shellcheck disable=SC2086
libs=$(ldd $bins | awk '$2 == "=>" && $3 ~ /^\// { print $3 }
    $1 ~ /^\// && $2 ~ /^\(/ { print $1 }' |
    LC_ALL=C sort -u)
for l in $libs $libgcc; do
    case "$l" in
        /usr/*) dst="${l#/}" ;;
        *) dst="usr${l}" ;;
    esac
    mkdir -p "$(dirname "$dst")"
    cp -L "$l" "$dst"
done

# Kernel modules with their dependencies, and the order to load them in
# (dependencies first), from modules.dep.
mdir=/lib/modules/$kver
order=$(awk -v want="$MODULES" '
    function name(p) { sub(/.*\//, "", p); sub(/\.ko.*$/, "", p);
                       gsub(/-/, "_", p); return p }
    function visit(m,   n, i, d) {
        if (m in done) return
        done[m] = 1
        n = split(deps[m], d, " ")
        for (i = 1; i <= n; i++) visit(name(d[i]))
        print path[m]
    }
    { p = $1; sub(/:$/, "", p); m = name(p); path[m] = p
      deps[m] = ""; for (i = 2; i <= NF; i++) deps[m] = deps[m] " " $i }
    END { n = split(want, w, /[ \n]+/)
          for (i = 1; i <= n; i++) {
              m = w[i]; gsub(/-/, "_", m)
              if (m == "") continue
              if (!(m in path)) { print "MISSING " w[i]; continue }
              visit(m) } }' "$mdir/modules.dep")
case "$order" in
    *MISSING*) die "kernel modules not found: $(echo "$order" | grep MISSING)" ;;
esac
for m in $order; do
    case "$m" in
        *.ko) ;;
        *) die "module $m is compressed; busybox insmod needs plain .ko" ;;
    esac
    mkdir -p "$(dirname "lib/modules/$kver/$m")"
    cp "$mdir/$m" "lib/modules/$kver/$m"
    echo "/lib/modules/$kver/$m"
done >etc/rx/modules

# Our scripts and configuration.
cp "$here/init" init
cp "$here/rx-run" usr/sbin/rx-run
cp "$here/vif-bridge" etc/xen/scripts/vif-bridge
cp "$here/block" etc/xen/scripts/block
chmod 755 init usr/sbin/rx-run etc/xen/scripts/vif-bridge etc/xen/scripts/block
: >etc/xen/xl.conf
echo "root:x:0:0:root:/root:/bin/sh" >etc/passwd
echo "root:x:0:" >etc/group

find . | LC_ALL=C sort | cpio -o -H newc -R 0:0 --quiet >"$out/dom0.cpio.tmp"
cd "$out"
rm -rf "$root"
mv "$out/dom0.cpio.tmp" "$out/dom0.cpio"
echo "$stamp" >"$out/dom0.cpio.stamp"
