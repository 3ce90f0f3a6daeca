#!/usr/bin/env python3
# SPDX-License-Identifier: BSD-2-Clause
"""Builds the NetBSD rump kernel, kernel-only, from pinned sources into a
cache outside the clone, and tells the Makefile where a complete build is.

Sources: RUMP_SRC (a folder holding the two trees or the two tarballs of the
pinned revisions), else a git clone of the public repositories at those
revisions. The cache entry is keyed by the revisions, the build flags and the
compiler; it is complete only once its COMPLETE file exists, which is written
last, so an interrupted or failed build never looks complete. Nothing of
NetBSD's enters the repository. Run with --help for the interface.
"""

import argparse
import hashlib
import os
import re
import shutil
import subprocess
import sys
import tarfile
import threading
import time

import buildcache

PROG = "rumpkernel"

# The pinned revisions: rumpkernel/src-netbsd (branch appstack-src, the one
# rumprun pins) and rumpkernel/buildrump.sh.
SOURCES = {
    "src-netbsd": {
        "rev": "b8b951e911a2fc555848a2785a9998bc128530b6",
        "url": "https://github.com/rumpkernel/src-netbsd",
    },
    "buildrump.sh": {
        "rev": "6cccd464a9675ce19eaca569b1c9c2837492038c",
        "url": "https://github.com/rumpkernel/buildrump.sh",
    },
}

# The hosted variant (--hosted: NetBSD's own POSIX rumpuser, for the
# benchmark peer) also needs lib/librump* of the branch buildrump-src, which
# appstack-src lacks; its sys/ is the same. Copied over src-netbsd/.
HOSTED_SOURCE = {
    "name": "src-netbsd-hosted",
    "rev": "82f3a6905f6a3a65ceb3a21046de62437f61e7dd",
}

# Bumped when the recipe changes in a way the flags below do not show.
RECIPE = 1

# gcc 12 warns where the 2016 sources predate the warning; these classes stay
# warnings instead of errors. -fcommon: the sources rely on common symbols.
# Frame pointers everywhere, so crash reports can walk rump kernel frames.
# -fsplit-stack, as the platform: every function checks its frame against
# the running thread's stack limit, so an overflow inside the kernel is
# reported (on PV a fault on a guard page can not be).
KERNEL_CFLAGS = (
    "-fcommon -fno-omit-frame-pointer -mno-omit-leaf-frame-pointer "
    "-fsplit-stack "
    "-Wimplicit-fallthrough=0 -Wno-error=cast-function-type "
    "-Wno-error=address-of-packed-member -Wno-error=array-bounds "
    "-Wno-error=array-parameter -Wno-error=maybe-uninitialized "
    "-Wno-error=stringop-overflow -Wno-error=return-local-addr "
    "-Wno-error=zero-length-bounds -Wno-error=uninitialized "
    "-Wno-error=tautological-compare"
)
# The host tools read HOST_CFLAGS from the environment.
HOST_CFLAGS = "-O -fcommon"

# The static archives a complete build installs (lib/librump*.a).
ARCHIVES_EXPECTED = 79
# The hosted variant adds librumpuser, librumpclient and librumpnet_virtif.
HOSTED_ARCHIVES_EXPECTED = 82


# The hosted variant: the same kernel flags but -fsplit-stack (glibc is not
# built with it and ld.bfd can not widen calls into it; pthread stacks are
# 8 MiB), plus a class gcc 12 flags in librumpuser's virtif_user.c.
HOSTED_CFLAGS = KERNEL_CFLAGS.replace("-fsplit-stack ", "") + \
    " -Wno-error=stringop-truncation"


def build_args(diagnostic, hosted=False):
    """buildrump.sh's options (without folders) for a configuration.

    Static archives only (MKPIC=no): rumpxen links statically, and the
    _pic twins and shared objects would double the build time. curlwp is
    the __thread scheme in both variants: the kernel reads it inline from
    thread-local storage (rumpxen's threads all have it, sched.c), where
    the hypercall scheme (buildrump.sh's choice with -k) costs two calls
    per read; measured, the bound getpid round trip went from 406-444 ns
    to 305-318 ns PV. The hosted variant (no -k) builds librumpuser too,
    with the same scheme so that the benchmark compares like with like.
    """
    args = ["-q", "-V", "MKPIC=no", "-V", "RUMP_CURLWP=__thread"]
    if hosted:
        args += ["-F", "CFLAGS=" + HOSTED_CFLAGS]
    else:
        args = ["-k"] + args + ["-F", "CFLAGS=" + KERNEL_CFLAGS]
    if not diagnostic:
        args += ["-V", "RUMP_DIAGNOSTIC=no"]
    return args


def cache_key(revs, args, compiler):
    """The cache entry's name for revisions, buildrump.sh options and the
    compiler's version line: readable prefix, then a hash of everything."""
    h = hashlib.sha256()
    for name in sorted(revs):
        h.update(("%s=%s\n" % (name, revs[name])).encode())
    h.update(("recipe=%d\n" % RECIPE).encode())
    h.update(("host_cflags=%s\n" % HOST_CFLAGS).encode())
    h.update(("args=%r\n" % (args,)).encode())
    h.update(("compiler=%s\n" % compiler).encode())
    return "rump-%s-%s" % (revs["src-netbsd"][:8], h.hexdigest()[:12])


def tree_revision(path):
    """The revision of an unpacked tree (its REVISION file, as the pinned
    tarballs carry) or of a git work tree; None if neither tells."""
    rev_file = os.path.join(path, "REVISION")
    if os.path.isfile(rev_file):
        with open(rev_file) as f:
            return f.read().strip()
    if os.path.exists(os.path.join(path, ".git")):
        r = subprocess.run(["git", "-C", path, "rev-parse", "HEAD"],
                           capture_output=True, text=True)
        if r.returncode == 0:
            return r.stdout.strip()
    return None


class SourceError(Exception):
    pass


def find_in_src_dir(src_dir, name):
    """Where NAME's pinned sources are in RUMP_SRC: ('tree', path) or
    ('tarball', path). Raises SourceError naming what is wrong."""
    want = SOURCES[name]["rev"]
    tree = os.path.join(src_dir, name)
    if os.path.isdir(tree):
        rev = tree_revision(tree)
        if rev is None:
            raise SourceError("%s: no REVISION file and not a git tree; "
                              "can not tell its revision" % tree)
        if rev != want:
            raise SourceError("%s is at revision %s, rumpxen pins %s"
                              % (tree, rev, want))
        return ("tree", tree)
    pattern = re.compile(r"^%s-([0-9a-f]{7,40})\.tar(\.xz|\.gz)?$"
                         % re.escape(name))
    found = []
    for entry in sorted(os.listdir(src_dir)):
        m = pattern.match(entry)
        if m:
            found.append((m.group(1), os.path.join(src_dir, entry)))
    for short, path in found:
        if want.startswith(short):
            return ("tarball", path)
    if found:
        raise SourceError("%s has %s, which is not the pinned revision %s"
                          % (src_dir, ", ".join(os.path.basename(p)
                                                for _, p in found), want))
    raise SourceError("%s has neither a folder %s/ nor a tarball %s-%s.tar.xz"
                      % (src_dir, name, name, want[:8]))


def say(msg):
    print("%s: %s" % (PROG, msg), flush=True)


def die(msg, code=1):
    print("%s: error: %s" % (PROG, msg), file=sys.stderr, flush=True)
    sys.exit(code)


def compiler_version(cc):
    version = buildcache.compiler_version(cc)
    if version is None:
        die("compiler %s not found" % cc)
    return version


def unpack_tarball(path, dest, name):
    """Unpacks a pinned tarball (one top folder NAME/) into dest/NAME and
    checks its REVISION."""
    with tarfile.open(path) as tf:
        bad = buildcache.bad_member(tf, name)
        if bad is not None:
            raise SourceError("%s: unexpected member %s" % (path, bad))
        # Where Python has it, the "data" filter also refuses links that
        # point out of the folder and special files.
        if hasattr(tarfile, "data_filter"):
            tf.extractall(dest, filter="data")
        else:
            tf.extractall(dest)
    rev = tree_revision(os.path.join(dest, name))
    if rev != SOURCES[name]["rev"]:
        raise SourceError("%s unpacks to revision %s, rumpxen pins %s"
                          % (path, rev, SOURCES[name]["rev"]))


def git_fetch(name, dest):
    """Fetches NAME at its pinned revision from its public repository."""
    src = SOURCES[name]
    tree = os.path.join(dest, name)
    os.makedirs(tree)
    steps = [["git", "init", "-q", tree],
             ["git", "-C", tree, "fetch", "-q", "--depth", "1", src["url"],
              src["rev"]],
             ["git", "-C", tree, "checkout", "-q", "FETCH_HEAD"]]
    for cmd in steps:
        r = subprocess.run(cmd, capture_output=True, text=True)
        if r.returncode != 0:
            raise SourceError("%s failed: %s" % (" ".join(cmd),
                                                 r.stderr.strip()[-300:]))
    if tree_revision(tree) != src["rev"]:
        raise SourceError("%s: fetched the wrong revision" % tree)


def get_hosted_sources(entry, src_dir):
    """Copies lib/librump* and usr.bin/ of the buildrump-src tarball in
    RUMP_SRC over entry/src-netbsd (the hosted variant needs them)."""
    name, want = HOSTED_SOURCE["name"], HOSTED_SOURCE["rev"]
    path = os.path.join(src_dir or "", "%s-%s.tar.xz" % (name, want[:8]))
    if not src_dir or not os.path.isfile(path):
        raise SourceError("the hosted variant needs %s (RUMP_SRC)" % path)
    say("unpacking %s from %s" % (name, path))
    tmp = os.path.join(entry, "hosted.tmp")
    with tarfile.open(path) as tf:
        for member in tf.getmembers():
            if member.name.split("/", 1)[0] != name or \
                    member.name.startswith("/") or \
                    ".." in member.name.split("/"):
                raise SourceError("%s: unexpected member %s"
                                  % (path, member.name))
        if hasattr(tarfile, "data_filter"):
            tf.extractall(tmp, filter="data")
        else:
            tf.extractall(tmp)
    top = os.path.join(tmp, name)
    if tree_revision(top) != want:
        raise SourceError("%s is not revision %s" % (path, want))
    for sub in ("lib", "usr.bin"):
        shutil.copytree(os.path.join(top, sub),
                        os.path.join(entry, "src-netbsd", sub),
                        symlinks=True, dirs_exist_ok=True)
    shutil.rmtree(tmp)


def get_sources(entry, src_dir):
    """Puts both trees into the cache entry (entry/src-netbsd,
    entry/buildrump.sh) from RUMP_SRC or by git."""
    for name in SOURCES:
        dest_tree = os.path.join(entry, name)
        if src_dir:
            kind, path = find_in_src_dir(src_dir, name)
            say("unpacking %s from %s" % (name, path))
            if kind == "tree":
                shutil.copytree(path, dest_tree, symlinks=True)
            else:
                unpack_tarball(path, entry, name)
        else:
            say("fetching %s at %s from %s"
                % (name, SOURCES[name]["rev"][:12], SOURCES[name]["url"]))
            git_fetch(name, entry)


ARCHIVE_LINE = re.compile(rb"^\s+build\s+\S*librump\S*\.a\s*$", re.M)


def count_archives(path):
    n = 0
    for _, _, files in os.walk(path):
        n += sum(1 for f in files if f.startswith("librump")
                 and f.endswith(".a"))
    return n


def progress(log_path, rump_top, started, done):
    """Prints the phase, archives built of the total and the elapsed time
    every 15 s until done is set (read from the log's "build libX.a")."""
    offset, archives, phase = 0, 0, "host tools"
    while not done.wait(15):
        try:
            with open(log_path, "rb") as f:
                f.seek(offset)
                chunk = f.read()
        except OSError:
            chunk = b""
        # Count only whole lines; the rest is read again next time.
        cut = chunk.rfind(b"\n") + 1
        offset += cut
        chunk = chunk[:cut]
        archives += len(ARCHIVE_LINE.findall(chunk))
        if phase == "host tools" and (b"compile  rumpkern/" in chunk or
                                      archives):
            phase = "kernel"
        if b"install ===> " + rump_top in chunk:
            phase = "install"
        say("%-10s %2d/%d archives, %3d s"
            % (phase, min(archives, ARCHIVES_EXPECTED), ARCHIVES_EXPECTED,
               time.time() - started))


def run_build(entry, diagnostic, jobs, hosted=False):
    """Runs buildrump.sh into the entry; returns the path of its log."""
    log_path = os.path.join(entry, "build.log")
    cmd = [os.path.join(entry, "buildrump.sh", "buildrump.sh"),
           "-j%d" % jobs,
           "-s", os.path.join(entry, "src-netbsd"),
           "-o", os.path.join(entry, "obj"),
           "-T", os.path.join(entry, "tools"),
           "-d", os.path.join(entry, "dest")] + build_args(diagnostic, hosted) + \
        ["fullbuild"]
    env = dict(os.environ, HOST_CFLAGS=HOST_CFLAGS)
    started = time.time()
    done = threading.Event()
    ticker = threading.Thread(target=progress,
                              args=(log_path,
                                    os.path.join(entry, "src-netbsd", "sys",
                                                 "rump").encode(),
                                    started, done),
                              daemon=True)
    with open(log_path, "w") as log:
        log.write("$ HOST_CFLAGS='%s' %s\n" % (HOST_CFLAGS, " ".join(cmd)))
        log.flush()
        ticker.start()
        rc = subprocess.run(cmd, stdout=log, stderr=subprocess.STDOUT,
                            stdin=subprocess.DEVNULL, env=env).returncode
    done.set()
    ticker.join()
    if rc != 0:
        buildcache.print_log_tail(log_path)
        die("buildrump.sh failed (exit %d) after %d s; full log: %s"
            % (rc, time.time() - started, log_path))
    n = count_archives(os.path.join(entry, "dest", "lib"))
    expected = HOSTED_ARCHIVES_EXPECTED if hosted else ARCHIVES_EXPECTED
    if n != expected:
        die("the build installed %d archives, expected %d; log: %s"
            % (n, expected, log_path))
    return log_path


def entry_path(diagnostic, cc, hosted=False):
    revs = {n: s["rev"] for n, s in SOURCES.items()}
    if hosted:
        revs[HOSTED_SOURCE["name"]] = HOSTED_SOURCE["rev"]
    key = cache_key(revs, build_args(diagnostic, hosted),
                    compiler_version(cc))
    return os.path.join(buildcache.cache_root(), key)


def build(entry, src_dir, diagnostic, jobs, optional, hosted=False):
    """Makes the entry complete, building it if needed (buildcache.py:
    locked, COMPLETE last). With optional, sources that can not be had (no
    RUMP_SRC, no git clone) are a note, not an error."""
    def make(entry):
        t0 = time.time()
        try:
            get_sources(entry, src_dir)
            if hosted:
                get_hosted_sources(entry, src_dir)
        except SourceError as e:
            if optional and not src_dir:
                say("no rump kernel sources: %s" % e)
                say("the rump kernel tests will say SKIPPED; set RUMP_SRC to "
                    "a folder with the pinned trees or tarballs (on these "
                    "machines ../shared/rumpkernel) or RUMP_DIR to an "
                    "installed rump kernel")
                return None
            shutil.rmtree(entry)
            die(str(e), 3)
        say("building the rump kernel (%s, %s) into %s; "
            "about 3-6 minutes on 2 cores"
            % ("hosted, with librumpuser" if hosted else "kernel-only",
               "DIAGNOSTIC" if diagnostic else "no DIAGNOSTIC", entry))
        log_path = run_build(entry, diagnostic, jobs, hosted)
        # Objects are not needed after install; the tools and the source
        # tree stay for components of our own (rumpmake).
        shutil.rmtree(os.path.join(entry, "obj"))
        secs = time.time() - t0
        say("done in %d s: %s" % (secs, entry))
        return "built in %d s\nlog %s\n" % (secs, log_path)

    return buildcache.build_entry(entry, say, make)


def main(argv):
    p = argparse.ArgumentParser(
        prog="scripts/rumpkernel.py",
        description="Build the pinned NetBSD rump kernel (kernel-only) into "
        "the cache, or print where a complete build is.",
        epilog="Sources: RUMP_SRC=DIR (the two trees src-netbsd/ and "
        "buildrump.sh/, or their tarballs as in ../shared/rumpkernel), else "
        "git clone of the public repositories. Cache: $RUMPXEN_CACHE, else "
        "$XDG_CACHE_HOME/rumpxen, else ~/.cache/rumpxen. Exit status: 0 "
        "done; 1 build failed; 3 no sources (nothing was built).")
    p.add_argument("command", choices=["build", "dir", "prune"],
                   help="build: build unless cached; dir: print the cache "
                   "entry of a complete build (dest/ the installed kernel, "
                   "tools/ rumpmake, src-netbsd/ the sources), exit 1 if "
                   "there is none; prune: remove the cache's rump kernel "
                   "builds that no variant of this one uses (older pins, "
                   "recipes or compilers)")
    p.add_argument("--optional", action="store_true",
                   help="build: without RUMP_SRC and with no git clone "
                   "possible, say so and exit 0")
    p.add_argument("--no-diagnostic", action="store_true",
                   help="build without DIAGNOSTIC (env "
                   "RUMPKERNEL_DIAGNOSTIC=no does the same)")
    p.add_argument("--hosted", action="store_true",
                   help="the hosted variant (not kernel-only, with NetBSD's "
                   "librumpuser; needs the third tarball in RUMP_SRC): the "
                   "peer `make bench` compares rumpxen with")
    p.add_argument("-j", type=int, default=os.cpu_count() or 2,
                   help="parallel jobs (default: cores)")
    a = p.parse_args(argv)
    diagnostic = not a.no_diagnostic and \
        os.environ.get("RUMPKERNEL_DIAGNOSTIC", "yes") != "no"
    cc = os.environ.get("CC") or "gcc"
    entry = entry_path(diagnostic, cc, a.hosted)
    current = [entry_path(d, cc, h) for d in (True, False)
               for h in (False, True)]
    if a.command == "prune":
        freed = buildcache.prune(buildcache.stale_entries("rump-", current),
                                 say)
        say("freed %d MB" % (freed >> 20))
        return 0
    if a.command == "dir":
        if not buildcache.is_complete(entry):
            return 1
        print(entry)
        return 0
    src_dir = os.environ.get("RUMP_SRC") or None
    if src_dir and not os.path.isdir(src_dir):
        die("RUMP_SRC=%s is not a folder" % src_dir, 3)
    if build(entry, src_dir, diagnostic, a.j, a.optional, a.hosted):
        buildcache.note_stale("rump-", current, say,
                              "scripts/rumpkernel.py prune")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
