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


def stale_entries(prefix, keep):
    """The cache's entries whose names start with prefix and that are not
    in keep (entry paths): builds of older pins, recipes or compilers."""
    root = cache_root()
    try:
        names = sorted(os.listdir(root))
    except FileNotFoundError:
        return []
    keep = {os.path.abspath(k) for k in keep}
    return [os.path.join(root, n) for n in names
            if n.startswith(prefix) and not n.endswith(".lock")
            and os.path.isdir(os.path.join(root, n))
            and os.path.abspath(os.path.join(root, n)) not in keep]


def entry_size(entry):
    """Bytes the files under entry take (symbolic links not followed)."""
    total = 0
    for top, _, files in os.walk(entry):
        for f in files:
            try:
                total += os.lstat(os.path.join(top, f)).st_size
            except OSError:
                pass
    return total


def prune(entries, say):
    """Removes entries, each under its lock taken without waiting: an
    entry a build is using right now is left and named. The empty lock
    files stay (removing one a build may be opening would split the lock).
    Returns the bytes freed."""
    freed = 0
    for entry in entries:
        with open(entry + ".lock", "w") as lock:
            try:
                fcntl.flock(lock, fcntl.LOCK_EX | fcntl.LOCK_NB)
            except BlockingIOError:
                say("in use, left: %s" % entry)
                continue
            size = entry_size(entry)
            shutil.rmtree(entry)
            freed += size
            say("removed %s (%d MB)" % (entry, size >> 20))
    return freed


def note_stale(prefix, keep, say, how):
    """After a build: names how much older entries take and how to remove
    them (nothing is removed without being asked)."""
    old = stale_entries(prefix, keep)
    if old:
        mb = sum(entry_size(e) for e in old) >> 20
        say("%d older cache entries take %d MB; %s removes them"
            % (len(old), mb, how))


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
