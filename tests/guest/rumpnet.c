/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of the rump kernel's network interface (our xenif component
 * over netfront), booted with one vif on dom0's bridge: creates xenif0,
 * gives it 10.11.0.(N+1)/24 (N the last byte of its MAC) through the
 * rump kernel's net_config component, asks dom0 to ping it (100 small and
 * 100 full-MTU pings, tests/guest/xenstore-dom0.sh) and waits for dom0's
 * verdict; NetBSD's own ARP and ICMP answer. Needs the "net" set.
 */
#include <rumpxen/console.h>
#include <rumpxen/lib.h>
#include <rumpxen/rump_host.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>
#include <rumpxen/xs.h>

#include <rump/netconfig.h>
#include <rump/rump.h>

#include "guest_test.h"

#define RESULT_TIMEOUT_NS (150 * NSEC_PER_SEC)

/* The value of two hex digits, or -1. */
static long
hex_byte(const char *s)
{
    long v = 0;

    for (int i = 0; i < 2; i++) {
        char c = s[i];

        if (c >= '0' && c <= '9')
            v = v * 16 + (c - '0');
        else if (c >= 'a' && c <= 'f')
            v = v * 16 + (c - 'a' + 10);
        else
            return -1;
    }
    return v;
}

/* Waits for dom0's verdict in data/net-result. */
static int
wait_result(char *buf, size_t size)
{
    uint64_t deadline = time_now_ns() + RESULT_TIMEOUT_NS;

    while (time_now_ns() < deadline) {
        if (xs_read(XS_TX_NONE, "data/net-result", buf, size) >= 0)
            return 0;
        sched_sleep_until(time_now_ns() + 200 * NSEC_PER_MSEC);
    }
    return -1;
}

int
main(void)
{
    char mac[24], ip[20], result[256];
    long last;
    int rc;

    EXPECT(xs_read(XS_TX_NONE, "device/vif/0/mac", mac, sizeof(mac)) == 17);
    last = hex_byte(mac + 15);
    EXPECT(last >= 1 && last <= 200);
    fmt_snprintf(ip, sizeof(ip), "10.11.0.%ld", last + 1);

    rc = rump_pub_netconfig_ifcreate("xenif0");
    EXPECT(rc == 0);
    if (rc != 0) {
        console_printf("rumpnet: ifcreate xenif0: error %d\n", rc);
        return test_done("rumpnet");
    }
    EXPECT(rump_pub_netconfig_ifcreate("xenif7") != 0);
    EXPECT(rump_pub_netconfig_ifup("xenif0") == 0);
    rc = rump_pub_netconfig_ipv4_ifaddr("xenif0", ip, "255.255.255.0");
    EXPECT(rc == 0);
    console_printf("rumpnet: xenif0 is %s (mac %s); asking dom0 to ping\n", ip,
                   mac);
    EXPECT(xs_write(XS_TX_NONE, "data/net-ping", ip) == 0);
    EXPECT(wait_result(result, sizeof(result)) == 0);
    console_printf("rumpnet: dom0 says: %s\n", result);
    EXPECT(strncmp(result, "ok;", 3) == 0);
    return test_done("rumpnet");
}
