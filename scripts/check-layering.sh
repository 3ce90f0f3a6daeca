#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Checks the layering rules of DESIGN.md on the tracked sources: no "../"
# includes; Xen headers only inside platform/xen; platform internals (its
# quoted private headers) only inside platform/xen and its host tests
# (tests/unit, tests/fuzz). Prints each violation;
# exits 1 if there is any.
set -u
cd "$(dirname "$0")/.."
bad=0
report() {
    echo "layering: $1"
    bad=1
}
files=$(find platform hypercall rumpkernel libc-glue examples tests \
    -name '*.[chS]' 2>/dev/null | sort)
for f in $files; do
    if grep -n '#[[:space:]]*include[[:space:]]*["<]\.\./' "$f" >/dev/null; then
        report "$f includes through ../"
    fi
    case $f in
    platform/xen/*|tests/unit/*|tests/fuzz/*) ;;
    *)
        if grep -n '#[[:space:]]*include[[:space:]]*<xen/' "$f" >/dev/null; then
            report "$f includes a Xen header outside platform/xen"
        fi
        for h in hypercall.h internal.h xen.h evtchn.h barrier.h xs_wire.h palloc.h mm_pt.h shring_priv.h; do
            if grep -n "#[[:space:]]*include[[:space:]]*\"$h\"" "$f" >/dev/null; then
                report "$f includes the platform-private $h"
            fi
        done
        ;;
    esac
done
exit $bad
