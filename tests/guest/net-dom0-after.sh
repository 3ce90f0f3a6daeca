# SPDX-License-Identifier: BSD-2-Clause
# Runs in dom0 (busybox sh) after the last guest: prints what netclient
# said about each httpd-* and echo-* guest (tests/guest/xenstore-dom0.sh),
# every line as "NAME: LINE", for tests/run.sh to check in dom0.log.
for f in /run/rx-net/*.log; do
    [ -f "$f" ] || continue
    n=${f##*/}
    sed "s/^/${n%.log}: /" "$f"
done
