# SPDX-License-Identifier: BSD-2-Clause
# Runs in dom0 (busybox sh) before the guests: answers a guest that writes
# data/poke-me by writing "hello-from-dom0" to its data/poke, as the
# xenstore guest test expects. Stops by itself after 10 minutes.
(
    timeout 600 xenstore-watch /local/domain | while read -r path; do
        case $path in
        */data/poke-me)
            if [ "$(xenstore-read "$path" 2>/dev/null)" = 1 ]; then
                xenstore-write "${path%/poke-me}/poke" hello-from-dom0
            fi
            ;;
        esac
    done
) >/dev/null 2>&1 &
