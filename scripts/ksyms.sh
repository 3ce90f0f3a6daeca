#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Writes the assembly of a guest's symbol table (text symbols sorted by
# address, for backtraces) from an ELF file; with no file, an empty table.
# Usage: ksyms.sh [ELF] > ksyms.S
set -eu
NM=${NM:-nm}
{
    if [ $# -gt 0 ]; then
        "$NM" -n --defined-only "$1" | awk '$2 ~ /^[tTwW]$/ && $3 !~ /^\.L/'
    fi
} | awk '
BEGIN { n = 0; off = 0 }
{ addr[n] = $1; name[n] = $3; noff[n] = off; off += length($3) + 1; n++ }
END {
    print "    .section .ksyms, \"a\""
    print "    .globl ksyms_count, ksyms_addr, ksyms_name, ksyms_strings"
    print "    .p2align 3"
    print "ksyms_count:"
    printf "    .quad %d\n", n
    print "ksyms_addr:"
    for (i = 0; i < n; i++) printf "    .quad 0x%s\n", addr[i]
    print "ksyms_name:"
    for (i = 0; i < n; i++) printf "    .long %d\n", noff[i]
    print "ksyms_strings:"
    for (i = 0; i < n; i++) printf "    .asciz \"%s\"\n", name[i]
}'
