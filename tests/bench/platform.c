/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest benchmark of the platform services: context switch, clock read,
 * xenstore round trip, timer lateness, grant cycle, allocator. Prints one
 * "bench: NAME VALUE UNIT" line per result for scripts/bench.sh.
 */
#include <rumpxen/console.h>
#include <rumpxen/gnttab.h>
#include <rumpxen/mm.h>
#include <rumpxen/platform.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>
#include <rumpxen/xs.h>

#define SWITCH_ROUNDS 10000
#define XS_ROUNDS 200
#define SLEEPS 300

static struct waitq ping_wq, pong_wq;
static int turn;

static void
pong(void *arg)
{
    (void)arg;
    for (int i = 0; i < SWITCH_ROUNDS; i++) {
        while (turn != 1)
            (void)waitq_wait(&pong_wq, 0);
        turn = 0;
        waitq_wake_one(&ping_wq);
    }
}

static void
report(const char *name, uint64_t value, const char *unit)
{
    console_printf("bench: %s %lu %s\n", name, (unsigned long)value, unit);
}

static void
bench_switch(void)
{
    struct sched_stats s0, s1;
    struct thread *t;
    uint64_t t0;
    int err;

    t = sched_create("pong", pong, NULL, 0, SCHED_JOINABLE, &err);
    if (t == NULL)
        return;
    sched_get_stats(&s0);
    t0 = time_now_ns();
    for (int i = 0; i < SWITCH_ROUNDS; i++) {
        turn = 1;
        waitq_wake_one(&pong_wq);
        while (turn != 0)
            (void)waitq_wait(&ping_wq, 0);
    }
    sched_get_stats(&s1);
    report("context_switch",
           (time_now_ns() - t0) / (s1.switches - s0.switches), "ns");
    (void)sched_join(t);
}

static void
bench_clock(void)
{
    uint64_t t0 = time_now_ns(), x = 0;

    for (int i = 0; i < 10000; i++)
        x += time_now_ns();
    report("clock_read", (time_now_ns() - t0) / 10000, "ns");
    (void)x;
}

static void
bench_xenstore(void)
{
    char buf[32];
    uint64_t t0 = time_now_ns();

    for (int i = 0; i < XS_ROUNDS; i++)
        (void)xs_read(XS_TX_NONE, "domid", buf, sizeof(buf));
    report("xenstore_read_rtt", (time_now_ns() - t0) / XS_ROUNDS / 1000,
           "us");
}

static void
bench_timer(void)
{
    uint64_t sum = 0, max = 0;

    for (int i = 0; i < SLEEPS; i++) {
        uint64_t deadline = time_now_ns() + NSEC_PER_MSEC;
        uint64_t late;

        sched_sleep_until(deadline);
        late = time_now_ns() - deadline;
        sum += late;
        if (late > max)
            max = late;
    }
    report("timer_lateness_mean", sum / SLEEPS / 1000, "us");
    report("timer_lateness_max", max / 1000, "us");
}

static void
bench_grant(void)
{
    static char page[4096] __attribute__((aligned(4096)));
    uint64_t frame = mm_virt_to_frame(page), t0 = time_now_ns();
    grant_ref_t ref;

    for (int i = 0; i < 10000; i++)
        if (gnttab_grant_access(0, frame, 1, &ref) == 0)
            (void)gnttab_end_access(ref);
    report("grant_end_cycle", (time_now_ns() - t0) / 10000, "ns");
}

static void
bench_malloc(void)
{
    static void *p[256];
    uint64_t t0 = time_now_ns();

    for (int r = 0; r < 40; r++) {
        for (int i = 0; i < 256; i++)
            p[i] = mm_malloc(16 + (size_t)(i * 37 % 2000), 0);
        for (int i = 0; i < 256; i++)
            mm_free(p[i]);
    }
    report("malloc_free_pair", (time_now_ns() - t0) / (40 * 256), "ns");
}

int
main(int argc, char **argv)
{
    (void)argc;
    (void)argv;
    bench_switch();
    bench_clock();
    bench_xenstore();
    bench_timer();
    bench_grant();
    bench_malloc();
    console_printf("bench: done (%s)\n", boot_type_name());
    return 0;
}
