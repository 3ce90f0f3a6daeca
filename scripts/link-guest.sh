#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Links a guest image in two passes so it carries its own symbol table for
# backtraces: pass 1 with an empty table, then with the table of pass 1's
# text symbols. The table sits after the text, so text addresses can not
# move between passes; this is checked. Writes OUT (stripped, the image to
# boot) and OUT.dbg (with debug info).
# Usage: link-guest.sh OUT LDSCRIPT OBJECT... [-l ARCHIVE...]
set -eu
out=$1
lds=$2
shift 2
LD=${LD:-ld}
CC=${CC:-gcc}
NM=${NM:-nm}
STRIP=${STRIP:-strip}
here=$(dirname "$0")
tmp=$out.tmp
mkdir -p "$tmp"

link_pass() {
    # $1: output, $2: ksyms object, rest: objects
    o=$1
    k=$2
    shift 2
    "$LD" -nostdlib -static -z max-page-size=4096 -z noexecstack \
        --gc-sections -T "$lds" -o "$o" "$@" "$k"
}

sh "$here/ksyms.sh" > "$tmp/ksyms0.S"
"$CC" -c -o "$tmp/ksyms0.o" "$tmp/ksyms0.S"
link_pass "$tmp/pass1" "$tmp/ksyms0.o" "$@"
sh "$here/ksyms.sh" "$tmp/pass1" > "$tmp/ksyms1.S"
"$CC" -c -o "$tmp/ksyms1.o" "$tmp/ksyms1.S"
link_pass "$out.dbg" "$tmp/ksyms1.o" "$@"
sh "$here/ksyms.sh" "$out.dbg" > "$tmp/ksyms2.S"
if ! cmp -s "$tmp/ksyms1.S" "$tmp/ksyms2.S"; then
    echo "link-guest: text symbols moved between link passes" >&2
    exit 1
fi
sh "$here/check-tls.sh" "$out.dbg"
"$STRIP" -o "$out" "$out.dbg"
rm -rf "$tmp"
