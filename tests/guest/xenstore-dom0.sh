# SPDX-License-Identifier: BSD-2-Clause
# Runs in dom0 (busybox sh) before the guests: answers a guest that writes
# data/poke-me by writing "hello-from-dom0" to its data/poke, as the
# xenstore guest test expects; and a guest that writes data/net-ping=IP
# (10.11.0.x, on xenbr0) by waiting until it answers, then pinging it 100
# times with 56-byte and 100 times with full-MTU (1472-byte) payloads,
# then writing data/net-result:
# "ok" or "fail", then both ping summaries (tests/guest/net.c). Stops by
# itself after 30 minutes.
(
    timeout 1800 xenstore-watch /local/domain | while read -r path; do
        case $path in
        */data/poke-me)
            if [ "$(xenstore-read "$path" 2>/dev/null)" = 1 ]; then
                xenstore-write "${path%/poke-me}/poke" hello-from-dom0
            fi
            ;;
        */data/net-ping)
            ip=$(xenstore-read "$path" 2>/dev/null) || continue
            case $ip in
            10.11.0.[0-9] | 10.11.0.[0-9][0-9] | 10.11.0.[0-9][0-9][0-9]) ;;
            *) continue ;;
            esac
            (
                verdict=ok
                sum=""
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
                    sum="$sum; size $size: ${loss:-?}% loss, ${rtt:-no rtt}"
                done
                xenstore-write "${path%/net-ping}/net-result" "$verdict$sum"
            ) &
            ;;
        esac
    done
) >/dev/null 2>&1 &
