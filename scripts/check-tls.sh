#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Checks that the TLS symbols guest.lds exports (_tls_start, _tls_filesz,
# _tls_memsz, _tls_align) describe the image's PT_TLS segment exactly, as
# sched.c relies on them. An image without TLS (no PT_TLS, or an empty one)
# must have _tls_memsz 0.
# Usage: check-tls.sh IMAGE (an unstripped guest image)
set -eu
img=$1
READELF=${READELF:-readelf}
NM=${NM:-nm}

sym() {
    v=$("$NM" "$img" | awk -v s="$1" '$3 == s { print $1 }')
    [ -n "$v" ] || { echo "check-tls: $img has no symbol $1" >&2; exit 1; }
    printf '%d' "0x$v"
}

# TLS Offset VirtAddr PhysAddr FileSiz MemSiz Flags Align
seg=$("$READELF" -lW "$img" | awk '$1 == "TLS" { print $3, $5, $6, $NF }')
start=$(sym _tls_start)
filesz=$(sym _tls_filesz)
memsz=$(sym _tls_memsz)
align=$(sym _tls_align)
if [ -z "$seg" ]; then
    [ "$memsz" = 0 ] && exit 0
    echo "check-tls: $img has no PT_TLS but _tls_memsz is $memsz" >&2
    exit 1
fi
set -- $seg
if [ "$(printf '%d' "$3")" = 0 ] && [ "$memsz" = 0 ]; then
    exit 0
fi
want="$(printf '%d %d %d %d' "$1" "$2" "$3" "$4")"
got="$start $filesz $memsz $align"
if [ "$want" != "$got" ]; then
    echo "check-tls: $img: PT_TLS (start filesz memsz align) is $want," \
        "the linker script's symbols say $got" >&2
    exit 1
fi
