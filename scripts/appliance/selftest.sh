#!/bin/bash
# SPDX-License-Identifier: BSD-2-Clause
# Self-test of the test/run appliance and scripts/xenrun, independent of
# rumpxen's own guests: boots Debian's Linux kernel as PV and PVH DomUs
# with a busybox ramdisk whose /init acts as told on its command line, and
# checks every outcome xenrun reports (exit status, crash, timeout, error,
# watchdog, usage errors), two vifs on dom0's two bridges (each pings
# dom0 there) and a disk (bytes land in the host file). Prints PASS/FAIL per check and "N passed, N failed" last.
# Usage: scripts/appliance/selftest.sh [APPLIANCE_DIR]   (about 2 minutes)
set -u
here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)
appliance=${1:-$repo/build/appliance}
xenrun=$repo/scripts/xenrun
passed=0
failed=0

pass() {
    echo "PASS $1"
    passed=$((passed + 1))
}

fail() {
    echo "FAIL $1: $2"
    failed=$((failed + 1))
}

# check NAME EXPECTED ACTUAL
check() {
    if [ "$2" = "$3" ]; then
        pass "$1"
    else
        fail "$1" "expected '$2', got '$3'"
    fi
}

# field DIR GUEST KEY: a value from DIR/GUEST.status.
field() {
    sed -n "s/^$3=//p" "$1/$2.status" 2>/dev/null
}

tmp=$(mktemp -d "${TMPDIR:-/tmp}/rx-selftest.XXXXXX")
trap 'rm -rf "$tmp"' EXIT

# --- usage errors (no QEMU) -------------------------------------------------
img=$tmp/garbage.img
head -c 65536 /dev/urandom >"$img"
for spec in "name=x" "name=x,image=$tmp/none,type=pv" "name=x,image=$img,type=hvm" \
    "name=x,image=$img,type=pv,memory=1x" "name=x,image=$img,type=pv,bogus=1" \
    "name=x/y,image=$img,type=pv" "name=x,image=$img,type=pv,vif=1,bridges=xenbr9" \
    "name=x,image=$img,type=pv,vif=2,bridges=xenbr1"; do
    "$xenrun" --appliance "$appliance" "$spec" >/dev/null 2>&1
    check "usage: ${spec//$tmp\//}" 2 "$?"
done

# --- the guest ramdisk ------------------------------------------------------
sh "$here/build.sh" "$appliance" || {
    fail appliance "build.sh failed"
    echo "$passed passed, $failed failed"
    exit 1
}
kver=$(ls /lib/modules | sort -V | tail -n 1)
mkdir -p "$tmp/rd/mods"
for m in drivers/net/xen-netfront.ko drivers/block/xen-blkfront.ko; do
    cp "/lib/modules/$kver/kernel/$m" "$tmp/rd/mods/"
done
cat >"$tmp/rd/init" <<'EOF'
#!/bin/sh
# DomU /init of the self-test: does what rx.* on the command line says.
export PATH=/usr/sbin:/usr/bin:/bin
mount -t proc proc /proc
mount -t sysfs sys /sys
mount -t devtmpfs dev /dev
arg() { sed -n "s/.*rx\.$1=\([^ ]*\).*/\1/p" /proc/cmdline; }
echo "selftest guest up; cmdline: $(cat /proc/cmdline)"
case " $(cat /proc/cmdline) " in
*" rx.hang "*) echo "hanging"; while :; do sleep 60; done ;;
*" rx.crash "*) echo c >/proc/sysrq-trigger ;;
esac
insmod /mods/xen-netfront.ko
insmod /mods/xen-blkfront.ko
if [ -n "$(arg ip)" ]; then
    n=0
    while [ ! -e /sys/class/net/eth0 ] && [ "$n" -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
    ip addr add "$(arg ip)/24" dev eth0 && ip link set eth0 up
    ping -c 2 -W 5 10.11.0.1 >/dev/null && echo "PING-OK"
fi
if [ -n "$(arg ip1)" ]; then
    n=0
    while [ ! -e /sys/class/net/eth1 ] && [ "$n" -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
    ip addr add "$(arg ip1)/24" dev eth1 && ip link set eth1 up
    ping -c 2 -W 5 10.12.0.1 >/dev/null && echo "PING1-OK"
fi
if [ -n "$(arg disk)" ]; then
    n=0
    while [ ! -b /dev/xvda ] && [ "$n" -lt 50 ]; do sleep 0.1; n=$((n + 1)); done
    echo "$(arg disk)" | dd of=/dev/xvda bs=512 conv=sync,fsync 2>/dev/null &&
        echo "DISK-WRITTEN"
fi
[ -z "$(arg exit)" ] || xenstore-write data/exit-status "$(arg exit)"
poweroff -f
EOF
chmod 755 "$tmp/rd/init"
(cd "$tmp/rd" && find . | cpio -o -H newc -R 0:0 --quiet) >"$tmp/over.cpio"
cat "$appliance/dom0.cpio" "$tmp/over.cpio" >"$tmp/ramdisk"
kernel=$appliance/vmlinux
[ -f "$kernel" ] || kernel=$appliance/vmlinuz
truncate -s 4M "$tmp/disk.img"

cat >"$tmp/before.sh" <<'EOF'
xl info | grep -q '^virt_caps.* hap' && echo "HAP-OK"
ip addr show xenbr0 | grep -q 'inet 10.11.0.1/16' && echo "BRIDGE-OK"
ip addr show xenbr1 | grep -q 'inet 10.12.0.1/16' && echo "BRIDGE1-OK"
ip addr show xenbr0 | grep -v tentative | grep -q 'inet6 fd00:11::1/64' && echo "BRIDGE-V6-OK"
ip addr show xenbr1 | grep -v tentative | grep -q 'inet6 fd00:12::1/64' && echo "BRIDGE1-V6-OK"
EOF

# --- one appliance run with every outcome -------------------------------------
L="image=$kernel,memory=160,ramdisk=$tmp/ramdisk,timeout=60"
C="cmdline=console=hvc0 quiet"
out=$tmp/out
echo "selftest: booting 7 guests in the appliance (about 1-2 minutes)"
"$xenrun" --quiet --appliance "$appliance" --out "$out" --dom0-before "$tmp/before.sh" \
    "name=pv-exit7,type=pv,$L,$C rx.exit=7 rx.ip=10.11.0.2 rx.ip1=10.12.0.2 rx.disk=selftest-marker,vif=2,bridges=xenbr0:xenbr1,disk=$tmp/disk.img" \
    "name=pvh-exit0,type=pvh,$L,$C rx.exit=0" \
    "name=pv-noexit,type=pv,$L,$C" \
    "name=pv-crash,type=pv,$L,$C rx.crash" \
    "name=pv-hang,type=pv,image=$kernel,memory=160,ramdisk=$tmp/ramdisk,timeout=12,$C rx.hang" \
    "name=garbage,type=pv,image=$img" \
    "name=pvh-comma,type=pvh,$L,$C rx.exit=3 rx.x=\"a\,b\\\\c\"" \
    >"$tmp/xenrun.out" 2>&1
rc=$?
sed 's/^/  | /' "$tmp/xenrun.out"
check "run: exit status (a timeout wins)" 124 "$rc"
check "pv-exit7: reason" poweroff "$(field "$out" pv-exit7 reason)"
check "pv-exit7: status" 7 "$(field "$out" pv-exit7 status)"
check "pv-exit7: vif ping" 1 "$(grep -c PING-OK "$out/pv-exit7.log")"
check "pv-exit7: second vif on xenbr1 pings 10.12.0.1" 1 "$(grep -c PING1-OK "$out/pv-exit7.log")"
check "pv-exit7: disk written" 1 "$(grep -c DISK-WRITTEN "$out/pv-exit7.log")"
check "pv-exit7: disk bytes in the host file" selftest-marker "$(head -c 15 "$tmp/disk.img")"
check "pvh-exit0: reason status" "poweroff 0" \
    "$(field "$out" pvh-exit0 reason) $(field "$out" pvh-exit0 status)"
check "pv-noexit: reason status" "poweroff -" \
    "$(field "$out" pv-noexit reason) $(field "$out" pv-noexit status)"
check "pv-crash: reason" crash "$(field "$out" pv-crash reason)"
check "pv-crash: panic on its console" 1 \
    "$(grep -c 'Kernel panic' "$out/pv-crash.log")"
check "pv-hang: reason" timeout "$(field "$out" pv-hang reason)"
check "pv-hang: console" 1 "$(grep -c '^hanging' "$out/pv-hang.log")"
check "garbage: reason" error "$(field "$out" garbage reason)"
check "pvh-comma: status (cmdline escapes)" 3 "$(field "$out" pvh-comma status)"
check "pvh-comma: cmdline as given" 1 \
    "$(grep -c 'rx.x="a,b\\c"' "$out/pvh-comma.log")"
check "dom0: xl info has hap" 1 "$(grep -c HAP-OK "$out/dom0.log")"
check "dom0: bridge xenbr0" 1 "$(grep -c BRIDGE-OK "$out/dom0.log")"
check "dom0: bridge xenbr1" 1 "$(grep -c BRIDGE1-OK "$out/dom0.log")"
check "dom0: xenbr0's fd00:11::1/64 (not tentative)" 1 "$(grep -c BRIDGE-V6-OK "$out/dom0.log")"
check "dom0: xenbr1's fd00:12::1/64 (not tentative)" 1 "$(grep -c BRIDGE1-V6-OK "$out/dom0.log")"

# --- single guests: exit status passes through; the watchdog ------------------
"$xenrun" --quiet --appliance "$appliance" --out "$tmp/out2" \
    "name=one,type=pv,$L,$C rx.exit=42" >/dev/null 2>&1
check "single guest: xenrun exits with its status" 42 "$?"
"$xenrun" --quiet --appliance "$appliance" --out "$tmp/out3" --watchdog 25 \
    "name=stuck,type=pv,image=$kernel,memory=160,ramdisk=$tmp/ramdisk,timeout=120,$C rx.hang" \
    >/dev/null 2>&1
check "watchdog: exit status" 124 "$?"
check "watchdog: reason" timeout "$(field "$tmp/out3" stuck reason)"

echo "$passed passed, $failed failed"
[ "$failed" = 0 ]
