#!/bin/bash
# SPDX-License-Identifier: BSD-2-Clause
# make test-programs: real programs that no one here wrote, from Debian's
# source packages, built unmodified by their own build systems with
# scripts/rumpxen-cc and booted as PV and PVH guests in one appliance run,
# each driven from its command line. Sources are fetched with apt-get
# source (a private deb-src list, Debian's registry only) into the cache
# that the rump kernel and newlib builds share (scripts/buildcache.py);
# builds go to $BUILD/programs and are redone when rumpxen-cc's flags or
# libraries change. Prints PASS/FAIL lines and "N passed, N failed".
# Needs `make all` done (build/cc/ is rumpxen-cc's).
set -u
cd "$(dirname "$0")/.."
REPO=$PWD
BUILD=${BUILD:-build}
CC_WRAP=$REPO/scripts/rumpxen-cc
OUT=$BUILD/programs
CACHE=$(python3 -c 'import sys; sys.path.insert(0, "scripts")
import buildcache; print(buildcache.cache_root())')/debian-src
PASSED=0
FAILED=0
JOBS=2

pass() { echo "PASS $1"; PASSED=$((PASSED + 1)); }
fail() { echo "FAIL $1: $2"; FAILED=$((FAILED + 1)); }
finish() {
    echo "programs: $PASSED passed, $FAILED failed"
    [ "$FAILED" -eq 0 ]
    exit
}

if [ ! -f "$BUILD/cc/base.link" ]; then
    fail setup "no $BUILD/cc/base.link: run 'make all' with the rump kernel and newlib built"
    finish
fi
for tool in apt-get dpkg-source; do
    if ! command -v $tool >/dev/null; then
        fail setup "$tool missing (make deps installs dpkg-dev)"
        finish
    fi
done

# --- sources: apt-get source through a private deb-src list ------------------
APT=(-o Dir::Etc::SourceList="$CACHE/apt/sources.list"
    -o Dir::Etc::SourceParts=/dev/null
    -o Dir::State::Lists="$CACHE/apt/lists"
    -o Dir::Cache="$CACHE/apt/cache"
    -o APT::Sandbox::User=root)
mkdir -p "$CACHE/apt/lists/partial" "$CACHE/apt/cache/archives/partial"
. /etc/os-release
echo "deb-src [signed-by=/usr/share/keyrings/debian-archive-keyring.gpg]" \
    "http://deb.debian.org/debian ${VERSION_CODENAME:-bookworm} main" \
    >"$CACHE/apt/sources.list"
if ! ls "$CACHE/apt/lists/"*Sources* >/dev/null 2>&1; then
    echo "programs: apt-get update (deb-src index into $CACHE/apt)"
    apt-get -q "${APT[@]}" update >"$CACHE/apt/update.log" 2>&1 ||
        { fail fetch "apt-get update failed (see $CACHE/apt/update.log)"; finish; }
fi

# fetch PACKAGE: the newest .dsc of PACKAGE in $CACHE (downloaded once);
# prints its path.
fetch() {
    local dsc
    dsc=$(ls "$CACHE/$1"_*.dsc 2>/dev/null | tail -1)
    if [ -z "$dsc" ]; then
        (cd "$CACHE" && apt-get -q "${APT[@]}" source --download-only "$1") \
            >"$CACHE/$1.fetch.log" 2>&1 || return 1
        dsc=$(ls "$CACHE/$1"_*.dsc 2>/dev/null | tail -1)
    fi
    [ -n "$dsc" ] && echo "$dsc"
}

# A build tree is reused while rumpxen-cc's inputs stay the same.
STAMP=$(cat "$BUILD"/cc/* | sha256sum | cut -c1-16)

# unpack NAME DSC [--skip-patches]: a fresh tree in $OUT/NAME/src unless
# one of the same stamp is there; prints "fresh" or "reused".
unpack() {
    local dir=$OUT/$1
    if [ -f "$dir/stamp" ] && [ "$(cat "$dir/stamp")" = "$STAMP" ]; then
        echo reused
        return 0
    fi
    rm -rf "$dir" && mkdir -p "$dir"
    dpkg-source ${3:-} -x "$2" "$dir/src" >"$dir/unpack.log" 2>&1 || return 1
    echo fresh
}

# --- Lua 5.4: upstream's own Makefile, target posix --------------------------
# Debian's patches switch lua to libtool shared libraries, so the tree is
# the upstream tarball as Debian ships it (--skip-patches).
build_lua() {
    local dsc state
    dsc=$(fetch lua5.4) || { fail lua-build "apt-get source lua5.4 failed"; return 1; }
    state=$(unpack lua "$dsc" --skip-patches) || { fail lua-build "dpkg-source failed"; return 1; }
    rm -f "$OUT/lua/src/src/lua"
    if ! make -C "$OUT/lua/src" -j$JOBS posix CC="$CC_WRAP" \
        >"$OUT/lua/build.log" 2>&1; then
        fail lua-build "make posix failed (see $OUT/lua/build.log)"
        return 1
    fi
    echo "$STAMP" >"$OUT/lua/stamp"
    pass "lua-build ($(basename "$dsc" .dsc), $state tree)"
}

# --- SQLite 3: Debian's tree, ./configure and make ---------------------------
build_sqlite() {
    local dsc state
    dsc=$(fetch sqlite3) || { fail sqlite-build "apt-get source sqlite3 failed"; return 1; }
    state=$(unpack sqlite "$dsc") || { fail sqlite-build "dpkg-source failed"; return 1; }
    mkdir -p "$OUT/sqlite/obj"
    if [ ! -f "$OUT/sqlite/obj/Makefile" ] && ! (cd "$OUT/sqlite/obj" &&
        ../src/configure --host=x86_64-rumpxen-elf CC="$CC_WRAP" \
            --disable-shared --disable-tcl --disable-readline \
            --disable-load-extension) >"$OUT/sqlite/configure.log" 2>&1; then
        fail sqlite-build "configure failed (see $OUT/sqlite/configure.log)"
        return 1
    fi
    rm -f "$OUT/sqlite/obj/sqlite3"
    if ! make -C "$OUT/sqlite/obj" -j$JOBS CROSS_BUILDING=yes sqlite3 \
        >"$OUT/sqlite/build.log" 2>&1; then
        fail sqlite-build "make failed (see $OUT/sqlite/build.log)"
        return 1
    fi
    echo "$STAMP" >"$OUT/sqlite/stamp"
    pass "sqlite-build ($(basename "$dsc" .dsc), $state tree)"
}

# --- the guests --------------------------------------------------------------
# Command lines are split at blanks (no quoting): Lua writes its script
# with \32 for spaces; SQL takes /**/ for a blank. xenrun needs '\,'.
LUA_ARGS='-e io.open("/tmp/t.lua"\,"w"):write("local\32s=0;for\32i=1\,100\32do\32s=s+i\32end;print(\"lua-sum\"\,s\,string.format(\"%.3f\"\,math.pi)\,pcall(error\,\"boom\"))"):close() /tmp/t.lua'
LUA_WANT=$'lua-sum\t5050\t3.142\tfalse\tboom'
SQL="CREATE/**/TABLE/**/t(a\,b);INSERT/**/INTO/**/t/**/VALUES(1\,'x')\,(2\,'y')\,(3\,'z');SELECT/**/count(*)\,sum(a)\,group_concat(b)/**/FROM/**/t;"
SQL_WANT='3|6|x,y,z'

GUESTS=()
declare -A WANT
add_guest() { # name image want cmdline
    local t
    for t in pv pvh; do
        GUESTS+=("name=$1-$t,image=$2,type=$t,memory=64,timeout=60,cmdline=$4")
        WANT[$1-$t]=$3
    done
}

start=$(date +%s)
if build_lua; then
    add_guest lua "$OUT/lua/src/src/lua" "$LUA_WANT" "$LUA_ARGS"
fi
if build_sqlite; then
    # An in-memory database, then one in a file on the guest's tmpfs.
    add_guest sqlite-mem "$OUT/sqlite/obj/sqlite3" "$SQL_WANT" ":memory: $SQL"
    add_guest sqlite-tmpfs "$OUT/sqlite/obj/sqlite3" "$SQL_WANT" "/tmp/t.db $SQL"
fi
echo "programs: built in $(($(date +%s) - start)) s"

if [ ${#GUESTS[@]} -gt 0 ]; then
    rm -rf "$OUT/run" && mkdir -p "$OUT/run"
    scripts/xenrun -q --out "$OUT/run" "${GUESTS[@]}" >"$OUT/run/xenrun.out" 2>&1
    for name in "${!WANT[@]}"; do
        log=$OUT/run/$name.log
        status=$(sed -n 's/^status=//p' "$OUT/run/$name.status" 2>/dev/null)
        reason=$(sed -n 's/^reason=//p' "$OUT/run/$name.status" 2>/dev/null)
        if [ "$reason" != poweroff ] || [ "$status" != 0 ]; then
            fail "$name" "ended ${reason:-never} status ${status:-none}: $(tr -d '\r' <"$log" 2>/dev/null | tail -2 | tr '\n' ' ')"
        elif ! tr -d '\r' <"$log" | grep -qxF "${WANT[$name]}"; then
            fail "$name" "no line '${WANT[$name]}' on its console (see $log)"
        else
            pass "$name"
        fi
    done
fi
echo "programs: took $(($(date +%s) - start)) s"
finish
