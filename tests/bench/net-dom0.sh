# SPDX-License-Identifier: BSD-2-Clause
# Runs in dom0 (busybox sh) before the guests of `make bench`
# (scripts/bench.sh): for each guest named netb-* (examples/httpd, -x) or
# netl-* (a Linux DomU with busybox httpd, its /init in scripts/bench.sh)
# it runs the same /rx/bin/netclient (tests/dom0/netclient.c) measurements
# against the address of net.xenif0= in the guest's command line, then ends
# the guest through its server. Every netclient line goes to
# /run/rx-net/NAME.log as "bench LABEL LINE" (tests/guest/net-dom0-after.sh
# prints them; scripts/benchreport.py net reads them). Stops by itself
# after 30 minutes.

# nb_run NAME LABEL ARGS...: one netclient run, logged with its label.
nb_run() {
    _n=$1
    _l=$2
    shift 2
    echo "bench $_l $(/rx/bin/netclient "$@" 2>&1 | tr '\n' ' ')" \
        >>"/run/rx-net/$_n.log"
}

# nb_serve NAME ADDR SINK EXIT: the measurements, then the server's exit.
nb_serve() {
    if ! /rx/bin/netclient wait "$2" 80 150 >>"/run/rx-net/$1.log" 2>&1; then
        return
    fi
    /rx/bin/netclient http "$2" 80 /10000 5 1 pattern >/dev/null 2>&1
    for i in 1 2 3; do
        nb_run "$1" get4m http "$2" 80 /4194304 1 1 pattern
        nb_run "$1" post4m post "$2" 80 "$3" 4194304
    done
    nb_run "$1" http1 http "$2" 80 /10000 200 1 pattern
    nb_run "$1" http8 http "$2" 80 /10000 200 8 pattern
    nb_run "$1" connect connect "$2" 80 300 4
    /rx/bin/netclient http "$2" 80 "$4" 1 1 text:bye >>"/run/rx-net/$1.log" 2>&1
}

mkdir -p /run/rx-net
(
    timeout 1800 xenstore-watch /local/domain | while read -r path; do
        case $path in
        /local/domain/[0-9]*/name) ;;
        *) continue ;;
        esac
        name=$(xenstore-read "$path" 2>/dev/null) || continue
        case $name in
        netb-*) sink=/sink exit=/exit/0 ;;
        netl-*) sink=/cgi-bin/sink exit=/cgi-bin/exit ;;
        *) continue ;;
        esac
        [ ! -e "/run/rx-net/$name.log" ] || continue
        : >"/run/rx-net/$name.log"
        addr=$(sed -n 's/^cmdline = ".*net\.xenif0=\([0-9.]*\)\/.*/\1/p' \
            "/rx/guests/$name.cfg")
        echo "address ${addr:-none}" >>"/run/rx-net/$name.log"
        [ -z "$addr" ] || nb_serve "$name" "$addr" "$sink" "$exit" &
    done
) >/dev/null 2>&1 &
