/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private to hypercall/: the upcalls the rump kernel gave rumpuser_init(),
 * and the rule of rumpuser(3) that a hypercall which may block releases
 * the rump kernel's virtual CPU around the wait (the _nowrap variants
 * excepted): hyp_unsched() before blocking, hyp_sched() after.
 */
#ifndef HYPERCALL_HYP_H
#define HYPERCALL_HYP_H

#include <stdint.h>

#include <rumpxen/time.h>

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

/*
 * The latest deadline we hand down: Xen reads deadlines as signed 64-bit
 * nanoseconds (s_time_t), so anything above is "in the past" to it. About
 * 292 years after boot: never, in practice.
 */
#define HYP_DEADLINE_MAX ((uint64_t)INT64_MAX)

/*
 * base + sec seconds + nsec nanoseconds (sec, nsec >= 0), saturated at
 * HYP_DEADLINE_MAX: a huge timeout must not wrap to 0 ("no deadline" to
 * waitq_wait) or into the past.
 */
static inline uint64_t
hyp_deadline(uint64_t base, int64_t sec, int64_t nsec)
{
    const uint64_t max = HYP_DEADLINE_MAX;
    uint64_t ns;

    if ((uint64_t)sec > max / NSEC_PER_SEC)
        return max;
    ns = (uint64_t)sec * NSEC_PER_SEC;
    if ((uint64_t)nsec > max - ns)
        return max;
    ns += (uint64_t)nsec;
    if (base > max || ns > max - base)
        return max;
    return base + ns;
}

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
