/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The hosted side of the rump kernel benchmark workload: a static Linux
 * program on NetBSD's own POSIX rumpuser (librumpuser, pthreads), run as a
 * Linux DomU's /init. It runs the workload RUNS times (or RUMPWORK_RUNS
 * from the kernel command line), each in a fresh child process with its
 * own rump kernel (so rump_init is measured each time, as a rumpxen guest
 * boot does), then powers the domain off. Run
 * with an argument ("once") it runs the workload once and exits, for a
 * try on the build host.
 */
#define _GNU_SOURCE
#include "rumpwork.h"

#include <errno.h>
#include <pthread.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/reboot.h>
#include <sys/wait.h>
#include <time.h>
#include <unistd.h>

#include <rump/rump.h>

#define RUNS 3

static uint64_t init_ns;

/*
 * Static glibc's dlopen(NULL) succeeds, and librumpuser's
 * rumpuser_dl_bootstrap then walks a link map that is not there: the
 * program has no dynamic objects, so there are none to open.
 */
void *__wrap_dlopen(const char *file, int mode);
void *
__wrap_dlopen(const char *file, int mode)
{
    (void)file;
    (void)mode;
    return NULL;
}

uint64_t
rw_now_ns(void)
{
    struct timespec ts;

    clock_gettime(CLOCK_MONOTONIC, &ts);
    return (uint64_t)ts.tv_sec * 1000000000ULL + (uint64_t)ts.tv_nsec;
}

void
rw_puts(const char *line)
{
    printf("%s\n", line);
    fflush(stdout);
}

int
rw_fmt(char *buf, unsigned long size, const char *fmt, ...)
{
    va_list ap;
    int n;

    va_start(ap, fmt);
    n = vsnprintf(buf, size, fmt, ap);
    va_end(ap);
    return n;
}

int
rw_errno(void)
{
    return errno;
}

struct start {
    void (*fn)(void *);
    void *arg;
};

static void *
thread_main(void *p)
{
    struct start *s = p;

    s->fn(s->arg);
    return NULL;
}

int
rw_run_threads(int n, void (*fn)(void *), void *const *args)
{
    pthread_t t[16];
    struct start s[16];
    int started[16] = {0}, rc = 0;

    if (n > 16)
        return -1;
    for (int i = 0; i < n; i++) {
        s[i] = (struct start){fn, args[i]};
        started[i] = pthread_create(&t[i], NULL, thread_main, &s[i]) == 0;
        if (!started[i])
            rc = -1;
    }
    for (int i = 0; i < n; i++)
        if (started[i])
            pthread_join(t[i], NULL);
    return rc;
}

uint64_t
rw_rump_init_ns(void)
{
    return init_ns;
}

/* One run: a rump kernel with one virtual CPU, as rumpxen's. */
static int
run_once(void)
{
    uint64_t t0;
    int rc;

    setenv("RUMP_NCPU", "1", 1);
    t0 = rw_now_ns();
    rc = rump_init();
    init_ns = rw_now_ns() - t0;
    if (rc != 0) {
        printf("rumpwork: rump_init failed: %d\n", rc);
        return 1;
    }
    return rumpwork_run("hosted");
}

int
main(int argc, char **argv)
{
    int failed = 0, runs = RUNS;

    (void)argv;
    if (argc > 1)
        return run_once();
    /* Linux hands unknown kernel arguments (RUMPWORK_RUNS=N) to init. */
    if (getenv("RUMPWORK_RUNS"))
        runs = atoi(getenv("RUMPWORK_RUNS"));
    if (runs < 1 || runs > 100)
        runs = RUNS;
    for (int i = 0; i < runs; i++) {
        pid_t pid = fork();
        int status = 0;

        if (pid == 0)
            _exit(run_once());
        if (pid < 0 || waitpid(pid, &status, 0) != pid || !WIFEXITED(status) ||
            WEXITSTATUS(status) != 0)
            failed = 1;
    }
    printf("rumpwork: hosted runs %s\n", failed ? "FAIL" : "PASS");
    fflush(stdout);
    sync();
    reboot(RB_POWER_OFF);
    return failed;
}
