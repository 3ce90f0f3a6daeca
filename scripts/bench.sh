#!/bin/bash
# SPDX-License-Identifier: BSD-2-Clause
# `make bench`: boots the platform benchmark guest as PV and as PVH in one
# appliance run (and hello, for the time from xl create to shutdown) and
# prints the results side by side with the PV/PVH ratio.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
OUT=$BUILD/bench-out
rm -rf "$OUT"
mkdir -p "$OUT"
echo "bench: booting the benchmark guests (about 1 minute)"
scripts/xenrun --quiet --out "$OUT" \
    "name=bench-pv,image=$BUILD/tests/bench/platform,type=pv,memory=32,timeout=60" \
    "name=bench-pvh,image=$BUILD/tests/bench/platform,type=pvh,memory=32,timeout=60" \
    "name=hello-pv,image=$BUILD/examples/hello/hello,type=pv,memory=16" \
    "name=hello-pvh,image=$BUILD/examples/hello/hello,type=pvh,memory=16" \
    >"$OUT/xenrun.out" 2>&1
rc=$?
if [ "$rc" != 0 ]; then
    cat "$OUT/xenrun.out"
    echo "bench: the appliance run failed ($rc)" >&2
    exit 1
fi
value() { # FILE NAME
    sed -n "s/^bench: $2 \([0-9]*\) .*/\1/p" "$1" | tr -d '\r'
}
printf '%-22s %12s %12s %8s\n' metric pv pvh pvh/pv
for m in boot_to_main context_switch clock_read xenstore_read_rtt \
    timer_lateness_mean timer_lateness_max grant_end_cycle malloc_free_pair; do
    pv=$(value "$OUT/bench-pv.log" "$m")
    pvh=$(value "$OUT/bench-pvh.log" "$m")
    unit=$(sed -n "s/^bench: $m [0-9]* \(.*\)/\1/p" "$OUT/bench-pv.log" | tr -d '\r')
    ratio=$(awk -v a="$pv" -v b="$pvh" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }')
    printf '%-22s %9s %-2s %9s %-2s %8s\n' "$m" "${pv:--}" "$unit" "${pvh:--}" "$unit" "$ratio"
done
for t in pv pvh; do
    ms=$(sed -n 's/^time_ms=//p' "$OUT/hello-$t.status")
    printf '%-22s %s ms (xl create to shutdown, hello, %s)\n' hello_cycle "$ms" "$t"
done
