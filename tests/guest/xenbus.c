/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of the xenbus helper, booted with one vif: finds the device
 * and its backend in dom0, waits for the backend to reach InitWait, reads
 * a feature, switches our state; a missing device is a clean error.
 */
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/time.h>
#include <rumpxen/xenbus.h>
#include <rumpxen/xs.h>

#include "guest_test.h"

int
main(void)
{
    struct xenbus_dev dev;
    enum xenbus_state s = XENBUS_UNKNOWN;
    char buf[64];
    long v;

    EXPECT(xs_directory(XS_TX_NONE, "device/vif", buf, sizeof(buf)) == 1);
    EXPECT(strcmp(buf, "0") == 0);
    EXPECT(xenbus_dev_init(&dev, "device/vif/0") == 0);
    EXPECT(dev.backend_id == 0);
    EXPECT(strncmp(dev.backend, "/local/domain/0/backend/vif/", 28) == 0);
    EXPECT(xenbus_wait_backend_state(&dev, XENBUS_INITWAIT,
                                     time_now_ns() + 10 * NSEC_PER_SEC) == 0);
    EXPECT(xenbus_backend_state(&dev, &s) == 0 && s == XENBUS_INITWAIT);
    EXPECT(xenbus_read_feature(&dev, "feature-rx-copy") == 1);
    EXPECT(xenbus_read_feature(&dev, "feature-no-such-thing") == 0);
    EXPECT(xenbus_read_long(dev.nodename, "handle", 0, 100, &v) == 0 && v == 0);
    EXPECT(xenbus_switch_state(&dev, XENBUS_INITIALISING) == 0);
    EXPECT(xenbus_read_long(dev.nodename, "state", 0, 8, &v) == 0 && v == 1);
    EXPECT(xenbus_wait_backend_state(&dev, XENBUS_CONNECTED,
                                     time_now_ns() + 50 * NSEC_PER_MSEC) ==
           -RX_ETIMEDOUT);
    EXPECT(xenbus_dev_init(&dev, "device/vif/9") == -RX_ENOENT);
    EXPECT(xenbus_read_long("device/vif/0", "mac", 0, 1, &v) == -RX_EPROTO);
    return test_done("xenbus");
}
