/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of blkfront, booted with xvda (read-write, 8 MiB) and xvdb
 * (read-only, 1 MiB, filled by the host with pattern seed 2): patterns
 * written to xvda with many requests in flight (more than the ring holds,
 * page-unaligned buffers, indirect sizes), flushed, read back and
 * compared; both disks busy at once; writes to xvdb refused; bad requests
 * refused; two threads opening one disk; grants all ended; close and
 * reopen. The host then checks
 * xvda's image: [0, 4 MiB) pattern seed 1, [4 MiB, 5 MiB) seed 3.
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

#define KIB 1024u
#define MIB (1024u * 1024u)
#define REGION (4 * MIB)
#define NREQ_MAX 160

/* The 64-bit word at disk offset off (8-aligned) of pattern seed. */
static uint64_t
pattern_word(uint64_t off, uint64_t seed)
{
    return (off >> 3) * 0x9E3779B97F4A7C15ull + seed;
}

static void
pattern_fill(void *buf, uint64_t off, size_t len, uint64_t seed)
{
    uint64_t *w = buf;

    for (size_t i = 0; i < len / 8; i++)
        w[i] = pattern_word(off + i * 8, seed);
}

/* Returns the offset of the first wrong word, or -1 if all match. */
static int64_t
pattern_check(const void *buf, uint64_t off, size_t len, uint64_t seed)
{
    const uint64_t *w = buf;

    for (size_t i = 0; i < len / 8; i++)
        if (w[i] != pattern_word(off + i * 8, seed))
            return (int64_t)(off + i * 8);
    return -1;
}

/* A batch of requests submitted together and waited for together. */
struct batch {
    struct blkfront_req req[NREQ_MAX];
    void *mem[NREQ_MAX];
    size_t memlen[NREQ_MAX];
    unsigned int n, left;
    int errors;
    struct waitq wq;
};

static void
batch_done(struct blkfront_req *req)
{
    struct batch *b = req->arg;

    if (req->error)
        b->errors++;
    if (--b->left == 0)
        waitq_wake_all(&b->wq);
}

/*
 * Adds a request for [off, off + len) whose buffer starts shift bytes
 * into a fresh page-aligned allocation; fills it with pattern seed when
 * writing.
 */
static void
batch_add(struct batch *b, enum blkfront_op op, uint64_t off, size_t len,
          size_t shift, uint64_t seed)
{
    unsigned int k = b->n++;
    size_t pages = (len + shift + PAGE_SIZE - 1) / PAGE_SIZE;
    char *mem = mm_alloc_pages(pages, 1);

    b->mem[k] = mem;
    b->memlen[k] = pages;
    b->req[k] = (struct blkfront_req){
        .op = op,
        .offset = off,
        .buf = mem ? mem + shift : NULL,
        .len = len,
        .done = batch_done,
        .arg = b,
    };
    if (mem && op == BLKFRONT_WRITE)
        pattern_fill(mem + shift, off, len, seed);
}

/* Submits every request of b on bf (from index first) and counts them. */
static int
batch_submit(struct batch *b, struct blkfront *bf, unsigned int first)
{
    int bad = 0;

    for (unsigned int k = first; k < b->n; k++) {
        b->left++;
        if (blkfront_submit(bf, &b->req[k]) != 0) {
            b->left--;
            bad++;
        }
    }
    return bad;
}

static void
batch_wait(struct batch *b)
{
    while (b->left > 0)
        waitq_wait(&b->wq, 0);
}

/* Checks reads against seed, frees the buffers; returns mismatches. */
static int
batch_finish(struct batch *b, uint64_t seed)
{
    int bad = 0;

    for (unsigned int k = 0; k < b->n; k++) {
        struct blkfront_req *r = &b->req[k];
        int64_t at = -1;

        if (r->op == BLKFRONT_READ && r->buf)
            at = pattern_check(r->buf, r->offset, r->len, seed);
        if (at >= 0) {
            console_printf("blk: mismatch at disk offset %lld\n",
                           (long long)at);
            bad++;
        }
        if (b->mem[k])
            mm_free_pages(b->mem[k], b->memlen[k]);
    }
    b->n = 0;
    b->errors = 0;
    return bad;
}

/* Requests covering [base, base + REGION) in sizes from 512 B to 200 KiB. */
static void
batch_region(struct batch *b, enum blkfront_op op, uint64_t base, uint64_t seed)
{
    static const size_t sizes[] = {512,      4 * KIB,  12 * KIB + 512,
                                   64 * KIB, 44 * KIB, 200 * KIB,
                                   7 * 512,  128 * KIB};
    uint64_t off = 0;

    for (unsigned int k = 0; off < REGION; k++) {
        size_t len = sizes[k % 8];

        if (len > REGION - off)
            len = REGION - off;
        batch_add(b, op, base + off, len, (k * 3 % 8) * 512, seed);
        off += len;
    }
}

static void
print_backend(const char *id)
{
    static const char *const keys[] = {
        "feature-flush-cache",
        "feature-barrier",
        "feature-discard",
        "feature-max-indirect-segments",
        "max-ring-page-order",
        "feature-persistent",
        "sector-size",
        "sectors",
        "info",
        "mode",
    };
    char path[128], backend[128], val[32];

    fmt_snprintf(path, sizeof(path), "device/vbd/%s/backend", id);
    if (xs_read(XS_TX_NONE, path, backend, sizeof(backend)) < 0)
        return;
    console_printf("blk: backend of vbd %s offers:", id);
    for (unsigned int i = 0; i < sizeof(keys) / sizeof(keys[0]); i++) {
        fmt_snprintf(path, sizeof(path), "%s/%s", backend, keys[i]);
        if (xs_read(XS_TX_NONE, path, val, sizeof(val)) < 0)
            fmt_snprintf(val, sizeof(val), "-");
        console_printf(" %s=%s", keys[i], val);
    }
    console_printf("\n");
}

static void
print_info(struct blkfront *bf)
{
    const struct blkfront_info *in = blkfront_info(bf);

    console_printf("blk: %s: %llu bytes, sector %u, %s, flush %d, discard "
                   "%d, ring %u page(s) %u slots, %u segments per request\n",
                   in->name, (unsigned long long)in->capacity, in->sector_size,
                   in->readonly ? "read-only" : "read-write", in->flush,
                   in->discard, in->ring_pages, in->ring_slots, in->max_segs);
}

/* MiB/s with one decimal, as tenths. */
static unsigned int
mbps10(uint64_t bytes, uint64_t ns)
{
    return ns ? (unsigned int)(bytes * 10 * NSEC_PER_SEC / ns / MIB) : 0;
}

static struct batch ba, bb;

/* The pattern round trip on xvda: write, flush, read back, compare. */
static void
test_roundtrip(struct blkfront *a)
{
    struct blkfront_stats st;
    uint64_t t0, t_write, t_read;

    batch_region(&ba, BLKFRONT_WRITE, 0, 1);
    EXPECT(ba.n > blkfront_info(a)->ring_slots);
    t0 = time_now_ns();
    EXPECT(batch_submit(&ba, a, 0) == 0);
    batch_wait(&ba);
    EXPECT(blkfront_io(a, BLKFRONT_FLUSH, 0, NULL, 0) == 0);
    t_write = time_now_ns() - t0;
    EXPECT(ba.errors == 0);
    EXPECT(batch_finish(&ba, 1) == 0);

    batch_region(&ba, BLKFRONT_READ, 0, 1);
    t0 = time_now_ns();
    EXPECT(batch_submit(&ba, a, 0) == 0);
    batch_wait(&ba);
    t_read = time_now_ns() - t0;
    EXPECT(ba.errors == 0);
    EXPECT(batch_finish(&ba, 1) == 0);

    blkfront_get_stats(a, &st);
    console_printf("blk: 4 MiB written+flushed in %llu ms (%u.%u MiB/s), "
                   "read in %llu ms (%u.%u MiB/s); %llu ring requests (%llu "
                   "indirect), up to %u in flight, ring full %llu times\n",
                   (unsigned long long)(t_write / NSEC_PER_MSEC),
                   mbps10(REGION, t_write) / 10, mbps10(REGION, t_write) % 10,
                   (unsigned long long)(t_read / NSEC_PER_MSEC),
                   mbps10(REGION, t_read) / 10, mbps10(REGION, t_read) % 10,
                   (unsigned long long)st.ring_requests,
                   (unsigned long long)st.indirect, st.max_inflight,
                   (unsigned long long)st.queued_full);
    EXPECT(st.max_inflight > 1);
    EXPECT(st.queued_full > 0);
}

/* Both disks busy at once: read all of xvdb while xvda is written. */
static void
test_two_disks(struct blkfront *a, struct blkfront *b)
{
    for (uint64_t off = 0; off < MIB; off += 64 * KIB)
        batch_add(&bb, BLKFRONT_READ, off, 64 * KIB, 512, 2);
    for (uint64_t off = 0; off < MIB; off += 32 * KIB)
        batch_add(&ba, BLKFRONT_WRITE, REGION + off, 32 * KIB, 0, 3);
    /* One waiter for both batches: bb's requests count in ba. */
    for (unsigned int k = 0; k < bb.n; k++)
        bb.req[k].arg = &ba;
    EXPECT(batch_submit(&bb, b, 0) == 0);
    ba.left += bb.left;
    bb.left = 0;
    EXPECT(batch_submit(&ba, a, 0) == 0);
    batch_wait(&ba);
    EXPECT(ba.errors == 0);
    EXPECT(blkfront_io(a, BLKFRONT_FLUSH, 0, NULL, 0) == 0);
    EXPECT(batch_finish(&bb, 2) == 0);
    EXPECT(batch_finish(&ba, 3) == 0);
}

/* Refused requests: read-only disk, bad ranges and buffers. */
static void
test_refused(struct blkfront *a, struct blkfront *b)
{
    char *page = mm_alloc_pages(2, 1);
    uint64_t cap = blkfront_info(a)->capacity;
    int rc;

    EXPECT(blkfront_info(b)->readonly);
    EXPECT(!blkfront_info(a)->readonly);
    EXPECT(blkfront_io(b, BLKFRONT_WRITE, 0, page, 512) == -RX_EROFS);
    rc = blkfront_io(b, BLKFRONT_DISCARD, 0, NULL, 4096);
    EXPECT(rc == -RX_EROFS);
    EXPECT(blkfront_io(a, BLKFRONT_READ, 100, page, 512) == -RX_EINVAL);
    EXPECT(blkfront_io(a, BLKFRONT_READ, 0, page, 100) == -RX_EINVAL);
    EXPECT(blkfront_io(a, BLKFRONT_READ, 0, page, 0) == -RX_EINVAL);
    EXPECT(blkfront_io(a, BLKFRONT_READ, 0, page + 1, 512) == -RX_EINVAL);
    EXPECT(blkfront_io(a, BLKFRONT_READ, cap, page, 512) == -RX_EINVAL);
    EXPECT(blkfront_io(a, BLKFRONT_READ, cap - 512, page, 1024) == -RX_EINVAL);
    EXPECT(blkfront_io(a, BLKFRONT_READ, UINT64_MAX - 511, page, 512) ==
           -RX_EINVAL);
    EXPECT(blkfront_io(a, (enum blkfront_op)9, 0, page, 512) == -RX_EINVAL);
    /* The last sector is readable; xvdb reads back the host's pattern. */
    EXPECT(blkfront_io(a, BLKFRONT_READ, cap - 512, page, 512) == 0);
    EXPECT(blkfront_io(b, BLKFRONT_READ, 4096, page + 512, 4096) == 0);
    EXPECT(pattern_check(page + 512, 4096, 4096, 2) == -1);
    /* Discard of xvda's tail (outside what the host checks). */
    rc = blkfront_io(a, BLKFRONT_DISCARD, cap - 64 * KIB, NULL, 64 * KIB);
    EXPECT(rc == (blkfront_info(a)->discard ? 0 : -RX_ENOTSUP) ||
           rc == -RX_ENOTSUP);
    console_printf("blk: discard of 64 KiB: %d\n", rc);
    mm_free_pages(page, 2);
}

static int racer_rc = 1;
static struct blkfront *racer_bf;

static void
racer(void *arg)
{
    (void)arg;
    racer_rc = blkfront_open("xvda", &racer_bf);
}

/* Two threads open xvda at once: exactly one gets it, the other EBUSY. */
static struct blkfront *
open_racing(void)
{
    struct blkfront *bf = NULL;
    struct thread *t;
    int rc, err;

    t = sched_create("racer", racer, NULL, 0, SCHED_JOINABLE, &err);
    EXPECT(t != NULL);
    rc = blkfront_open("xvda", &bf);
    if (t)
        (void)sched_join(t);
    EXPECT((rc == 0) != (racer_rc == 0));
    EXPECT(rc == -RX_EBUSY || racer_rc == -RX_EBUSY);
    return rc == 0 ? bf : racer_rc == 0 ? racer_bf : NULL;
}

int
main(void)
{
    struct blkfront *a = NULL, *b = NULL, *again = NULL;
    unsigned int grants0 = gnttab_in_use(), grants1;
    char name[16];
    char *page;

    EXPECT(blkfront_name(0, name, sizeof(name)) == 0 &&
           strcmp(name, "xvda") == 0);
    EXPECT(blkfront_name(1, name, sizeof(name)) == 0 &&
           strcmp(name, "xvdb") == 0);
    EXPECT(blkfront_name(2, name, sizeof(name)) == -RX_ENOENT);
    EXPECT(blkfront_open("xvdz", &again) == -RX_ENOENT);
    a = open_racing();
    print_backend("51712");
    EXPECT(blkfront_open("51728", &b) == 0); /* xvdb by its device id */
    if (a == NULL || b == NULL)
        return test_done("blk");
    EXPECT(blkfront_open("51712", &again) == -RX_EBUSY);
    print_info(a);
    print_info(b);
    EXPECT(blkfront_info(a)->sector_size == 512);
    EXPECT(blkfront_info(a)->capacity == 8 * MIB);
    EXPECT(blkfront_info(b)->capacity == MIB);
    grants1 = gnttab_in_use();

    test_roundtrip(a);
    test_two_disks(a, b);
    test_refused(a, b);
    EXPECT(gnttab_in_use() == grants1); /* every data grant ended */

    EXPECT(blkfront_close(b) == 0);
    EXPECT(blkfront_close(a) == 0);
    EXPECT(gnttab_in_use() == grants0);

    /* Reopen (the backend reconnects) and read the first page back. */
    page = mm_alloc_pages(1, 1);
    EXPECT(blkfront_open("xvda", &a) == 0);
    EXPECT(a && blkfront_io(a, BLKFRONT_READ, 0, page, PAGE_SIZE) == 0);
    EXPECT(pattern_check(page, 0, PAGE_SIZE, 1) == -1);
    EXPECT(a && blkfront_close(a) == 0);
    EXPECT(gnttab_in_use() == grants0);
    mm_free_pages(page, 1);
    return test_done("blk");
}
