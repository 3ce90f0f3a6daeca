/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of blkfront's request timeout, booted with xvda: after a
 * write works, dom0 unbinds blkback from our disk (data/blk-stall, answered
 * in data/blk-stalled), so the ring is never served again; I/O must then
 * fail with EIO within the timeout (set to 3 s), never hang.
 */
#include <rumpxen/blkfront.h>
#include <rumpxen/errno.h>
#include <rumpxen/gnttab.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>
#include <rumpxen/xs.h>

#include "guest_test.h"

#define TIMEOUT_NS (3 * NSEC_PER_SEC)
#define DOM0_WAIT_NS (30 * NSEC_PER_SEC)
#define NREQ 4

static struct waitq wq;
static unsigned int left;

static void
req_done(struct blkfront_req *req)
{
    (void)req;
    if (--left == 0)
        waitq_wake_all(&wq);
}

/* Asks dom0 to unbind blkback from xvda; 0 once dom0 says it did. */
static int
stall_backend(void)
{
    uint64_t deadline = time_now_ns() + DOM0_WAIT_NS;
    char answer[32];

    if (xs_write(XS_TX_NONE, "data/blk-stall", "51712") < 0)
        return -1;
    while (time_now_ns() < deadline) {
        if (xs_read(XS_TX_NONE, "data/blk-stalled", answer, sizeof(answer)) >=
            0) {
            console_printf("blkstall: dom0: %s\n", answer);
            return strcmp(answer, "ok") == 0 ? 0 : -1;
        }
        sched_sleep_until(time_now_ns() + 200 * NSEC_PER_MSEC);
    }
    return -1;
}

int
main(void)
{
    static struct blkfront_req req[NREQ];
    unsigned int grants0 = gnttab_in_use();
    struct blkfront *bf = NULL;
    char *buf = mm_alloc_pages(NREQ * 2, 1);
    uint64_t t0, ms;
    int rc;

    EXPECT(buf != NULL && blkfront_open("xvda", &bf) == 0);
    if (bf == NULL || buf == NULL)
        return test_done("blkstall");
    blkfront_set_timeout(bf, TIMEOUT_NS);
    memset(buf, 0x5a, NREQ * 2 * PAGE_SIZE);
    EXPECT(blkfront_io(bf, BLKFRONT_WRITE, 0, buf, PAGE_SIZE) == 0);
    EXPECT(blkfront_io(bf, BLKFRONT_READ, 0, buf, PAGE_SIZE) == 0);
    rc = stall_backend();
    EXPECT(rc == 0);
    if (rc != 0)
        return test_done("blkstall");

    /* Writes and reads at once, none answered: all fail, none hang. */
    t0 = time_now_ns();
    for (unsigned int i = 0; i < NREQ; i++) {
        req[i] = (struct blkfront_req){
            .op = i % 2 ? BLKFRONT_READ : BLKFRONT_WRITE,
            .offset = (uint64_t)i * 2 * PAGE_SIZE,
            .buf = buf + i * 2 * PAGE_SIZE,
            .len = 2 * PAGE_SIZE,
            .done = req_done,
        };
        left++;
        EXPECT(blkfront_submit(bf, &req[i]) == 0);
    }
    while (left > 0)
        waitq_wait(&wq, 0);
    ms = (time_now_ns() - t0) / NSEC_PER_MSEC;
    console_printf("blkstall: %d requests failed after %llu ms\n", NREQ,
                   (unsigned long long)ms);
    for (unsigned int i = 0; i < NREQ; i++)
        EXPECT(req[i].error == -RX_EIO);
    EXPECT(ms >= TIMEOUT_NS / NSEC_PER_MSEC &&
           ms < 3 * TIMEOUT_NS / NSEC_PER_MSEC);

    /* Broken now: refused at once, and the disk closes. */
    EXPECT(blkfront_io(bf, BLKFRONT_READ, 0, buf, PAGE_SIZE) == -RX_EIO);
    rc = blkfront_close(bf);
    console_printf("blkstall: close %d\n", rc);
    EXPECT(rc == 0);
    EXPECT(gnttab_in_use() == grants0);
    return test_done("blkstall");
}
