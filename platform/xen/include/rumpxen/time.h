/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Time from the Xen PV clock: a monotonic clock (Xen system time, ns since
 * the domain started) and the wall clock.
 */
#ifndef RUMPXEN_TIME_H
#define RUMPXEN_TIME_H

#include <stdint.h>

#define NSEC_PER_SEC 1000000000ULL
#define NSEC_PER_MSEC 1000000ULL
#define NSEC_PER_USEC 1000ULL

/* Monotonic nanoseconds; never goes back. Any context, never blocks. */
uint64_t time_now_ns(void);

/* Nanoseconds since 1970-01-01 UTC as Xen reports it. Any context. */
uint64_t time_wall_ns(void);

/*
 * How many times the clock was read (time_now_ns, also through
 * time_wall_ns): each read may exit to Xen (emulated TSC), so tests and
 * benchmarks count them on hot paths.
 */
uint64_t time_reads(void);

#endif
