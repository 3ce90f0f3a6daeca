/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Brings the rump kernel up before main(): a constructor, run by the
 * platform after its own services and before the application. A rump
 * kernel that does not come up is fatal.
 */
#include <rumpxen/platform.h>
#include <rumpxen/rump_host.h>
#include <rumpxen/rumpkernel.h>
#include <rumpxen/time.h>

#include <rump/rump.h>

static uint64_t init_ns;

static void __attribute__((constructor))
rumpkernel_bringup(void)
{
    uint64_t t0;
    int rc;

    rumpkernel_memlimit_setup();
    t0 = time_now_ns();
    rc = rump_init();

    if (rc != 0)
        panic("rump_init() failed with error %d", rc);
    init_ns = time_now_ns() - t0;
}

uint64_t
rumpkernel_init_ns(void)
{
    return init_ns;
}
