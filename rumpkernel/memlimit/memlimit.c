/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel side of the memlimit component. It hands the platform the rump
 * kernel's free page count (uvmexp.free), which the rump kernel sets once
 * and never updates, so that the platform keeps it true: tmpfs sizes a
 * mount without a size limit by it, and with it true such a mount fills to
 * ENOSPC instead of taking memory the kernel can not reclaim. And, since
 * the rump kernel keeps freed pages in its caches and frees them only when
 * its page daemon runs (above 90% of its limit), a thread of ours drains
 * the caches while free pages are short, so space freed on a tmpfs comes
 * back within RECLAIM_MS of the program blocking.
 */
#include <sys/param.h>
#include <sys/kernel.h>
#include <sys/kthread.h>
#include <sys/pool.h>

#include <uvm/uvm_extern.h>

#include <rump-sys/kern.h>

#include <rumpxen/memlimit.h>

#define RECLAIM_MS 100

/* One round over every pool: their caches give their objects back. */
static void
drain_all_pools(void)
{
    struct pool *pp = NULL, *first = NULL;

    for (int i = 0; i < 10000; i++) {
        (void)pool_drain(&pp);
        if (pp == first)
            break;
        if (first == NULL)
            first = pp;
    }
}

static void
memlimit_thread(void *arg)
{
    (void)arg;
    for (;;) {
        kpause("memlimit", false, MAX(1, mstohz(RECLAIM_MS)), NULL);
        if (uvmexp.free < 2 * uvmexp.freetarg)
            drain_all_pools();
    }
}

RUMP_COMPONENT(RUMP_COMPONENT_KERN)
{
    rumpcomp_memlimit_attach(&uvmexp.free);
    if (kthread_create(PRI_NONE, KTHREAD_MPSAFE, NULL, memlimit_thread, NULL,
                       NULL, "memlimit") != 0)
        printf("memlimit: no reclaim thread\n");
}
