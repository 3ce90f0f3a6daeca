/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of the scheduler: 10,000 ping-pong switches through wait
 * queues, join, per-thread TLS (initialised .tdata, zeroed .tbss, values
 * kept across switches), yields and detached threads being reaped.
 */
#include <rumpxen/lib.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>

#include "guest_test.h"

#define ROUNDS 5000 /* two switches per round */
#define WORKERS 8

static __thread int tls_value = 7;
static __thread char tls_zero[64];

static struct waitq ping_wq, pong_wq;
static int turn; /* 0: ping's turn, 1: pong's */
static int pongs;

static void
pong(void *arg)
{
    (void)arg;
    for (int i = 0; i < ROUNDS; i++) {
        while (turn != 1)
            (void)waitq_wait(&pong_wq, 0);
        pongs++;
        turn = 0;
        waitq_wake_one(&ping_wq);
    }
}

static int tls_ok[WORKERS];
static int results[WORKERS];

static void
worker(void *arg)
{
    int id = (int)(uintptr_t)arg;
    int ok = tls_value == 7;

    for (size_t i = 0; i < sizeof(tls_zero); i++)
        ok &= tls_zero[i] == 0;
    tls_value = 100 + id;
    memset(tls_zero, id, sizeof(tls_zero));
    for (int i = 0; i < 50; i++) {
        sched_thread_yield();
        ok &= tls_value == 100 + id && tls_zero[63] == id;
    }
    tls_ok[id] = ok;
    results[id] = id * id;
}

static int detached_ran;

static void
detached(void *arg)
{
    (void)arg;
    detached_ran++;
}

int
main(void)
{
    struct thread *t, *workers[WORKERS];
    struct sched_stats s0, s1;
    uint64_t t0, t1;
    int err = 0;

    /* Ping-pong. */
    t = sched_create("pong", pong, NULL, 0, SCHED_JOINABLE, &err);
    EXPECT(t != NULL);
    sched_get_stats(&s0);
    t0 = time_now_ns();
    for (int i = 0; t && i < ROUNDS; i++) {
        turn = 1;
        waitq_wake_one(&pong_wq);
        while (turn != 0)
            (void)waitq_wait(&ping_wq, 0);
    }
    t1 = time_now_ns();
    sched_get_stats(&s1);
    EXPECT(t && sched_join(t) == 0);
    EXPECT(pongs == ROUNDS);
    EXPECT(s1.switches - s0.switches >= 2 * ROUNDS);
    console_printf("threads: %lu switches in %lu us, %lu ns per switch\n",
                   (unsigned long)(s1.switches - s0.switches),
                   (unsigned long)((t1 - t0) / 1000),
                   (unsigned long)((t1 - t0) / (s1.switches - s0.switches)));

    /* Join and TLS. */
    tls_value = 1;
    for (int i = 0; i < WORKERS; i++) {
        workers[i] = sched_create("worker", worker, (void *)(uintptr_t)i, 0,
                                  SCHED_JOINABLE, &err);
        EXPECT(workers[i] != NULL);
    }
    for (int i = 0; i < WORKERS; i++) {
        EXPECT(workers[i] && sched_join(workers[i]) == 0);
        EXPECT(tls_ok[i]);
        EXPECT(results[i] == i * i);
    }
    EXPECT(tls_value == 1); /* main's own copy untouched */
    EXPECT(sched_join(sched_current()) < 0);

    /* Detached threads run and are reaped. */
    for (int i = 0; i < 100; i++) {
        EXPECT(sched_create("detached", detached, NULL, 0, 0, &err) != NULL);
        sched_thread_yield();
    }
    sched_thread_yield();
    EXPECT(detached_ran == 100);
    EXPECT(sched_create("bad", NULL, NULL, 0, 0, &err) == NULL &&
           err < 0);
    return test_done("threads");
}
