#!/bin/bash
# SPDX-License-Identifier: BSD-2-Clause
# The test command behind `make test`: the layering check, host unit tests,
# host tests of the Python tools, size budgets, then guest tests booted as
# PV and PVH DomUs under real Xen in QEMU (one appliance run for all
# guests). Prints PASS/FAIL per test and ends with "N passed, N failed,
# N skipped". Exits 1 if any test failed.
set -u
cd "$(dirname "$0")/.." || exit 1
BUILD=${BUILD:-build}
OUT=$BUILD/test-out
passed=0
failed=0
skipped=0
RUMP_DIR=${RUMP_DIR:-}
# Set when the images carry our own kernel components (the project's build).
RUMP_OWN=${RUMP_OWN:-}

pass() {
    echo "PASS $1"
    passed=$((passed + 1))
}

fail() {
    echo "FAIL $1: $2"
    failed=$((failed + 1))
}

skip() {
    echo "SKIPPED $1: $2"
    skipped=$((skipped + 1))
}

# --- static checks and host unit tests ---------------------------------
if out=$(scripts/check-layering.sh 2>&1); then
    pass layering
else
    fail layering "$out"
fi

# The unit test list is the Makefile's: a listed test that was not built
# fails instead of being skipped.
if ! unit_tests=$(make -s --no-print-directory print-unit-tests BUILD="$BUILD" RUMP_DIR="$RUMP_DIR") ||
    [ -z "$unit_tests" ]; then
    fail unit "make print-unit-tests gave no list of unit tests"
fi
for name in $unit_tests; do
    t=$BUILD/tests/unit/$name
    if [ ! -x "$t" ]; then
        fail "unit/${name#test_}" "$t is missing (not built?)"
    elif out=$("$t" 2>&1); then
        pass "unit/${name#test_}"
    else
        fail "unit/${name#test_}" "$(echo "$out" | tail -5)"
    fi
done

# Host tests of the Python tools: one PASS/FAIL line per test.
while read -r verdict rest; do
    case $verdict in
    PASS) pass "$rest" ;;
    FAIL) fail "${rest%%: *}" "${rest#*: }" ;;
    SKIPPED) skip "${rest%%: *}" "${rest#*: }" ;;
    *) fail host "unexpected output of tests/host/run.py: $verdict $rest" ;;
    esac
done < <(tests/host/run.py 2>&1 || echo "FAIL host: tests/host/run.py exited $?")

hello_size=$(stat -c %s "$BUILD/examples/hello/hello")
if [ "$hello_size" -le 102400 ]; then
    pass "size/hello ($hello_size bytes <= 100 KB)"
else
    fail size/hello "stripped image is $hello_size bytes, budget 102400"
fi

R=$BUILD/examples/rump-hello
if [ -n "$RUMP_DIR" ]; then
    for set in base net fs; do
        size=$(stat -c %s "$R/rump-hello-$set")
        if [ "$size" -le 2621440 ]; then
            pass "size/rump-hello-$set ($size bytes <= 2.5 MB)"
        else
            fail "size/rump-hello-$set" "stripped image is $size bytes, budget 2.5 MB"
        fi
    done
fi

# --- guest tests ---------------------------------------------------------
# Each row: NAME IMAGE TYPE MEMORY_MB TIMEOUT_S CMDLINE EXPECT [OPTIONS]
# CMDLINE: "-" for none; a '~' in it is a blank; @IP0@ is the guest's
# address on xenbr0, @IP6_0@ its IPv6 one (scripts/xenrun --help).
# EXPECT: exit=N, crash, timeout or killed (kill_on=; anything else fails).
# OPTIONS: extra xenrun keys (vif=1).
# Console checks are in check_console.
G=$BUILD/tests/guest
H=$BUILD/examples/hello/hello
GUESTS="
hello-pv      $H           pv  16 20 -  exit=0
hello-pvh     $H           pvh 16 20 -  exit=0
hello-pv-4m   $H           pv  4  20 -  exit=0
hello-pvh-4m  $H           pvh 4  20 -  exit=0
exit3-pv      $G/exitcode  pv  16 20 3  exit=3
exit3-pvh     $G/exitcode  pvh 16 20 3  exit=3
fault-pv      $G/fault     pv  16 20 -  crash
fault-pvh     $G/fault     pvh 16 20 -  crash
console-pv    $G/console   pv  16 30 -  exit=0
console-pvh   $G/console   pvh 16 30 -  exit=0
hang-pv       $G/hang      pv  16 10 -  timeout
hang-pvh      $G/hang      pvh 16 10 -  timeout
stop-pv       $G/stop      pv  16 30 -  exit=143 shutdown_on=stop: waiting
stop-pvh      $G/stop      pvh 16 30 -  exit=143 shutdown_on=stop: waiting
threads-pv    $G/threads   pv  32 30 -  exit=0
threads-pvh   $G/threads   pvh 32 30 -  exit=0
timer-pv      $G/timer     pv  16 30 -  exit=0
timer-pvh     $G/timer     pvh 16 30 -  exit=0
xenstore-pv   $G/xenstore  pv  16 40 -  exit=0
xenstore-pvh  $G/xenstore  pvh 16 40 -  exit=0
grants-pv     $G/grants    pv  16 20 -  exit=0
grants-pvh    $G/grants    pvh 16 20 -  exit=0
xenbus-pv     $G/xenbus    pv  16 30 -  exit=0 vif=1
xenbus-pvh    $G/xenbus    pvh 16 30 -  exit=0 vif=1
memory-pv     $G/memory    pv  16 30 RUMPXEN_VERBOSE=1 exit=0
memory-pvh    $G/memory    pvh 16 30 RUMPXEN_VERBOSE=1 exit=0
memory-pv-4m  $G/memory    pv  4  30 RUMPXEN_VERBOSE=1 exit=0
memory-pvh-4m $G/memory    pvh 4  30 RUMPXEN_VERBOSE=1 exit=0
dfree-pv      $G/memory    pv  16 20 doublefree crash
dfree-pvh     $G/memory    pvh 16 20 doublefree crash
wx-text-pv    $G/wx        pv  16 20 text   crash
wx-text-pvh   $G/wx        pvh 16 20 text   crash
wx-rodata-pv  $G/wx        pv  16 20 rodata crash
wx-rodata-pvh $G/wx        pvh 16 20 rodata crash
wx-exec-pv    $G/wx        pv  16 20 exec   crash
wx-exec-pvh   $G/wx        pvh 16 20 exec   crash
wx-guard-pv   $G/wx        pv  16 20 guard  crash
wx-guard-pvh  $G/wx        pvh 16 20 guard  crash
wx-grant-pv   $G/wx        pv  16 20 grant  crash
wx-grant-pvh  $G/wx        pvh 16 20 grant  crash
panicstall-pv  $G/panicstall pv  16 20 -  crash
panicstall-pvh $G/panicstall pvh 16 20 -  crash
nullderef-pv  $G/nullderef pv  16 20 -  crash
nullderef-pvh $G/nullderef pvh 16 20 -  crash
rumpuser-pv   $G/rumpuser  pv  32 60 RUMP_VERBOSE=1 exit=0
rumpuser-pvh  $G/rumpuser  pvh 32 60 RUMP_VERBOSE=1 exit=0
tls-pv        $G/tls       pv  16 20 -  exit=0
tls-pvh       $G/tls       pvh 16 20 -  exit=0
tls-int-pv    $G/tls_int   pv  16 20 -  exit=0
tls-int-pvh   $G/tls_int   pvh 16 20 -  exit=0
stack-limit-pv  $G/stack   pv  16 20 limit crash
stack-limit-pvh $G/stack   pvh 16 20 limit crash
stack-guard-pvh $G/stack   pvh 16 20 guard crash
stack-yield-pv  $G/stack   pv  16 20 yield crash
stack-yield-pvh $G/stack   pvh 16 20 yield crash
evblock-yield-pv  $G/evblock pv  16 20 yield crash
evblock-yield-pvh $G/evblock pvh 16 20 yield crash
evblock-sleep-pv  $G/evblock pv  16 20 sleep crash
evblock-sleep-pvh $G/evblock pvh 16 20 sleep crash
evblock-wait-pv   $G/evblock pv  16 20 wait  crash
evblock-wait-pvh  $G/evblock pvh 16 20 wait  crash
conbytes-pv   $G/conbytes  pv  16 20 -  exit=0
conbytes-pvh  $G/conbytes  pvh 16 20 -  exit=0
blk-pv        $G/blk       pv  32 60 -  exit=0 disk=$OUT/blk-pv-a.img,disk2=$OUT/blk-pv-b.img:ro
blk-pvh       $G/blk       pvh 32 60 -  exit=0 disk=$OUT/blk-pvh-a.img,disk2=$OUT/blk-pvh-b.img:ro
blkstall-pv   $G/blkstall  pv  16 40 -  exit=0 disk=$OUT/blkstall-pv.img
blkstall-pvh  $G/blkstall  pvh 16 40 -  exit=0 disk=$OUT/blkstall-pvh.img
libc-pv       $G/libc      pv  16 30 libc-arg exit=0
libc-pvh      $G/libc      pvh 16 30 libc-arg exit=0
hellolibc-pv  $BUILD/examples/hello-libc/hello-libc pv  16 20 7 exit=7
hellolibc-pvh $BUILD/examples/hello-libc/hello-libc pvh 16 20 7 exit=7
net-pv        $G/net       pv  16 120 net.xenif0=@IP0@/16~net.xenif1=@IP1@/16~-- exit=0 vif=2
net-pvh       $G/net       pvh 16 120 net.xenif0=@IP0@/16~net.xenif1=@IP1@/16~-- exit=0 vif=2
cfgargs-pv    $G/exitcode  pv  16 20 env.A=1~hostname=x~RUMP_VERBOSE=1~--~5 exit=5
cfgargs-pvh   $G/exitcode  pvh 16 20 env.A=1~hostname=x~RUMP_VERBOSE=1~--~5 exit=5
libcenv-pv    $G/libcenv   pv  16 20 env.GREETING=hello-env~--~x~y exit=0
libcenv-pvh   $G/libcenv   pvh 16 20 env.GREETING=hello-env~--~x~y exit=0
libcenv-none-pv  $G/libcenv pv  16 20 -  exit=0
libcenv-none-pvh $G/libcenv pvh 16 20 -  exit=0
cfgbad-key-pv      $G/exitcode pv  16 20 foo=1~-- exit=78
cfgbad-key-pvh     $G/exitcode pvh 16 20 foo=1~-- exit=78
cfgbad-addr-pv     $G/exitcode pv  16 20 net.xenif0=10.11.0.300/16~-- exit=78 vif=1
cfgbad-addr-pvh    $G/exitcode pvh 16 20 net.xenif0=10.11.0.300/16~-- exit=78 vif=1
cfgbad-novif-pv    $G/exitcode pv  16 20 net.xenif1=10.11.9.9/16~-- exit=78 vif=1
cfgbad-novif-pvh   $G/exitcode pvh 16 20 net.xenif1=10.11.9.9/16~-- exit=78 vif=1
cfgbad-nodisk-pv   $G/exitcode pv  16 20 blk.xvdb=ffs:/d~-- exit=78
cfgbad-nodisk-pvh  $G/exitcode pvh 16 20 blk.xvdb=ffs:/d~-- exit=78
cfgbad-json-pv     $G/exitcode pv  16 20 - exit=78 vif=1,config=tests/guest/config-bad.json
cfgbad-json-pvh    $G/exitcode pvh 16 20 - exit=78 vif=1,config=tests/guest/config-bad.json
cfgbad-nostack-pv  $G/exitcode pv  16 20 net.xenif0=@IP0@/16~-- exit=78 vif=1
cfgbad-nostack-pvh $G/exitcode pvh 16 20 net.xenif0=@IP0@/16~-- exit=78 vif=1
cfgbad-nokey-pv    $G/exitcode pv  16 20 config=xenstore~-- exit=78
cfgbad-nokey-pvh   $G/exitcode pvh 16 20 config=xenstore~-- exit=78
cfgbad-env-pv      $G/exitcode pv  16 20 env.9X=1~-- exit=78
cfgbad-env-pvh     $G/exitcode pvh 16 20 env.9X=1~-- exit=78
"
# Rump kernel guests (need a rump kernel: the project's cached build or
# RUMP_DIR), same columns. rumpack-K-*: destroyed (xl destroy) once K
# records are acknowledged, the image then mounted read-only in a second
# boot; the host checks nothing acknowledged is lost (blkimg.py verify-ack).
# rumpstop-*: 40 records written without fsync, then xl shutdown; the
# guest's exit (the rump kernel's sync and unmount) must keep all 40.
RUMP_GUESTS="
rump-hello-pv      $R/rump-hello-base pv  16 60 RUMP_VERBOSE=1 exit=0
rump-hello-pvh     $R/rump-hello-base pvh 16 60 RUMP_VERBOSE=1 exit=0
rump-hello-pv-8m   $R/rump-hello-base pv  8  60 -  exit=0
rump-hello-pvh-8m  $R/rump-hello-base pvh 8  60 -  exit=0
rump-net-pv        $R/rump-hello-net  pv  16 60 -  exit=0
rump-net-pvh       $R/rump-hello-net  pvh 16 60 -  exit=0
rump-fs-pv         $R/rump-hello-fs   pv  16 60 -  exit=0
rump-fs-pvh        $R/rump-hello-fs   pvh 16 60 -  exit=0
rumpfault-pv       $G/rumpfault       pv  16 60 -  crash
rumpfault-pvh      $G/rumpfault       pvh 16 60 -  crash
rumpstack-pv       $G/rumpstack       pv  16 60 -  crash
rumpstack-pvh      $G/rumpstack       pvh 16 60 -  crash
rumpfs-pv          $BUILD/examples/rump-fs/rump-fs pv  32 60 - exit=0 disk=$OUT/rumpfs-pv.img
rumpfs-pvh         $BUILD/examples/rump-fs/rump-fs pvh 32 60 - exit=0 disk=$OUT/rumpfs-pvh.img
rumpmem-pv         $G/rumpmem         pv  16 120 RUMP_VERBOSE=1 exit=0
rumpmem-pvh        $G/rumpmem         pvh 16 120 RUMP_VERBOSE=1 exit=0
rumpmem-pv-32m     $G/rumpmem         pv  32 120 -  exit=0
rumpmem-pvh-32m    $G/rumpmem         pvh 32 120 -  exit=0
rumpmem-pv-64m     $G/rumpmem         pv  64 120 -  exit=0
rumpmem-pvh-64m    $G/rumpmem         pvh 64 120 -  exit=0
rumpmem-6m-pv      $G/rumpmem         pv  32 120 RUMP_MEMLIMIT=6m exit=0
rumpmem-6m-pvh     $G/rumpmem         pvh 32 120 RUMP_MEMLIMIT=6m exit=0
rumpmem-1g-pv      $G/rumpmem         pv  16 60 RUMP_MEMLIMIT=1g exit=78
rumpmem-1g-pvh     $G/rumpmem         pvh 16 60 RUMP_MEMLIMIT=1g exit=78
rumpmem-bad-pv     $G/rumpmem         pv  16 60 RUMP_MEMLIMIT=12x exit=78
rumpmem-bad-pvh    $G/rumpmem         pvh 16 60 RUMP_MEMLIMIT=12x exit=78
rumpmem-stuck-pv   $G/rumpmem         pv  16 60 stuck exit=79
rumpmem-stuck-pvh  $G/rumpmem         pvh 16 60 stuck exit=79
libcfiles-pv       $G/libc_files      pv  32 60 -  exit=0
libcfiles-pvh      $G/libc_files      pvh 32 60 -  exit=0
libcffs-pv         $G/libc_files      pv  32 60 blk.xvda=ffs:/disk~--~/disk exit=0 disk=$OUT/libcffs-pv.img
libcffs-pvh        $G/libc_files      pvh 32 60 blk.xvda=ffs:/disk~--~/disk exit=0 disk=$OUT/libcffs-pvh.img
libcsock-pv        $G/libc_sock       pv  32 90 -  exit=0
libcsock-pvh       $G/libc_sock       pvh 32 90 -  exit=0
libcio-pv          $G/libc_io         pv  32 60 -  exit=0
libcio-pvh         $G/libc_io         pvh 32 60 -  exit=0
libctmpfs-pv       $G/libc_tmpfs      pv  32 60 -  exit=0
libctmpfs-pvh      $G/libc_tmpfs      pvh 32 60 -  exit=0
libcthreads-pv     $G/libc_threads    pv  32 60 -  exit=0
libcthreads-pvh    $G/libc_threads    pvh 32 60 -  exit=0
rumpfs-ffs-pv      $BUILD/examples/rump-fs/rump-fs pv  32 60 ffs exit=0 disk=$OUT/rumpfs-ffs-pv.img
rumpfs-ffs-pvh     $BUILD/examples/rump-fs/rump-fs pvh 32 60 ffs exit=0 disk=$OUT/rumpfs-ffs-pvh.img
rumpfs-ffscheck-pv  $BUILD/examples/rump-fs/rump-fs pv  32 60 ffs-check exit=0 disk=$OUT/rumpfs-ffs-pv.img:ro
rumpfs-ffscheck-pvh $BUILD/examples/rump-fs/rump-fs pvh 32 60 ffs-check exit=0 disk=$OUT/rumpfs-ffs-pvh.img:ro
rumpfs-fat-pv      $BUILD/examples/rump-fs/rump-fs pv  32 60 msdos exit=0 disk=$OUT/rumpfs-fat-pv.img
rumpfs-fat-pvh     $BUILD/examples/rump-fs/rump-fs pvh 32 60 msdos exit=0 disk=$OUT/rumpfs-fat-pvh.img
rumpack-1-pv       $BUILD/examples/rump-ack/rump-ack pv  32 60 - killed disk=$OUT/rumpack-1-pv.img,kill_on=rump-ack: durable 1 records
rumpack-1-pv-check $BUILD/examples/rump-ack/rump-ack pv  32 60 check exit=0 disk=$OUT/rumpack-1-pv.img:ro
rumpack-1-pvh      $BUILD/examples/rump-ack/rump-ack pvh 32 60 - killed disk=$OUT/rumpack-1-pvh.img,kill_on=rump-ack: durable 1 records
rumpack-1-pvh-check $BUILD/examples/rump-ack/rump-ack pvh 32 60 check exit=0 disk=$OUT/rumpack-1-pvh.img:ro
rumpack-40-pv      $BUILD/examples/rump-ack/rump-ack pv  32 60 - killed disk=$OUT/rumpack-40-pv.img,kill_on=rump-ack: durable 40 records
rumpack-40-pv-check $BUILD/examples/rump-ack/rump-ack pv  32 60 check exit=0 disk=$OUT/rumpack-40-pv.img:ro
rumpack-40-pvh     $BUILD/examples/rump-ack/rump-ack pvh 32 60 - killed disk=$OUT/rumpack-40-pvh.img,kill_on=rump-ack: durable 40 records
rumpack-40-pvh-check $BUILD/examples/rump-ack/rump-ack pvh 32 60 check exit=0 disk=$OUT/rumpack-40-pvh.img:ro
rumpstop-pv        $BUILD/examples/rump-ack/rump-ack pv  32 60 hold exit=143 disk=$OUT/rumpstop-pv.img,shutdown_on=rump-ack: wrote 40 records without syncing
rumpstop-pv-check  $BUILD/examples/rump-ack/rump-ack pv  32 60 check exit=0 disk=$OUT/rumpstop-pv.img:ro
rumpstop-pvh       $BUILD/examples/rump-ack/rump-ack pvh 32 60 hold exit=143 disk=$OUT/rumpstop-pvh.img,shutdown_on=rump-ack: wrote 40 records without syncing
rumpstop-pvh-check $BUILD/examples/rump-ack/rump-ack pvh 32 60 check exit=0 disk=$OUT/rumpstop-pvh.img:ro
rumpack-200-pv     $BUILD/examples/rump-ack/rump-ack pv  32 60 - killed disk=$OUT/rumpack-200-pv.img,kill_on=rump-ack: durable 200 records
rumpack-200-pv-check $BUILD/examples/rump-ack/rump-ack pv  32 60 check exit=0 disk=$OUT/rumpack-200-pv.img:ro
rumpack-200-pvh    $BUILD/examples/rump-ack/rump-ack pvh 32 60 - killed disk=$OUT/rumpack-200-pvh.img,kill_on=rump-ack: durable 200 records
rumpack-200-pvh-check $BUILD/examples/rump-ack/rump-ack pvh 32 60 check exit=0 disk=$OUT/rumpack-200-pvh.img:ro
"
# Guests of our own kernel components (only with the project's rump build).
[ -z "$RUMP_OWN" ] || RUMP_GUESTS="$RUMP_GUESTS
rumpnet-pv         $G/rumpnet         pv  64 300 net.xenif0=@IP0@/16~-- exit=0 vif=1
rumpnet-pvh        $G/rumpnet         pvh 64 300 net.xenif0=@IP0@/16~-- exit=0 vif=1
httpd-pv           $BUILD/examples/httpd/httpd pv  64  420 net.xenif0=@IP0@/16~--~-x exit=0 vif=1
httpd-pvh          $BUILD/examples/httpd/httpd pvh 64  420 net.xenif0=@IP0@/16~--~-x exit=0 vif=1
echo-pv            $BUILD/examples/echo/echo   pv  64  180 net.xenif0=@IP0@/16~--~-x exit=0 vif=1
echo-pvh           $BUILD/examples/echo/echo   pvh 64  180 net.xenif0=@IP0@/16~--~-x exit=0 vif=1
echo-dhcp-pv       $BUILD/examples/echo/echo   pv  64  240 net.xenif0=dhcp~--~-x exit=0 vif=1
echo-dhcp-pvh      $BUILD/examples/echo/echo   pvh 64  240 net.xenif0=dhcp~--~-x exit=0 vif=1
echo2-pv           $BUILD/examples/echo/echo   pv  64  240 net.xenif0=@IP0@/16~net.xenif1=@IP1@/16~net6.xenif0=@IP6_0@/64~net6.xenif1=@IP6_1@/64~--~-x exit=0 vif=2,bridges=xenbr0:xenbr1
echo2-pvh          $BUILD/examples/echo/echo   pvh 64  240 net.xenif0=@IP0@/16~net.xenif1=@IP1@/16~net6.xenif0=@IP6_0@/64~net6.xenif1=@IP6_1@/64~--~-x exit=0 vif=2,bridges=xenbr0:xenbr1
echo6-pv           $BUILD/examples/echo/echo   pv  64  240 net.xenif0=@IP0@/16~net6.xenif0=@IP6_0@/64~--~-x exit=0 vif=1
echo6-pvh          $BUILD/examples/echo/echo   pvh 64  240 net.xenif0=@IP0@/16~net6.xenif0=@IP6_0@/64~--~-x exit=0 vif=1
echo6auto-pv       $BUILD/examples/echo/echo   pv  64  150 net.xenif0=@IP0@/16~net6.xenif0=auto~--~-x exit=0 vif=1
echo6auto-pvh      $BUILD/examples/echo/echo   pvh 64  150 net.xenif0=@IP0@/16~net6.xenif0=auto~--~-x exit=0 vif=1
rumpcfg-a-pv   $G/rumpcfg pv  64 120 hostname=alpha~env.GREETING=hi-a~net.xenif0=@IP0@/16~gw=10.11.0.1~net6.xenif0=fd00:11::a/64~blk.xvda=ffs:/data:ro~--~one~two exit=0 vif=1,disk=$OUT/cfg-ffs.img:ro
rumpcfg-a-pvh  $G/rumpcfg pvh 64 120 hostname=alpha~env.GREETING=hi-a~net.xenif0=@IP0@/16~gw=10.11.0.1~net6.xenif0=fd00:11::a/64~blk.xvda=ffs:/data:ro~--~one~two exit=0 vif=1,disk=$OUT/cfg-ffs.img:ro
rumpcfg-b-pv   $G/rumpcfg pv  64 120 env.EXTRA=short~--~four exit=0 vif=1,disk=$OUT/cfg-ext2.img:ro,config=tests/guest/rumpcfg-b.json
rumpcfg-b-pvh  $G/rumpcfg pvh 64 120 env.EXTRA=short~--~four exit=0 vif=1,disk=$OUT/cfg-ext2.img:ro,config=tests/guest/rumpcfg-b.json
rumpcfg-mount-pv  $G/rumpcfg pv  64 60 blk.xvda=ffs:/d:ro~-- exit=78 disk=$OUT/cfg-ext2.img:ro
rumpcfg-mount-pvh $G/rumpcfg pvh 64 60 blk.xvda=ffs:/d:ro~-- exit=78 disk=$OUT/cfg-ext2.img:ro
rumpcfg-rw-pv     $G/rumpcfg pv  64 60 blk.xvda=ext2fs:/d~-- exit=78 disk=$OUT/cfg-ext2.img:ro
rumpcfg-rw-pvh    $G/rumpcfg pvh 64 60 blk.xvda=ext2fs:/d~-- exit=78 disk=$OUT/cfg-ext2.img:ro
"
if [ -n "$RUMP_DIR" ]; then
    GUESTS="$GUESTS$RUMP_GUESTS"
else
    while read -r name rest; do
        [ -z "$name" ] || skip "guest/$name" "no rump kernel: set RUMP_SRC to the pinned sources (../shared/rumpkernel here) or RUMP_DIR to an installed one (README: The NetBSD rump kernel)"
    done <<<"$RUMP_GUESTS"
fi

# check_console NAME TYPE MEMORY LOGFILE: what a guest must have printed.
check_console() {
    case $1 in
    hello-*)
        # Boot details only with RUMPXEN_VERBOSE=1.
        if grep -q 'mm: [0-9]* MiB RAM' "$4"; then
            echo "the mm: line printed without RUMPXEN_VERBOSE=1"
            return 1
        fi
        want=("Hello, world! (rumpxen, $2 guest, $3 MiB)")
        ;;
    exit3-*) want=("exitcode: returning 3") ;;
    fault-*)
        want=("fatal exception 14 (#PF page fault)"
            "cr2 0x00007fff00000000 (write, not present, data)"
            "<fault_inner+" "<fault_outer+" "<main+" "backtrace:")
        ;;
    hang-*) want=("hang: spinning forever") ;;
    stop-*)
        want=("stop: waiting for the toolstack"
            "rumpxen: the toolstack asks for poweroff: stopping the guest (exit status 143)"
            "stop: exit stage ran with status 143 (1 time)")
        ;;
    panicstall-*) want=("panicstall: closing console port") ;;
    console-*)
        # Every line, once, in order.
        if ! tr -d '\r' <"$4" | grep '^console: line ' |
            awk '$3 != NR { bad = 1 } END { exit bad || NR != 3000 }'; then
            echo "console lines missing or out of order"
            return 1
        fi
        want=()
        ;;
    libc-*)
        want=("libc: printf to stdout works" "libc: stderr too"
            "libc: time " "libc: 8 pthreads counted to 400" "libc: PASS"
            "libc-syslog[1]: error 42: No such file or directory (100%)"
            "syslog: no ident")
        if grep -q 'masked: must not appear' "$4"; then
            echo "syslog printed a masked priority"
            return 1
        fi
        ;;
    hellolibc-*) want=("Hello, world! (rumpxen, newlib, $2 guest, $3 MiB)") ;;
    libcfiles-*) want=("libc-files: in /tmp/d" "libc-files: PASS") ;;
    libcffs-*) want=("libc-files: in /disk/d" "libc-files: PASS") ;;
    libctmpfs-*) want=("libc-tmpfs: /tmp is tmpfs on /tmp" "libc-tmpfs: PASS") ;;
    libcthreads-*)
        want=("libc-threads: semaphores passed 200 items"
            "libc-threads: getrlimit " "libc-threads: PASS")
        ;;
    libcio-*)
        want=("libc-io: 40 pipes, highest descriptor 8" "one two three"
            "libc-io: PASS")
        ;;
    libcsock-*)
        want=("libc-sock: 8 threads echoed 160 of 160 rounds" "libc-sock: PASS")
        ;;
    threads-*|timer-*|xenstore-*|grants-*|xenbus-*|tls-*)
        want=("${1%-*}: PASS")
        ;;
    memory-*) want=("mm: $3 MiB RAM" "memory: ok") ;;
    dfree-*)
        p=$(sed -n 's/^memory: freeing \(0x[0-9a-f]*\) twice.*/\1/p' "$4")
        want=("panic: mm_free(${p:-missing}): not allocated" "<main+")
        ;;
    wx-*)
        # The fault must hit the address the guest announced, in the way
        # its mode predicts.
        addr=$(sed -n 's/^wx: expect cr2 \(0x[0-9a-f]*\).*/\1/p' "$4")
        case $1 in
        wx-text-* | wx-rodata-*) how="write, protection, data" ;;
        wx-exec-* | wx-grant-*) how="read, protection, instruction fetch" ;;
        wx-guard-*) how="write, not present, data" ;;
        esac
        want=("fatal exception 14 (#PF page fault)" "wx: expect cr2 0x"
            "cr2 ${addr:-missing} ($how)")
        # A fault in heap or grant table code has no symbol to start the
        # backtrace from.
        case $1 in
        wx-exec-* | wx-grant-*) ;;
        *) want+=("<main+") ;;
        esac
        ;;
    rump-hello-pv | rump-hello-pvh)
        want=("NetBSD 7.99" "cpu0 at thinair0: rump virtual cpu" "kern.ostype: NetBSD"
            "hw.machine: amd64" "rump-hello: tmpfs file written and read back"
            "rump-hello: 4 threads made" "rump-hello: PASS")
        # Our own kernel component, built with the project's rump kernel.
        [ -z "$RUMP_OWN" ] || want+=("machdep.xen.guest_type: $2")
        ;;
    rumpstack-*)
        # The rump kernel's own split-stack check names the overflow.
        want=("panic: stack overflow in thread main: a call would cross the stack limit"
            "in 0x" "<rump___sysimpl_getpid+" "called from 0x"
            "<call_below_limit+" "<main+")
        ;;
    rumpfault-*)
        # Every frame from the faulting copy back to main, symbolised.
        want=("fatal exception 14 (#PF page fault)" "<rumpns_memcpy+"
            "cr2 0x00007fff00000" "(read, not present, data)"
            "called from 0x" "<rumpns_copyin+" "<rumpns_uiomove+"
            "<rumpns_VOP_WRITE+" "<vn_write+" "<rumpns_dofilewrite+"
            "<rumpns_sys_write+" "<rump_syscall+" "<rump___sysimpl_write+"
            "<main+")
        ;;
    rump-*) want=("kern.ostype: NetBSD" "rump-hello: PASS") ;;
    rumpmem-1g-*)
        want=("rumpxen: RUMP_MEMLIMIT=1g refused: this domain has")
        ;;
    rumpmem-bad-*)
        want=("rumpxen: RUMP_MEMLIMIT=12x refused: not a size")
        ;;
    rumpmem-stuck-*)
        want=("rumpxen: out of memory: the rump kernel waits for memory")
        ;;
    rumpmem-*)
        # Every part ran and left the guest working; with RUMP_VERBOSE=1
        # the platform and the rump kernel print the limit.
        want=("rumpmem: tmpfs: refilled" "rumpmem: unlimited tmpfs: refilled"
            "rumpmem: files: " "rumpmem: socket data: " "rumpmem: threads: "
            "rumpmem: fsthreads: "
            "rumpmem: PASS")
        case $1 in
        rumpmem-pv | rumpmem-pvh)
            want+=("rumpxen: memory: " "total memory = ")
            ;;
        rumpmem-6m-*) want+=("RUMP_MEMLIMIT 6144 KiB (command line)") ;;
        esac
        ;;
    nullderef-*)
        want=("fatal exception 14 (#PF page fault)"
            "cr2 0x0000000000000000 (read, not present, data)" "<main+")
        ;;
    stack-limit-*)
        want=("panic: stack overflow in thread main: a call would cross the stack limit"
            "<recurse+")
        ;;
    stack-guard-pvh)
        # No PV row: Xen can not deliver a fault taken with %rsp in the
        # guard page to a PV guest (no IST) and kills it without a word.
        want=("fatal exception 8 (#DF double fault)"
            "stack overflow in thread main: the guard page below its stack"
            "<recurse_unchecked+")
        ;;
    stack-yield-*)
        want=("panic: stack overflow in thread main: less than 2 KiB left"
            "<recurse_unchecked+")
        ;;
    evblock-*)
        fn=${1#evblock-}
        fn=${fn%-*}
        case $fn in
        yield) fn=sched_thread_yield ;;
        sleep) fn=sched_sleep_until ;;
        wait) fn=waitq_wait ;;
        esac
        want=("panic: sched: $fn called from an event handler; handlers can not block"
            "<handler+")
        ;;
    rumpuser-*)
        want=("rumpuser: putchar works" "rumpuser: dprintf works (42)"
            "rumpuser: PASS")
        ;;
    conbytes-*)
        # Lines that look like Xen's output or the harness's markers arrive
        # byte for byte.
        tests/guest/conbytes-check.py tests/guest/conbytes.txt "$4" || return 1
        want=()
        ;;
    blk-*) want=("blk: PASS") ;;
    blkstall-*) want=("blkstall: PASS") ;;
    rumpfs-ffs-* | rumpfs-ffscheck-* | rumpfs-fat-*)
        # The guest's files of the ffs row, read back in a second boot.
        fs=ffs
        case $1 in
        rumpfs-ffscheck-*) fs=ffs-check ;;
        rumpfs-fat-*) fs=msdos ;;
        esac
        want=("rump-fs: $fs mounted from xvda" "rump-fs: /mnt/hello.txt"
            "rump-fs: /mnt/big.bin" "rump-fs: files read, written"
            "rump-fs: PASS")
        [ "$fs" != ffs-check ] || want+=("rump-fs: /mnt/guest.bin")
        ;;
    rumpstop-*-check)
        want=("rump-ack: the file holds 40 valid records in order" "rump-ack: PASS")
        ;;
    rumpstop-*)
        want=("rump-ack: wrote 40 records without syncing; holding"
            "rumpxen: the toolstack asks for poweroff"
            "rump kernel halting...")
        ;;
    rumpack-*-check) want=("rump-ack: the file holds" "rump-ack: PASS") ;;
    rumpack-*) want=("rump-ack: ffs mounted" "rump-ack: durable 1 records") ;;
    rumpfs-*)
        want=("rump-fs: ext2 mounted from xvda" "rump-fs: /mnt/hello.txt"
            "rump-fs: /mnt/big.bin" "rump-fs: files read, written"
            "rump-fs: PASS")
        ;;
    cfgargs-*) want=("exitcode: returning 5") ;;
    libcenv-none-*) want=("libcenv: GREETING=(unset)" "libcenv: 0 arguments:" "libcenv: PASS") ;;
    libcenv-*) want=("libcenv: GREETING=hello-env" "libcenv: 2 arguments: x y" "libcenv: PASS") ;;
    cfgbad-*)
        case $1 in
        cfgbad-key-*) w="foo: unknown key" ;;
        cfgbad-addr-*) w="net.xenif0: '10.11.0.300' is not an IPv4 address" ;;
        cfgbad-novif-*) w="net.xenif1: no such vif (device/vif/1)" ;;
        cfgbad-nodisk-*) w="blk.xvdb: no such disk (vbd)" ;;
        cfgbad-json-*) w="net.addr: '10.11.0.999' is not an IPv4 address" ;;
        cfgbad-nostack-*) w="net.xenif0: this image has no network stack" ;;
        cfgbad-nokey-*) w="config: config=xenstore, but the domain has no key rumpxen/config" ;;
        cfgbad-env-*) w="env.9X: bad variable name" ;;
        esac
        want=("rumpxen: config: $w")
        # Refused before main.
        if grep -q "exitcode: returning" "$4"; then
            echo "main ran with a refused configuration"
            return 1
        fi
        ;;
    rumpcfg-mount-*)
        want=("rumpxen: config: blk.xvda: can not mount it as ffs on /d")
        ;;
    rumpcfg-rw-*)
        want=("rumpxen: config: blk.xvda: can not mount it as ext2fs on /d" "a read-only disk needs :ro")
        ;;
    rumpcfg-*)
        if grep -q "is writable" "$4"; then
            echo "a read-only mount took writes"
            return 1
        fi
        case $1 in
        rumpcfg-a-*)
            want=("rumpcfg: 2 arguments: one two" "rumpcfg: GREETING=hi-a"
                "rumpcfg: hostname alpha" "rumpxen: /dev/xvda mounted on /data (ffs, read-only)"
                "rumpcfg: /data holds" "rumpcfg: /data/hello.txt: hello from the ffs disk"
                "rumpxen: xenif0 inet6 fd00:11::a/64")
            ;;
        rumpcfg-b-*)
            want=("rumpcfg: 2 arguments: three four" "rumpcfg: GREETING=hi-from-json"
                "rumpcfg: hostname beta" "rumpxen: /dev/xvda mounted on /mnt/ext (ext2fs, read-only)"
                "rumpcfg: /mnt/ext/hello.txt: hello from the ext2 disk")
            ;;
        esac
        want+=("rumpcfg: dom0 pinged 10.11." "answers dom0's pings" "rumpcfg: PASS")
        ;;
    httpd-* | echo-*)
        # dom0's netclient checked the bytes (tests/guest/xenstore-dom0.sh)
        # and ended the guest with status 0 only if all of it passed.
        if ! grep -q "^$1: verdict: ok" "$OUT/dom0.log"; then
            echo "dom0 says: $(grep "^$1: \(FAILED\|verdict\)" "$OUT/dom0.log" | head -3 | tr '\n' ' ')"
            return 1
        fi
        case $1 in
        httpd-*)
            want=("httpd: served" " 0 errors" "httpd: serving on port 80")
            # The 4 MiB GET (and 1 MiB) left as TSO frames (netfront_xmit_tso).
            grep -qE "httpd: xenif0 sent [0-9]+ frames, [0-9]+ bytes, [1-9][0-9]* TSO" "$4" || {
                echo "xenif0 sent no TSO frames"
                return 1
            }
            # No grant per frame: after the traffic, as many as before.
            grep -qE "httpd: grants in use: ([0-9]+) at start, \1 at exit" "$4" || {
                echo "grants not back at their baseline"
                return 1
            }
            ;;
        echo-*)
            want=("echo: TCP and UDP port 7" " 0 errors; exit 0")
            # Its IPv6 sockets' connections (IPv4 ones mapped) went by TSOv6.
            grep -qE "echo: xenif0 sent [0-9]+ frames, [0-9]+ bytes, [0-9]+ TSO frames \([1-9][0-9]* IPv6\)" "$4" || {
                echo "xenif0 sent no IPv6 TSO frames"
                return 1
            }
            ;;
        esac
        # The DHCP rows: served at the address dom0's udhcpd leased.
        case $1 in
        echo-dhcp-*)
            grep -q "^$1: dhcp lease 10\.11\.250\." "$OUT/dom0.log" || {
                echo "dom0's udhcpd leased the guest no address"
                return 1
            }
            ;;
        esac
        ;;
    echo2-* | echo6-* | echo6auto-*)
        # dom0's checks (tests/guest/xenstore-dom0.sh): echo over each vif
        # (its counters, its bridge), or ping6 and echo over a global IPv6
        # address (static, or from dom0's answer to the guest's router
        # solicitation); the guest exits 0 only if all passed.
        if ! grep -q "^$1: verdict: ok" "$OUT/dom0.log"; then
            echo "dom0 says: $(grep "^$1: \(FAILED\|verdict\)" "$OUT/dom0.log" | head -3 | tr '\n' ' ')"
            return 1
        fi
        need=4
        case $1 in
        echo2-*) n=$(grep -c "^$1: nic \(0 on xenbr0\|1 on xenbr1\) at " "$OUT/dom0.log") ;;
        echo6-*) n=$(grep -c "^$1: ping6 [0-9a-f:]* size [0-9]*: 0% loss" "$OUT/dom0.log") ;;
        echo6auto-*)
            n=$(grep -c "^$1: \(ping6 fd00:11::216:3eff:fe0b:[0-9a-f]* size [0-9]*: 0% loss\|ra: answered a router solicitation from fe80::216:3eff:fe0b:\)" "$OUT/dom0.log")
            need=3
            ;;
        esac
        if [ "$n" != "$need" ]; then
            echo "dom0 ran $n of $need vif, ping6 or router solicitation checks"
            return 1
        fi
        want=("echo: TCP and UDP port 7" " 0 errors; exit 0")
        [[ $1 != echo6auto-* ]] ||
            want+=("rumpxen: xenif0 inet6 auto: router solicitation sent after ")
        ;;
    net-* | rumpnet-*)
        want=("${1%-*}: dom0 says: ok;" "size 56: 0% loss"
            "size 1472: 0% loss" "${1%-*}: PASS")
        ;;
    *) want=() ;;
    esac
    for w in "${want[@]}"; do
        if ! grep -qF -- "$w" "$4"; then
            echo "console lacks \"$w\""
            return 1
        fi
    done
    return 0
}

args=()
while read -r name image type mem tmo cmd expect opts; do
    [ -n "$name" ] || continue
    spec="name=$name,image=$image,type=$type,memory=$mem,timeout=$tmo"
    [ "$cmd" = - ] || spec="$spec,cmdline=${cmd//\~/ }"
    [ -z "$opts" ] || spec="$spec,$opts"
    args+=("$spec")
done <<<"$GUESTS"

rm -rf "$OUT"
mkdir -p "$OUT"
# Disk images of the blk and rumpfs guests (tests/host/blkimg.py).
tests/host/blkimg.py prepare "$OUT" || fail disk-images "blkimg.py prepare failed"
tests/host/blkimg.py prepare-cfg "$OUT" || fail disk-images "blkimg.py prepare-cfg failed"
truncate -s 1M "$OUT/blkstall-pv.img" "$OUT/blkstall-pvh.img"
[ -z "$RUMP_DIR" ] || tests/host/blkimg.py prepare-ack "$OUT" rumpack-{1,40,200}-{pv,pvh} rumpstop-{pv,pvh} libcffs-{pv,pvh} ||
    fail disk-images "blkimg.py prepare-ack failed"
echo "tests: booting ${#args[@]} guests in the Xen appliance (5-15 minutes on 2 cores; consoles in $OUT)"
scripts/xenrun --quiet --out "$OUT" \
    --dom0-before tests/guest/xenstore-dom0.sh \
    --dom0-file "$BUILD/tests/dom0/netclient" \
    --dom0-after tests/guest/net-dom0-after.sh "${args[@]}" >"$OUT/xenrun.out" 2>&1
rc=$?
sed 's/^/  /' "$OUT/xenrun.out"
if [ "$rc" = 126 ] || [ "$rc" = 2 ]; then
    fail appliance "xenrun exited $rc (see $OUT/appliance.log)"
fi

while read -r name image type mem tmo cmd expect opts; do
    [ -n "$name" ] || continue
    st=$OUT/$name.status
    if [ ! -f "$st" ]; then
        fail "guest/$name" "no result (see $OUT/appliance.log)"
        continue
    fi
    reason=$(sed -n 's/^reason=//p' "$st")
    status=$(sed -n 's/^status=//p' "$st")
    # Computed afresh for every row; an unknown expectation is an error.
    ok=n
    case $expect in
    exit=*)
        if ! [[ "${expect#exit=}" =~ ^[0-9]+$ ]]; then
            fail "guest/$name" "unknown expectation '$expect' (exit=N, crash, timeout or killed)"
            continue
        fi
        [ "$reason" = poweroff ] && [ "$status" = "${expect#exit=}" ] && ok=y
        ;;
    crash) [ "$reason" = crash ] && ok=y ;;
    timeout) [ "$reason" = timeout ] && ok=y ;;
    killed) [ "$reason" = killed ] && ok=y ;;
    *)
        fail "guest/$name" "unknown expectation '$expect' (exit=N, crash, timeout or killed)"
        continue
        ;;
    esac
    if [ "$ok" != y ]; then
        fail "guest/$name" "expected $expect, got reason=$reason status=$status"
        sed 's/^/    | /' "$OUT/$name.log" 2>/dev/null | tail -20
    elif ! why=$(check_console "$name" "$type" "$mem" "$OUT/$name.log"); then
        fail "guest/$name" "$why"
        sed 's/^/    | /' "$OUT/$name.log" | tail -20
    else
        pass "guest/$name"
    fi
done <<<"$GUESTS"

# What the blk and rumpfs guests wrote must be in their images.
for t in pv pvh; do
    if out=$(tests/host/blkimg.py verify-blk "$OUT/blk-$t"); then
        pass "host/blk-$t-image"
    else
        fail "host/blk-$t-image" "$out"
    fi
    [ -n "$RUMP_DIR" ] || continue
    if out=$(tests/host/blkimg.py verify-ext2 "$OUT/rumpfs-$t.img"); then
        pass "host/rumpfs-$t-image"
    else
        fail "host/rumpfs-$t-image" "$out"
    fi
    if out=$(tests/host/blkimg.py verify-fat "$OUT/rumpfs-fat-$t.img"); then
        pass "host/rumpfs-fat-$t-image"
    else
        fail "host/rumpfs-fat-$t-image" "$out"
    fi
    for k in 1 40 200; do
        n=rumpack-$k-$t
        if out=$(tests/host/blkimg.py verify-ack "$OUT/$n.log" "$OUT/$n.img" "$OUT/$n-check.log"); then
            pass "host/$n-image"
        else
            fail "host/$n-image" "$out"
        fi
    done
done

# scripts/rumpxen for real: on a Xen host (the tool run in the appliance's
# dom0) and through a forwarded port from this machine (examples/httpd).
# Each prints PASS/FAIL lines; each boots an appliance of its own.
count_lines() {
    while read -r verdict rest; do
        case $verdict in
        PASS) pass "$rest" ;;
        FAIL) fail "${rest%%: *}" "${rest#*: }" ;;
        *) fail "$1" "unexpected output: $verdict $rest" ;;
        esac
    done
}
count_lines rumpxen-xen < <(tests/host/rumpxen_dom0.py "$BUILD" "$OUT/rumpxen-xen" 2>&1 |
    grep -E '^(PASS|FAIL) ' || echo "FAIL rumpxen-xen: tests/host/rumpxen_dom0.py printed no verdict")
if [ -f "$BUILD/examples/httpd/httpd" ]; then
    count_lines rumpxen-forward < <(tests/host/rumpxen_forward.py "$BUILD/examples/httpd/httpd" \
        "$OUT/rumpxen-forward" 2>&1 | grep -E '^(PASS|FAIL) ' ||
        echo "FAIL rumpxen-forward: tests/host/rumpxen_forward.py printed no verdict")
else
    skip rumpxen-forward "no $BUILD/examples/httpd/httpd (needs the project's rump kernel build)"
fi

echo "$passed passed, $failed failed, $skipped skipped"
[ "$failed" = 0 ]
