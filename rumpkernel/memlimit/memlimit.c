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
 * back within RECLAIM_MS of the program blocking. And it caps the memory
 * socket buffers may reserve.
 */
#include <sys/param.h>
#include <sys/kernel.h>
#include <sys/kthread.h>
#include <sys/pool.h>
#include <sys/proc.h>
#include <sys/resource.h>
#include <sys/resourcevar.h>

#include <uvm/uvm_extern.h>

#include <rump-sys/kern.h>

#include <rumpxen/memlimit.h>

#define RECLAIM_MS 100

/* subr_pool.c: seconds an empty pool page is kept before a drain frees it. */
extern int pool_inactive_time;

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

/*
 * Socket buffers: every process shares proc0's limits, whose
 * RLIMIT_SBSIZE (the sum of all socket buffer sizes) NetBSD leaves
 * unlimited. Full buffers of many sockets would then take all memory, and
 * a writer waits for more forever. Capped at SBSIZE_SHARE of the limit
 * (mbufs can take twice the buffer size), a socket or a buffer size over
 * it is refused with ENOBUFS instead.
 */
#define SBSIZE_SHARE 3 /* 1 / SBSIZE_SHARE of the memory limit */

static void
limit_socket_buffers(unsigned long long memlimit)
{
    struct rlimit *rl = &proc0.p_limit->pl_rlimit[RLIMIT_SBSIZE];

    if (memlimit == 0)
        return;
    rl->rlim_cur = rl->rlim_max = (rlim_t)(memlimit / SBSIZE_SHARE);
}

RUMP_COMPONENT(RUMP_COMPONENT_KERN)
{
    limit_socket_buffers(rumpcomp_memlimit_attach(&uvmexp.free));
    /*
     * A drain happens only when memory is short; then empty pool pages
     * go back at once, not after 10 s (closed sockets' memory would come
     * back only then).
     */
    pool_inactive_time = 0;
    if (kthread_create(PRI_NONE, KTHREAD_MPSAFE, NULL, memlimit_thread, NULL,
                       NULL, "memlimit") != 0)
        printf("memlimit: no reclaim thread\n");
}
