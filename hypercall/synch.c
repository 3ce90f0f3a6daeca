/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rumpuser(3) threads, current lwp, mutexes, reader/writer locks and
 * condition variables over the platform's cooperative threads. With one
 * vCPU and no preemption, a lock's state changes only between our own
 * statements: no atomics are needed, only wait queues. The uncontended
 * paths (a rump system call makes dozens of these calls) touch only the
 * lock: no call into the scheduler unless a wait queue has a thread, no
 * clock read, and curlwp is one load from the thread's TCB.
 */
#include <rumpxen/errno.h>
#include <rumpxen/hypercall.h>
#include <rumpxen/mm.h>
#include <rumpxen/platform.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>

#include "hyp.h"

struct thread_start {
    void *(*fun)(void *);
    void *arg;
};

static void
thread_trampoline(void *p)
{
    struct thread_start s = *(struct thread_start *)p;

    mm_free(p);
    (void)s.fun(s.arg);
}

int
rumpuser_thread_create(void *(*fun)(void *), void *arg, const char *name,
                       int mustjoin, int priority, int cpuidx, void **cookie)
{
    struct thread_start *s = mm_malloc(sizeof(*s), 0);
    struct thread *t;
    int err;

    (void)priority;
    (void)cpuidx;
    if (s == NULL)
        return RX_ENOMEM;
    s->fun = fun;
    s->arg = arg;
    t = sched_create(name, thread_trampoline, s, 0,
                     mustjoin ? SCHED_JOINABLE : 0, &err);
    if (t == NULL) {
        mm_free(s);
        return hyp_err(err);
    }
    if (mustjoin)
        *cookie = t;
    return 0;
}

void
rumpuser_thread_exit(void)
{
    sched_exit();
}

int
rumpuser_thread_join(void *cookie)
{
    int rc;

    HYP_BLOCKING(rc = sched_join(cookie));
    return hyp_err(rc);
}

/* The lwp is the thread's cookie in the scheduler. */
void
rumpuser_curlwpop(int op, struct lwp *l)
{
    switch (op) {
    case RUMPUSER_LWP_SET:
        sched_set_cookie(l);
        break;
    case RUMPUSER_LWP_CLEAR:
        sched_set_cookie(NULL);
        break;
    default: /* CREATE, DESTROY: nothing to keep per lwp */
        break;
    }
}

struct lwp *
rumpuser_curlwp(void)
{
    return sched_get_cookie();
}

/* Mutexes. */

struct rumpuser_mtx {
    int flags;
    int locked;
    struct lwp *owner; /* KMUTEX only */
    struct waitq wq;
};

void
rumpuser_mutex_init(struct rumpuser_mtx **mtxp, int flags)
{
    struct rumpuser_mtx *m = mm_malloc(sizeof(*m), 0);

    if (m == NULL)
        panic("rumpuser: no memory for a mutex");
    *m = (struct rumpuser_mtx){ .flags = flags };
    *mtxp = m;
}

int
rumpuser_mutex_tryenter(struct rumpuser_mtx *m)
{
    if (m->locked)
        return RX_EBUSY;
    m->locked = 1;
    if (m->flags & RUMPUSER_MTX_KMUTEX)
        m->owner = rumpuser_curlwp();
    return 0;
}

void
rumpuser_mutex_enter_nowrap(struct rumpuser_mtx *m)
{
    while (rumpuser_mutex_tryenter(m) != 0)
        (void)waitq_wait(&m->wq, 0);
}

void
rumpuser_mutex_enter(struct rumpuser_mtx *m)
{
    if (m->flags & RUMPUSER_MTX_SPIN) {
        rumpuser_mutex_enter_nowrap(m);
        return;
    }
    if (rumpuser_mutex_tryenter(m) != 0)
        HYP_BLOCKING(rumpuser_mutex_enter_nowrap(m));
}

void
rumpuser_mutex_exit(struct rumpuser_mtx *m)
{
    if (!m->locked)
        panic("rumpuser: exit of a mutex that is not held");
    m->locked = 0;
    m->owner = NULL;
    if (m->wq.head)
        waitq_wake_one(&m->wq);
}

void
rumpuser_mutex_destroy(struct rumpuser_mtx *m)
{
    if (m->locked || m->wq.head)
        panic("rumpuser: destroying a mutex in use");
    mm_free(m);
}

void
rumpuser_mutex_owner(struct rumpuser_mtx *m, struct lwp **lp)
{
    *lp = m->owner;
}

/*
 * Reader/writer locks: any number of readers or one writer. As NetBSD's
 * rwlock(9), a waiting writer stops new readers from entering, so a stream
 * of readers can not starve it.
 */

struct rumpuser_rw {
    int readers;
    int writer;
    int writers_waiting;
    struct lwp *owner; /* the writer */
    struct waitq wq;
};

void
rumpuser_rw_init(struct rumpuser_rw **rwp)
{
    struct rumpuser_rw *rw = mm_malloc(sizeof(*rw), 0);

    if (rw == NULL)
        panic("rumpuser: no memory for an rwlock");
    *rw = (struct rumpuser_rw){ 0 };
    *rwp = rw;
}

int
rumpuser_rw_tryenter(int op, struct rumpuser_rw *rw)
{
    if (rw->writer)
        return RX_EBUSY;
    if (op != RUMPUSER_RW_WRITER && rw->writers_waiting)
        return RX_EBUSY;
    if (op == RUMPUSER_RW_WRITER) {
        if (rw->readers)
            return RX_EBUSY;
        rw->writer = 1;
        rw->owner = rumpuser_curlwp();
    } else {
        rw->readers++;
    }
    return 0;
}

/* Waits until rw is entered; a writer is counted waiting meanwhile. */
static void
rw_wait(int op, struct rumpuser_rw *rw)
{
    int writer = op == RUMPUSER_RW_WRITER;

    rw->writers_waiting += writer;
    while (rumpuser_rw_tryenter(op, rw) != 0)
        (void)waitq_wait(&rw->wq, 0);
    rw->writers_waiting -= writer;
}

void
rumpuser_rw_enter(int op, struct rumpuser_rw *rw)
{
    if (rumpuser_rw_tryenter(op, rw) == 0)
        return;
    HYP_BLOCKING(rw_wait(op, rw));
}

int
rumpuser_rw_tryupgrade(struct rumpuser_rw *rw)
{
    if (rw->writer || rw->readers != 1)
        return RX_EBUSY;
    rw->readers = 0;
    rw->writer = 1;
    rw->owner = rumpuser_curlwp();
    return 0;
}

void
rumpuser_rw_downgrade(struct rumpuser_rw *rw)
{
    if (!rw->writer)
        panic("rumpuser: downgrade of an rwlock not write-held");
    rw->writer = 0;
    rw->owner = NULL;
    rw->readers = 1;
    waitq_wake_all(&rw->wq); /* other readers may enter now */
}

void
rumpuser_rw_exit(struct rumpuser_rw *rw)
{
    if (rw->writer) {
        rw->writer = 0;
        rw->owner = NULL;
    } else if (rw->readers > 0) {
        rw->readers--;
    } else {
        panic("rumpuser: exit of an rwlock that is not held");
    }
    if (!rw->writer && rw->readers == 0 && rw->wq.head)
        waitq_wake_all(&rw->wq);
}

void
rumpuser_rw_destroy(struct rumpuser_rw *rw)
{
    if (rw->writer || rw->readers || rw->writers_waiting || rw->wq.head)
        panic("rumpuser: destroying an rwlock in use");
    mm_free(rw);
}

void
rumpuser_rw_held(int op, struct rumpuser_rw *rw, int *rvp)
{
    if (op == RUMPUSER_RW_WRITER)
        *rvp = rw->writer && rw->owner == rumpuser_curlwp();
    else
        *rvp = rw->readers > 0;
}

/* Condition variables. */

struct rumpuser_cv {
    int nwaiters;
    struct waitq wq;
};

void
rumpuser_cv_init(struct rumpuser_cv **cvp)
{
    struct rumpuser_cv *cv = mm_malloc(sizeof(*cv), 0);

    if (cv == NULL)
        panic("rumpuser: no memory for a condvar");
    *cv = (struct rumpuser_cv){ 0 };
    *cvp = cv;
}

void
rumpuser_cv_destroy(struct rumpuser_cv *cv)
{
    if (cv->nwaiters)
        panic("rumpuser: destroying a condvar with waiters");
    mm_free(cv);
}

/*
 * Releases mtx and waits on cv (no thread runs in between: cooperative),
 * then takes mtx back; with wrap, the rump CPU is released around it.
 * A kernel spin mutex is taken back only after the CPU: spin mutexes are
 * entered without releasing the CPU, so holding one while waiting for the
 * CPU deadlocks against a CPU holder that enters it. The scheduler's own
 * CPU mutex (spin, not KMUTEX) is the exception: the rump kernel expects
 * it held when it schedules with it as interlock (rumpuser_pth.c in NetBSD
 * makes the same distinction). Returns 0 or RX_ETIMEDOUT.
 */
static int
cv_wait_locked(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
               uint64_t deadline, int wrap)
{
    int nlocks = 0, rc;

    cv->nwaiters++;
    if (wrap)
        hyp_unsched(&nlocks, mtx);
    rumpuser_mutex_exit(mtx);
    rc = waitq_wait(&cv->wq, deadline);
    if (wrap && (mtx->flags & (RUMPUSER_MTX_SPIN | RUMPUSER_MTX_KMUTEX)) ==
                    (RUMPUSER_MTX_SPIN | RUMPUSER_MTX_KMUTEX)) {
        hyp_sched(nlocks, mtx);
        rumpuser_mutex_enter_nowrap(mtx);
    } else {
        rumpuser_mutex_enter_nowrap(mtx);
        if (wrap)
            hyp_sched(nlocks, mtx);
    }
    cv->nwaiters--;
    return rc == -RX_ETIMEDOUT ? RX_ETIMEDOUT : 0;
}

void
rumpuser_cv_wait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
    (void)cv_wait_locked(cv, mtx, 0, 1);
}

void
rumpuser_cv_wait_nowrap(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx)
{
    (void)cv_wait_locked(cv, mtx, 0, 0);
}

int
rumpuser_cv_timedwait(struct rumpuser_cv *cv, struct rumpuser_mtx *mtx,
                      int64_t sec, int64_t nsec)
{
    if (sec < 0 || nsec < 0)
        return RX_EINVAL;
    return cv_wait_locked(cv, mtx, hyp_deadline(time_now_ns(), sec, nsec), 1);
}

void
rumpuser_cv_signal(struct rumpuser_cv *cv)
{
    if (cv->wq.head)
        waitq_wake_one(&cv->wq);
}

void
rumpuser_cv_broadcast(struct rumpuser_cv *cv)
{
    if (cv->wq.head)
        waitq_wake_all(&cv->wq);
}

void
rumpuser_cv_has_waiters(struct rumpuser_cv *cv, int *rvp)
{
    *rvp = cv->nwaiters > 0;
}

/* See rumpxen/hypercall.h: the cookie carries the number of locks held. */
void *
hypercall_unschedule(void)
{
    int nlocks;

    hyp_unsched(&nlocks, NULL);
    return (void *)(intptr_t)nlocks;
}

void
hypercall_schedule(void *cookie)
{
    hyp_sched((int)(intptr_t)cookie, NULL);
}
