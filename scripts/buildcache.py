# SPDX-License-Identifier: BSD-2-Clause
"""The cache that the project's builds of code from elsewhere (the NetBSD
rump kernel, newlib) share outside the clone: where it is, how an entry is
built under a lock and made complete last, and the member check of a
pinned tarball. Imported by scripts/rumpkernel.py and scripts/newlib.py;
runs nothing by itself."""
import fcntl
import os
import shutil
import subprocess
import sys


def cache_root():
    """$RUMPXEN_CACHE, else $XDG_CACHE_HOME/rumpxen, else ~/.cache/rumpxen."""
    base = os.environ.get("RUMPXEN_CACHE")
    if not base:
        xdg = os.environ.get("XDG_CACHE_HOME") or \
            os.path.join(os.path.expanduser("~"), ".cache")
        base = os.path.join(xdg, "rumpxen")
    return base


def compiler_version(cc):
    """The compiler's first --version line (part of every key), or None if
    there is no such compiler."""
    try:
        r = subprocess.run([cc, "--version"], capture_output=True, text=True)
    except OSError:
        return None
    return r.stdout.splitlines()[0] if r.stdout else cc


def is_complete(entry):
    """An entry counts only once its COMPLETE file exists."""
    return os.path.isfile(os.path.join(entry, "COMPLETE"))


def build_entry(entry, say, make):
    """Makes entry complete: under the entry's lock (two builds of one
    entry never run at once), returns at once if it is; else removes an
    incomplete one, creates it and calls make(entry), which returns the
    text of COMPLETE, or None to give up (the entry is then removed).
    COMPLETE is written last, by rename, so an interrupted or failed build
    never looks complete. Returns whether the entry is complete."""
    os.makedirs(os.path.dirname(entry), exist_ok=True)
    with open(entry + ".lock", "w") as lock:
        fcntl.flock(lock, fcntl.LOCK_EX)
        if is_complete(entry):
            say("cached: %s" % entry)
            return True
        if os.path.exists(entry):
            say("removing an incomplete build in %s" % entry)
            shutil.rmtree(entry)
        os.makedirs(entry)
        note = make(entry)
        if note is None:
            shutil.rmtree(entry)
            return False
        tmp = os.path.join(entry, "COMPLETE.tmp")
        with open(tmp, "w") as f:
            f.write(note)
        os.rename(tmp, os.path.join(entry, "COMPLETE"))
        return True


def bad_member(tf, top):
    """The first member of tarfile tf outside the folder top/ (absolute, or
    climbing with ..), or None if all are inside."""
    for m in tf.getmembers():
        if m.name.split("/", 1)[0] != top or m.name.startswith("/") or \
                ".." in m.name.split("/"):
            return m.name
    return None


def print_log_tail(log_path, lines=25):
    """Shows the end of a failed build's log on stderr, indented."""
    with open(log_path, errors="replace") as f:
        tail = f.readlines()[-lines:]
    sys.stderr.write("".join("  | " + line for line in tail))
