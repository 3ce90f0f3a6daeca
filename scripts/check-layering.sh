#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# Checks the layering rules of DESIGN.md: no "../" includes; Xen headers
# only inside platform/xen; the platform's private headers (named *_priv.h,
# so they can not be confused with the public include/rumpxen/ ones) only
# inside platform/xen and its host tests (tests/unit, tests/fuzz); and no
# circle between the files of platform/, hypercall/, rumpkernel/ and libc-glue/, found
# from what their objects define and use (scripts/check-cycles.py; needs
# the build, BUILD=build by default). Prints each violation; exits 1 if any.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
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
    platform/xen/*)
        # Quoted includes here are private headers and say so in their name.
        grep -o '#[[:space:]]*include[[:space:]]*"[^"]*"' "$f" |
            sed 's/.*"\(.*\)"/\1/' | grep -v '_priv\.h$' |
            while read -r h; do
                echo "layering: $f includes \"$h\": private headers are named *_priv.h"
            done | grep . && bad=1
        ;;
    tests/unit/* | tests/fuzz/*) ;;
    *)
        if grep -n '#[[:space:]]*include[[:space:]]*<xen/' "$f" >/dev/null; then
            report "$f includes a Xen header outside platform/xen"
        fi
        if grep -n '#[[:space:]]*include[[:space:]]*"[^"]*_priv\.h"' "$f" >/dev/null; then
            report "$f includes a platform-private header"
        fi
        ;;
    esac
done

# Objects of sources that still exist (a removed file may leave its .o).
objs=$(find "$BUILD/obj/platform" "$BUILD/obj/hypercall" "$BUILD/obj/rumpkernel" "$BUILD/obj/libc-glue" \
    -name '*.o' 2>/dev/null | sort | while read -r o; do
    src=${o#"$BUILD/obj/"}
    [ ! -f "${src%.o}" ] || echo "$o"
done)
if [ -z "$objs" ]; then
    report "no objects under $BUILD/obj: build first (make all) to check for circles"
else
    # shellcheck disable=SC2086  # one argument per object
    scripts/check-cycles.py $objs || bad=1
fi
exit $bad
