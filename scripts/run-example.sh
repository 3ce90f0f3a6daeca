#!/bin/sh
# SPDX-License-Identifier: BSD-2-Clause
# What `make run` does, after `make examples`: boots examples/httpd with
# scripts/rumpxen (in the appliance unless this machine is a Xen host),
# forwards 127.0.0.1:RUN_PORT to its port 80, prints the URL and serves
# until Ctrl-C or for RUN_SECONDS; without the httpd image (no rump kernel
# with our network interface) it boots hello and says why. Not a general
# runner: scripts/rumpxen is. The Makefile passes the variables below.
#   BUILD         build folder (build)
#   RUN_EXAMPLE   httpd, hello or rump-hello-{base,net,fs} (default:
#                 httpd if built, else hello)
#   RUN_TYPE      pv or pvh (pvh)
#   RUN_MEMORY    MB (httpd 64, others 16)
#   RUN_PORT      host port for httpd (8080)
#   RUN_SECONDS   stop the guest after this many seconds (then exit 0)
#   RUN_ARGS      the program's arguments (split at spaces)
#   RUN_RUMP      the rump kernel's folder, "" if none (for the message)
set -u
B=${BUILD:-build}
ex=${RUN_EXAMPLE:-}
port=${RUN_PORT:-8080}
secs=${RUN_SECONDS:-}
why=""
if [ -z "$ex" ]; then
    if [ -f "$B/examples/httpd/httpd" ]; then
        ex=httpd
    elif [ -z "${RUN_RUMP:-}" ]; then
        ex=hello
        why="no rump kernel (make rumpkernel builds one from the pinned sources, or set RUMP_DIR)"
    else
        ex=hello
        why="$B/examples/httpd/httpd was not built (it needs the project's own rump kernel build, for our network interface component)"
    fi
fi
case $ex in
    httpd) img=$B/examples/httpd/httpd mem=${RUN_MEMORY:-64} ;;
    hello) img=$B/examples/hello/hello mem=${RUN_MEMORY:-16} ;;
    rump-hello-*) img=$B/examples/rump-hello/$ex mem=${RUN_MEMORY:-16} ;;
    *)
        echo "run: RUN_EXAMPLE must be httpd, hello or rump-hello-{base,net,fs}, not '$ex'" >&2
        exit 2
        ;;
esac
if [ ! -f "$img" ]; then
    echo "run: no image $img (rump examples need a rump kernel: make rumpkernel)" >&2
    exit 2
fi
[ -z "$why" ] || echo "run: booting hello instead of httpd: $why" >&2
set -- -t "${RUN_TYPE:-pvh}" -m "$mem"
if [ "$ex" = httpd ]; then
    set -- "$@" -p "$port:80"
    echo "run: httpd will serve http://127.0.0.1:$port/ (try: curl http://127.0.0.1:$port/);" \
        "${secs:+for $secs s, or }until Ctrl-C" >&2
fi
[ -z "$secs" ] || set -- "$@" --timeout "$secs"
# shellcheck disable=SC2086
scripts/rumpxen run "$img" "$@" -- ${RUN_ARGS:-}
st=$?
if [ "$st" = 124 ] && [ -n "$secs" ]; then
    echo "run: stopped $ex after RUN_SECONDS=$secs" >&2
    exit 0
fi
[ "$st" = 0 ] || echo "run: $ex exited with status $st" >&2
exit "$st"
