#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
# The Xen-host path of scripts/rumpxen tested for real: the appliance's
# dom0 is a Xen host, so this boots the appliance (scripts/xenrun's Run)
# with Debian's python3 (the binary, its libraries and just the standard
# library modules the tool imports) and the tool added to dom0's run
# archive, and a dom0 script that runs `rumpxen run --xen` on guest images
# there: exit status, the program's arguments through the guest
# configuration (one image, two exit statuses), crash, --timeout, SIGTERM
# (xl shutdown, then destroy), the guest configuration in xenstore while
# the guest runs, a missing bridge, not enough memory. Prints one
# PASS/FAIL line per case for tests/run.sh.
# Usage: rumpxen_dom0.py BUILD OUTDIR
import importlib.machinery
import importlib.util
import os
import re
import shutil
import subprocess
import sys

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
PYTHON = "/usr/bin/python3"

# Each case: name, the dom0 shell lines (run with $T the tool, $I the image
# folder), the expected exit status and text the tool's output must hold.
CASES = [
    ("exit-status-pv", "$T run --xen -q -t pv -m 16 $I/threads", 0, "threads: PASS"),
    ("exit-status-pvh", "$T run --xen -q -t pvh -m 16 $I/threads", 0, "threads: PASS"),
    ("crash", "$T run --xen -q -t pvh -m 16 $I/fault", 125, ""),
    # The same image, two configurations: the arguments travel in the JSON.
    ("args-7-pv", "$T run --xen -t pv -m 16 $I/hello -- 7", 7, "exit status 7"),
    ("args-3-pvh", "$T run --xen -t pvh -m 16 $I/hello -- 3", 3, "exit status 3"),
    ("timeout", "$T run --xen -t pv -m 16 --timeout 3 $I/hang; st=$?; "
     "xl list | grep -q rumpxen-hang && echo DOMAIN-LEFT; (exit $st)", 124,
     "--timeout 3 s expired"),
    ("sigterm", "$T run --xen -t pvh -m 16 $I/hang & p=$!; w; sleep 1; kill -TERM $p; "
     "wait $p; st=$?; xl list | grep -q rumpxen-hang && echo DOMAIN-LEFT; (exit $st)",
     130, "interrupted: shutting rumpxen-hang down"),
    # No -n: the platform-only image refuses a network configuration at
    # once (exit 78), which raced the reads below; the JSON of -n is
    # checked by the host tests (test_rumpxen.py).
    ("config-in-xenstore", "$T run --xen -t pvh -m 16 --timeout 20 --hostname box "
     "-e GREETING=hi $I/hang -- one two & p=$!; w; "
     "id=$(xl domid rumpxen-hang); xenstore-read -R /local/domain/$id/rumpxen/config; "
     "xenstore-ls -p /local/domain/$id/rumpxen | sed 's/^/perm /'; "
     "kill -TERM $p; wait $p", 130,
     '"cmdline": "hang one two"'),
    ("missing-bridge", "$T run --xen -t pv -m 16 -n xenbr9 $I/threads", 114,
     "bridge xenbr9: no such bridge"),
    ("no-memory", "$T run --xen -t pv -m 6000 $I/threads", 115,
     "not enough memory: 6000 MB asked"),
]
# Extra text some cases must hold (beyond the table's column).
EXTRA = {
    "config-in-xenstore": ['"hostname": "box"', '"env": "GREETING=hi"', "(n0,r"],
}
IMAGES = ("threads", "fault", "hang")


def load(name, path):
    loader = importlib.machinery.SourceFileLoader(name, path)
    spec = importlib.util.spec_from_loader(name, loader)
    mod = importlib.util.module_from_spec(spec)
    loader.exec_module(mod)
    return mod


def python_files():
    """The files dom0 needs to run the tool with PYTHON: the binary, its
    libraries, and the standard library modules the tool imports (with
    their compiled caches)."""
    code = ("import importlib.machinery as m, sys\n"
            "m.SourceFileLoader('r', %r).load_module()\n"
            "print('\\n'.join(sorted(set(x.__file__ for x in list(sys.modules.values())"
            " if getattr(x, '__file__', None)))))" % os.path.join(REPO, "scripts", "rumpxen"))
    out = subprocess.run([PYTHON, "-S", "-c", code], stdout=subprocess.PIPE,
                         check=True).stdout.decode().split()
    files = [os.path.realpath(PYTHON)]
    for f in out:
        if not f.startswith("/usr/lib/python3"):
            continue
        files.append(f)
        d, b = os.path.split(f)
        pyc = os.path.join(d, "__pycache__", b[:-3] + ".cpython-%d%d.pyc" % sys.version_info[:2])
        if f.endswith(".py") and os.path.isfile(pyc):
            files.append(pyc)
    libs = subprocess.run(["ldd", PYTHON], stdout=subprocess.PIPE, check=True).stdout.decode()
    for m in re.finditer(r"=> (/\S+)", libs):
        files.append(m.group(1))
    return files


def dom0_script():
    # w: waits (at most 60 s) until the hang guest runs unpaused.
    lines = ["T='python3 /rx/tool/rumpxen'", "I=/rx/tool/img",
             "w() { i=0; while [ $i -lt 120 ]; do s=$(xl list rumpxen-hang 2>/dev/null | "
             "awk 'NR == 2 { print $5 }'); case $s in '' | *p*) ;; *) return 0 ;; esac; "
             "i=$((i + 1)); sleep 0.5; done; }",
             "ln -sf %s /usr/bin/python3" % os.path.realpath(PYTHON)]
    for name, cmd, _, _ in CASES:
        lines.append("echo '@@case-start %s'" % name)
        lines.append("( %s ) 2>&1" % cmd)
        lines.append("echo \"@@case-end %s $?\"" % name)
    return "\n".join(lines) + "\n"


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: rumpxen_dom0.py BUILD OUTDIR\n")
        return 2
    build, out = argv
    os.makedirs(out, exist_ok=True)
    xr = load("xenrun", os.path.join(REPO, "scripts", "xenrun"))
    images = {n: os.path.realpath(os.path.join(build, "tests", "guest", n)) for n in IMAGES}
    images["hello"] = os.path.realpath(os.path.join(build, "examples", "hello", "hello"))
    for n, p in images.items():
        if not os.path.isfile(p):
            print("FAIL rumpxen-xen: image %s missing" % p)
            return 1
    files = python_files()

    class Dom0Run(xr.Run):
        def write_plan(self, root):
            r = super().write_plan(root)
            for f in files:
                dst = os.path.join(root, f.lstrip("/"))
                if f.startswith("/lib/"):
                    dst = os.path.join(root, "usr", f.lstrip("/"))
                os.makedirs(os.path.dirname(dst), exist_ok=True)
                if not os.path.exists(dst):
                    os.symlink(f, dst)
            tool = os.path.join(root, "rx", "tool")
            os.makedirs(os.path.join(tool, "img"))
            os.symlink(os.path.join(REPO, "scripts", "rumpxen"), os.path.join(tool, "rumpxen"))
            for n, p in images.items():
                os.symlink(p, os.path.join(tool, "img", n))
            return r

    script = os.path.join(out, "rumpxen-dom0.sh")
    with open(script, "w") as f:
        f.write(dom0_script())
    o = xr.Options()
    o.out = out
    o.quiet = True
    o.dom0_before = script
    o.watchdog = 600
    g = xr.Guest()
    g.name, g.image, g.type, g.memory, g.timeout = "last", images["threads"], "pv", 16, 30
    run = Dom0Run(o, [g])
    try:
        run.prepare()
        run.open_outputs()
        run.boot()
        rc = run.verdicts()
    except xr.InfraError as e:
        print("FAIL rumpxen-xen: appliance: %s" % e)
        return 1
    finally:
        run.cleanup()
    with open(os.path.join(out, "dom0.log"), encoding="utf-8", errors="replace") as f:
        log = f.read()
    bad = 0
    for name, _, want, text in CASES:
        m = re.search(r"@@case-start %s\n(.*?)@@case-end %s (\d+)" % (name, name), log, re.S)
        if not m:
            print("FAIL rumpxen-xen/%s: no result in %s/dom0.log (run status %d)"
                  % (name, out, rc))
            bad += 1
            continue
        body, st = m.group(1), int(m.group(2))
        why = []
        if st != want:
            why.append("exit %d, want %d" % (st, want))
        for t in [text] + EXTRA.get(name, []):
            if t and t not in body:
                why.append("no '%s' in its output" % t)
        if "DOMAIN-LEFT" in body:
            why.append("the domain was left behind")
        if why:
            tail = " / ".join(body.strip().splitlines()[-3:])
            print("FAIL rumpxen-xen/%s: %s (output: %s)" % (name, "; ".join(why), tail))
            bad += 1
        else:
            print("PASS rumpxen-xen/%s" % name)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
