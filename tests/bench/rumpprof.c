/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Where a rump system call spends its time in rumpxen (make bench only):
 * the image is linked with --wrap for the hypercalls of the system call
 * path, so each call from the rump kernel into hypercall/ is counted. For
 * the getpid round trip, from a thread without an lwp of its own (the
 * kernel makes a temporary one per call) and from a bound one, it prints the
 * hypercalls and context switches per call and the nanoseconds of each step:
 * the whole call, a bare rump_schedule/rump_unschedule pair, rumpuser_curlwp,
 * an uncontended mutex enter+exit, a clock read, rdtsc, memset and memcpy
 * and an empty loop.
 * Steps are timed over batches, as the clock itself may be slow (PVH under
 * emulation). When rdtsc is cheap (not emulated: xl's tsc_mode=native), a
 * second pass reads the TSC around every hypercall and prints the cycles
 * spent per call inside hypercalls against the whole call.
 */
#include <rumpxen/console.h>
#include <rumpxen/lib.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>
#include <rumpxen/rump_host.h>

#include <rump/rump.h>
#include <rump/rump_syscalls.h>

#define CALLS 20000
#define CYCLE_CALLS 2000
/* Above this, rdtsc exits to Xen: the per-hypercall cycle pass is skipped. */
#define RDTSC_CHEAP_NS 500

struct lwp;
struct rumpuser_mtx;

enum {
    H_CURLWP,
    H_CURLWPOP,
    H_MTX_ENTER,
    H_MTX_NOWRAP,
    H_MTX_TRY,
    H_MTX_EXIT,
    H_MTX_OWNER,
    H_RW_ENTER,
    H_RW_TRY,
    H_RW_EXIT,
    H_RW_HELD,
    H_CV_WAIT,
    H_CV_NOWRAP,
    H_CV_TIMED,
    H_CV_SIGNAL,
    H_CV_BCAST,
    H_CV_WAITERS,
    H_CLOCK,
    H_MALLOC,
    H_FREE,
    H_ERRNO,
    H_N
};

static const char *const names[H_N] = {
    "curlwp",         "curlwpop",      "mutex_enter", "mutex_enter_nowrap",
    "mutex_tryenter", "mutex_exit",    "mutex_owner", "rw_enter",
    "rw_tryenter",    "rw_exit",       "rw_held",     "cv_wait",
    "cv_wait_nowrap", "cv_timedwait",  "cv_signal",   "cv_broadcast",
    "cv_has_waiters", "clock_gettime", "malloc",      "free",
    "seterrno",
};

static uint64_t counts[H_N];
static uint64_t cycles[H_N];
static int timing; /* the cycle pass: read the TSC around each hypercall */
static int depth;  /* hypercalls in progress (a hypercall may call one) */

static inline uint64_t
rdtsc(void)
{
    uint32_t lo, hi;

    __asm__ volatile("rdtsc" : "=a"(lo), "=d"(hi));
    return ((uint64_t)hi << 32) | lo;
}

/* Outermost hypercalls only: a nested one's cycles are its caller's. */
static inline uint64_t
hyp_begin(void)
{
    return timing && depth++ == 0 ? rdtsc() : 0;
}

static inline void
hyp_end(int idx, uint64_t t0)
{
    if (timing && --depth == 0)
        cycles[idx] += rdtsc() - t0;
}

/*
 * Wraps: count, then the real hypercall. A blocking hypercall's cycles
 * include the other threads that ran meanwhile (none on the getpid path).
 */
#define WRAP_V(idx, name, params, args)                                        \
    void __real_##name params;                                                 \
    void __wrap_##name params;                                                 \
    void __wrap_##name params                                                  \
    {                                                                          \
        uint64_t t0 = hyp_begin();                                             \
        counts[idx]++;                                                         \
        __real_##name args;                                                    \
        hyp_end(idx, t0);                                                      \
    }
#define WRAP_R(idx, type, name, params, args)                                  \
    type __real_##name params;                                                 \
    type __wrap_##name params;                                                 \
    type __wrap_##name params                                                  \
    {                                                                          \
        uint64_t t0 = hyp_begin();                                             \
        type r;                                                                \
        counts[idx]++;                                                         \
        r = __real_##name args;                                                \
        hyp_end(idx, t0);                                                      \
        return r;                                                              \
    }

WRAP_R(H_CURLWP, struct lwp *, rumpuser_curlwp, (void), ())
WRAP_V(H_CURLWPOP, rumpuser_curlwpop, (int op, struct lwp *l), (op, l))
WRAP_V(H_MTX_ENTER, rumpuser_mutex_enter, (void *m), (m))
WRAP_V(H_MTX_NOWRAP, rumpuser_mutex_enter_nowrap, (void *m), (m))
WRAP_R(H_MTX_TRY, int, rumpuser_mutex_tryenter, (void *m), (m))
WRAP_V(H_MTX_EXIT, rumpuser_mutex_exit, (void *m), (m))
WRAP_V(H_MTX_OWNER, rumpuser_mutex_owner, (void *m, void *lp), (m, lp))
WRAP_V(H_RW_ENTER, rumpuser_rw_enter, (int op, void *rw), (op, rw))
WRAP_R(H_RW_TRY, int, rumpuser_rw_tryenter, (int op, void *rw), (op, rw))
WRAP_V(H_RW_EXIT, rumpuser_rw_exit, (void *rw), (rw))
WRAP_V(H_RW_HELD, rumpuser_rw_held, (int op, void *rw, int *rvp), (op, rw, rvp))
WRAP_V(H_CV_WAIT, rumpuser_cv_wait, (void *cv, void *m), (cv, m))
WRAP_V(H_CV_NOWRAP, rumpuser_cv_wait_nowrap, (void *cv, void *m), (cv, m))
WRAP_R(H_CV_TIMED, int, rumpuser_cv_timedwait,
       (void *cv, void *m, int64_t s, int64_t ns), (cv, m, s, ns))
WRAP_V(H_CV_SIGNAL, rumpuser_cv_signal, (void *cv), (cv))
WRAP_V(H_CV_BCAST, rumpuser_cv_broadcast, (void *cv), (cv))
WRAP_V(H_CV_WAITERS, rumpuser_cv_has_waiters, (void *cv, int *rvp), (cv, rvp))
WRAP_R(H_CLOCK, int, rumpuser_clock_gettime, (int c, int64_t *s, long *ns),
       (c, s, ns))
WRAP_R(H_MALLOC, int, rumpuser_malloc, (size_t len, int al, void **p),
       (len, al, p))
WRAP_V(H_FREE, rumpuser_free, (void *p, size_t len), (p, len))
WRAP_V(H_ERRNO, rumpuser_seterrno, (int e), (e))

void rumpuser_mutex_init(struct rumpuser_mtx **mtxp, int flags);

static uint64_t
per_call(uint64_t t0, uint64_t t1)
{
    return (t1 - t0) / CALLS;
}

/* Counts and times CALLS getpid round trips; LABEL says from which lwp. */
static void
profile_getpid(const char *label)
{
    uint64_t before[H_N], t0, t1, total = 0, reads;
    struct sched_stats s0, s1;

    (void)rump_sys_getpid(); /* the first call may set things up */
    for (int i = 0; i < H_N; i++)
        before[i] = counts[i];
    sched_get_stats(&s0);
    t0 = time_now_ns();
    reads = time_reads();
    for (int i = 0; i < CALLS; i++)
        (void)rump_sys_getpid();
    reads = time_reads() - reads;
    t1 = time_now_ns();
    sched_get_stats(&s1);
    console_printf("rumpprof: getpid (%s) %lu ns per call, %lu context "
                   "switches and %lu clock reads in %d calls\n",
                   label, (unsigned long)per_call(t0, t1),
                   (unsigned long)(s1.switches - s0.switches),
                   (unsigned long)reads, CALLS);
    for (int i = 0; i < H_N; i++) {
        uint64_t n = counts[i] - before[i];

        total += n;
        if (n)
            console_printf("rumpprof:   %-20s %lu.%02lu per call\n", names[i],
                           (unsigned long)(n / CALLS),
                           (unsigned long)(n * 100 / CALLS % 100));
    }
    console_printf("rumpprof:   %-20s %lu.%02lu per call\n", "all hypercalls",
                   (unsigned long)(total / CALLS),
                   (unsigned long)(total * 100 / CALLS % 100));
}

/*
 * The cycle pass: CYCLE_CALLS getpid round trips with the TSC read around
 * each hypercall; prints cycles per call in all, in each hypercall kind and
 * in the rump kernel (the rest, less the TSC reads' own cost).
 */
static void
cycles_getpid(const char *label)
{
    uint64_t before[H_N], c0, c1, t0, t1, inside = 0, pair;

    c0 = rdtsc();
    pair = rdtsc() - c0;
    for (int i = 0; i < H_N; i++)
        before[i] = cycles[i];
    (void)rump_sys_getpid();
    timing = 1;
    t0 = time_now_ns();
    c0 = rdtsc();
    for (int i = 0; i < CYCLE_CALLS; i++)
        (void)rump_sys_getpid();
    c1 = rdtsc();
    t1 = time_now_ns();
    timing = 0;
    for (int i = 0; i < H_N; i++)
        inside += cycles[i] - before[i];
    console_printf("rumpprof: cycles getpid (%s): %lu per call (%lu ns, "
                   "TSC %lu MHz), %lu inside hypercalls, %lu in the rump "
                   "kernel (rdtsc pair %lu cycles)\n",
                   label, (unsigned long)((c1 - c0) / CYCLE_CALLS),
                   (unsigned long)((t1 - t0) / CYCLE_CALLS),
                   (unsigned long)(t1 > t0 ? (c1 - c0) * 1000 / (t1 - t0) : 0),
                   (unsigned long)(inside / CYCLE_CALLS),
                   (unsigned long)((c1 - c0 - inside) / CYCLE_CALLS),
                   (unsigned long)pair);
    for (int i = 0; i < H_N; i++)
        if (cycles[i] != before[i])
            console_printf(
                "rumpprof:   cycles %-20s %lu per call\n", names[i],
                (unsigned long)((cycles[i] - before[i]) / CYCLE_CALLS));
}

/*
 * The memory movers the rump kernel calls: memset of 1 KiB (about a struct
 * lwp, zeroed per temporary lwp) and memcpy of 64 KiB (a file I/O).
 */
static void
step_memory(void)
{
    static char a[64 << 10], b[64 << 10];
    volatile size_t small = 1024, big = sizeof(a);
    uint64_t t0, t1;

    t0 = time_now_ns();
    for (int i = 0; i < CALLS / 10; i++)
        memset(a, i, small);
    t1 = time_now_ns();
    console_printf("rumpprof: step memset 1 KiB %lu ns\n",
                   (unsigned long)((t1 - t0) / (CALLS / 10)));
    t0 = time_now_ns();
    for (int i = 0; i < 100; i++)
        memcpy(b, a, big);
    t1 = time_now_ns();
    console_printf("rumpprof: step memcpy 64 KiB %lu ns\n",
                   (unsigned long)((t1 - t0) / 100));
}

/* Nanoseconds per rdtsc: above RDTSC_CHEAP_NS it exits to Xen. */
static uint64_t
rdtsc_ns(void)
{
    volatile uint64_t sink = 0;
    uint64_t t0 = time_now_ns(), t1;

    for (int i = 0; i < CALLS / 10; i++)
        sink += rdtsc();
    t1 = time_now_ns();
    return (t1 - t0) / (CALLS / 10);
}

int
main(int argc, char **argv)
{
    uint64_t t0, t1;
    struct rumpuser_mtx *m;
    volatile uint64_t sink = 0;

    (void)argc;
    (void)argv;
    profile_getpid("no lwp of its own");
    if (rump_pub_lwproc_rfork(RUMP_RFCFDG) != 0) {
        console_printf("rumpprof: FAIL (rump_pub_lwproc_rfork)\n");
        return 1;
    }
    profile_getpid("bound lwp");
    rump_pub_lwproc_releaselwp();

    t0 = time_now_ns();
    for (int i = 0; i < CALLS; i++) {
        rump_schedule();
        rump_unschedule();
    }
    t1 = time_now_ns();
    console_printf("rumpprof: step rump_schedule+rump_unschedule %lu ns\n",
                   (unsigned long)per_call(t0, t1));
    t0 = time_now_ns();
    for (int i = 0; i < CALLS; i++)
        sink += (uintptr_t)__real_rumpuser_curlwp();
    t1 = time_now_ns();
    console_printf("rumpprof: step rumpuser_curlwp %lu ns\n",
                   (unsigned long)per_call(t0, t1));
    rumpuser_mutex_init(&m, 0);
    t0 = time_now_ns();
    for (int i = 0; i < CALLS; i++) {
        __real_rumpuser_mutex_enter(m);
        __real_rumpuser_mutex_exit(m);
    }
    t1 = time_now_ns();
    console_printf("rumpprof: step mutex enter+exit %lu ns\n",
                   (unsigned long)per_call(t0, t1));
    t0 = time_now_ns();
    for (int i = 0; i < CALLS / 10; i++)
        sink += time_now_ns();
    t1 = time_now_ns();
    console_printf("rumpprof: step clock read %lu ns\n",
                   (unsigned long)((t1 - t0) / (CALLS / 10)));
    t0 = time_now_ns();
    for (int i = 0; i < CALLS; i++)
        sink += i;
    t1 = time_now_ns();
    console_printf("rumpprof: step empty loop %lu ns\n",
                   (unsigned long)per_call(t0, t1));
    step_memory();
    t0 = rdtsc_ns();
    console_printf("rumpprof: step rdtsc %lu ns\n", (unsigned long)t0);
    if (t0 > RDTSC_CHEAP_NS) {
        console_printf("rumpprof: rdtsc exits to Xen (emulated TSC): no "
                       "per-hypercall cycles\n");
    } else {
        cycles_getpid("no lwp of its own");
        if (rump_pub_lwproc_rfork(RUMP_RFCFDG) != 0) {
            console_printf("rumpprof: FAIL (rump_pub_lwproc_rfork)\n");
            return 1;
        }
        cycles_getpid("bound lwp");
        rump_pub_lwproc_releaselwp();
    }
    console_printf("rumpprof: PASS\n");
    return 0;
}
