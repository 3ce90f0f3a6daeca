/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of time: 1,000 sleeps each woken no earlier than its deadline
 * (mean lateness reported), a monotonic clock that never goes back, timed
 * waits that time out and that are woken in time, a plausible wall clock,
 * and context switches that do not each read the clock while a thread
 * sleeps (a clock read may exit to Xen).
 */
#include <rumpxen/errno.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>

#include "guest_test.h"

#define SLEEPS 1000
#define YIELDS 1000

static struct waitq wq, parked;

static void
parker(void *arg)
{
    (void)arg;
    (void)waitq_wait(&parked, time_now_ns() + 60 * NSEC_PER_SEC);
}

static void
yielder(void *arg)
{
    (void)arg;
    for (int i = 0; i < YIELDS; i++)
        sched_thread_yield();
}

/* 2 * YIELDS context switches with a sleeper pending: a few clock reads. */
static void
clock_reads_per_switch(void)
{
    struct sched_stats s0, s1;
    struct thread *p, *y;
    uint64_t reads;
    int err;

    p = sched_create("parker", parker, NULL, 0, SCHED_JOINABLE, &err);
    EXPECT(p != NULL);
    sched_thread_yield(); /* the parker starts its timed wait */
    y = sched_create("yielder", yielder, NULL, 0, SCHED_JOINABLE, &err);
    EXPECT(y != NULL);
    sched_get_stats(&s0);
    reads = time_reads();
    for (int i = 0; i < YIELDS; i++)
        sched_thread_yield();
    reads = time_reads() - reads;
    sched_get_stats(&s1);
    console_printf("timer: %lu clock reads in %lu context switches with a "
                   "thread sleeping\n",
                   (unsigned long)reads,
                   (unsigned long)(s1.switches - s0.switches));
    EXPECT(s1.switches - s0.switches >= 2 * YIELDS);
    EXPECT(reads <= 4);
    waitq_wake_one(&parked);
    EXPECT(y && sched_join(y) == 0);
    EXPECT(p && sched_join(p) == 0);
}

static void
waker(void *arg)
{
    (void)arg;
    sched_sleep_until(time_now_ns() + 2 * NSEC_PER_MSEC);
    waitq_wake_one(&wq);
}

int
main(void)
{
    uint64_t late_sum = 0, late_max = 0, prev, now;
    int early = 0, backwards = 0, err;
    struct thread *t;

    for (int i = 0; i < SLEEPS; i++) {
        uint64_t deadline = time_now_ns() + (100 + (i * 37) % 900) * 1000;

        sched_sleep_until(deadline);
        now = time_now_ns();
        if (now < deadline)
            early++;
        else {
            late_sum += now - deadline;
            if (now - deadline > late_max)
                late_max = now - deadline;
        }
    }
    EXPECT(early == 0);
    console_printf("timer: %d sleeps, mean lateness %lu us, max %lu us\n",
                   SLEEPS, (unsigned long)(late_sum / SLEEPS / 1000),
                   (unsigned long)(late_max / 1000));

    prev = time_now_ns();
    for (int i = 0; i < 20000; i++) {
        now = time_now_ns();
        backwards += now < prev;
        prev = now;
    }
    EXPECT(backwards == 0);

    now = time_now_ns();
    EXPECT(waitq_wait(&wq, now + 3 * NSEC_PER_MSEC) == -RX_ETIMEDOUT);
    EXPECT(time_now_ns() >= now + 3 * NSEC_PER_MSEC);
    t = sched_create("waker", waker, NULL, 0, SCHED_JOINABLE, &err);
    EXPECT(t != NULL);
    EXPECT(waitq_wait(&wq, time_now_ns() + 5 * NSEC_PER_SEC) == 0);
    EXPECT(t && sched_join(t) == 0);

    clock_reads_per_switch();

    /* 2020-01-01 < wall clock < 2100-01-01 */
    EXPECT(time_wall_ns() / NSEC_PER_SEC > 1577836800ULL);
    EXPECT(time_wall_ns() / NSEC_PER_SEC < 4102444800ULL);
    return test_done("timer");
}
