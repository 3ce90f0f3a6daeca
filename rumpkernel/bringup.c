/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Brings the rump kernel up before main(): the boot stage
 * BOOT_STAGE_RUMPKERNEL, run by the platform after its own services and
 * before the application. A rump kernel that does not come up is fatal.
 * And takes it down at the end (EXIT_STAGE_RUMPKERNEL), so that what a
 * program wrote to a file system reaches the disk without its syncing.
 */
#include <rumpxen/platform.h>
#include <rumpxen/rump_host.h>
#include <rumpxen/rumpkernel.h>
#include <rumpxen/time.h>

#include <rump/rump.h>
#include <rump/rump_syscalls.h>

static uint64_t init_ns;
static int up;

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
    up = rc == 0;
    return -rc;
}
BOOT_STAGE(BOOT_STAGE_RUMPKERNEL, "rump kernel", rumpkernel_bringup);

/*
 * The guest ends (main returned, exit(), the toolstack stopped it): the
 * rump kernel syncs its file systems, waiting for their writes, and
 * unmounts them (reboot(2): NetBSD's vfs_shutdown). That ends in the rump
 * kernel's own exit, rumpuser_exit(), which halts the platform keeping
 * the guest's exit status; it returns only if the kernel refused.
 */
static void
rumpkernel_shutdown(int status)
{
    (void)status;
    if (up)
        (void)rump_sys_reboot(0, NULL);
}
EXIT_STAGE(EXIT_STAGE_RUMPKERNEL, "rump kernel", rumpkernel_shutdown);

uint64_t
rumpkernel_init_ns(void)
{
    return init_ns;
}
