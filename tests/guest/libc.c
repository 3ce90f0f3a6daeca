/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * newlib on the platform-only profile (libc-glue without the rump kernel):
 * printf, malloc, time, sleep, 8 pthreads (mutex, condition variables with
 * timeouts, once, keys), errno values (per thread) and argv (the command
 * line is "libc-arg"). Prints "libc: PASS" or what failed; exit status 0 or 1.
 */
#include <errno.h>
#include <fcntl.h>
#include <malloc.h>
#include <pthread.h>
#include <sched.h>
#include <semaphore.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <syslog.h>
#include <time.h>
#include <unistd.h>

#include "libc_test.h"

static void
test_printf(void)
{
    char buf[64];

    snprintf(buf, sizeof(buf), "%d %s %.2f %llx %-3s|", -42, "str", 2.5,
             0x123456789abcULL, "a");
    EXPECT(strcmp(buf, "-42 str 2.50 123456789abc a  |") == 0);
    EXPECT(strtol("-77", NULL, 10) == -77);
    /* POSIX's sched_yield returns int (the platform's is void). */
    EXPECT(sched_yield() == 0);
    EXPECT(printf("libc: printf to stdout works\n") == 29);
    EXPECT(fprintf(stderr, "libc: stderr too\n") == 17);
}

static void
test_malloc(void)
{
    enum { N = 200 };
    static char *p[N];
    char *q;
    void *volatile huge;
    int ok = 1;

    for (int i = 0; i < N; i++) {
        p[i] = malloc((size_t)i * 97 + 1);
        if (p[i] == NULL) {
            ok = 0;
            break;
        }
        memset(p[i], i & 0xff, (size_t)i * 97 + 1);
    }
    EXPECT(ok);
    for (int i = 0; ok && i < N; i++)
        if ((unsigned char)p[i][(size_t)i * 97] != (i & 0xff))
            ok = 0;
    EXPECT(ok);
    for (int i = 0; i < N; i++)
        free(p[i]);
    q = calloc(1000, 4);
    EXPECT(q != NULL && q[0] == 0 && q[3999] == 0);
    strcpy(q, "keep me");
    q = realloc(q, 100000);
    EXPECT(q != NULL && strcmp(q, "keep me") == 0);
    free(q);
    EXPECT(((unsigned long)memalign(4096, 10) & 4095) == 0);
    /* Stored, so the compiler can not drop the call as unused. */
    errno = 0;
    huge = malloc((size_t)1 << 40);
    EXPECT(huge == NULL && errno == ENOMEM);
    free(huge);
}

static void
test_time(void)
{
    struct timespec a, b;
    struct timeval tv;
    time_t now = time(NULL);

    /* The wall clock is set: after 2020-01-01. */
    EXPECT(now > 1577836800);
    EXPECT(gettimeofday(&tv, NULL) == 0 && tv.tv_sec >= now);
    EXPECT(clock_gettime(CLOCK_MONOTONIC, &a) == 0);
    EXPECT(sleep(1) == 0);
    EXPECT(clock_gettime(CLOCK_MONOTONIC, &b) == 0);
    EXPECT(b.tv_sec - a.tv_sec >= 1 && b.tv_sec - a.tv_sec <= 3);
    a.tv_sec = 0;
    a.tv_nsec = 20 * 1000 * 1000;
    clock_gettime(CLOCK_MONOTONIC, &b);
    EXPECT(nanosleep(&a, NULL) == 0);
    clock_gettime(CLOCK_MONOTONIC, &a);
    EXPECT((a.tv_sec - b.tv_sec) * 1000000000L + a.tv_nsec - b.tv_nsec >=
           20 * 1000 * 1000);
    a.tv_nsec = 1000000000L;
    EXPECT(nanosleep(&a, NULL) == -1 && errno == EINVAL);
    EXPECT(clock_gettime((clockid_t)99, &a) == -1 && errno == EINVAL);
    printf("libc: time %lld, slept 1 s\n", (long long)now);
}

static void
test_errno(void)
{
    struct stat st;

    errno = 0;
    EXPECT(open("/etc/passwd", O_RDONLY) == -1 && errno == ENOSYS);
    EXPECT(fopen("/etc/passwd", "r") == NULL && errno == ENOSYS);
    EXPECT(stat("/", &st) == -1 && errno == ENOSYS);
    EXPECT(fork() == -1 && errno == ENOSYS);
    EXPECT(write(7, "x", 1) == -1 && errno == EBADF);
    EXPECT(lseek(1, 0, SEEK_SET) == -1 && errno == ESPIPE);
    EXPECT(fstat(1, &st) == 0 && S_ISCHR(st.st_mode));
    EXPECT(isatty(1) == 1);
    EXPECT(strcmp(strerror(ENOSYS), "Function not implemented") == 0);
}

/* Each thread sets errno, lets the others run, and finds its own value. */
static int thread_ok[3];

static void *
errno_thread(void *arg)
{
    int i = (int)(long)arg;
    int want[] = {EBADF, ENOSYS, ESPIPE};

    errno = want[i];
    for (int k = 0; k < 5; k++)
        sched_yield();
    thread_ok[i] = errno == want[i];
    if (i == 1)
        thread_ok[i] &= open("/x", O_RDONLY) == -1 && errno == ENOSYS;
    return NULL;
}

static void
test_errno_threads(void)
{
    pthread_t t[3];

    errno = EDOM;
    for (long i = 0; i < 3; i++)
        EXPECT(pthread_create(&t[i], NULL, errno_thread, (void *)i) == 0);
    for (int i = 0; i < 3; i++) {
        EXPECT(pthread_join(t[i], NULL) == 0);
        EXPECT(thread_ok[i]);
    }
    EXPECT(errno == EDOM);
}

/* 8 threads: a counter under a mutex, a gate on a condition variable. */
enum { NTHREADS = 8, ROUNDS = 50 };
static pthread_mutex_t lock = PTHREAD_MUTEX_INITIALIZER;
static pthread_cond_t gate_cv = PTHREAD_COND_INITIALIZER;
static pthread_once_t once = PTHREAD_ONCE_INIT;
static pthread_key_t key;
static int counter, gate_open, once_runs, dtor_runs, key_ok;

static void
once_fn(void)
{
    once_runs++;
    sched_yield(); /* others must wait for the first run to finish */
}

static void
key_dtor(void *v)
{
    (void)v;
    dtor_runs++;
}

static void *
worker(void *arg)
{
    long i = (long)arg;

    pthread_once(&once, once_fn);
    pthread_setspecific(key, (void *)(i + 100));
    pthread_mutex_lock(&lock);
    while (!gate_open)
        pthread_cond_wait(&gate_cv, &lock);
    pthread_mutex_unlock(&lock);
    for (int r = 0; r < ROUNDS; r++) {
        pthread_mutex_lock(&lock);
        int c = counter;
        sched_yield(); /* a lost update shows without the mutex */
        counter = c + 1;
        pthread_mutex_unlock(&lock);
    }
    key_ok += pthread_getspecific(key) == (void *)(i + 100);
    return (void *)(i * 2);
}

static void
test_pthreads(void)
{
    pthread_t t[NTHREADS];
    pthread_mutex_t rec;
    pthread_mutexattr_t ma;
    struct timespec ts;
    void *ret;
    int ok = 1;

    EXPECT(pthread_key_create(&key, key_dtor) == 0);
    for (long i = 0; i < NTHREADS; i++)
        ok &= pthread_create(&t[i], NULL, worker, (void *)i) == 0;
    EXPECT(ok);
    usleep(10000);
    pthread_mutex_lock(&lock);
    gate_open = 1;
    pthread_cond_broadcast(&gate_cv);
    pthread_mutex_unlock(&lock);
    for (long i = 0; i < NTHREADS; i++)
        ok &= pthread_join(t[i], &ret) == 0 && ret == (void *)(i * 2);
    EXPECT(ok);
    EXPECT(counter == NTHREADS * ROUNDS);
    EXPECT(once_runs == 1);
    EXPECT(key_ok == NTHREADS && dtor_runs == NTHREADS);
    /* A timed wait that nobody signals: ETIMEDOUT (newlib's 116). */
    clock_gettime(CLOCK_REALTIME, &ts);
    ts.tv_nsec += 50 * 1000 * 1000;
    if (ts.tv_nsec >= 1000000000L) {
        ts.tv_sec++;
        ts.tv_nsec -= 1000000000L;
    }
    pthread_mutex_lock(&lock);
    EXPECT(pthread_cond_timedwait(&gate_cv, &lock, &ts) == ETIMEDOUT);
    pthread_mutex_unlock(&lock);
    EXPECT(pthread_mutex_unlock(&lock) == EPERM);
    pthread_mutexattr_init(&ma);
    pthread_mutexattr_settype(&ma, PTHREAD_MUTEX_RECURSIVE);
    EXPECT(pthread_mutex_init(&rec, &ma) == 0);
    EXPECT(pthread_mutex_lock(&rec) == 0 && pthread_mutex_lock(&rec) == 0);
    EXPECT(pthread_mutex_unlock(&rec) == 0 && pthread_mutex_unlock(&rec) == 0);
    EXPECT(pthread_mutex_trylock(&rec) == 0 && pthread_mutex_unlock(&rec) == 0);
    EXPECT(pthread_mutex_destroy(&rec) == 0);
    printf("libc: %d pthreads counted to %d\n", NTHREADS, counter);
}

/* rwlocks and semaphores without the rump kernel (no lwps to bind). */
static void
test_sync(void)
{
    pthread_rwlock_t rw;
    sem_t sem;
    int v;

    EXPECT(pthread_rwlock_init(&rw, NULL) == 0);
    EXPECT(pthread_rwlock_rdlock(&rw) == 0 && pthread_rwlock_rdlock(&rw) == 0);
    EXPECT(pthread_rwlock_trywrlock(&rw) == EBUSY);
    EXPECT(pthread_rwlock_unlock(&rw) == 0 && pthread_rwlock_unlock(&rw) == 0);
    EXPECT(pthread_rwlock_trywrlock(&rw) == 0);
    EXPECT(pthread_rwlock_unlock(&rw) == 0 && pthread_rwlock_destroy(&rw) == 0);
    EXPECT(sem_init(&sem, 0, 2) == 0);
    EXPECT(sem_wait(&sem) == 0 && sem_trywait(&sem) == 0);
    EXPECT(sem_trywait(&sem) == -1 && errno == EAGAIN);
    EXPECT(sem_post(&sem) == 0 && sem_getvalue(&sem, &v) == 0 && v == 1);
    EXPECT(sem_destroy(&sem) == 0);
}

/* Lines checked on the console by tests/run.sh (check_console libc-*). */
static void
test_syslog(void)
{
    openlog("libc-syslog", LOG_PID, LOG_DAEMON);
    EXPECT(setlogmask(LOG_UPTO(LOG_INFO)) == 0xff);
    errno = ENOENT;
    syslog(LOG_ERR, "error %d: %m (100%%)", 42);
    EXPECT(errno == ENOENT);
    syslog(LOG_DEBUG, "masked: must not appear");
    closelog();
    syslog(LOG_INFO, "no ident\n");
    EXPECT(setlogmask(0) == LOG_UPTO(LOG_INFO));
}

int
main(int argc, char **argv)
{
    EXPECT(argc == 2 && strcmp(argv[1], "libc-arg") == 0);
    test_printf();
    test_malloc();
    test_time();
    test_errno();
    test_errno_threads();
    test_pthreads();
    test_sync();
    test_syslog();
    if (failures)
        printf("libc: FAIL (%d of %d checks)\n", failures, checks);
    else
        printf("libc: PASS (%d checks)", checks);
    /* No newline: stdout must be flushed when main returns. */
    return failures ? 1 : 0;
}
