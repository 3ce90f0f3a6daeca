#!/usr/bin/python3
# SPDX-License-Identifier: BSD-2-Clause
# The port forward of scripts/rumpxen tested from the host, as a user
# would: `rumpxen run IMAGE -p PORT:80` boots examples/httpd in the
# appliance; a host-side fetch of http://127.0.0.1:PORT/ (urllib) gets the
# httpd's page, then 1 MiB of its test pattern (checked for its period);
# then SIGINT (Ctrl-C) stops the run: exit 130 and the port is free again.
# Prints one PASS/FAIL line per check for tests/run.sh.
# Usage: rumpxen_forward.py HTTPD_IMAGE OUTDIR
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request

REPO = os.path.dirname(os.path.dirname(os.path.dirname(os.path.abspath(__file__))))
BOOT_S = 240      # until the page must be served
PAGE_LEN = 10000  # the httpd's pattern repeats every PAGE_LEN bytes


def free_port():
    s = socket.socket()
    s.bind(("127.0.0.1", 0))
    port = s.getsockname()[1]
    s.close()
    return port


def pattern_ok(body, n):
    """BODY is N bytes of examples/httpd's test pattern: it starts with its
    first line and repeats every PAGE_LEN bytes (the line layout inside a
    page is the httpd's business)."""
    page = body[:PAGE_LEN]
    return len(body) == n and body.startswith(b"rumpxen httpd line 0000\n") and \
        all(body[k:k + PAGE_LEN] == page[:len(body[k:k + PAGE_LEN])]
            for k in range(0, n, PAGE_LEN))


def fetch(url, timeout=30):
    with urllib.request.urlopen(url, timeout=timeout) as r:
        return r.status, r.read()


def port_free(port):
    s = socket.socket()
    s.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    try:
        s.bind(("127.0.0.1", port))
        s.listen(1)
        return True
    except OSError:
        return False
    finally:
        s.close()


def main(argv):
    if len(argv) != 2:
        sys.stderr.write("usage: rumpxen_forward.py HTTPD_IMAGE OUTDIR\n")
        return 2
    image, out = argv
    os.makedirs(out, exist_ok=True)
    port = free_port()
    log = open(os.path.join(out, "rumpxen-forward.log"), "wb")
    proc = subprocess.Popen([os.path.join(REPO, "scripts", "rumpxen"), "run", image,
                             "--appliance", "-p", "%d:80" % port, "--timeout", "600"],
                            stdout=log, stderr=subprocess.STDOUT)
    results = []
    url = "http://127.0.0.1:%d/" % port
    page = None
    end = time.monotonic() + BOOT_S
    why = "not served within %d s" % BOOT_S
    while time.monotonic() < end and proc.poll() is None:
        try:
            status, body = fetch(url, timeout=10)
            if status == 200:
                page = body
                break
            why = "HTTP status %d" % status
        except OSError as e:
            why = str(e)
        time.sleep(1)
    if page is not None and b"rumpxen httpd" in page:
        results.append(("page", ""))
    else:
        results.append(("page", "%s gave no httpd page: %s%s" % (
            url, why, "" if proc.poll() is None else " (rumpxen exited %d)" % proc.returncode)))
    if page is not None:
        try:
            status, body = fetch(url + "1048576", timeout=120)
            ok = status == 200 and pattern_ok(body, 1048576)
            results.append(("1MiB", "" if ok else "status %d, %d bytes, pattern %s"
                            % (status, len(body), "differs" if len(body) == 1048576 else "-")))
        except OSError as e:
            results.append(("1MiB", "fetch failed: %s" % e))
    if proc.poll() is None:
        proc.send_signal(signal.SIGINT)
    try:
        rc = proc.wait(timeout=60)
    except subprocess.TimeoutExpired:
        proc.kill()
        rc = proc.wait()
    log.close()
    results.append(("ctrl-c", "" if rc == 130 else "exit %d, want 130" % rc))
    results.append(("port-released", "" if port_free(port) else
                    "127.0.0.1:%d still bound after the run" % port))
    bad = 0
    for name, err in results:
        if err:
            bad += 1
            print("FAIL rumpxen-forward/%s: %s (log: %s/rumpxen-forward.log)" % (name, err, out))
        else:
            print("PASS rumpxen-forward/%s" % name)
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
