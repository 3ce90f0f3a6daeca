/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * POSIX threads for newlib programs on platform threads (cooperative, one
 * vCPU: no atomics needed, a thread runs until it blocks or yields).
 * newlib's pthread_mutex_t and pthread_cond_t are 32-bit ids: they index a
 * table of objects made on first use (also from the static initializers).
 * With the rump kernel (profile "rump"), each thread is bound to a rump
 * kernel lwp of its own for its whole life, so its system calls take no
 * temporary lwp. rwlocks and semaphores are in pthread_sync.c. Not yet:
 * barriers, and reaping a thread detached after it was created (its
 * platform thread stays until the guest ends).
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <stdlib.h>
#include <string.h>
#include <time.h>

#include <rumpxen/sched.h>
#include <rumpxen/time.h>

#include "glue_thread.h"

#define MAX_OBJECTS 4096
#define MAX_KEYS 64
#define STACK_MIN 16384

struct gthread {
    struct thread *t;
    uint32_t id;
    void *(*fn)(void *);
    void *arg, *ret;
    int detached;
    int bound; /* has a rump kernel lwp of its own */
    const void *values[MAX_KEYS];
};

struct gmutex {
    struct thread *owner;
    int type, count;
    struct waitq wq;
};

struct gcond {
    struct waitq wq;
};

static void *objects[MAX_OBJECTS]; /* id i+1 is objects[i] */
static struct gthread *threads[MAX_OBJECTS];
static void (*key_dtor[MAX_KEYS])(void *);
static int key_used[MAX_KEYS];
static __thread struct gthread *self;

/* A free slot's id (1..MAX_OBJECTS) in table for obj, or 0 if full. */
static uint32_t
slot_new(void **table, void *obj)
{
    for (uint32_t i = 0; i < MAX_OBJECTS; i++)
        if (table[i] == NULL) {
            table[i] = obj;
            return i + 1;
        }
    return 0;
}

static void *
slot_get(void **table, uint32_t id)
{
    return id >= 1 && id <= MAX_OBJECTS ? table[id - 1] : NULL;
}

void *
glue_object_of(uint32_t *id, size_t size)
{
    void *obj;

    if (*id != GLUE_STATIC_INIT)
        return slot_get(objects, *id);
    if ((obj = calloc(1, size)) == NULL)
        return NULL;
    if ((*id = slot_new(objects, obj)) == 0) {
        free(obj);
        *id = GLUE_STATIC_INIT;
        return NULL;
    }
    return obj;
}

static struct gthread *
self_get(void)
{
    if (self == NULL && (self = calloc(1, sizeof(*self))) != NULL)
        self->t = sched_current();
    return self;
}

void *
glue_object_get(uint32_t id)
{
    return slot_get(objects, id);
}

void
glue_object_free(uint32_t id)
{
    void *obj = slot_get(objects, id);

    if (obj != NULL) {
        objects[id - 1] = NULL;
        free(obj);
    }
}

uint64_t
glue_deadline_of(const struct timespec *abstime)
{
    int64_t abs_ns =
        (int64_t)abstime->tv_sec * (int64_t)NSEC_PER_SEC + abstime->tv_nsec;
    int64_t left = abs_ns - (int64_t)time_wall_ns();

    return time_now_ns() + (left > 0 ? (uint64_t)left : 0) + 1;
}

static void
run_dtors(struct gthread *g)
{
    for (int round = 0; round < 4; round++)
        for (int k = 0; k < MAX_KEYS; k++) {
            void *v = (void *)g->values[k];

            if (v != NULL && key_used[k] && key_dtor[k] != NULL) {
                g->values[k] = NULL;
                key_dtor[k](v);
            }
        }
}

/*
 * The rump kernel's lwp calls, present only in images with the rump
 * kernel (weak: NULL in the platform-only profile). Threads bind to
 * process 1, where the rump kernel runs the main thread's calls too, so
 * all threads share one descriptor table.
 */
extern int rump_pub_lwproc_newlwp(int pid) __attribute__((weak));
extern void rump_pub_lwproc_releaselwp(void) __attribute__((weak));
#define RUMP_INIT_PID 1

int
glue_lwp_bind(void)
{
    if (rump_pub_lwproc_newlwp == NULL)
        return 0;
    return rump_pub_lwproc_newlwp(RUMP_INIT_PID) == 0;
}

/* Gives a thread's lwp back to the rump kernel, if it has one. */
static void
lwp_release(struct gthread *g)
{
    if (g->bound) {
        g->bound = 0;
        rump_pub_lwproc_releaselwp();
    }
}

static void
trampoline(void *arg)
{
    struct gthread *g = arg;

    self = g;
    g->bound = glue_lwp_bind();
    g->ret = g->fn(g->arg);
    run_dtors(g);
    lwp_release(g);
    if (g->detached) {
        threads[g->id - 1] = NULL;
        self = NULL;
        free(g);
    }
}

int
pthread_create(pthread_t *id, const pthread_attr_t *attr, void *(*fn)(void *),
               void *arg)
{
    struct gthread *g = calloc(1, sizeof(*g));
    size_t stack = attr != NULL && attr->stacksize > 0 ? attr->stacksize : 0;
    int err;

    if (g == NULL)
        return EAGAIN;
    g->fn = fn;
    g->arg = arg;
    g->detached = attr != NULL && attr->detachstate == PTHREAD_CREATE_DETACHED;
    if ((*id = slot_new((void **)threads, g)) == 0) {
        free(g);
        return EAGAIN;
    }
    g->id = *id;
    g->t = sched_create("pthread", trampoline, g, stack,
                        g->detached ? 0 : SCHED_JOINABLE, &err);
    if (g->t == NULL) {
        threads[*id - 1] = NULL;
        free(g);
        return EAGAIN;
    }
    return 0;
}

int
pthread_join(pthread_t id, void **ret)
{
    struct gthread *g = slot_get((void **)threads, id);

    if (g == NULL)
        return ESRCH;
    if (g == self || g->detached)
        return g == self ? EDEADLK : EINVAL;
    sched_join(g->t);
    if (ret != NULL)
        *ret = g->ret;
    threads[id - 1] = NULL;
    free(g);
    return 0;
}

int
pthread_detach(pthread_t id)
{
    struct gthread *g = slot_get((void **)threads, id);

    if (g == NULL)
        return ESRCH;
    g->detached = 1;
    return 0;
}

void
pthread_exit(void *ret)
{
    struct gthread *g = self_get();

    if (g != NULL) {
        g->ret = ret;
        run_dtors(g);
        lwp_release(g);
    }
    sched_exit();
}

int
pthread_mutex_init(pthread_mutex_t *m, const pthread_mutexattr_t *attr)
{
    struct gmutex *gm;

    *m = GLUE_STATIC_INIT;
    if ((gm = glue_object_of(m, sizeof(*gm))) == NULL)
        return ENOMEM;
    gm->type = attr != NULL ? attr->type : PTHREAD_MUTEX_DEFAULT;
    return 0;
}

int
pthread_mutex_destroy(pthread_mutex_t *m)
{
    struct gmutex *gm = slot_get(objects, *m);

    if (gm == NULL)
        return *m == GLUE_STATIC_INIT ? 0 : EINVAL;
    if (gm->owner != NULL)
        return EBUSY;
    objects[*m - 1] = NULL;
    free(gm);
    return 0;
}

static int
mutex_lock(pthread_mutex_t *m, uint64_t deadline, int try)
{
    struct gmutex *gm = glue_object_of(m, sizeof(*gm));
    struct thread *me = sched_current();

    if (gm == NULL)
        return EINVAL;
    if (gm->owner == me) {
        if (gm->type == PTHREAD_MUTEX_RECURSIVE) {
            gm->count++;
            return 0;
        }
        return try ? EBUSY : EDEADLK;
    }
    while (gm->owner != NULL) {
        if (try)
            return EBUSY;
        if (waitq_wait(&gm->wq, deadline) != 0 && gm->owner != NULL)
            return ETIMEDOUT;
    }
    gm->owner = me;
    gm->count = 1;
    return 0;
}

int
pthread_mutex_lock(pthread_mutex_t *m)
{
    return mutex_lock(m, 0, 0);
}

int
pthread_mutex_trylock(pthread_mutex_t *m)
{
    return mutex_lock(m, 0, 1);
}

int
pthread_mutex_timedlock(pthread_mutex_t *m, const struct timespec *abstime)
{
    return mutex_lock(m, glue_deadline_of(abstime), 0);
}

int
pthread_mutex_unlock(pthread_mutex_t *m)
{
    struct gmutex *gm = slot_get(objects, *m);

    if (gm == NULL || gm->owner != sched_current())
        return EPERM;
    if (--gm->count == 0) {
        gm->owner = NULL;
        waitq_wake_one(&gm->wq);
    }
    return 0;
}

int
pthread_mutexattr_init(pthread_mutexattr_t *attr)
{
    memset(attr, 0, sizeof(*attr));
    attr->is_initialized = 1;
    attr->type = PTHREAD_MUTEX_DEFAULT;
    return 0;
}

int
pthread_mutexattr_destroy(pthread_mutexattr_t *attr)
{
    attr->is_initialized = 0;
    return 0;
}

int
pthread_mutexattr_settype(pthread_mutexattr_t *attr, int type)
{
    if (type < PTHREAD_MUTEX_NORMAL || type > PTHREAD_MUTEX_DEFAULT)
        return EINVAL;
    attr->type = type;
    return 0;
}

int
pthread_cond_init(pthread_cond_t *c, const pthread_condattr_t *attr)
{
    (void)attr;
    *c = GLUE_STATIC_INIT;
    return glue_object_of(c, sizeof(struct gcond)) != NULL ? 0 : ENOMEM;
}

int
pthread_cond_destroy(pthread_cond_t *c)
{
    struct gcond *gc = slot_get(objects, *c);

    if (gc != NULL) {
        objects[*c - 1] = NULL;
        free(gc);
    }
    return 0;
}

static int
cond_wait(pthread_cond_t *c, pthread_mutex_t *m, uint64_t deadline)
{
    struct gcond *gc = glue_object_of(c, sizeof(*gc));
    struct gmutex *gm = slot_get(objects, *m);
    int timed_out, count;

    if (gc == NULL || gm == NULL || gm->owner != sched_current())
        return EINVAL;
    /* Release the mutex whole and wait: no thread runs in between. */
    count = gm->count;
    gm->count = 1;
    pthread_mutex_unlock(m);
    timed_out = waitq_wait(&gc->wq, deadline) != 0;
    mutex_lock(m, 0, 0);
    gm->count = count;
    return timed_out ? ETIMEDOUT : 0;
}

int
pthread_cond_wait(pthread_cond_t *c, pthread_mutex_t *m)
{
    return cond_wait(c, m, 0);
}

int
pthread_cond_timedwait(pthread_cond_t *c, pthread_mutex_t *m,
                       const struct timespec *abstime)
{
    return cond_wait(c, m, glue_deadline_of(abstime));
}

int
pthread_cond_signal(pthread_cond_t *c)
{
    struct gcond *gc = glue_object_of(c, sizeof(*gc));

    if (gc != NULL)
        waitq_wake_one(&gc->wq);
    return 0;
}

int
pthread_cond_broadcast(pthread_cond_t *c)
{
    struct gcond *gc = glue_object_of(c, sizeof(*gc));

    if (gc != NULL)
        waitq_wake_all(&gc->wq);
    return 0;
}

/* init_executed: 0 not run, 1 running, 2 done; others wait it out. */
int
pthread_once(pthread_once_t *once, void (*fn)(void))
{
    if (once->init_executed == 0) {
        once->init_executed = 1;
        fn();
        once->init_executed = 2;
    }
    while (once->init_executed == 1)
        sched_thread_yield();
    return 0;
}

int
pthread_key_create(pthread_key_t *key, void (*dtor)(void *))
{
    for (int k = 0; k < MAX_KEYS; k++)
        if (!key_used[k]) {
            key_used[k] = 1;
            key_dtor[k] = dtor;
            *key = (pthread_key_t)k;
            return 0;
        }
    return EAGAIN;
}

int
pthread_key_delete(pthread_key_t key)
{
    if (key >= MAX_KEYS || !key_used[key])
        return EINVAL;
    key_used[key] = 0;
    return 0;
}

void *
pthread_getspecific(pthread_key_t key)
{
    struct gthread *g = self_get();

    return key < MAX_KEYS && g != NULL ? (void *)g->values[key] : NULL;
}

int
pthread_setspecific(pthread_key_t key, const void *value)
{
    struct gthread *g = self_get();

    if (key >= MAX_KEYS || !key_used[key])
        return EINVAL;
    if (g == NULL)
        return ENOMEM;
    g->values[key] = value;
    return 0;
}

pthread_t
pthread_self(void)
{
    struct gthread *g = self_get();

    for (uint32_t i = 0; g != NULL && i < MAX_OBJECTS; i++)
        if (threads[i] == g)
            return i + 1;
    return 0;
}

int
pthread_equal(pthread_t a, pthread_t b)
{
    return a == b;
}

int
pthread_attr_init(pthread_attr_t *attr)
{
    memset(attr, 0, sizeof(*attr));
    attr->is_initialized = 1;
    attr->detachstate = PTHREAD_CREATE_JOINABLE;
    return 0;
}

int
pthread_attr_destroy(pthread_attr_t *attr)
{
    attr->is_initialized = 0;
    return 0;
}

int
pthread_attr_setdetachstate(pthread_attr_t *attr, int state)
{
    attr->detachstate = state;
    return 0;
}

int
pthread_attr_setstacksize(pthread_attr_t *attr, size_t size)
{
    if (size < STACK_MIN)
        return EINVAL;
    attr->stacksize = (int)size;
    return 0;
}

/* POSIX's: lets every other runnable thread run first; never fails. */
int
sched_yield(void)
{
    sched_thread_yield();
    return 0;
}
