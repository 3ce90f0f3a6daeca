/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Conformance test of hypercall/ against rumpuser(3) v17, without a rump
 * kernel: drives every rumpuser_* call as the rump kernel does, through fake
 * upcalls that model one rump CPU and check the protocol (a call that blocks
 * releases the CPU with backend_unschedule and takes it back with
 * backend_schedule, nlocks handed back, the cv mutex as interlock; _nowrap
 * calls never do). A protocol deadlock fails the test after 5 s, not hangs.
 * Long because it covers all 60 calls; each section is one area of them.
 */
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/platform.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>

#include "guest_test.h"
#include "rumpuser_if.h"

#define MSEC(n) ((long)(n) * 1000000L)
#define WATCHDOG_NS (5 * NSEC_PER_SEC)
#define NLOCKS_MAGIC 5 /* what our backend_unschedule hands out */

static char fake_lwps[16];
#define LWP(i) ((struct lwp *)&fake_lwps[i])

/* --- Fake upcalls: one rump CPU and a protocol checker ------------------ */

static struct thread *cpu_holder; /* who has the rump CPU */
static struct waitq cpu_wq;
static int protocol_errors, unexpected_upcalls;

/* Per thread: upcall counts, CPU released, the interlock expected. */
static __thread int t_unsched, t_sched, t_released;
static __thread struct rumpuser_mtx *t_interlock;

static void
protocol_error(const char *what)
{
    protocol_errors++;
    console_printf("rumpuser: protocol violation in thread %s: %s\n",
                   sched_name(sched_current()), what);
}

/* Takes the rump CPU like rump_schedule(); a deadlock ends the test. */
static void
cpu_take(void)
{
    uint64_t end = time_now_ns() + WATCHDOG_NS;

    while (cpu_holder != NULL) {
        if (waitq_wait(&cpu_wq, end) != 0 && cpu_holder != NULL) {
            console_printf("rumpuser: %s waited 5 s for the rump CPU held "
                           "by %s: deadlock\n", sched_name(sched_current()),
                           sched_name(cpu_holder));
            test_failures++;
            platform_exit(test_done("rumpuser"));
        }
    }
    cpu_holder = sched_current();
}

static void
cpu_give(void)
{
    if (cpu_holder != sched_current())
        protocol_error("releases a rump CPU it does not hold");
    cpu_holder = NULL;
    waitq_wake_one(&cpu_wq);
}

static void
fake_backend_unschedule(int nlocks, int *countp, void *interlock)
{
    struct lwp *owner;

    if (nlocks != 0)
        protocol_error("backend_unschedule with nlocks != 0");
    if (t_released)
        protocol_error("backend_unschedule twice");
    if (interlock != t_interlock)
        protocol_error("backend_unschedule with the wrong interlock");
    if (interlock != NULL) {
        /* The test's cv mutexes are KMUTEX: still ours at this point. */
        rumpuser_mutex_owner(interlock, &owner);
        if (owner != rumpuser_curlwp())
            protocol_error("cv interlock not held at backend_unschedule");
    }
    t_released = 1;
    t_unsched++;
    *countp = NLOCKS_MAGIC;
    cpu_give();
}

static void
fake_backend_schedule(int nlocks, void *interlock)
{
    if (!t_released)
        protocol_error("backend_schedule without backend_unschedule");
    if (nlocks != NLOCKS_MAGIC)
        protocol_error("backend_schedule with another nlocks");
    if (interlock != t_interlock)
        protocol_error("backend_schedule with the wrong interlock");
    cpu_take();
    t_released = 0;
    t_sched++;
}

static void
fake_void(void)
{
    unexpected_upcalls++;
}

static void
fake_lwproc_switch(struct lwp *l)
{
    (void)l;
    unexpected_upcalls++;
}

static int
fake_lwproc_rfork(void *p, int flags, const char *comm)
{
    (void)p;
    (void)flags;
    (void)comm;
    return unexpected_upcalls++, RX_ENOTSUP;
}

static int
fake_lwproc_newlwp(rumpuser_pid_t pid)
{
    (void)pid;
    return unexpected_upcalls++, RX_ENOTSUP;
}

static struct lwp *
fake_lwproc_curlwp(void)
{
    return unexpected_upcalls++, NULL;
}

static int
fake_syscall(int num, void *arg, long *retval)
{
    (void)num;
    (void)arg;
    (void)retval;
    return unexpected_upcalls++, RX_ENOSYS;
}

static void
fake_execnotify(const char *comm)
{
    (void)comm;
    unexpected_upcalls++;
}

static rumpuser_pid_t
fake_getpid(void)
{
    return unexpected_upcalls++, 1;
}

static const struct rumpuser_hyperup fake_hyp = {
    .hyp_schedule = fake_void,
    .hyp_unschedule = fake_void,
    .hyp_backend_unschedule = fake_backend_unschedule,
    .hyp_backend_schedule = fake_backend_schedule,
    .hyp_lwproc_switch = fake_lwproc_switch,
    .hyp_lwproc_release = fake_void,
    .hyp_lwproc_rfork = fake_lwproc_rfork,
    .hyp_lwproc_newlwp = fake_lwproc_newlwp,
    .hyp_lwproc_curlwp = fake_lwproc_curlwp,
    .hyp_syscall = fake_syscall,
    .hyp_lwpexit = fake_void,
    .hyp_execnotify = fake_execnotify,
    .hyp_getpid = fake_getpid,
};

/* Upcall counts of the calling thread around one call. */
struct upc {
    int u, s;
};
#define UPC_NOW() ((struct upc){ t_unsched, t_sched })
#define WRAPPED(b) (t_unsched - (b).u == 1 && t_sched - (b).s == 1)
#define UNWRAPPED(b) (t_unsched == (b).u && t_sched == (b).s)
#define HAVE_CPU() (cpu_holder == sched_current() && !t_released)

/* Waits (rump CPU released) until *v >= want; 0 after 5 s. */
static int
wait_until(volatile int *v, int want)
{
    uint64_t end = time_now_ns() + WATCHDOG_NS;

    while (*v < want) {
        if (time_now_ns() > end) {
            console_printf("rumpuser: %s timed out waiting\n",
                           sched_name(sched_current()));
            return 0;
        }
        (void)rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, MSEC(1));
    }
    return 1;
}

/* A rump kernel thread: runs with the rump CPU, as a bouncer would. */
static void *
spawn(void *(*fn)(void *), void *arg, int mustjoin)
{
    void *cookie = NULL;

    EXPECT(rumpuser_thread_create(fn, arg, "worker", mustjoin, 0, -1,
                                  &cookie) == 0);
    EXPECT(!mustjoin || cookie != NULL);
    return cookie;
}

static void
join(void *cookie)
{
    struct upc b = UPC_NOW();

    EXPECT(cookie != NULL && rumpuser_thread_join(cookie) == 0);
    EXPECT(WRAPPED(b) && HAVE_CPU());
}

/* Ordering of events across threads. */
static char evlog[32];
static int nev;

static void
ev(char c)
{
    if (nev < (int)sizeof(evlog) - 1)
        evlog[nev++] = c;
}

static int
ev_is(const char *want)
{
    int ok = strcmp(evlog, want) == 0;

    if (!ok)
        console_printf("rumpuser: events \"%s\", expected \"%s\"\n", evlog,
                       want);
    memset(evlog, 0, sizeof(evlog));
    nev = 0;
    return ok;
}

/* --- Memory ---------------------------------------------------------- */

static void
test_memory(void)
{
    void *p = NULL;
    unsigned char *m;
    int zero = 1;

    for (int align = 16; align <= 4096; align *= 2) {
        EXPECT(rumpuser_malloc(200, align, &p) == 0 &&
               ((uintptr_t)p & (uintptr_t)(align - 1)) == 0);
        memset(p, 0xa5, 200);
        rumpuser_free(p, 200);
    }
    EXPECT(rumpuser_malloc(64, 0, &p) == 0 && p != NULL);
    rumpuser_free(p, 64);
    EXPECT(rumpuser_malloc(64, 24, &p) != 0);

    p = NULL;
    EXPECT(rumpuser_anonmmap(NULL, 3 * PAGE_SIZE + 1, PAGE_SHIFT, 0, &p) ==
           0);
    m = p;
    EXPECT(m != NULL && ((uintptr_t)m & (PAGE_SIZE - 1)) == 0);
    for (size_t i = 0; m && i < 4 * PAGE_SIZE; i++)
        zero &= m[i] == 0;
    EXPECT(zero);
    if (m != NULL) {
        memset(m, 0x5a, 4 * PAGE_SIZE);
        rumpuser_unmap(m, 3 * PAGE_SIZE + 1);
    }
    p = NULL;
    EXPECT(rumpuser_anonmmap(NULL, PAGE_SIZE, 16, 0, &p) == 0 &&
           ((uintptr_t)p & 0xffff) == 0);
    if (p != NULL)
        rumpuser_unmap(p, PAGE_SIZE);
    p = NULL;
    EXPECT(rumpuser_anonmmap(NULL, PAGE_SIZE, 0, 1, &p) != 0 && p == NULL);
}

/* --- Mutexes --------------------------------------------------------- */

static struct rumpuser_mtx *cm;
static int contender_trying, contender_ok;

static void *
mtx_contender(void *arg)
{
    struct upc b;
    struct lwp *owner;

    (void)arg;
    cpu_take();
    rumpuser_curlwpop(RUMPUSER_LWP_SET, LWP(1));
    ev('t');
    contender_trying = 1;
    b = UPC_NOW();
    rumpuser_mutex_enter(cm);
    ev('g');
    rumpuser_mutex_owner(cm, &owner);
    contender_ok = WRAPPED(b) && HAVE_CPU() && owner == LWP(1);
    rumpuser_mutex_exit(cm);
    rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, NULL);
    cpu_give();
    return NULL;
}

/* A host thread of the rump kernel: holds a mutex without the rump CPU. */
static struct rumpuser_mtx *nm;
static int holder_has;

static void *
nowrap_holder(void *arg)
{
    (void)arg;
    rumpuser_mutex_enter_nowrap(nm);
    holder_has = 1;
    sched_sleep_until(time_now_ns() + MSEC(10));
    ev('r');
    rumpuser_mutex_exit(nm);
    return NULL;
}

static void
test_mutex(void)
{
    static const int flags[] = { 0, RUMPUSER_MTX_SPIN, RUMPUSER_MTX_KMUTEX,
                                 RUMPUSER_MTX_SPIN | RUMPUSER_MTX_KMUTEX };
    struct rumpuser_mtx *m;
    struct lwp *owner;
    struct upc b;
    void *cookie;

    for (size_t i = 0; i < sizeof(flags) / sizeof(flags[0]); i++) {
        rumpuser_mutex_init(&m, flags[i]);
        EXPECT(rumpuser_mutex_tryenter(m) == 0);
        EXPECT(rumpuser_mutex_tryenter(m) == RX_EBUSY);
        rumpuser_mutex_exit(m);
        rumpuser_mutex_enter(m); /* uncontended: no upcalls needed */
        EXPECT(rumpuser_mutex_tryenter(m) == RX_EBUSY);
        rumpuser_mutex_exit(m);
        b = UPC_NOW();
        rumpuser_mutex_enter_nowrap(m);
        rumpuser_mutex_exit(m);
        EXPECT(UNWRAPPED(b));
        if (flags[i] & RUMPUSER_MTX_KMUTEX) {
            rumpuser_mutex_enter(m);
            rumpuser_mutex_owner(m, &owner);
            EXPECT(owner == LWP(0));
            rumpuser_mutex_exit(m);
            rumpuser_mutex_owner(m, &owner);
            EXPECT(owner == NULL);
            EXPECT(rumpuser_mutex_tryenter(m) == 0);
            rumpuser_mutex_owner(m, &owner);
            EXPECT(owner == LWP(0));
            rumpuser_mutex_exit(m);
        }
        rumpuser_mutex_destroy(m);
    }

    /* Contention: the second thread blocks until the first exits. */
    rumpuser_mutex_init(&cm, RUMPUSER_MTX_KMUTEX);
    rumpuser_mutex_enter(cm);
    cookie = spawn(mtx_contender, NULL, 1);
    EXPECT(wait_until(&contender_trying, 1));
    (void)rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, MSEC(5));
    ev('x');
    rumpuser_mutex_exit(cm);
    join(cookie);
    EXPECT(ev_is("txg"));
    EXPECT(contender_ok);
    rumpuser_mutex_destroy(cm);

    /* enter_nowrap on a held mutex blocks without the upcalls. */
    rumpuser_mutex_init(&nm, RUMPUSER_MTX_SPIN);
    cookie = spawn(nowrap_holder, NULL, 1);
    EXPECT(wait_until(&holder_has, 1));
    b = UPC_NOW();
    rumpuser_mutex_enter_nowrap(nm);
    ev('n');
    EXPECT(UNWRAPPED(b) && HAVE_CPU());
    rumpuser_mutex_exit(nm);
    join(cookie);
    EXPECT(ev_is("rn"));
    rumpuser_mutex_destroy(nm);
}

/* --- Reader/writer locks --------------------------------------------- */

#define NREADERS 4

static struct rumpuser_rw *rwl;
static int readers_in, readers_max, readers_go, readers_done;
static int writer_in, writer_ok;

static void *
rw_reader(void *arg)
{
    struct upc b;
    int held;

    (void)arg;
    cpu_take();
    b = UPC_NOW();
    rumpuser_rw_enter(RUMPUSER_RW_READER, rwl);
    if (!HAVE_CPU() || t_unsched - b.u != t_sched - b.s)
        protocol_error("rw_enter(READER) unbalanced");
    readers_in++;
    if (readers_in > readers_max)
        readers_max = readers_in;
    rumpuser_rw_held(RUMPUSER_RW_READER, rwl, &held);
    if (!held)
        protocol_error("rw_held(READER) false for a reader");
    (void)wait_until(&readers_go, 1);
    readers_in--;
    rumpuser_rw_exit(rwl);
    readers_done++;
    cpu_give();
    return NULL;
}

static void *
rw_writer(void *arg)
{
    struct upc b;
    int held;

    (void)arg;
    cpu_take();
    rumpuser_curlwpop(RUMPUSER_LWP_SET, LWP(2));
    b = UPC_NOW();
    rumpuser_rw_enter(RUMPUSER_RW_WRITER, rwl);
    writer_in = 1;
    rumpuser_rw_held(RUMPUSER_RW_WRITER, rwl, &held);
    writer_ok = WRAPPED(b) && HAVE_CPU() && readers_in == 0 && held;
    rumpuser_rw_exit(rwl);
    rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, NULL);
    cpu_give();
    return NULL;
}

static void
test_rwlock(void)
{
    void *readers[NREADERS], *w;
    int held;

    rumpuser_rw_init(&rwl);

    /* Readers together; a writer waits for all of them to leave. */
    for (int i = 0; i < NREADERS; i++)
        readers[i] = spawn(rw_reader, NULL, 1);
    EXPECT(wait_until(&readers_in, NREADERS));
    EXPECT(readers_max == NREADERS);
    rumpuser_rw_held(RUMPUSER_RW_READER, rwl, &held);
    EXPECT(held);
    rumpuser_rw_held(RUMPUSER_RW_WRITER, rwl, &held);
    EXPECT(!held);
    EXPECT(rumpuser_rw_tryenter(RUMPUSER_RW_WRITER, rwl) == RX_EBUSY);
    EXPECT(rumpuser_rw_tryenter(RUMPUSER_RW_READER, rwl) == 0);
    EXPECT(rumpuser_rw_tryupgrade(rwl) == RX_EBUSY); /* 5 readers */
    rumpuser_rw_exit(rwl);
    w = spawn(rw_writer, NULL, 1);
    (void)rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, MSEC(10));
    EXPECT(!writer_in);
    readers_go = 1;
    for (int i = 0; i < NREADERS; i++)
        join(readers[i]);
    join(w);
    EXPECT(writer_in && writer_ok);
    EXPECT(readers_done == NREADERS);

    /* A writer excludes everyone; downgrade lets waiting readers in. */
    readers_go = 0;
    readers_done = 0;
    readers_max = 0;
    rumpuser_rw_enter(RUMPUSER_RW_WRITER, rwl);
    rumpuser_rw_held(RUMPUSER_RW_WRITER, rwl, &held);
    EXPECT(held);
    rumpuser_curlwpop(RUMPUSER_LWP_SET, LWP(3)); /* another lwp asks */
    rumpuser_rw_held(RUMPUSER_RW_WRITER, rwl, &held);
    EXPECT(!held);
    rumpuser_curlwpop(RUMPUSER_LWP_SET, LWP(0));
    EXPECT(rumpuser_rw_tryenter(RUMPUSER_RW_READER, rwl) == RX_EBUSY);
    EXPECT(rumpuser_rw_tryenter(RUMPUSER_RW_WRITER, rwl) == RX_EBUSY);
    EXPECT(rumpuser_rw_tryupgrade(rwl) == RX_EBUSY);
    readers[0] = spawn(rw_reader, NULL, 1);
    readers[1] = spawn(rw_reader, NULL, 1);
    (void)rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, MSEC(10));
    EXPECT(readers_in == 0);
    rumpuser_rw_downgrade(rwl);
    rumpuser_rw_held(RUMPUSER_RW_WRITER, rwl, &held);
    EXPECT(!held);
    rumpuser_rw_held(RUMPUSER_RW_READER, rwl, &held);
    EXPECT(held);
    EXPECT(wait_until(&readers_in, 2)); /* while we still read */
    rumpuser_rw_exit(rwl);
    readers_go = 1;
    join(readers[0]);
    join(readers[1]);
    EXPECT(readers_done == 2);

    /*
     * NetBSD's rule: a reader arriving while a writer waits (behind an
     * existing reader) waits too, and tryenter(READER) fails.
     */
    readers_go = 0;
    readers_done = 0;
    writer_in = 0;
    writer_ok = 0;
    EXPECT(rumpuser_rw_tryenter(RUMPUSER_RW_READER, rwl) == 0);
    w = spawn(rw_writer, NULL, 1);
    (void)rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, MSEC(10));
    EXPECT(!writer_in);
    readers[0] = spawn(rw_reader, NULL, 1);
    (void)rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, MSEC(10));
    EXPECT(readers_in == 0);
    held = rumpuser_rw_tryenter(RUMPUSER_RW_READER, rwl);
    EXPECT(held == RX_EBUSY);
    if (held == 0)
        rumpuser_rw_exit(rwl); /* let in wrongly: leave again */
    readers_go = 1;            /* the same for the reader thread */
    rumpuser_rw_exit(rwl);
    join(w);
    EXPECT(writer_in && writer_ok);
    join(readers[0]);
    EXPECT(readers_done == 1);

    /* tryupgrade succeeds only for a sole reader. */
    EXPECT(rumpuser_rw_tryenter(RUMPUSER_RW_READER, rwl) == 0);
    EXPECT(rumpuser_rw_tryupgrade(rwl) == 0);
    rumpuser_rw_held(RUMPUSER_RW_WRITER, rwl, &held);
    EXPECT(held);
    rumpuser_rw_exit(rwl);
    rumpuser_rw_held(RUMPUSER_RW_READER, rwl, &held);
    EXPECT(!held);
    rumpuser_rw_destroy(rwl);
}

/* --- Condition variables --------------------------------------------- */

#define NWAITERS 5

static struct rumpuser_mtx *cvm;
static struct rumpuser_cv *cv;
static int cv_gen, cv_waiting, cv_woken, cv_bad;

/* Waits on cv for the generation to change; counts its own mistakes. */
static void *
cv_waiter(void *arg)
{
    struct lwp *owner;
    int gen, rounds = 0;
    struct upc b;

    cpu_take();
    rumpuser_curlwpop(RUMPUSER_LWP_SET, LWP(4 + (int)(uintptr_t)arg));
    rumpuser_mutex_enter(cvm);
    gen = cv_gen;
    cv_waiting++;
    t_interlock = cvm;
    b = UPC_NOW();
    while (cv_gen == gen) {
        rumpuser_cv_wait(cv, cvm);
        rounds++;
    }
    t_interlock = NULL;
    rumpuser_mutex_owner(cvm, &owner);
    if (owner != rumpuser_curlwp() || !HAVE_CPU() ||
        t_unsched - b.u != rounds || t_sched - b.s != rounds)
        cv_bad++;
    cv_woken++;
    rumpuser_mutex_exit(cvm);
    cpu_give();
    return NULL;
}

static void
cv_bump(int broadcast)
{
    rumpuser_mutex_enter(cvm);
    cv_gen++;
    if (broadcast)
        rumpuser_cv_broadcast(cv);
    else
        rumpuser_cv_signal(cv);
    rumpuser_mutex_exit(cvm);
}

/* A host thread without the rump CPU: signals after a while. */
static int late_done;

static void *
late_signaller(void *arg)
{
    sched_sleep_until(time_now_ns() + (uint64_t)(uintptr_t)arg);
    rumpuser_mutex_enter_nowrap(cvm);
    late_done = 1;
    rumpuser_cv_signal(cv);
    rumpuser_mutex_exit(cvm);
    return NULL;
}

static void
test_cv(void)
{
    void *w[NWAITERS];
    struct lwp *owner;
    uint64_t t0, t1;
    struct upc b;
    int has, rc;

    rumpuser_mutex_init(&cvm, RUMPUSER_MTX_KMUTEX);
    rumpuser_cv_init(&cv);
    rumpuser_cv_has_waiters(cv, &has);
    EXPECT(!has);

    /* Signal wakes one waiter; has_waiters meanwhile. */
    w[0] = spawn(cv_waiter, (void *)0, 1);
    EXPECT(wait_until(&cv_waiting, 1));
    rumpuser_cv_has_waiters(cv, &has);
    EXPECT(has);
    cv_bump(0);
    join(w[0]);
    EXPECT(cv_woken == 1);
    rumpuser_cv_has_waiters(cv, &has);
    EXPECT(!has);

    /* Broadcast wakes all. */
    for (int i = 0; i < NWAITERS; i++)
        w[i] = spawn(cv_waiter, (void *)(uintptr_t)i, 1);
    EXPECT(wait_until(&cv_waiting, 1 + NWAITERS));
    cv_bump(1);
    for (int i = 0; i < NWAITERS; i++)
        join(w[i]);
    EXPECT(cv_woken == 1 + NWAITERS);
    EXPECT(cv_bad == 0);

    /* timedwait: times out no earlier than asked, mutex held again. */
    rumpuser_mutex_enter(cvm);
    t_interlock = cvm;
    b = UPC_NOW();
    t0 = time_now_ns();
    rc = rumpuser_cv_timedwait(cv, cvm, 0, MSEC(50));
    t1 = time_now_ns();
    t_interlock = NULL;
    EXPECT(rc == RX_ETIMEDOUT);
    EXPECT(t1 - t0 >= (uint64_t)MSEC(50));
    EXPECT(WRAPPED(b) && HAVE_CPU());
    rumpuser_mutex_owner(cvm, &owner);
    EXPECT(owner == LWP(0));
    rumpuser_cv_has_waiters(cv, &has);
    EXPECT(!has);

    /* timedwait woken in time returns 0. */
    spawn(late_signaller, (void *)(uintptr_t)MSEC(20), 0);
    t_interlock = cvm;
    t0 = time_now_ns();
    rc = 0;
    while (!late_done && rc == 0)
        rc = rumpuser_cv_timedwait(cv, cvm, 5, 0);
    t1 = time_now_ns();
    t_interlock = NULL;
    EXPECT(rc == 0 && late_done);
    EXPECT(t1 - t0 < 5 * NSEC_PER_SEC);
    rumpuser_mutex_owner(cvm, &owner);
    EXPECT(owner == LWP(0));

    /*
     * A huge timeout saturates. Unsaturated, INT64_MAX s wraps to one
     * second before now, 18446744073 s to 0.7 s before now (the clock is
     * Xen's, which ran long before this guest): both time out at once.
     */
    late_done = 0;
    spawn(late_signaller, (void *)(uintptr_t)MSEC(50), 0);
    t_interlock = cvm;
    rc = 0;
    while (!late_done && rc == 0)
        rc = rumpuser_cv_timedwait(cv, cvm, INT64_MAX, 0);
    t_interlock = NULL;
    EXPECT(rc == 0 && late_done);
    late_done = 0;
    spawn(late_signaller, (void *)(uintptr_t)MSEC(50), 0);
    t_interlock = cvm;
    rc = 0;
    while (!late_done && rc == 0)
        rc = rumpuser_cv_timedwait(cv, cvm, 18446744073LL, 0);
    t_interlock = NULL;
    EXPECT(rc == 0 && late_done);

    /* cv_wait_nowrap: no upcalls, mutex held again. */
    late_done = 0;
    spawn(late_signaller, (void *)(uintptr_t)MSEC(5), 0);
    b = UPC_NOW();
    while (!late_done)
        rumpuser_cv_wait_nowrap(cv, cvm);
    EXPECT(UNWRAPPED(b) && HAVE_CPU());
    rumpuser_mutex_owner(cvm, &owner);
    EXPECT(owner == LWP(0));
    rumpuser_mutex_exit(cvm);
}

/*
 * A woken cv waiter must not hold a spin mutex while it waits for the rump
 * CPU: the CPU's holder may want that mutex (spin mutexes are entered
 * without releasing the CPU). The holder loses the vCPU for a moment while
 * it has the rump CPU (a nowrap block, or preemption on SMP).
 */
static int order_waiting, order_done;

static void *
order_waiter(void *arg)
{
    struct lwp *owner;

    (void)arg;
    cpu_take();
    rumpuser_curlwpop(RUMPUSER_LWP_SET, LWP(12));
    rumpuser_mutex_enter(cvm);
    order_waiting = 1;
    t_interlock = cvm;
    while (order_waiting == 1)
        rumpuser_cv_wait(cv, cvm);
    t_interlock = NULL;
    rumpuser_mutex_owner(cvm, &owner);
    order_done = owner == LWP(12) && HAVE_CPU() ? 1 : -1;
    rumpuser_mutex_exit(cvm);
    cpu_give();
    return NULL;
}

static void
test_cv_lock_order(int flags)
{
    void *cookie;

    rumpuser_mutex_destroy(cvm);
    rumpuser_mutex_init(&cvm, flags);
    order_waiting = 0;
    order_done = 0;
    cookie = spawn(order_waiter, NULL, 1);
    EXPECT(wait_until(&order_waiting, 1));
    rumpuser_mutex_enter(cvm);
    order_waiting = 2;
    rumpuser_cv_signal(cv);
    rumpuser_mutex_exit(cvm);
    sched_thread_yield();
    rumpuser_mutex_enter(cvm);
    rumpuser_mutex_exit(cvm);
    join(cookie);
    EXPECT(order_done == 1);
}

/* --- Threads and curlwp ---------------------------------------------- */

static int detached_ran, exiter_ran, lwp_set, lwp_checked;
static struct lwp *lwp_initial, *lwp_after;

static void *
detached(void *arg)
{
    (void)arg;
    cpu_take();
    detached_ran++;
    cpu_give();
    return NULL;
}

static void *
exiter(void *arg)
{
    (void)arg;
    cpu_take();
    exiter_ran++;
    cpu_give();
    rumpuser_thread_exit();
}

static void *
lwp_thread(void *arg)
{
    (void)arg;
    cpu_take();
    lwp_initial = rumpuser_curlwp();
    rumpuser_curlwpop(RUMPUSER_LWP_SET, LWP(13));
    lwp_set = 1;
    (void)wait_until(&lwp_checked, 1);
    lwp_after = rumpuser_curlwp();
    rumpuser_curlwpop(RUMPUSER_LWP_CLEAR, NULL);
    if (rumpuser_curlwp() != NULL)
        lwp_after = NULL;
    cpu_give();
    return NULL;
}

static void
test_threads(void)
{
    void *cookie;

    for (int i = 0; i < 3; i++)
        spawn(detached, NULL, 0);
    EXPECT(wait_until(&detached_ran, 3));
    cookie = spawn(exiter, NULL, 1);
    join(cookie);
    spawn(exiter, NULL, 0);
    EXPECT(wait_until(&exiter_ran, 2));

    cookie = spawn(lwp_thread, NULL, 1);
    EXPECT(wait_until(&lwp_set, 1));
    EXPECT(rumpuser_curlwp() == LWP(0));
    lwp_checked = 1;
    join(cookie);
    EXPECT(lwp_initial == NULL);
    EXPECT(lwp_after == LWP(13));
    EXPECT(rumpuser_curlwp() == LWP(0));
    rumpuser_curlwpop(RUMPUSER_LWP_CREATE, LWP(14));
    rumpuser_curlwpop(RUMPUSER_LWP_DESTROY, LWP(14));
    EXPECT(rumpuser_curlwp() == LWP(0));
}

/* --- Clock ------------------------------------------------------------ */

/* A rump thread sleeping for a huge time; arg 0: relative, 1: absolute. */
static int huge_back[2];

static void *
huge_sleeper(void *arg)
{
    int how = (int)(uintptr_t)arg;

    cpu_take();
    if (how == 0) /* unsaturated: wraps to one second before now */
        (void)rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, INT64_MAX, 0);
    else /* unsaturated: wraps to 0.29 s after Xen booted, long gone */
        (void)rumpuser_clock_sleep(RUMPUSER_CLOCK_ABSMONO, 18446744074LL, 0);
    huge_back[how] = 1;
    cpu_give();
    return NULL;
}

static void
test_clock(void)
{
    int64_t sec, prev_sec = 0, s0, s1;
    long nsec, prev_nsec = 0, n0, n1;
    int mono = 1;
    struct upc b;

    for (int i = 0; i < 1000; i++) {
        if (rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &sec, &nsec) != 0 ||
            nsec < 0 || nsec >= (long)NSEC_PER_SEC ||
            sec < prev_sec || (sec == prev_sec && nsec < prev_nsec))
            mono = 0;
        prev_sec = sec;
        prev_nsec = nsec;
    }
    EXPECT(mono);
    EXPECT(rumpuser_clock_gettime(RUMPUSER_CLOCK_RELWALL, &sec, &nsec) == 0);
    EXPECT(sec > 1609459200 && nsec >= 0 && nsec < (long)NSEC_PER_SEC);
    EXPECT(rumpuser_clock_gettime(7, &sec, &nsec) == RX_EINVAL);
    EXPECT(rumpuser_clock_sleep(7, 0, 1) == RX_EINVAL);

    /* RELWALL: relative. */
    (void)rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &s0, &n0);
    b = UPC_NOW();
    EXPECT(rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, MSEC(30)) == 0);
    EXPECT(WRAPPED(b) && HAVE_CPU());
    (void)rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &s1, &n1);
    EXPECT((s1 - s0) * (int64_t)NSEC_PER_SEC + (n1 - n0) >= MSEC(30));

    /* ABSMONO: until an absolute time of that clock. */
    (void)rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &s0, &n0);
    n0 += MSEC(30);
    if (n0 >= (long)NSEC_PER_SEC) {
        s0++;
        n0 -= (long)NSEC_PER_SEC;
    }
    b = UPC_NOW();
    EXPECT(rumpuser_clock_sleep(RUMPUSER_CLOCK_ABSMONO, s0, n0) == 0);
    EXPECT(WRAPPED(b) && HAVE_CPU());
    (void)rumpuser_clock_gettime(RUMPUSER_CLOCK_ABSMONO, &s1, &n1);
    EXPECT(s1 > s0 || (s1 == s0 && n1 >= n0));

    /* Huge times saturate: the sleepers are still asleep when we exit. */
    spawn(huge_sleeper, (void *)0, 0);
    spawn(huge_sleeper, (void *)1, 0);
    EXPECT(rumpuser_clock_sleep(RUMPUSER_CLOCK_RELWALL, 0, MSEC(100)) == 0);
    EXPECT(!huge_back[0]);
    EXPECT(!huge_back[1]);
}

/* --- Parameters, entropy, console, the rest -------------------------- */

static int biodone_calls, biodone_error, biodone_arg_ok, compload_calls;
static size_t biodone_done = 1;

static void
fake_biodone(void *arg, size_t done, int error)
{
    biodone_calls++;
    biodone_done = done;
    biodone_error = error;
    biodone_arg_ok = arg == &biodone_calls && HAVE_CPU();
}

static void
fake_compload(const struct rump_component *c)
{
    (void)c;
    compload_calls++;
}

static void
test_misc(void)
{
    unsigned char r1[32], r2[32], zero[32] = { 0 };
    struct rumpuser_iovec iov = { r1, sizeof(r1) };
    uint64_t size;
    size_t n = 0;
    char buf[32];
    int fd = -1, type;
    void *addr;

    EXPECT(rumpuser_getrandom(r1, sizeof(r1), RUMPUSER_RANDOM_HARD, &n) == 0 &&
           n == sizeof(r1));
    EXPECT(rumpuser_getrandom(r2, sizeof(r2), RUMPUSER_RANDOM_NOWAIT, &n) ==
               0 && n == sizeof(r2));
    EXPECT(memcmp(r1, r2, sizeof(r1)) != 0);
    EXPECT(memcmp(r1, zero, sizeof(r1)) != 0);

    EXPECT(rumpuser_getparam(RUMPUSER_PARAM_NCPU, buf, sizeof(buf)) == 0 &&
           strcmp(buf, "1") == 0);
    EXPECT(rumpuser_getparam(RUMPUSER_PARAM_HOSTNAME, buf, sizeof(buf)) ==
               0 && buf[0] != '\0');
    EXPECT(rumpuser_getparam("RUMP_NO_SUCH_THING", buf, sizeof(buf)) ==
           RX_ENOENT);
    EXPECT(rumpuser_getparam(RUMPUSER_PARAM_NCPU, buf, 1) > 0);
    EXPECT(rumpuser_getparam("RUMP_VERBOSE", buf, sizeof(buf)) == 0 &&
           strcmp(buf, "1") == 0);

    for (const char *s = "rumpuser: putchar works\n"; *s; s++)
        rumpuser_putchar(*s);
    rumpuser_dprintf("rumpuser: dprintf works (%d)\n", 42);
    rumpuser_seterrno(RX_EIO);
    EXPECT(rumpuser_kill(1234, 9) == RX_EPERM);
    EXPECT(rumpuser_daemonize_begin() == 0);
    EXPECT(rumpuser_daemonize_done(0) == 0);
    rumpuser_dl_bootstrap(NULL, NULL, fake_compload);
    EXPECT(compload_calls == 0);

    EXPECT(rumpuser_sp_init("unix://x", "NetBSD", "7.0", "amd64") == 45);
    EXPECT(rumpuser_sp_copyin(NULL, buf, r1, 1) == 45);
    EXPECT(rumpuser_sp_copyinstr(NULL, buf, r1, &n) == 45);
    EXPECT(rumpuser_sp_copyout(NULL, r1, buf, 1) == 45);
    EXPECT(rumpuser_sp_copyoutstr(NULL, r1, buf, &n) == 45);
    EXPECT(rumpuser_sp_anonmmap(NULL, PAGE_SIZE, &addr) == 45);
    EXPECT(rumpuser_sp_raise(NULL, 2) == 45);
    rumpuser_sp_fini(NULL);

    EXPECT(rumpuser_open("/dev/xvda", RUMPUSER_OPEN_RDWR | RUMPUSER_OPEN_BIO,
                         &fd) == RX_ENOENT);
    EXPECT(rumpuser_getfileinfo("/dev/xvda", &size, &type) == RX_ENOENT);
    EXPECT(rumpuser_close(3) == RX_EBADF);
    EXPECT(rumpuser_iovread(3, &iov, 1, 0, &n) == RX_EBADF);
    EXPECT(rumpuser_iovwrite(3, &iov, 1, RUMPUSER_IOV_NOSEEK, &n) ==
           RX_EBADF);
    EXPECT(rumpuser_syncfd(3, RUMPUSER_SYNCFD_BOTH, 0, 0) == RX_EBADF);
    rumpuser_bio(3, RUMPUSER_BIO_READ, r1, sizeof(r1), 0, fake_biodone,
                 &biodone_calls);
    EXPECT(biodone_calls == 1 && biodone_error != 0 && biodone_done == 0 &&
           biodone_arg_ok);
}

static void
test_cv_lock_order_kmutex(void)
{
    test_cv_lock_order(RUMPUSER_MTX_KMUTEX);
}

static void
test_cv_lock_order_spin(void)
{
    test_cv_lock_order(RUMPUSER_MTX_SPIN | RUMPUSER_MTX_KMUTEX);
}

static const struct {
    const char *name;
    void (*fn)(void);
} sections[] = {
    { "memory", test_memory },
    { "mutexes", test_mutex },
    { "rwlocks", test_rwlock },
    { "condvars", test_cv },
    { "cv lock order, adaptive mutex", test_cv_lock_order_kmutex },
    { "cv lock order, spin mutex", test_cv_lock_order_spin },
    { "threads", test_threads },
    { "clock", test_clock },
    { "misc", test_misc },
};

/* A thread lost in a wait nobody ends fails the test instead of hanging. */
static const char *section = "init";

static void
watchdog(void *arg)
{
    (void)arg;
    sched_sleep_until(time_now_ns() + 20 * NSEC_PER_SEC);
    console_printf("rumpuser: still in section \"%s\" after 20 s\n",
                   section);
    test_failures++;
    platform_exit(test_done("rumpuser"));
}

int
main(int argc, char **argv)
{
    int err;

    (void)argc;
    (void)argv;
    EXPECT(rumpuser_init(RUMPUSER_VERSION - 1, &fake_hyp) > 0);
    EXPECT(rumpuser_init(RUMPUSER_VERSION, &fake_hyp) == 0);
    cpu_take();
    rumpuser_curlwpop(RUMPUSER_LWP_SET, LWP(0));

    if (sched_create("watchdog", watchdog, NULL, 0, 0, &err) == NULL)
        panic("rumpuser: no watchdog thread (%d)", err);
    for (size_t i = 0; i < sizeof(sections) / sizeof(sections[0]); i++) {
        section = sections[i].name;
        console_printf("rumpuser: %s\n", section);
        sections[i].fn();
    }

    EXPECT(HAVE_CPU());
    EXPECT(protocol_errors == 0);
    EXPECT(unexpected_upcalls == 0);
    return test_done("rumpuser");
}
