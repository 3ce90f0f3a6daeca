/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * newlib threads over the rump kernel (set "base"): every thread, main
 * included, has a rump kernel lwp of its own (rump_pub_lwproc_curlwp is
 * non-NULL, stays the same across system calls and differs between
 * threads); system calls timed bound against unbound (a thread that gave
 * its lwp back takes a temporary one per call); reader/writer locks
 * (shared readers, exclusive writers, try and timed forms) and
 * semaphores (a bounded buffer between 4 producers and 4 consumers,
 * trywait EAGAIN, timedwait ETIMEDOUT). Prints "libc-threads: PASS".
 */
#include <errno.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

/* The rump kernel's own calls (the image has the rump kernel). */
void *rump_pub_lwproc_curlwp(void);
void rump_pub_lwproc_releaselwp(void);

static int checks, failures;

#define EXPECT(cond)                                                           \
    do {                                                                       \
        checks++;                                                              \
        if (!(cond)) {                                                         \
            failures++;                                                        \
            printf("%s:%d: expected %s (errno %d)\n", __FILE__, __LINE__,      \
                   #cond, errno);                                              \
        }                                                                      \
    } while (0)

#define N_THREADS 8
#define CALLS 2000

static void *lwps[N_THREADS + 1];

static uint64_t
now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000u + (uint64_t)ts.tv_nsec;
}

/* ns per getrlimit system call, over CALLS calls. */
static uint64_t
time_calls(void)
{
    struct rlimit rl;
    uint64_t t0 = now_ns();

    for (int i = 0; i < CALLS; i++)
        if (getrlimit(RLIMIT_NOFILE, &rl) != 0)
            return 0;
    return (now_ns() - t0) / CALLS;
}

static void *
lwp_thread(void *arg)
{
    long i = (long)arg;
    struct rlimit rl;
    void *l = rump_pub_lwproc_curlwp();

    lwps[i] = l;
    for (int k = 0; k < 50; k++) {
        EXPECT(getrlimit(RLIMIT_NOFILE, &rl) == 0);
        EXPECT(rump_pub_lwproc_curlwp() == l);
        sched_yield();
    }
    return NULL;
}

static void
test_lwps(void)
{
    pthread_t t[N_THREADS];
    uint64_t bound, unbound;

    lwps[N_THREADS] = rump_pub_lwproc_curlwp();
    EXPECT(lwps[N_THREADS] != NULL); /* main */
    for (long i = 0; i < N_THREADS; i++)
        EXPECT(pthread_create(&t[i], NULL, lwp_thread, (void *)i) == 0);
    for (int i = 0; i < N_THREADS; i++)
        EXPECT(pthread_join(t[i], NULL) == 0);
    for (int i = 0; i <= N_THREADS; i++) {
        EXPECT(lwps[i] != NULL);
        for (int j = 0; j < i; j++)
            EXPECT(lwps[i] != lwps[j]);
    }
    /* The same calls from this thread bound, then after it unbinds. */
    bound = time_calls();
    rump_pub_lwproc_releaselwp();
    EXPECT(rump_pub_lwproc_curlwp() == NULL);
    unbound = time_calls();
    printf("libc-threads: getrlimit %lu ns bound, %lu ns with a temporary "
           "lwp per call\n",
           (unsigned long)bound, (unsigned long)unbound);
    EXPECT(bound > 0 && unbound > 0);
}

static pthread_rwlock_t rw = PTHREAD_RWLOCK_INITIALIZER;
static int readers_in, max_readers_in, writer_in, shared_value;

static void *
reader(void *arg)
{
    (void)arg;
    for (int r = 0; r < 20; r++) {
        EXPECT(pthread_rwlock_rdlock(&rw) == 0);
        readers_in++;
        if (readers_in > max_readers_in)
            max_readers_in = readers_in;
        EXPECT(!writer_in);
        sched_yield();
        readers_in--;
        EXPECT(pthread_rwlock_unlock(&rw) == 0);
        sched_yield();
    }
    return NULL;
}

static void *
writer(void *arg)
{
    (void)arg;
    for (int r = 0; r < 20; r++) {
        EXPECT(pthread_rwlock_wrlock(&rw) == 0);
        EXPECT(readers_in == 0 && !writer_in);
        writer_in = 1;
        int v = shared_value;
        sched_yield();
        shared_value = v + 1;
        writer_in = 0;
        EXPECT(pthread_rwlock_unlock(&rw) == 0);
        sched_yield();
    }
    return NULL;
}

static void
test_rwlock(void)
{
    pthread_t t[6];
    struct timespec abs;

    for (int i = 0; i < 6; i++)
        EXPECT(pthread_create(&t[i], NULL, i < 4 ? reader : writer, NULL) == 0);
    for (int i = 0; i < 6; i++)
        EXPECT(pthread_join(t[i], NULL) == 0);
    EXPECT(shared_value == 40 && max_readers_in > 1);
    EXPECT(pthread_rwlock_rdlock(&rw) == 0);
    EXPECT(pthread_rwlock_tryrdlock(&rw) == 0);
    EXPECT(pthread_rwlock_trywrlock(&rw) == EBUSY);
    clock_gettime(CLOCK_REALTIME, &abs);
    abs.tv_nsec += 20000000;
    if (abs.tv_nsec >= 1000000000) {
        abs.tv_sec++;
        abs.tv_nsec -= 1000000000;
    }
    EXPECT(pthread_rwlock_timedwrlock(&rw, &abs) == ETIMEDOUT);
    EXPECT(pthread_rwlock_unlock(&rw) == 0 && pthread_rwlock_unlock(&rw) == 0);
    EXPECT(pthread_rwlock_unlock(&rw) == EPERM);
    EXPECT(pthread_rwlock_wrlock(&rw) == 0);
    EXPECT(pthread_rwlock_tryrdlock(&rw) == EBUSY);
    EXPECT(pthread_rwlock_unlock(&rw) == 0);
    EXPECT(pthread_rwlock_destroy(&rw) == 0);
}

#define SLOTS 4
#define ITEMS 50

static sem_t empty, full;
static pthread_mutex_t buf_lock = PTHREAD_MUTEX_INITIALIZER;
static int buf[SLOTS], head, tail, consumed_sum;

static void *
producer(void *arg)
{
    long id = (long)arg;

    for (int i = 0; i < ITEMS; i++) {
        sem_wait(&empty);
        pthread_mutex_lock(&buf_lock);
        buf[head++ % SLOTS] = (int)id * 1000 + i;
        pthread_mutex_unlock(&buf_lock);
        sem_post(&full);
    }
    return NULL;
}

static void *
consumer(void *arg)
{
    (void)arg;
    for (int i = 0; i < ITEMS; i++) {
        sem_wait(&full);
        pthread_mutex_lock(&buf_lock);
        consumed_sum += buf[tail++ % SLOTS];
        pthread_mutex_unlock(&buf_lock);
        sem_post(&empty);
    }
    return NULL;
}

static void
test_sem(void)
{
    pthread_t t[8];
    struct timespec abs;
    int v, want = 0;
    sem_t s;

    EXPECT(sem_init(&empty, 0, SLOTS) == 0 && sem_init(&full, 0, 0) == 0);
    for (long i = 0; i < 8; i++)
        EXPECT(pthread_create(&t[i], NULL, i < 4 ? producer : consumer,
                              (void *)i) == 0);
    for (int i = 0; i < 8; i++)
        EXPECT(pthread_join(t[i], NULL) == 0);
    for (int p = 0; p < 4; p++)
        for (int i = 0; i < ITEMS; i++)
            want += p * 1000 + i;
    printf("libc-threads: semaphores passed %d items\n", head);
    EXPECT(head == 4 * ITEMS && tail == head && consumed_sum == want);
    EXPECT(sem_getvalue(&empty, &v) == 0 && v == SLOTS);
    EXPECT(sem_init(&s, 0, 1) == 0);
    EXPECT(sem_trywait(&s) == 0);
    EXPECT(sem_trywait(&s) == -1 && errno == EAGAIN);
    clock_gettime(CLOCK_REALTIME, &abs);
    abs.tv_nsec += 20000000;
    if (abs.tv_nsec >= 1000000000) {
        abs.tv_sec++;
        abs.tv_nsec -= 1000000000;
    }
    EXPECT(sem_timedwait(&s, &abs) == -1 && errno == ETIMEDOUT);
    EXPECT(sem_post(&s) == 0 && sem_getvalue(&s, &v) == 0 && v == 1);
    EXPECT(sem_destroy(&s) == 0 && sem_destroy(&empty) == 0 &&
           sem_destroy(&full) == 0);
    EXPECT(sem_open("/x", 0) == SEM_FAILED && errno == ENOSYS);
}

int
main(void)
{
    test_rwlock();
    test_sem();
    test_lwps();
    if (failures)
        printf("libc-threads: FAIL (%d of %d checks)\n", failures, checks);
    else
        printf("libc-threads: PASS (%d checks)\n", checks);
    return failures ? 1 : 0;
}
