/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Time calls over the platform clock: wall time (CLOCK_REALTIME,
 * gettimeofday, time), the monotonic clock, sleeping (nanosleep, sleep,
 * usleep: the calling platform thread blocks, others run) and process
 * times (all time counts as user time of the one process).
 */
#include <errno.h>
#include <sys/time.h>
#include <sys/times.h>
#include <time.h>
#include <unistd.h>

#include <rumpxen/sched.h>
#include <rumpxen/time.h>

#include "glue.h"

static void
ns_to_timespec(uint64_t ns, struct timespec *ts)
{
    ts->tv_sec = (time_t)(ns / NSEC_PER_SEC);
    ts->tv_nsec = (long)(ns % NSEC_PER_SEC);
}

int
clock_gettime(clockid_t clock, struct timespec *ts)
{
    switch (clock) {
    case CLOCK_REALTIME:
        ns_to_timespec(time_wall_ns(), ts);
        return 0;
    case CLOCK_MONOTONIC:
    case CLOCK_PROCESS_CPUTIME_ID:
    case CLOCK_THREAD_CPUTIME_ID:
        ns_to_timespec(time_now_ns(), ts);
        return 0;
    default:
        return glue_fail(EINVAL);
    }
}

int
clock_getres(clockid_t clock, struct timespec *ts)
{
    if (clock != CLOCK_REALTIME && clock != CLOCK_MONOTONIC &&
        clock != CLOCK_PROCESS_CPUTIME_ID && clock != CLOCK_THREAD_CPUTIME_ID)
        return glue_fail(EINVAL);
    if (ts != NULL) {
        ts->tv_sec = 0;
        ts->tv_nsec = 1;
    }
    return 0;
}

int
gettimeofday(struct timeval *tv, void *tz)
{
    uint64_t ns = time_wall_ns();

    (void)tz;
    if (tv != NULL) {
        tv->tv_sec = (time_t)(ns / NSEC_PER_SEC);
        tv->tv_usec = (suseconds_t)(ns % NSEC_PER_SEC / NSEC_PER_USEC);
    }
    return 0;
}

clock_t
times(struct tms *t)
{
    clock_t ticks = (clock_t)(time_now_ns() / (NSEC_PER_SEC / CLK_TCK));

    t->tms_utime = ticks;
    t->tms_stime = 0;
    t->tms_cutime = 0;
    t->tms_cstime = 0;
    return ticks;
}

/* Blocks the calling thread for the whole request; never interrupted. */
int
nanosleep(const struct timespec *req, struct timespec *rem)
{
    uint64_t ns;

    if (req->tv_sec < 0 || req->tv_nsec < 0 || req->tv_nsec >= 1000000000L)
        return glue_fail(EINVAL);
    if ((uint64_t)req->tv_sec > (UINT64_MAX - NSEC_PER_SEC) / NSEC_PER_SEC)
        ns = UINT64_MAX / 2;
    else
        ns = (uint64_t)req->tv_sec * NSEC_PER_SEC + (uint64_t)req->tv_nsec;
    sched_sleep_until(time_now_ns() + ns);
    if (rem != NULL) {
        rem->tv_sec = 0;
        rem->tv_nsec = 0;
    }
    return 0;
}

unsigned int
sleep(unsigned int secs)
{
    struct timespec ts = {.tv_sec = secs, .tv_nsec = 0};

    nanosleep(&ts, NULL);
    return 0;
}

int
usleep(useconds_t usecs)
{
    struct timespec ts = {.tv_sec = usecs / 1000000,
                          .tv_nsec = (long)(usecs % 1000000) * 1000};

    return nanosleep(&ts, NULL);
}
