/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * POSIX reader/writer locks and unnamed semaphores for newlib programs,
 * on platform wait queues (cooperative threads on one vCPU: no atomics).
 * Both are objects of pthread.c's table behind 32-bit ids. A waiting
 * writer holds off new readers, so writers are not starved. Named
 * semaphores (sem_open) fail with ENOSYS.
 */
#include <errno.h>
#include <pthread.h>
#include <semaphore.h>
#include <stdarg.h>
#include <time.h>

#include <rumpxen/sched.h>

#include "glue.h"
#include "glue_thread.h"

struct grwlock {
    int readers;           /* holding it shared */
    struct thread *writer; /* holding it exclusive, or NULL */
    int writers_waiting;
    struct waitq wq;
};

struct gsem {
    unsigned value;
    struct waitq wq;
};

int
pthread_rwlock_init(pthread_rwlock_t *rw, const pthread_rwlockattr_t *attr)
{
    (void)attr;
    *rw = GLUE_STATIC_INIT;
    return glue_object_of(rw, sizeof(struct grwlock)) != NULL ? 0 : ENOMEM;
}

int
pthread_rwlock_destroy(pthread_rwlock_t *rw)
{
    struct grwlock *g = glue_object_get(*rw);

    if (g == NULL)
        return *rw == GLUE_STATIC_INIT ? 0 : EINVAL;
    if (g->readers > 0 || g->writer != NULL)
        return EBUSY;
    glue_object_free(*rw);
    return 0;
}

/* Takes rw shared (write 0) or exclusive; deadline 0 waits forever. */
static int
rwlock_take(pthread_rwlock_t *rw, int write, int try, uint64_t deadline)
{
    struct grwlock *g = glue_object_of(rw, sizeof(*g));
    struct thread *me = sched_current();
    int rc = 0;

    if (g == NULL)
        return EINVAL;
    if (g->writer == me)
        return try ? EBUSY : EDEADLK;
    for (;;) {
        int busy = write ? g->readers > 0 || g->writer != NULL
                         : g->writer != NULL || g->writers_waiting > 0;

        if (!busy)
            break;
        if (try)
            return EBUSY;
        g->writers_waiting += write;
        rc = waitq_wait(&g->wq, deadline);
        g->writers_waiting -= write;
        if (rc != 0) {
            /* Timed out: others may now go (a reader held off by us). */
            waitq_wake_all(&g->wq);
            return ETIMEDOUT;
        }
    }
    if (write)
        g->writer = me;
    else
        g->readers++;
    return 0;
}

int
pthread_rwlock_rdlock(pthread_rwlock_t *rw)
{
    return rwlock_take(rw, 0, 0, 0);
}

int
pthread_rwlock_tryrdlock(pthread_rwlock_t *rw)
{
    return rwlock_take(rw, 0, 1, 0);
}

int
pthread_rwlock_timedrdlock(pthread_rwlock_t *rw, const struct timespec *abs)
{
    return rwlock_take(rw, 0, 0, glue_deadline_of(abs));
}

int
pthread_rwlock_wrlock(pthread_rwlock_t *rw)
{
    return rwlock_take(rw, 1, 0, 0);
}

int
pthread_rwlock_trywrlock(pthread_rwlock_t *rw)
{
    return rwlock_take(rw, 1, 1, 0);
}

int
pthread_rwlock_timedwrlock(pthread_rwlock_t *rw, const struct timespec *abs)
{
    return rwlock_take(rw, 1, 0, glue_deadline_of(abs));
}

int
pthread_rwlock_unlock(pthread_rwlock_t *rw)
{
    struct grwlock *g = glue_object_get(*rw);

    if (g == NULL)
        return EINVAL;
    if (g->writer == sched_current())
        g->writer = NULL;
    else if (g->readers > 0)
        g->readers--;
    else
        return EPERM;
    /* Everyone rechecks: a writer or all readers get in. */
    if (g->readers == 0)
        waitq_wake_all(&g->wq);
    return 0;
}

int
pthread_rwlockattr_init(pthread_rwlockattr_t *attr)
{
    attr->is_initialized = 1;
    return 0;
}

int
pthread_rwlockattr_destroy(pthread_rwlockattr_t *attr)
{
    attr->is_initialized = 0;
    return 0;
}

/* Semaphores: errors through errno, as POSIX says for sem_*. */

int
sem_init(sem_t *sem, int pshared, unsigned value)
{
    struct gsem *g;

    (void)pshared; /* one process: shared or not is the same */
    if (value > SEM_VALUE_MAX)
        return glue_fail(EINVAL);
    sem->__id = GLUE_STATIC_INIT;
    if ((g = glue_object_of(&sem->__id, sizeof(*g))) == NULL)
        return glue_fail(ENOSPC);
    g->value = value;
    return 0;
}

int
sem_destroy(sem_t *sem)
{
    if (glue_object_get(sem->__id) == NULL)
        return glue_fail(EINVAL);
    glue_object_free(sem->__id);
    return 0;
}

static int
sem_take(sem_t *sem, int try, uint64_t deadline)
{
    struct gsem *g = glue_object_get(sem->__id);

    if (g == NULL)
        return glue_fail(EINVAL);
    while (g->value == 0) {
        if (try)
            return glue_fail(EAGAIN);
        if (waitq_wait(&g->wq, deadline) != 0 && g->value == 0)
            return glue_fail(ETIMEDOUT);
    }
    g->value--;
    return 0;
}

int
sem_wait(sem_t *sem)
{
    return sem_take(sem, 0, 0);
}

int
sem_trywait(sem_t *sem)
{
    return sem_take(sem, 1, 0);
}

int
sem_timedwait(sem_t *sem, const struct timespec *abstime)
{
    if (abstime->tv_nsec < 0 || abstime->tv_nsec >= 1000000000L)
        return glue_fail(EINVAL);
    return sem_take(sem, 0, glue_deadline_of(abstime));
}

int
sem_post(sem_t *sem)
{
    struct gsem *g = glue_object_get(sem->__id);

    if (g == NULL)
        return glue_fail(EINVAL);
    if (g->value == SEM_VALUE_MAX)
        return glue_fail(EOVERFLOW);
    g->value++;
    waitq_wake_one(&g->wq);
    return 0;
}

int
sem_getvalue(sem_t *sem, int *value)
{
    struct gsem *g = glue_object_get(sem->__id);

    if (g == NULL)
        return glue_fail(EINVAL);
    *value = (int)g->value;
    return 0;
}

sem_t *
sem_open(const char *name, int oflag, ...)
{
    (void)name;
    (void)oflag;
    glue_fail(ENOSYS);
    return SEM_FAILED;
}

int
sem_close(sem_t *sem)
{
    (void)sem;
    return glue_fail(ENOSYS);
}

int
sem_unlink(const char *name)
{
    (void)name;
    return glue_fail(ENOSYS);
}
