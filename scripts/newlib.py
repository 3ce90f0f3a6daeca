#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Builds newlib from Debian's newlib-source for the freestanding x86_64
guest with the host gcc, into a cache outside the clone, and tells the
Makefile where a complete build is.

The cache entry is keyed by newlib-source's package version, the configure
options, the target flags and the compiler; it is complete only once its
COMPLETE file exists, which is written last, so an interrupted or failed
build never looks complete. Run with --help for the interface.
"""

import argparse
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import threading
import time

import buildcache

PROG = "newlib"
SRC_TARBALL = "/usr/src/newlib/newlib-3.3.0.tar.xz"
SRC_TOP = "newlib-salsa"

# Bumped when the recipe changes in a way the options below do not show.
RECIPE = 1

# As the guest's own code (Makefile GUEST_CFLAGS): no red zone (interrupts
# run on the thread's stack), no PIC, split stacks so an overflow inside
# libc is reported, frame pointers for backtraces. __DYNAMIC_REENT__ makes
# newlib reach its per-thread state through __getreent(), which libc-glue
# provides per platform thread. read and write return ssize_t, as POSIX says
# (newlib defaults to int here); libc-glue/include/sys/features.h agrees.
TARGET_CFLAGS = (
    "-O2 -g -ffreestanding -fno-stack-protector -fno-pie -fno-pic "
    "-mno-red-zone -mcmodel=small -fcf-protection=none "
    "-fno-omit-frame-pointer -mno-omit-leaf-frame-pointer -fsplit-stack "
    "-fno-asynchronous-unwind-tables -ffunction-sections -fdata-sections "
    "-D__DYNAMIC_REENT__ -D_READ_WRITE_RETURN_TYPE=_ssize_t"
)

CONFIGURE_ARGS = [
    "--target=x86_64-elf", "--disable-multilib",
    "--disable-newlib-supplied-syscalls", "--disable-nls",
    "--enable-newlib-io-long-long", "--enable-newlib-io-c99-formats",
    "--enable-newlib-global-stdio-streams",
]



def say(msg):
    print("%s: %s" % (PROG, msg), flush=True)


def die(msg, code=1):
    print("%s: error: %s" % (PROG, msg), file=sys.stderr, flush=True)
    sys.exit(code)


def source_version():
    """newlib-source's Debian version, or None if it is not installed."""
    r = subprocess.run(["dpkg-query", "-W", "-f=${Version}",
                        "newlib-source"], capture_output=True, text=True)
    return r.stdout.strip() if r.returncode == 0 and r.stdout else None


def compiler_version(cc):
    version = buildcache.compiler_version(cc)
    if version is None:
        die("compiler %s not found" % cc)
    return version


def tools(cc):
    return {"CC_FOR_TARGET": cc, "AR_FOR_TARGET": "ar",
            "AS_FOR_TARGET": "as", "LD_FOR_TARGET": "ld",
            "RANLIB_FOR_TARGET": "ranlib", "NM_FOR_TARGET": "nm",
            "CFLAGS_FOR_TARGET": TARGET_CFLAGS}


def cache_key(version, cc):
    h = hashlib.sha256()
    h.update(("version=%s\nrecipe=%d\n" % (version, RECIPE)).encode())
    h.update(("configure=%r\n" % (CONFIGURE_ARGS,)).encode())
    h.update(("tools=%r\n" % (sorted(tools(cc).items()),)).encode())
    h.update(("compiler=%s\n" % compiler_version(cc)).encode())
    return "newlib-%s-%s" % (version.split("-")[0], h.hexdigest()[:12])


def unpack(entry):
    with tarfile.open(SRC_TARBALL) as tf:
        bad = buildcache.bad_member(tf, SRC_TOP)
        if bad is not None:
            die("%s: unexpected member %s" % (SRC_TARBALL, bad))
        tf.extractall(entry)


def progress(obj_dir, started, done):
    """Prints the objects compiled so far and the elapsed time every 15 s."""
    while not done.wait(15):
        n = 0
        for _, _, files in os.walk(obj_dir):
            n += sum(1 for f in files if f.endswith(".o"))
        say("%4d objects, %3d s" % (n, time.time() - started))


def run(cmd, cwd, log, env):
    log.write("$ (cd %s && %s)\n" % (cwd, " ".join(cmd)))
    log.flush()
    return subprocess.run(cmd, cwd=cwd, stdout=log, stderr=subprocess.STDOUT,
                          stdin=subprocess.DEVNULL, env=env).returncode


def run_build(entry, cc, jobs):
    log_path = os.path.join(entry, "build.log")
    obj = os.path.join(entry, "obj")
    os.makedirs(obj)
    env = dict(os.environ)
    for k in ("CFLAGS", "CC", "LDFLAGS", "CPPFLAGS", "MAKEFLAGS", "MFLAGS",
              "MAKELEVEL"):
        env.pop(k, None)
    configure = [os.path.join(entry, SRC_TOP, "configure"),
                 "--prefix=" + os.path.join(entry, "dest")] + \
        CONFIGURE_ARGS + ["%s=%s" % kv for kv in tools(cc).items()]
    started = time.time()
    done = threading.Event()
    ticker = threading.Thread(target=progress, args=(obj, started, done),
                              daemon=True)
    ticker.start()
    rc, what = 0, ""
    with open(log_path, "w") as log:
        for what, cmd in (("configure", configure),
                          ("make", ["make", "-j%d" % jobs,
                                    "all-target-newlib"]),
                          ("install", ["make", "install-target-newlib"])):
            rc = run(cmd, obj, log, env)
            if rc != 0:
                break
    done.set()
    ticker.join()
    if rc != 0:
        buildcache.print_log_tail(log_path)
        die("%s failed (exit %d) after %d s; full log: %s"
            % (what, rc, time.time() - started, log_path))
    lib = os.path.join(entry, "dest", "x86_64-elf", "lib")
    for a in ("libc.a", "libm.a"):
        if not os.path.isfile(os.path.join(lib, a)):
            die("the build installed no %s; log: %s" % (a, log_path))
    return log_path


def build(entry, cc, jobs):
    """Makes the entry complete, building it if needed (buildcache.py:
    locked, COMPLETE last)."""
    def make(entry):
        t0 = time.time()
        say("building newlib (x86_64-elf, %s) into %s; about 2-4 minutes "
            "on 2 cores" % (cc, entry))
        unpack(entry)
        log_path = run_build(entry, cc, jobs)
        shutil.rmtree(os.path.join(entry, "obj"))
        shutil.rmtree(os.path.join(entry, SRC_TOP))
        secs = time.time() - t0
        say("done in %d s: %s" % (secs, entry))
        return "built in %d s\nlog %s\n" % (secs, log_path)

    return buildcache.build_entry(entry, say, make)


def main(argv):
    p = argparse.ArgumentParser(
        prog="scripts/newlib.py",
        description="Build newlib (Debian's newlib-source) for the guest "
        "into the cache, or print where a complete build is.",
        epilog="Cache: $RUMPXEN_CACHE, else $XDG_CACHE_HOME/rumpxen, else "
        "~/.cache/rumpxen. The entry's dest/x86_64-elf/ holds include/ and "
        "lib/. Exit status: 0 done; 1 build failed; 3 newlib-source "
        "missing.")
    p.add_argument("command", choices=["build", "dir", "prune"],
                   help="build: build unless cached; dir: print the cache "
                   "entry of a complete build, exit 1 if there is none; "
                   "prune: remove the cache's other newlib builds (older "
                   "versions, recipes or compilers)")
    p.add_argument("-j", type=int, default=min(os.cpu_count() or 2, 2),
                   help="parallel jobs (default: 2)")
    a = p.parse_args(argv)
    version = source_version()
    if version is None or not os.path.isfile(SRC_TARBALL):
        if a.command == "dir":
            return 1
        die("newlib-source is not installed (%s missing); run 'make deps'"
            % SRC_TARBALL, 3)
    entry = os.path.join(buildcache.cache_root(),
                         cache_key(version, os.environ.get("CC") or "gcc"))
    if a.command == "dir":
        if not buildcache.is_complete(entry):
            return 1
        print(entry)
        return 0
    if a.command == "prune":
        freed = buildcache.prune(buildcache.stale_entries("newlib-", [entry]),
                                 say)
        say("freed %d MB" % (freed >> 20))
        return 0
    if build(entry, os.environ.get("CC") or "gcc", a.j):
        buildcache.note_stale("newlib-", [entry], say,
                              "scripts/newlib.py prune")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
