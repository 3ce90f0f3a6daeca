#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Installs, from Debian 12's packages, what rumpxen needs to build and to boot
# guests under Xen inside QEMU. Idempotent and non-interactive: packages that
# are already installed are not touched. `install-deps.sh fuzz` installs
# what `make fuzz` needs instead (clang and its libFuzzer runtime);
# `install-deps.sh programs` what `make test-programs` needs (dpkg-source,
# tclsh for SQLite's build, cmake and ninja for lighttpd's).
set -eu

PKGS="gcc libc6-dev binutils make libxen-dev newlib-source
qemu-system-x86 xen-hypervisor-4.17-amd64 xen-utils-4.17 linux-image-amd64
busybox-static cpio e2fsprogs xz-utils python3 makefs dosfstools mtools
gnuplot-nox libjsmn-dev"
if [ "${1:-}" = fuzz ]; then
    PKGS="clang-14 libclang-rt-14-dev"
fi
if [ "${1:-}" = programs ]; then
    PKGS="dpkg-dev tcl lz4 cmake ninja-build"
fi

missing=""
for p in $PKGS; do
    if ! dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q 'ok installed'; then
        missing="$missing $p"
    fi
done
if [ -z "$missing" ]; then
    exit 0
fi
echo "install-deps: installing Debian packages:$missing"
SUDO=""
if [ "$(id -u)" != 0 ]; then
    SUDO="sudo"
fi
export DEBIAN_FRONTEND=noninteractive
$SUDO apt-get update -q
# shellcheck disable=SC2086
$SUDO apt-get install -y -q --no-install-recommends $missing
echo "install-deps: done"
