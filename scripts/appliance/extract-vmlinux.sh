#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Extracts the uncompressed ELF vmlinux from an x86 bzImage (Debian's
# /boot/vmlinuz-*), so that Xen need not decompress it on every boot.
# Usage: extract-vmlinux.sh BZIMAGE OUTFILE. Exit 0 and OUTFILE written on
# success; exit 1 and no OUTFILE on failure (the caller then uses BZIMAGE).
set -eu

if [ "$#" -ne 2 ]; then
    echo "usage: extract-vmlinux.sh BZIMAGE OUTFILE" >&2
    exit 2
fi
in=$1
out=$2
tmp="$out.tmp.$$"
trap 'rm -f "$tmp" "$tmp.z"' EXIT

# Reads COUNT (1 or 4) little-endian bytes at OFFSET of $in as a decimal.
le() {
    od -An -t"u$2" -j "$1" -N "$2" "$in" | tr -d ' \n'
}

# Writes LEN bytes of $in starting at OFF to $tmp.z (dd with 1-byte
# blocks would be slow: skip/count in bytes via GNU dd's iflags).
slice() {
    dd if="$in" of="$tmp.z" bs=64K iflag=skip_bytes,count_bytes \
        skip="$1" count="$2" status=none
}

# Decompresses $tmp.z into $tmp with the tool that matches its magic.
# The kernel build appends the uncompressed size (4 bytes) after the
# stream; the tools are told to stop at the end of the first stream.
decompress() {
    magic=$(od -An -tx1 -N6 "$tmp.z" | tr -d ' \n')
    case "$magic" in
        fd377a585a00*) xz -dc --single-stream <"$tmp.z" >"$tmp" ;;
        5d0000*) xz -dc --format=lzma <"$tmp.z" >"$tmp" ;;
        1f8b*) gzip -dc <"$tmp.z" >"$tmp" 2>/dev/null || [ -s "$tmp" ] ;;
        28b52ffd*) zstd -dcq <"$tmp.z" >"$tmp" ;;
        425a68*) bzip2 -dcq <"$tmp.z" >"$tmp" ;;
        02214c18*) lz4 -dcq <"$tmp.z" >"$tmp" ;;
        *) return 1 ;;
    esac
}

is_elf() {
    [ "$(od -An -tx1 -N4 "$1" | tr -d ' \n')" = 7f454c46 ]
}

# 1. The boot protocol's own description of the payload (version >= 2.08):
#    setup_sects at 0x1f1, "HdrS" at 0x202, payload_offset at 0x248 and
#    payload_length at 0x24c, both relative to the protected-mode code
#    that starts after (setup_sects + 1) sectors.
found=0
if [ "$(od -An -c -j 514 -N4 "$in" | tr -d ' \n')" = HdrS ]; then
    sects=$(le 497 1)
    [ "$sects" -eq 0 ] && sects=4
    poff=$(le 584 4)
    plen=$(le 588 4)
    if [ "$plen" -gt 0 ]; then
        slice $(((sects + 1) * 512 + poff)) "$plen"
        if decompress 2>/dev/null && is_elf "$tmp"; then
            found=1
        fi
    fi
fi

# 2. Otherwise scan for the first xz stream magic and try it.
if [ "$found" -eq 0 ]; then
    at=$(LC_ALL=C grep -obUaP '\xfd7zXZ\x00' "$in" | head -n 1 | cut -d: -f1)
    if [ -n "$at" ]; then
        slice "$at" $(($(wc -c <"$in") - at))
        if decompress 2>/dev/null && is_elf "$tmp"; then
            found=1
        fi
    fi
fi

if [ "$found" -eq 0 ]; then
    echo "extract-vmlinux: no ELF kernel found in $in" >&2
    exit 1
fi
mv "$tmp" "$out"
