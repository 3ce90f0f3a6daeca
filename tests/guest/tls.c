/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of the ELF TLS layout: an initialised int (.tdata), an 8-byte
 * .tbss pointer like the rump kernel's curlwp, and a 64-byte-aligned
 * initialised variable (the segment's alignment is then 64). tls_int.c
 * builds it with the lone int only (a 4-byte, 4-aligned segment). Checked
 * in main and in threads, with each thread's values kept apart.
 */
#include <rumpxen/sched.h>

#include "guest_test.h"

#define WORKERS 4

static __thread int tls_int = 7;
#ifdef TLS_LONE_INT
static void *tls_curlwp;
static long tls_wide __attribute__((aligned(64))) = 0x1122334455667788;
#else
static __thread void *tls_curlwp;
static __thread long tls_wide __attribute__((aligned(64))) = 0x1122334455667788;
#endif

static int worker_ok[WORKERS + 1];

/* Whether this thread sees the initial values, then makes them its own. */
static int
check_fresh(int id, const char *who)
{
    int ok = 1;

    if (tls_int != 7 || tls_curlwp != NULL || tls_wide != 0x1122334455667788 ||
        ((uintptr_t)&tls_wide & 63)) {
        console_printf("tls: %s sees int %d, curlwp %p, wide 0x%lx at %p\n",
                       who, tls_int, tls_curlwp, (unsigned long)tls_wide,
                       (void *)&tls_wide);
        ok = 0;
    }
    tls_int = 100 + id;
#ifndef TLS_LONE_INT
    tls_curlwp = &worker_ok[id];
    tls_wide = id;
#endif
    return ok;
}

static void
worker(void *arg)
{
    int id = (int)(uintptr_t)arg;
    int ok = check_fresh(id, "thread");

    for (int i = 0; i < 10; i++) {
        sched_thread_yield();
        ok &= tls_int == 100 + id;
#ifndef TLS_LONE_INT
        ok &= tls_curlwp == &worker_ok[id] && tls_wide == id;
#endif
    }
    worker_ok[id] = ok;
}

int
main(void)
{
    struct thread *t[WORKERS];
    int err = 0;

    EXPECT(check_fresh(WORKERS, "main"));
    for (int i = 0; i < WORKERS; i++) {
        t[i] = sched_create("tls", worker, (void *)(uintptr_t)i, 0,
                            SCHED_JOINABLE, &err);
        EXPECT(t[i] != NULL);
    }
    for (int i = 0; i < WORKERS; i++) {
        EXPECT(t[i] && sched_join(t[i]) == 0);
        EXPECT(worker_ok[i]);
    }
    EXPECT(tls_int == 100 + WORKERS);
#ifdef TLS_LONE_INT
    return test_done("tls-int");
#else
    EXPECT(tls_curlwp == &worker_ok[WORKERS] && tls_wide == WORKERS);
    return test_done("tls");
#endif
}
