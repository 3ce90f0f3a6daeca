# SPDX-License-Identifier: BSD-2-Clause
# Runs in dom0 (busybox sh) before the guests: answers a guest that writes
# data/poke-me by writing "hello-from-dom0" to its data/poke, as the
# xenstore guest test expects; and a guest that writes data/net-ping=IPS
# (addresses 10.11.x.y on xenbr0, a /16, separated by spaces) by waiting until
# each answers, then pinging it 100 times with 56-byte and 100 times with
# full-MTU (1472-byte) payloads, then writing data/net-result:
# "ok" or "fail", then every ping summary (tests/guest/net.c); and one
# that writes data/net-http=IP by fetching http://IP/ 100 times one after
# another and 50 times at once with wget, comparing each with the page
# tests/guest/rumpnet.c serves, fetching 2 MiB of zeros from
# http://IP/big and posting 2 MiB to http://IP/sink (and, for scale,
# fetching them over dom0's loopback), then writing data/net-http-result
# ("ok" or "fail", counts, seconds, rates). For a guest named httpd-* or
# echo-* (examples/httpd, examples/echo, started with -x), it runs
# /rx/bin/netclient (tests/dom0/netclient.c) against the address of
# net.xenif0= in the guest's command line, or the one dom0's udhcpd leased
# it for net.xenif0=dhcp (echo: also over IPv6 to its
# link-local address) and ends the guest through the
# server (exit status 0 if every check passed, else 1); echo2-* guests
# (two vifs, on xenbr0 and xenbr1), echo6-* guests (a global IPv6
# address) and echo6auto-* (one from dom0's router advertisements) the
# same way, see net_serve; lighttpd-* guests
# (tests/programs.sh) the same way, ended with xl shutdown; netclient's lines
# go to /run/rx-net/NAME.log, which tests/guest/net-dom0-after.sh prints.
# And one that writes data/blk-stall=DEVID by unbinding blkback from that
# vbd, answering in data/blk-stalled. Stops by itself after 30 minutes.

# net_client NAME CHECK ARGS...: one netclient run, its line logged.
net_client() {
    _n=$1
    shift
    if /rx/bin/netclient "$@" >>"/run/rx-net/$_n.log" 2>&1; then
        return 0
    fi
    echo "FAILED: netclient $*" >>"/run/rx-net/$_n.log"
    net_bad=1
    return 1
}

# guest_mac NAME K: the MAC of the guest's vif K (its xl configuration).
guest_mac() {
    grep -o "mac=[0-9a-f:]*" "/rx/guests/$1.cfg" | sed -n "$(($2 + 1))s/mac=//p"
}

# guest_addr NAME KEY: the address KEY=ADDR/PREFIX in the guest's command
# line (KEY e.g. net.xenif1 or net6.xenif0), or nothing.
guest_addr() {
    sed -n "s/^cmdline = \".*$2=\([0-9a-f.:]*\)\/.*/\1/p" "/rx/guests/$1.cfg"
}

# vif_bytes DOM K: the bytes dom0's vif DOM.K moved, both ways.
vif_bytes() {
    _r=$(cat "/sys/class/net/vif$1.$2/statistics/rx_bytes" 2>/dev/null) || _r=0
    _t=$(cat "/sys/class/net/vif$1.$2/statistics/tx_bytes" 2>/dev/null) || _t=0
    echo $((_r + _t))
}

# fdb_has BRIDGE MAC: whether BRIDGE learned MAC. Its forwarding database
# is binary, records of 16 bytes that start with the MAC (busybox brctl
# has no showmacs).
fdb_has() {
    od -An -tx1 -v -w16 "/sys/class/net/$1/brforward" 2>/dev/null |
        grep -q "^ $(echo "$2" | tr : ' ')"
}

# net_nic NAME DOM K BRIDGE ADDR: echo traffic to ADDR (the guest's
# address on BRIDGE) must cross the guest's vif K, which sits on BRIDGE,
# and not its other vif; BRIDGE learned the guest's MAC K, the other
# bridge did not.
net_nic() {
    _log=/run/rx-net/$1.log
    _o=$((1 - $3))
    _other=xenbr$((1 - ${4#xenbr}))
    _mac=$(guest_mac "$1" "$3")
    _br=$(readlink "/sys/class/net/vif$2.$3/master")
    _a0=$(vif_bytes "$2" "$3")
    _b0=$(vif_bytes "$2" "$_o")
    net_client "$1" tcpecho "$5" 7 1048576 1
    net_client "$1" udpecho "$5" 7 100 1000
    _a=$(($(vif_bytes "$2" "$3") - _a0))
    _b=$(($(vif_bytes "$2" "$_o") - _b0))
    echo "nic $3 on ${_br##*/} at $5: vif$2.$3 moved $_a bytes, vif$2.$_o $_b" >>"$_log"
    if [ "${_br##*/}" != "$4" ] || [ "$_a" -lt 2297152 ] || [ "$_b" -ge 65536 ]; then
        echo "FAILED: nic $3: not on $4, or the traffic took the wrong vif" >>"$_log"
        net_bad=1
    fi
    if [ -z "$_mac" ] || ! fdb_has "$4" "$_mac" || fdb_has "$_other" "$_mac"; then
        echo "FAILED: nic $3: MAC $_mac not learned by $4 alone" >>"$_log"
        net_bad=1
    fi
}

# net_ping6 NAME ADDR [PING6-OPTIONS]: dom0 pings ADDR until it answers
# (its duplicate address detection first; at most 30 s), then 100 times
# with 56-byte and 100 times with full-MTU (1452-byte) payloads.
net_ping6() {
    _n=$1
    _ad=$2
    shift 2
    _i=0
    while [ "$_i" -lt 30 ] && ! ping6 -c 1 -W 1 "$@" "$_ad" >/dev/null 2>&1; do
        _i=$((_i + 1))
    done
    for _s in 56 1452; do
        _out=$(ping6 -c 100 -i 0.02 -W 2 -w 60 -s "$_s" "$@" "$_ad" 2>&1)
        _loss=$(echo "$_out" | sed -n 's/.* \([0-9]*\)% packet loss.*/\1/p')
        _rtt=$(echo "$_out" | sed -n 's/^round-trip \(.*\)/\1/p')
        echo "ping6 $_ad size $_s: ${_loss:-?}% loss, ${_rtt:-no rtt}" \
            >>"/run/rx-net/$_n.log"
        [ "$_loss" = 0 ] || net_bad=1
    done
}

# net_serve NAME ADDR DOM: the checks of an httpd-*, echo-*, echo2-*,
# echo6-*, echo6auto-* or lighttpd-* guest (domain id DOM).
net_serve() {
    net_bad=0
    case $1 in
    httpd-*)
        net_client "$1" wait "$2" 80 120 || return
        net_client "$1" http "$2" 80 / 3 1 "text:<h1>rumpxen httpd</h1>"
        for size in 0 1 1448 10000 100000 1048576; do
            net_client "$1" http "$2" 80 "/$size" 2 1 pattern
        done
        net_client "$1" http "$2" 80 /10000 1000 1 pattern
        net_client "$1" http "$2" 80 /10000 500 50 pattern
        net_client "$1" post "$2" 80 /sink 4194304
        net_client "$1" http "$2" 80 /4194304 1 1 pattern
        net_client "$1" http "$2" 80 /stats 1 1 "text:errors 0"
        net_client "$1" http "$2" 80 "/exit/$net_bad" 1 1 text:bye
        ;;
    echo-*)
        net_client "$1" wait "$2" 7 120 || return
        net_client "$1" tcpecho "$2" 7 4194304 1
        net_client "$1" tcpecho "$2" 7 262144 20
        net_client "$1" udpecho "$2" 7 300 1000
        net_client "$1" udpecho "$2" 7 50 1472
        net_client "$1" connect "$2" 7 200 4
        # The same over IPv6, to the guest's link-local address (from its
        # MAC, EUI-64) through dom0's bridge.
        mac=$(sed -n "s/.*'mac=\([0-9a-f:]*\),.*/\1/p" "/rx/guests/$1.cfg")
        m5=${mac#*:*:*:*:}
        ll=fe80::216:3eff:fe0b:${m5%:*}${m5#*:}%xenbr0
        net_client "$1" tcpecho "$ll" 7 262144 2
        net_client "$1" udpecho "$ll" 7 50 1000
        net_client "$1" udpsend "$2" 7 "exit $net_bad"
        ;;
    echo2-*)
        # Two vifs: xenif0 on xenbr0, xenif1 on xenbr1 (10.12.x.y), each
        # with an IPv6 address too.
        net_client "$1" wait "$2" 7 120 || return
        a1=$(guest_addr "$1" net.xenif1)
        net_client "$1" wait "$a1" 7 60 || return
        net_nic "$1" "$3" 0 xenbr0 "$2"
        net_nic "$1" "$3" 1 xenbr1 "$a1"
        net_nic "$1" "$3" 1 xenbr1 "$(guest_addr "$1" net6.xenif1)"
        net_nic "$1" "$3" 0 xenbr0 "$(guest_addr "$1" net6.xenif0)"
        net_client "$1" udpsend "$2" 7 "exit $net_bad"
        ;;
    echo6-*)
        # IPv6 beyond link-local: ping6 to the guest's global address and
        # its link-local one, then TCP and UDP echo over the global one.
        net_client "$1" wait "$2" 7 120 || return
        a6=$(guest_addr "$1" net6.xenif0)
        m5=$(guest_mac "$1" 0)
        m5=${m5#*:*:*:*:}
        net_ping6 "$1" "$a6"
        net_ping6 "$1" "fe80::216:3eff:fe0b:${m5%:*}${m5#*:}" -I xenbr0
        net_client "$1" tcpecho "$a6" 7 4194304 1
        net_client "$1" tcpecho "$a6" 7 262144 20
        net_client "$1" udpecho "$a6" 7 300 1000
        net_client "$1" udpecho "$a6" 7 50 1452
        net_client "$1" connect "$a6" 7 200 4
        net_client "$1" udpsend "$2" 7 "exit $net_bad"
        ;;
    echo6auto-*)
        # net6.xenif0=auto: dom0 answers router solicitations with
        # advertisements of fd00:11::/64 (netclient ra, which sends nothing
        # unasked); the guest's address is then its MAC's EUI-64 in that
        # prefix.
        /rx/bin/netclient ra xenbr0 fd00:11:: 120 >"/run/rx-net/$1.ra" 2>&1 &
        ra=$!
        if net_client "$1" wait "$2" 7 120; then
            m5=$(guest_mac "$1" 0)
            m5=${m5#*:*:*:*:}
            a6=fd00:11::216:3eff:fe0b:${m5%:*}${m5#*:}
            net_ping6 "$1" "$a6"
            if [ "$net_bad" = 0 ]; then
                net_client "$1" tcpecho "$a6" 7 262144 2
                net_client "$1" udpecho "$a6" 7 50 1452
            fi
        fi
        kill "$ra" 2>/dev/null
        cat "/run/rx-net/$1.ra" >>"/run/rx-net/$1.log"
        grep -q '^ra: answered' "/run/rx-net/$1.ra" || net_bad=1
        net_client "$1" udpsend "$2" 7 "exit $net_bad"
        ;;
    lighttpd-*)
        # Debian's lighttpd (tests/programs.sh) serving an ext2 image with
        # index.html and the pattern files /N; it can not end itself, so
        # dom0 asks the toolstack to stop it (the guest exits 143).
        if net_client "$1" wait "$2" 80 120; then
            net_client "$1" http "$2" 80 / 3 1 "text:<h1>lighttpd on rumpxen</h1>"
            for size in 0 1 1448 10000 100000 1048576; do
                net_client "$1" http "$2" 80 "/$size" 2 1 pattern
            done
            # Few at once, before many in turn: lighttpd closes first, and
            # NetBSD resets new connections under a pile of the server's
            # TIME_WAIT ones (README: Network interfaces).
            net_client "$1" http "$2" 80 /10000 50 5 pattern
            net_client "$1" http "$2" 80 /10000 100 1 pattern
        fi
        xl shutdown "$1" >/dev/null 2>&1
        ;;
    esac
    echo "verdict: $([ "$net_bad" = 0 ] && echo ok || echo fail)" \
        >>"/run/rx-net/$1.log"
}

# Whether $1 is an address 10.11.X.Y on xenbr0 or 10.12.X.Y on xenbr1
# (X and Y digits).
is_addr() {
    case ${1#10.1[12].} in
    "$1" | *[!0-9.]* | *.*.* | .* | *.) return 1 ;;
    *.*) return 0 ;;
    esac
    return 1
}

# dhcp_addr NAME: the address udhcpd leased to the guest's first vif
# (waits up to 90 s), or nothing.
dhcp_addr() {
    _mac=$(sed -n "s/.*'mac=\([0-9a-f:]*\),.*/\1/p" "/rx/guests/$1.cfg")
    _i=0
    while [ "$_i" -lt 90 ]; do
        _a=$(dumpleases -f /run/udhcpd.leases 2>/dev/null |
            awk -v m="$_mac" 'tolower($1) == m { print $2; exit }')
        [ -z "$_a" ] || break
        _i=$((_i + 1))
        sleep 1
    done
    echo "$_a"
}

mkdir -p /run/rx-net
# A DHCP server on xenbr0 for guests configured with net.xenif0=dhcp
# (leases from 10.11.250.10; static guests never ask).
cat >/run/udhcpd.conf <<EOF_DHCP
interface xenbr0
start 10.11.250.10
end 10.11.250.200
max_leases 190
lease_file /run/udhcpd.leases
auto_time 1
option subnet 255.255.0.0
option lease 3600
EOF_DHCP
: >/run/udhcpd.leases
timeout 1800 udhcpd -f /run/udhcpd.conf >/dev/null 2>&1 &
(
    timeout 1800 xenstore-watch /local/domain | while read -r path; do
        case $path in
        /local/domain/[0-9]*/name)
            name=$(xenstore-read "$path" 2>/dev/null) || continue
            case $name in
            httpd-* | echo-* | echo2-* | echo6-* | echo6auto-* | lighttpd-*) ;;
            *) continue ;;
            esac
            [ ! -e "/run/rx-net/$name.log" ] || continue
            : >"/run/rx-net/$name.log"
            (
                addr=$(sed -n 's/^cmdline = ".*net\.xenif0=\([0-9.]*\)\/.*/\1/p' \
                    "/rx/guests/$name.cfg")
                if grep -q '^cmdline = ".*net\.xenif0=dhcp' "/rx/guests/$name.cfg"; then
                    addr=$(dhcp_addr "$name")
                    echo "dhcp lease ${addr:-none}" >>"/run/rx-net/$name.log"
                fi
                echo "address ${addr:-none}" >>"/run/rx-net/$name.log"
                dom=${path#/local/domain/}
                ! is_addr "$addr" || net_serve "$name" "$addr" "${dom%%/*}"
            ) &
            ;;
        */data/poke-me)
            if [ "$(xenstore-read "$path" 2>/dev/null)" = 1 ]; then
                xenstore-write "${path%/poke-me}/poke" hello-from-dom0
            fi
            ;;
        */data/net-ping)
            ips=$(xenstore-read "$path" 2>/dev/null) || continue
            bad=0
            for ip in $ips; do
                is_addr "$ip" || bad=1
            done
            [ "$bad" = 0 ] || continue
            (
                verdict=ok
                sum=""
                for ip in $ips; do
                    # Until it answers at all (a stack may first probe for
                    # duplicate addresses, seconds long), at most 30 s.
                    i=0
                    while [ "$i" -lt 30 ] && ! ping -c 1 -W 1 "$ip" >/dev/null 2>&1; do
                        i=$((i + 1))
                    done
                    for size in 56 1472; do
                        out=$(ping -c 100 -i 0.02 -W 2 -w 60 -s "$size" "$ip" 2>&1)
                        loss=$(echo "$out" | sed -n 's/.* \([0-9]*\)% packet loss.*/\1/p')
                        rtt=$(echo "$out" | sed -n 's/^round-trip \(.*\)/\1/p')
                        [ "$loss" = 0 ] || verdict=fail
                        sum="$sum; $ip size $size: ${loss:-?}% loss, ${rtt:-no rtt}"
                    done
                done
                xenstore-write "${path%/net-ping}/net-result" "$verdict$sum"
            ) &
            ;;
        */data/net-http)
            ip=$(xenstore-read "$path" 2>/dev/null) || continue
            is_addr "$ip" || continue
            (
                # Not wget -T: busybox 1.35's wget crashes with it.
                d=/run/http.$$
                mkdir -p "$d"
                i=0
                while [ "$i" -lt 400 ]; do
                    printf 'rumpxen httpd line %04d\n' "$i"
                    i=$((i + 1))
                done >"$d/expect"
                read -r t0 _ </proc/uptime
                bad=0
                i=0
                while [ "$i" -lt 100 ]; do
                    if ! timeout 20 wget -q -O "$d/got" "http://$ip/" 2>"$d/err" ||
                        ! cmp -s "$d/expect" "$d/got"; then
                        bad=$((bad + 1))
                    fi
                    rm -f "$d/got"
                    i=$((i + 1))
                done
                read -r t1 _ </proc/uptime
                j=0
                while [ "$j" -lt 50 ]; do
                    (timeout 60 wget -q -O "$d/got$j" "http://$ip/" \
                        2>"$d/err$j" &&
                        cmp -s "$d/expect" "$d/got$j" && : >"$d/ok$j") &
                    j=$((j + 1))
                done
                wait
                read -r t2 _ </proc/uptime
                timeout 120 wget -q -O "$d/big" "http://$ip/big" 2>>"$d/err"
                read -r t3 _ </proc/uptime
                head -c 2097152 /dev/zero >"$d/zero"
                cmp -s "$d/zero" "$d/big" && bigok=1 || bigok=0
                rm -f "$d/big"
                # wget posts a file as a C string: no zero bytes in it.
                tr '\0' a <"$d/zero" >"$d/post"
                read -r t4 _ </proc/uptime
                timeout 120 wget -q -O "$d/sunk" --post-file "$d/post" \
                    "http://$ip/sink" 2>>"$d/err"
                read -r t5 _ </proc/uptime
                [ "$(cat "$d/sunk" 2>/dev/null)" = "got 2097152" ] &&
                    sinkok=1 || sinkok=0
                # For scale: the same fetch over dom0's own loopback.
                busybox httpd -f -p 127.0.0.1:8080 -h "$d" &
                hp=$!
                sleep 0.3
                read -r t6 _ </proc/uptime
                timeout 60 wget -q -O /dev/null "http://127.0.0.1:8080/zero"
                read -r t7 _ </proc/uptime
                kill "$hp"
                good=$(ls "$d" | grep -c '^ok')
                s1=$(awk "BEGIN { print $t1 - $t0 }")
                s2=$(awk "BEGIN { print $t2 - $t1 }")
                rate() {
                    awk "BEGIN { printf \"%.2f s, %.1f MB/s\", $2 - $1, 8.388608 / ($2 - $1 + 0.001) }"
                }
                s3=$(rate "$t2" "$t3")
                s4=$(rate "$t4" "$t5")
                s5=$(rate "$t6" "$t7")
                verdict=ok
                [ "$bad" = 0 ] && [ "$good" = 50 ] && [ "$bigok" = 1 ] &&
                    [ "$sinkok" = 1 ] ||
                    verdict="fail ($(cat "$d"/err* | head -c 200 | tr '\n' ' '))"
                xenstore-write "${path%/net-http}/net-http-result" \
                    "$verdict; 100 fetches one by one: $bad bad in $s1 s; 50 at once: $good good in $s2 s; 2 MiB from guest: ok=$bigok in $s3; 2 MiB to guest: ok=$sinkok in $s4; 2 MiB over dom0 loopback: $s5"
                rm -rf "$d"
            ) &
            ;;
        */data/blk-stall)
            # Unbinds blkback from the guest's vbd: its ring is never served
            # again (tests/guest/blkstall.c).
            dev=$(xenstore-read "$path" 2>/dev/null) || continue
            case $dev in *[!0-9]* | "") continue ;; esac
            dom=${path#/local/domain/}
            dom=${dom%%/*}
            if echo "vbd-$dom-$dev" >/sys/bus/xen-backend/drivers/vbd/unbind; then
                xenstore-write "${path%/blk-stall}/blk-stalled" ok
            else
                xenstore-write "${path%/blk-stall}/blk-stalled" fail
            fi
            ;;
        esac
    done
) >/dev/null 2>&1 &
