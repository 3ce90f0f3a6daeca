/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The Xen PV clock: vcpu_time_info scaled from the TSC, and the wall clock
 * in shared_info. Timers and sleeping live in sched.c, not here.
 */
#include <rumpxen/time.h>

#include "platform_priv.h"

static uint64_t last_ns, reads;

static inline uint64_t
rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* (delta << shift) * mul / 2^32, the scaling vcpu_time_info describes. */
static uint64_t
scale_delta(uint64_t delta, uint32_t mul, int8_t shift)
{
    if (shift < 0)
        delta >>= -shift;
    else
        delta <<= shift;
    return (uint64_t)(((unsigned __int128)delta * mul) >> 32);
}

uint64_t
time_now_ns(void)
{
    volatile struct vcpu_time_info *t =
        &boot_state.shared_info->vcpu_info[0].time;
    uint32_t version;
    uint64_t ns;

    /*
     * xen.h's rule for vcpu_time_info: an odd version means an update is in
     * progress; re-read if the version changed while we read the fields.
     */
    do {
        version = t->version;
        __asm__ volatile("lfence" ::: "memory");
        ns = t->system_time +
             scale_delta(rdtsc() - t->tsc_timestamp, t->tsc_to_system_mul,
                         t->tsc_shift);
        __asm__ volatile("lfence" ::: "memory");
    } while ((version & 1) || version != t->version);

    /* One vCPU, cooperative: a plain max keeps the clock monotonic. */
    reads++;
    if (ns < last_ns)
        ns = last_ns;
    last_ns = ns;
    return ns;
}

uint64_t
time_reads(void)
{
    return reads;
}

uint64_t
time_wall_ns(void)
{
    volatile struct shared_info *s = boot_state.shared_info;
    uint32_t version;
    uint64_t sec, nsec;

    /* Same odd/changed version rule as above, for wc_version. */
    do {
        version = s->wc_version;
        __asm__ volatile("lfence" ::: "memory");
        sec = ((uint64_t)s->wc_sec_hi << 32) | s->wc_sec;
        nsec = s->wc_nsec;
        __asm__ volatile("lfence" ::: "memory");
    } while ((version & 1) || version != s->wc_version);
    return sec * NSEC_PER_SEC + nsec + time_now_ns();
}
