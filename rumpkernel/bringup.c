/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Brings the rump kernel up before main(): the boot stage
 * BOOT_STAGE_RUMPKERNEL, run by the platform after its own services and
 * before the application. A rump kernel that does not come up is fatal.
 */
#include <rumpxen/platform.h>
#include <rumpxen/rump_host.h>
#include <rumpxen/rumpkernel.h>
#include <rumpxen/time.h>

#include <rump/rump.h>

static uint64_t init_ns;

/* rump_init() returns a positive NetBSD errno; stages return negative. */
static int
rumpkernel_bringup(void)
{
    uint64_t t0;
    int rc;

    rumpkernel_memlimit_setup();
    t0 = time_now_ns();
    rc = rump_init();

    init_ns = time_now_ns() - t0;
    return -rc;
}
BOOT_STAGE(BOOT_STAGE_RUMPKERNEL, "rump kernel", rumpkernel_bringup);

uint64_t
rumpkernel_init_ns(void)
{
    return init_ns;
}
