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

# --- lighttpd: Debian's tree, cmake with BUILD_STATIC -------------------------
# A single-process event-loop server (select back end, -D foreground).
# BUILD_STATIC links the modules named in plugin-static.h (a configuration
# file the static build reads from the build folder: the three default
# ones). No PCRE2 or zlib; HAVE_SIGACTION is preset off, newlib's struct
# sigaction having no sa_sigaction, so lighttpd uses signal(). The document
# root is an ext2 image made here (tests/guest/xenstore-dom0.sh fetches it).
build_lighttpd() {
    local dsc state dir=$OUT/lighttpd
    dsc=$(fetch lighttpd) || { fail lighttpd-build "apt-get source lighttpd failed"; return 1; }
    state=$(unpack lighttpd "$dsc") || { fail lighttpd-build "dpkg-source failed"; return 1; }
    mkdir -p "$dir/obj/build"
    printf 'PLUGIN_INIT(%s)\n' mod_indexfile mod_dirlisting mod_staticfile \
        >"$dir/obj/build/plugin-static.h"
    if [ ! -f "$dir/obj/build.ninja" ] && ! (cd "$dir/obj" &&
        RUMPXEN_PROFILE=netfs cmake ../src -G Ninja -DCMAKE_C_COMPILER="$CC_WRAP" \
            -DCMAKE_SYSTEM_NAME=Generic -DCMAKE_BUILD_TYPE=Release \
            -DBUILD_STATIC=ON -DWITH_PCRE2=OFF -DWITH_ZLIB=OFF \
            -DHAVE_SIGACTION=) >"$dir/configure.log" 2>&1; then
        fail lighttpd-build "cmake failed (see $dir/configure.log)"
        return 1
    fi
    rm -f "$dir/obj/build/lighttpd"
    if ! RUMPXEN_PROFILE=netfs ninja -C "$dir/obj" -j$JOBS lighttpd \
        >"$dir/build.log" 2>&1; then
        fail lighttpd-build "ninja failed (see $dir/build.log)"
        return 1
    fi
    echo "$STAMP" >"$dir/stamp"
    # The document root: index.html, examples/httpd's pattern as files /N
    # (byte i is byte i % 10000 of 400 lines "rumpxen httpd line %04d\n",
    # each padded with a NUL to 25 bytes) and the configuration.
    rm -rf "$dir/www" "$dir/www.img" && mkdir -p "$dir/www"
    python3 - "$dir/www" <<'EOF_WWW' || { fail lighttpd-build "document root"; return 1; }
import sys
d = sys.argv[1]
page = "".join("rumpxen httpd line %04d\n\0" % i for i in range(400)).encode()
for n in (0, 1, 1448, 10000, 100000, 1048576):
    open("%s/%d" % (d, n), "wb").write((page * (n // len(page) + 1))[:n])
open(d + "/index.html", "w").write("<html><body><h1>lighttpd on rumpxen</h1></body></html>\n")
open(d + "/lighttpd.conf", "w").write('''server.document-root = "/www"
server.port = 80
server.event-handler = "select"
server.upload-dirs = ("/tmp")
index-file.names = ("index.html")
mimetype.assign = (".html" => "text/html", "" => "application/octet-stream")
''')
EOF_WWW
    if ! mkfs.ext2 -q -F -b 1024 -I 128 -O none,filetype,sparse_super \
        -d "$dir/www" "$dir/www.img" 8M >"$dir/mkfs.log" 2>&1; then
        fail lighttpd-build "mkfs.ext2 failed (see $dir/mkfs.log)"
        return 1
    fi
    pass "lighttpd-build ($(basename "$dsc" .dsc), $state tree)"
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
declare -A EXIT
add_guest() { # name image want cmdline [exit [more xenrun keys]]
    local t
    for t in pv pvh; do
        GUESTS+=("name=$1-$t,image=$2,type=$t,memory=64,timeout=${7:-60},cmdline=$4${6:+,$6}")
        WANT[$1-$t]=$3
        EXIT[$1-$t]=${5:-0}
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
if build_lighttpd; then
    # Served to dom0's netclient, which then stops it with xl shutdown.
    add_guest lighttpd "$OUT/lighttpd/obj/build/lighttpd" \
        "rumpxen: /dev/xvda mounted on /www (ext2fs, read-only)" \
        "net.xenif0=@IP0@/16 blk.xvda=ext2fs:/www:ro -- -D -f /www/lighttpd.conf" \
        143 "vif=1,disk=$OUT/lighttpd/www.img:ro" 240
fi
echo "programs: built in $(($(date +%s) - start)) s"

if [ ${#GUESTS[@]} -gt 0 ]; then
    rm -rf "$OUT/run" && mkdir -p "$OUT/run"
    scripts/xenrun -q --out "$OUT/run" \
        --dom0-before tests/guest/xenstore-dom0.sh \
        --dom0-file "$BUILD/tests/dom0/netclient" \
        --dom0-after tests/guest/net-dom0-after.sh \
        "${GUESTS[@]}" >"$OUT/run/xenrun.out" 2>&1
    for name in "${!WANT[@]}"; do
        log=$OUT/run/$name.log
        status=$(sed -n 's/^status=//p' "$OUT/run/$name.status" 2>/dev/null)
        reason=$(sed -n 's/^reason=//p' "$OUT/run/$name.status" 2>/dev/null)
        if [ "$reason" != poweroff ] || [ "$status" != "${EXIT[$name]}" ]; then
            fail "$name" "ended ${reason:-never} status ${status:-none}: $(tr -d '\r' <"$log" 2>/dev/null | tail -2 | tr '\n' ' ')"
        elif ! tr -d '\r' <"$log" | grep -qxF "${WANT[$name]}"; then
            fail "$name" "no line '${WANT[$name]}' on its console (see $log)"
        elif [[ $name == lighttpd-* ]] &&
            ! grep -q "^$name: verdict: ok" "$OUT/run/dom0.log"; then
            fail "$name" "dom0 says: $(grep "^$name: \(FAILED\|verdict\)" "$OUT/run/dom0.log" | head -3 | tr '\n' ' ')"
        else
            pass "$name"
        fi
    done
fi
echo "programs: took $(($(date +%s) - start)) s"
finish
