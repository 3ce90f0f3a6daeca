/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private to hypercall/: the upcalls the rump kernel gave rumpuser_init(),
 * and the rule of rumpuser(3) that a hypercall which may block releases
 * the rump kernel's virtual CPU around the wait (the _nowrap variants
 * excepted): hyp_unsched() before blocking, hyp_sched() after.
 */
#ifndef HYPERCALL_HYP_H
#define HYPERCALL_HYP_H

#include "rumpuser_if.h"

extern const struct rumpuser_hyperup *rumpuser_hyp;

/* Releases the rump CPU; interlock is the mutex held across, if any. */
static inline void
hyp_unsched(int *nlocks, void *interlock)
{
    rumpuser_hyp->hyp_backend_unschedule(0, nlocks, interlock);
}

/* Takes a rump CPU back after hyp_unsched(). */
static inline void
hyp_sched(int nlocks, void *interlock)
{
    rumpuser_hyp->hyp_backend_schedule(nlocks, interlock);
}

/* Runs a blocking statement with the rump CPU released. */
#define HYP_BLOCKING(stmt)                                                     \
    do {                                                                       \
        int hyp_nlocks_;                                                       \
        hyp_unsched(&hyp_nlocks_, NULL);                                       \
        stmt;                                                                  \
        hyp_sched(hyp_nlocks_, NULL);                                          \
    } while (0)

/* Converts a negative platform RX_ errno into rumpuser's positive one. */
static inline int
hyp_err(int rc)
{
    return rc < 0 ? -rc : 0;
}

/*
 * RUMP_MEMLIMIT's default as a decimal string into buf (mem.c): 0, or
 * RX_ENOENT with no limit set, RX_E2BIG if buf is too small.
 */
int hyp_mem_limit_param(void *buf, size_t buflen);

/*
 * Sees each rumpuser_dprintf format (mem.c): ends the guest with
 * HYPERCALL_EXIT_NOMEM when the rump kernel's page daemon keeps failing
 * to reclaim memory while nothing is freed (a wait that never ends).
 */
void hyp_mem_watch_message(const char *fmt);

#endif
