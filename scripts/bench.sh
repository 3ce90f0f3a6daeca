#!/bin/bash
# SPDX-License-Identifier: BSD-2-Clause
# `make bench`: boots the platform benchmark guest as PV and as PVH in one
# appliance run (and hello, for the time from xl create to shutdown) and
# prints the results side by side with the PV/PVH ratio, and the smallest
# domain each example boots and passes in (hello; with a rump kernel also
# rump-hello with each component set), PV and PVH. With RUMP_DIR also
# rump_init() time and image sizes.
set -u
cd "$(dirname "$0")/.."
BUILD=${BUILD:-build}
OUT=$BUILD/bench-out
rm -rf "$OUT"
mkdir -p "$OUT"
RUMP_DIR=${RUMP_DIR:-}
LADDER="16 8 7 6 5 4 3 2"
guests=(
    "name=bench-pv,image=$BUILD/tests/bench/platform,type=pv,memory=32,timeout=60"
    "name=bench-pvh,image=$BUILD/tests/bench/platform,type=pvh,memory=32,timeout=60"
    "name=hello-pv,image=$BUILD/examples/hello/hello,type=pv,memory=16"
    "name=hello-pvh,image=$BUILD/examples/hello/hello,type=pvh,memory=16"
)
# The baseline users would otherwise run: Debian's Linux (the appliance's
# extracted vmlinux) as a PV and PVH DomU with a busybox initramfs whose
# /init prints a line and powers off.
LINUX=$BUILD/appliance/vmlinux
if [ -f "$LINUX" ] && [ -x /bin/busybox ]; then
    lroot=$OUT/linux-root
    mkdir -p "$lroot/bin"
    cp /bin/busybox "$lroot/bin/busybox"
    printf '#!/bin/busybox sh\n/bin/busybox mkdir -p /proc\n/bin/busybox mount -t proc proc /proc\n/bin/busybox echo linux-baseline: uptime $(/bin/busybox cut -d" " -f1 /proc/uptime)\n/bin/busybox echo linux-baseline: userland up\n/bin/busybox poweroff -f\n' >"$lroot/init"
    chmod +x "$lroot/init"
    (cd "$lroot" && find . | cpio -o -H newc --quiet) >"$OUT/linux-initrd.cpio"
    for t in pv pvh; do
        guests+=("name=linux-$t,image=$LINUX,ramdisk=$OUT/linux-initrd.cpio,type=$t,memory=128,timeout=90,cmdline=console=hvc0 quiet")
    done
fi
# The memory ladder: each example (hello; rump-hello with each component
# set) booted at each size, PV and PVH; the smallest that passes is
# reported. Guest names: EXAMPLE-TYPE-MB (rump-TYPE-MB for the base set).
ladder_name() { # EXAMPLE TYPE MB
    case $1 in
    rump-hello-base) echo "rump-$2-$3" ;;
    *) echo "$1-$2-$3" ;;
    esac
}
EXAMPLES_LADDER=hello
[ -z "$RUMP_DIR" ] || EXAMPLES_LADDER="hello rump-hello-base rump-hello-net rump-hello-fs"
for ex in $EXAMPLES_LADDER; do
    # Rump kernel guests print how their memory was split.
    case $ex in
    hello) img=$BUILD/examples/hello/hello args= ;;
    *) img=$BUILD/examples/rump-hello/$ex args=,cmdline=RUMP_VERBOSE=1 ;;
    esac
    for t in pv pvh; do
        for m in $LADDER; do
            guests+=("name=$(ladder_name "$ex" "$t" "$m"),image=$img,type=$t,memory=$m,timeout=30$args")
        done
    done
done
# --- disks (blkfront, issue 11) --------------------------------------------
# tests/bench/disk.c as PV and PVH and tests/bench/linux-disk.c in a Linux
# DomU (xen-blkfront from the host's modules), one after another on one
# 256 MiB image; ratios rumpxen/linux.
DISK_METRICS="disk_seq_write disk_seq_read disk_rand_read_4k"
disk_bench_guests() {
    local ko lroot
    truncate -s 256M "$OUT/disk-bench.img"
    for t in pv pvh; do
        guests+=("name=disk-$t,image=$BUILD/tests/bench/disk,type=$t,memory=32,timeout=120,disk=$OUT/disk-bench.img")
    done
    if [ -n "$RUMP_DIR" ]; then
        mkdir -p "$OUT/empty"
        for t in pv pvh; do
            makefs -t ffs -B le -s 300m -o version=1 "$OUT/ffs-bench-$t.img" "$OUT/empty" >/dev/null
            # Without RUMP_MEMLIMIT the rump kernel's page cache outgrows
            # the domain while writing and it crashes (NULL page, memcpy).
            guests+=("name=ffs-$t,image=$BUILD/tests/bench/ffs,type=$t,memory=64,timeout=240,cmdline=RUMP_MEMLIMIT=16777216,disk=$OUT/ffs-bench-$t.img")
        done
    fi
    ko=$(find /lib/modules/"$(cat "$BUILD/appliance/vmlinux.stamp" 2>/dev/null | cut -d' ' -f2)" \
        -name xen-blkfront.ko 2>/dev/null | head -1)
    if [ ! -f "$LINUX" ] || [ -z "$ko" ] ||
        ! gcc -static -O2 -o "$OUT/linux-disk" tests/bench/linux-disk.c; then
        echo "bench: no Linux disk baseline (needs the appliance's vmlinux, its xen-blkfront.ko, static gcc)"
        return 0
    fi
    lroot=$OUT/linux-disk-root
    mkdir -p "$lroot/bin" "$lroot/dev" "$lroot/proc" "$lroot/sys"
    cp /bin/busybox "$lroot/bin/busybox"
    cp "$OUT/linux-disk" "$lroot/bin/linux-disk"
    cp "$ko" "$lroot/xen-blkfront.ko"
    cat >"$lroot/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox mount -t devtmpfs dev /dev
/bin/busybox insmod /xen-blkfront.ko
i=0
while [ ! -b /dev/xvda ] && [ $i -lt 100 ]; do /bin/busybox sleep 0.1; i=$((i + 1)); done
/bin/linux-disk /dev/xvda
/bin/busybox poweroff -f
INIT
    chmod +x "$lroot/init"
    (cd "$lroot" && find . | cpio -o -H newc --quiet) >"$OUT/linux-disk.cpio"
    for t in pv pvh; do
        guests+=("name=linux-disk-$t,image=$LINUX,ramdisk=$OUT/linux-disk.cpio,type=$t,memory=128,timeout=150,cmdline=console=hvc0 quiet,disk=$OUT/disk-bench.img")
    done
}
disk_bench_report() {
    local m t r l u
    echo
    echo "disks: rumpxen blkfront vs a Linux DomU, 256 MiB, direct I/O"
    printf '%-20s %-4s %10s %10s %8s\n' metric type rumpxen linux ratio
    for m in $DISK_METRICS; do
        for t in pv pvh; do
            r=$(value "$OUT/disk-$t.log" "$m")
            l=$(value "$OUT/linux-disk-$t.log" "$m" 2>/dev/null)
            u=$(sed -n "s/^bench: $m [0-9]* \(.*\)/\1/p" "$OUT/disk-$t.log" | tr -d '\r')
            printf '%-20s %-4s %10s %10s %8s %s\n' "$m" "$t" "${r:--}" "${l:--}" \
                "$(awk -v a="$r" -v b="$l" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')" "$u"
        done
    done
    # Linux has no FFS to write to: FFS against Linux's raw device.
    for m in $DISK_METRICS; do
        for t in pv pvh; do
            r=$(value "$OUT/ffs-$t.log" "ffs_${m#disk_}" 2>/dev/null)
            l=$(value "$OUT/linux-disk-$t.log" "$m" 2>/dev/null)
            printf '%-20s %-4s %10s %10s %8s (ffs vs linux raw)\n' "ffs_${m#disk_}" "$t" "${r:--}" "${l:--}" \
                "$(awk -v a="$r" -v b="$l" 'BEGIN { if (b > 0) printf "%.2f", a / b; else print "-" }')"
        done
    done
}
disk_bench_guests
# --- network (netfront, issue 12) -------------------------------------------
# examples/httpd (rump kernel TCP/IP over netfront) and a Linux DomU
# (xen-netfront from the host's modules, busybox httpd serving the same
# pattern files, a CGI sink for POST) booted back to back, PV and PVH;
# dom0 runs the same netclient against each (tests/bench/net-dom0.sh);
# scripts/benchreport.py net prints the table with ratios rumpxen/linux.
NET_DOM0=()
net_bench_guests() {
    local ko lroot t
    if [ ! -f "$BUILD/examples/httpd/httpd" ] || [ ! -f "$BUILD/tests/dom0/netclient" ]; then
        echo "bench: no examples/httpd or netclient: network comparison skipped"
        return 0
    fi
    NET_DOM0=(--dom0-before tests/bench/net-dom0.sh --dom0-after tests/guest/net-dom0-after.sh
        --dom0-file "$BUILD/tests/dom0/netclient")
    ko=$(find /lib/modules/"$(cut -d' ' -f2 "$BUILD/appliance/vmlinux.stamp" 2>/dev/null)" \
        -name xen-netfront.ko 2>/dev/null | head -1)
    lroot=$OUT/linux-net-root
    if [ -f "$LINUX" ] && [ -n "$ko" ]; then
        mkdir -p "$lroot/bin" "$lroot/dev" "$lroot/proc" "$lroot/sys" "$lroot/www/cgi-bin"
        cp /bin/busybox "$lroot/bin/busybox"
        cp "$ko" "$lroot/xen-netfront.ko"
        # examples/httpd's pattern: 400 lines "rumpxen httpd line %04d\n"
        # of 25 bytes, the last a NUL (its snprintf's).
        python3 -c 'import sys
page = "".join("rumpxen httpd line %04d\n\0" % i for i in range(400)).encode()
for n in (10000, 4194304):
    open(sys.argv[1] + "/%d" % n, "wb").write((page * (n // len(page) + 1))[:n])' "$lroot/www"
        printf '#!/bin/sh\nn=$(head -c "$CONTENT_LENGTH" | wc -c)\nprintf "Content-Type: text/plain\\r\\n\\r\\ngot %%d\\n" "$n"\n' \
            >"$lroot/www/cgi-bin/sink"
        printf '#!/bin/sh\nprintf "Content-Type: text/plain\\r\\n\\r\\nbye\\n"\n(sleep 1; poweroff -f) </dev/null >/dev/null 2>&1 &\n' \
            >"$lroot/www/cgi-bin/exit"
        chmod +x "$lroot/www/cgi-bin/sink" "$lroot/www/cgi-bin/exit"
        cat >"$lroot/init" <<'INIT'
#!/bin/busybox sh
/bin/busybox --install -s /bin
export PATH=/bin
mount -t devtmpfs dev /dev
mount -t proc proc /proc
mount -t sysfs sys /sys
insmod /xen-netfront.ko
i=0
while [ ! -e /sys/class/net/eth0 ] && [ $i -lt 100 ]; do sleep 0.1; i=$((i + 1)); done
a=$(sed -n 's/.*net\.xenif0=\([0-9.]*\/[0-9]*\).*/\1/p' /proc/cmdline)
ip link set lo up
ip addr add "$a" dev eth0
ip link set eth0 up
echo "linux-net: serving on $a"
httpd -f -p 80 -h /www
poweroff -f
INIT
        chmod +x "$lroot/init"
        (cd "$lroot" && find . | cpio -o -H newc --quiet) >"$OUT/linux-net.cpio"
    else
        echo "bench: no Linux network baseline (needs the appliance's vmlinux and its xen-netfront.ko)"
    fi
    for t in pv pvh; do
        guests+=("name=netb-$t,image=$BUILD/examples/httpd/httpd,type=$t,memory=64,timeout=240,vif=1,cmdline=net.xenif0=@IP0@/16 -- -x")
        [ ! -f "$OUT/linux-net.cpio" ] ||
            guests+=("name=netl-$t,image=$LINUX,ramdisk=$OUT/linux-net.cpio,type=$t,memory=128,timeout=240,vif=1,cmdline=console=hvc0 quiet net.xenif0=@IP0@/16")
    done
}
net_bench_report() {
    local t
    [ ${#NET_DOM0[@]} -gt 0 ] || return 0
    echo
    echo "network: examples/httpd vs a Linux DomU (busybox httpd), the same netclient in dom0; ratio above 1 rumpxen better"
    for t in pv pvh; do
        grep -q 'httpd: served' "$OUT/netb-$t.log" 2>/dev/null ||
            echo "  (netb-$t did not serve: see $OUT/netb-$t.log)"
    done
    scripts/benchreport.py net --dom0-log "$OUT/dom0.log" --keep "$BUILD/bench"
}
if [ "${BENCH_ONLY:-}" = net ]; then
    # Only the network comparison (for working on it).
    guests=()
    net_bench_guests
    scripts/xenrun --quiet --out "$OUT" "${NET_DOM0[@]}" "${guests[@]}" >"$OUT/xenrun.out" 2>&1
    echo "(xenrun exit $?)"
    net_bench_report
    exit
fi
net_bench_guests
# --- The rump kernel against its hosted self --------------------------------
# One workload (tests/bench/rumpwork.c) as a rumpxen guest and as a static
# Linux program on NetBSD's librumpuser that a Linux DomU runs as /init, each
# booted RW_RUNS times, PV and PVH, interleaved in this one appliance run.
# scripts/benchreport.py prints the table and keeps the results in
# $BUILD/bench.
RW=$BUILD/tests/bench/rumpwork
RWL=$BUILD/tests/bench/rumpwork-linux
RW_RUNS=${RW_RUNS:-3}
rumpwork_guests() {
    [ -n "$RUMP_DIR" ] && [ -f "$RW" ] || return 0
    if [ ! -f "$RWL" ] || [ ! -f "$LINUX" ]; then
        echo "bench: no hosted rump kernel program ($RWL) or no Linux: rumpxen against hosted skipped"
        return 0
    fi
    local root=$OUT/rumpwork-root t i
    mkdir -p "$root"
    cp "$RWL" "$root/init"
    (cd "$root" && find . | cpio -o -H newc --quiet) >"$OUT/rumpwork-initrd.cpio"
    # Run i of rumpxen and of hosted boot one after the other, so each
    # pair's ratio is taken within seconds (the machine's speed drifts).
    for i in $(seq 1 "$RW_RUNS"); do
        for t in pv pvh; do
            guests+=("name=rumpwork-$t-$i,image=$RW,type=$t,memory=64,timeout=90")
            guests+=("name=hosted-$t-$i,image=$LINUX,ramdisk=$OUT/rumpwork-initrd.cpio,type=$t,memory=256,timeout=120,cmdline=console=hvc0 quiet RUMPWORK_RUNS=1")
        done
    done
    # Where a rump system call's time goes (hypercalls, context switches);
    # with rdtsc not emulated (tsc_mode=native) also TSC cycles per step.
    for t in pv pvh; do
        guests+=("name=rumpprof-$t,image=$BUILD/tests/bench/rumpprof,type=$t,memory=32,timeout=90")
        guests+=("name=rumpprof-tsc-$t,image=$BUILD/tests/bench/rumpprof,type=$t,memory=32,timeout=90,tsc_mode=native")
    done
}
rumpwork_report() {
    [ -f "$OUT/hosted-pv-1.log" ] || return 0
    local t i
    local -A xen hosted
    for t in pv pvh; do
        for i in $(seq 1 "$RW_RUNS"); do
            grep -q 'rumpwork: PASS' "$OUT/rumpwork-$t-$i.log" 2>/dev/null ||
                echo "  (rumpwork-$t-$i did not pass: see $OUT/rumpwork-$t-$i.log)"
            grep -q 'rumpwork: hosted runs PASS' "$OUT/hosted-$t-$i.log" 2>/dev/null ||
                echo "  (hosted-$t-$i did not pass: see $OUT/hosted-$t-$i.log)"
            xen[$t]+=" rumpwork-$t-$i"
            hosted[$t]+=" hosted-$t-$i"
        done
    done
    echo
    echo "the rump kernel: rumpxen vs hosted (NetBSD librumpuser in a Linux DomU), $RW_RUNS runs each; ratio: median (min-max) of the $RW_RUNS back-to-back pairs' ratios, above 1 rumpxen better"
    # shellcheck disable=SC2086
    scripts/benchreport.py --out "$OUT" --keep "$BUILD/bench" \
        --rumpxen-pv ${xen[pv]} --rumpxen-pvh ${xen[pvh]} \
        --hosted-pv ${hosted[pv]} --hosted-pvh ${hosted[pvh]}
    for t in pv pvh; do
        echo
        echo "rumpxen $t: a rump system call's hypercalls and steps (tests/bench/rumpprof.c)"
        sed -n 's/^rumpprof: //p' "$OUT/rumpprof-$t.log" 2>/dev/null | tr -d '\r'
        echo "rumpxen $t, tsc_mode=native (rdtsc not emulated):"
        sed -n 's/^rumpprof: //p' "$OUT/rumpprof-tsc-$t.log" 2>/dev/null | tr -d '\r'
    done
}
if [ "${BENCH_ONLY:-}" = rump ]; then
    # Only rumpxen against hosted and rumpprof (for working on them).
    guests=()
    rumpwork_guests
    scripts/xenrun --quiet --out "$OUT" "${guests[@]}" >"$OUT/xenrun.out" 2>&1
    echo "(xenrun exit $?)"
    rumpwork_report
    exit
fi
rumpwork_guests
# --- Boot breakdown: xl create -> main() -> exit ----------------------------
# hello and rump-hello with RUMPXEN_VERBOSE=1 print their boot timeline
# (platform/xen/boot.c); the Linux DomU's /init prints /proc/uptime when it
# starts. dom0 gives create_ms (xl create: toolstack and domain build) and
# time_ms (until it noticed the shutdown); "outside" is what the guest
# does not see: toolstack, domain build, Xen starting the vCPU, the
# shutdown reaching dom0 (watch, 10 ms clock).
boot_breakdown_guests() {
    local t
    for t in pv pvh; do
        guests+=("name=boot-hello-$t,image=$BUILD/examples/hello/hello,type=$t,memory=16,cmdline=RUMPXEN_VERBOSE=1")
        [ -z "$RUMP_DIR" ] ||
            guests+=("name=boot-rump-$t,image=$BUILD/examples/rump-hello/rump-hello-base,type=$t,memory=16,cmdline=RUMPXEN_VERBOSE=1")
    done
}
boot_breakdown_row() { # LABEL NAME
    local st=$OUT/$2.status log=$OUT/$2.log
    [ -f "$st" ] || return 0
    awk -v label="$1" -v type="$(sed -n 's/^type=//p' "$st")" \
        -v create="$(sed -n 's/^create_ms=//p' "$st")" \
        -v total="$(sed -n 's/^time_ms=//p' "$st")" '
        /^boot: timeline us:/ {
            for (i = 4; i < NF; i += 2) us[$i] = $(i + 1); guest = 1 }
        /^linux-baseline: uptime / { up = $3 * 1000; linux = 1 }
        END {
            if (guest) {
                g = us["total"] / 1000
                printf "%-11s %-4s %6d %7.0f %6.1f %7.1f %6.1f %6.1f %6.1f %6.1f %6.0f\n",
                    label, type, total, total - g, us["console+traps"] / 1000,
                    us["mm_init"] / 1000, us["sched+xenstore+gnttab"] / 1000,
                    us["ctors+stages"] / 1000, us["main"] / 1000,
                    us["exit"] / 1000, create
            } else if (linux) {
                printf "%-11s %-4s %6d %7.0f %6s %7s %6s %6.0f %6s %6s %6.0f\n",
                    label, type, total, total - up, "-", "-", "-", up, "-", "-",
                    create
            }
        }' <(tr -d '\r' <"$log")
}
boot_breakdown_report() {
    local t
    echo
    echo "boot breakdown (ms): total = xl create to the shutdown noticed in dom0; outside = total less the guest's own time (toolstack and domain build, Xen starting the vCPU, the shutdown reaching dom0; Linux: also its poweroff); the guest's steps from its first C code: c+trap = console+traps, mm_init, svc = threads+xenstore+grant tables, init = constructors and boot stages (rump_init; Linux: kernel start to /init), main, exit = exit status to xenstore; xl_cr = xl create alone (it returns after the guest started)"
    printf '%-11s %-4s %6s %7s %6s %7s %6s %6s %6s %6s %6s\n' guest type total outside c+trap mm_init svc init main exit xl_cr
    for t in pv pvh; do
        boot_breakdown_row hello "boot-hello-$t"
        boot_breakdown_row rump-hello "boot-rump-$t"
        boot_breakdown_row linux "linux-$t"
    done
}
boot_breakdown_guests
# The clock with rdtsc not emulated (xl's tsc_mode=native), as on a host
# with an invariant TSC, where xl's default leaves rdtsc native too.
for t in pv pvh; do
    guests+=("name=bench-tsc-$t,image=$BUILD/tests/bench/platform,type=$t,memory=32,timeout=60,tsc_mode=native")
done

echo "bench: booting ${#guests[@]} benchmark guests in one appliance run (3-6 minutes on 2 cores; consoles in $OUT)"
scripts/xenrun --quiet --out "$OUT" "${NET_DOM0[@]}" "${guests[@]}" >"$OUT/xenrun.out" 2>&1
rc=$?
# Guests of the memory ladder may fail on purpose; the benchmark guests not.
if ! grep -q '^reason=poweroff' "$OUT/bench-pv.status" 2>/dev/null ||
    ! grep -q '^reason=poweroff' "$OUT/bench-pvh.status" 2>/dev/null; then
    cat "$OUT/xenrun.out"
    echo "bench: the appliance run failed ($rc)" >&2
    exit 1
fi
[ "$rc" = 0 ] || echo "(xenrun exit $rc: guests of the memory ladder below the smallest size fail by design; see $OUT)"
value() { # FILE NAME
    sed -n "s/^bench: $2 \([0-9]*\) .*/\1/p" "$1" | tr -d '\r'
}
printf '%-22s %12s %12s %8s\n' metric pv pvh pvh/pv
for m in context_switch clock_read xenstore_read_rtt \
    timer_lateness_mean timer_lateness_max grant_end_cycle malloc_free_pair; do
    pv=$(value "$OUT/bench-pv.log" "$m")
    pvh=$(value "$OUT/bench-pvh.log" "$m")
    unit=$(sed -n "s/^bench: $m [0-9]* \(.*\)/\1/p" "$OUT/bench-pv.log" | tr -d '\r')
    ratio=$(awk -v a="$pv" -v b="$pvh" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }')
    printf '%-22s %9s %-2s %9s %-2s %8s\n' "$m" "${pv:--}" "$unit" "${pvh:--}" "$unit" "$ratio"
done
for m in clock_read context_switch; do
    pv=$(value "$OUT/bench-tsc-pv.log" "$m")
    pvh=$(value "$OUT/bench-tsc-pvh.log" "$m")
    unit=$(sed -n "s/^bench: $m [0-9]* \(.*\)/\1/p" "$OUT/bench-tsc-pv.log" 2>/dev/null | tr -d '\r')
    printf '%-22s %9s %-2s %9s %-2s %8s\n' "$m (tsc native)" "${pv:--}" "$unit" "${pvh:--}" "$unit" \
        "$(awk -v a="$pv" -v b="$pvh" 'BEGIN { if (a > 0) printf "%.2f", b / a; else print "-" }')"
done
disk_bench_report
echo
echo "xl create to shutdown (ms): a rumpxen guest vs a Linux DomU doing the least"
printf '%-22s %12s %12s\n' guest pv pvh
cycle() { # NAME
    sed -n 's/^time_ms=//p' "$OUT/$1.status" 2>/dev/null
}
printf '%-22s %12s %12s\n' hello "$(cycle hello-pv)" "$(cycle hello-pvh)"
[ -z "$RUMP_DIR" ] || printf '%-22s %12s %12s\n' rump-hello "$(cycle rump-pv-16)" "$(cycle rump-pvh-16)"
if [ -f "$OUT/linux-pv.status" ]; then
    printf '%-22s %12s %12s\n' "linux (128 MB)" "$(cycle linux-pv)" "$(cycle linux-pvh)"
    for t in pv pvh; do
        grep -q 'linux-baseline: userland up' "$OUT/linux-$t.log" 2>/dev/null ||
            echo "  (linux-$t did not reach userland: see $OUT/linux-$t.log)"
    done
    awk -v h="$(cycle hello-pv)" -v r="$(cycle rump-pv-16)" -v l="$(cycle linux-pv)" 'BEGIN {
        if (h > 0 && l > 0) printf "linux/hello (pv)       %.1fx\n", l / h
        if (r > 0 && l > 0) printf "linux/rump-hello (pv)  %.1fx\n", l / r }'
fi
boot_breakdown_report
echo
echo "smallest domain (MB) that boots and passes (tried $LADDER)"
printf '%-22s %12s %12s\n' example pv pvh
for ex in $EXAMPLES_LADDER; do
    case $ex in
    hello) pass='Hello, world!' ;;
    *) pass='rump-hello: PASS' ;;
    esac
    row=()
    for t in pv pvh; do
        smallest=-
        for m in $LADDER; do
            n=$(ladder_name "$ex" "$t" "$m")
            if grep -q '^status=0' "$OUT/$n.status" 2>/dev/null &&
                grep -qF "$pass" "$OUT/$n.log"; then
                smallest=$m
            fi
        done
        row+=("$smallest")
    done
    printf '%-22s %12s %12s\n' "$ex" "${row[0]}" "${row[1]}"
done
net_bench_report
[ -n "$RUMP_DIR" ] || exit 0
echo
for t in pv pvh; do
    init=$(sed -n 's/^rump-hello: rump_init() took \([0-9]*\) ms.*/\1/p' "$OUT/rump-$t-16.log" | tr -d '\r')
    printf '%-22s %s ms (%s, 16 MB domain)\n' rump_init "${init:--}" "$t"
done
for set in base net fs; do
    printf '%-22s %s bytes (stripped, set %s)\n' rump_image_size \
        "$(stat -c %s "$BUILD/examples/rump-hello/rump-hello-$set")" "$set"
done
rumpwork_report
