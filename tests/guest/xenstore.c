/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of the xenstore client: write/read/directory/rm round trip,
 * error mapping, a watch fired by dom0 (tests/guest/xenstore-dom0.sh
 * answers data/poke-me by writing data/poke), a transaction conflict that
 * is retried, and requests from many threads in flight at once.
 */
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>
#include <rumpxen/xs.h>

#include "guest_test.h"

#define THREADS 8
#define ROUNDS 25

static int thread_errors;

static void
hammer(void *arg)
{
    int id = (int)(uintptr_t)arg;
    char path[32], want[16], got[16];

    fmt_snprintf(path, sizeof(path), "data/c/%d", id);
    for (int i = 0; i < ROUNDS; i++) {
        fmt_snprintf(want, sizeof(want), "%d-%d", id, i);
        if (xs_write(XS_TX_NONE, path, want) != 0 ||
            xs_read(XS_TX_NONE, path, got, sizeof(got)) < 0 ||
            strcmp(want, got) != 0)
            thread_errors++;
    }
}

/* One attempt of a transaction; conflict != 0 forces a conflict. */
static int
tx_attempt(int conflict)
{
    char buf[32];
    uint32_t tx;
    int rc;

    if ((rc = xs_transaction_start(&tx)) < 0)
        return rc;
    (void)xs_read(tx, "data/tx", buf, sizeof(buf));
    if (conflict)
        (void)xs_write(XS_TX_NONE, "data/tx", "outside");
    if ((rc = xs_write(tx, "data/tx", "inside")) < 0) {
        (void)xs_transaction_end(tx, 1);
        return rc;
    }
    return xs_transaction_end(tx, 0);
}

int
main(void)
{
    char buf[128], path[64];
    struct thread *t[THREADS];
    struct xs_watch w;
    int n, rc, attempts, err;
    uint64_t deadline;

    /* Round trip. */
    EXPECT(xs_write(XS_TX_NONE, "data/t/a", "1") == 0);
    EXPECT(xs_write(XS_TX_NONE, "data/t/b", "22") == 0);
    EXPECT(xs_read(XS_TX_NONE, "data/t/b", buf, sizeof(buf)) == 2);
    EXPECT(strcmp(buf, "22") == 0);
    EXPECT(xs_read(XS_TX_NONE, "data/t/b", buf, 2) == -RX_ERANGE);
    EXPECT(xs_mkdir(XS_TX_NONE, "data/t/dir") == 0);
    n = xs_directory(XS_TX_NONE, "data/t", buf, sizeof(buf));
    EXPECT(n == 3);
    EXPECT(n == 3 && strcmp(buf, "a") == 0 && strcmp(buf + 2, "b") == 0 &&
           strcmp(buf + 4, "dir") == 0);
    EXPECT(xs_rm(XS_TX_NONE, "data/t") == 0);
    EXPECT(xs_read(XS_TX_NONE, "data/t/a", buf, sizeof(buf)) == -RX_ENOENT);
    EXPECT(xs_read(XS_TX_NONE, "/local/domain/0/name", buf, sizeof(buf)) ==
           -RX_EACCES);

    /* A watch fired from dom0. */
    EXPECT(xs_watch_add(&w, "data/poke") == 0);
    deadline = time_now_ns() + 5 * NSEC_PER_SEC;
    EXPECT(xs_watch_wait(&w, path, sizeof(path), deadline) == 0); /* initial */
    EXPECT(xs_write(XS_TX_NONE, "data/poke-me", "1") == 0);
    deadline = time_now_ns() + 20 * NSEC_PER_SEC;
    rc = -1;
    while (xs_watch_wait(&w, path, sizeof(path), deadline) == 0) {
        if (xs_read(XS_TX_NONE, "data/poke", buf, sizeof(buf)) > 0 &&
            strcmp(buf, "hello-from-dom0") == 0) {
            rc = 0;
            break;
        }
    }
    EXPECT(rc == 0);
    EXPECT(strcmp(path, "data/poke") == 0);
    EXPECT(xs_watch_remove(&w, "data/poke") == 0);

    /* A transaction conflict, then the retry that succeeds. */
    EXPECT(xs_write(XS_TX_NONE, "data/tx", "start") == 0);
    attempts = 0;
    do {
        rc = tx_attempt(attempts == 0);
        attempts++;
    } while (rc == -RX_EAGAIN && attempts < 5);
    EXPECT(rc == 0);
    EXPECT(attempts == 2);
    EXPECT(xs_read(XS_TX_NONE, "data/tx", buf, sizeof(buf)) > 0 &&
           strcmp(buf, "inside") == 0);

    /* Many requests in flight. */
    for (int i = 0; i < THREADS; i++)
        t[i] = sched_create("xs", hammer, (void *)(uintptr_t)i, 0,
                            SCHED_JOINABLE, &err);
    for (int i = 0; i < THREADS; i++)
        EXPECT(t[i] && sched_join(t[i]) == 0);
    EXPECT(thread_errors == 0);
    return test_done("xenstore");
}
