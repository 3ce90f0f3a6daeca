/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host unit test of blkfront's data path against a scripted backend: the
 * test includes blkfront.c itself, replaces the platform below it (grants,
 * events, threads, memory) with stubs, plays the backend on a ring in
 * plain memory and drives the completion thread's steps by hand. It
 * checks the requests put on the ring, queueing when the ring is full or
 * grants run out, and that every kind of misbehaviour (unknown or
 * repeated id, unknown status, wrong operation, rsp_prod beyond our
 * requests, pages still mapped) marks the disk broken and fails its I/O
 * with -RX_EIO, never completing a request twice or while mapped.
 */
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The data path itself, statics included (found through -Iplatform/xen). */
#include "blkfront.c"

#include "unit.h"

/* --- stubs of the platform below blkfront ------------------------------ */

#define NREFS 64
static int granted[NREFS]; /* 1: granted, 2: granted read-only */
static int mapped[NREFS];  /* the backend "maps" it: end_access fails */
static int grant_limit = NREFS;
static int notifies, broken_msgs;

int
console_printf(const char *fmt, ...)
{
    va_list ap;

    broken_msgs += strstr(fmt, "broken") != NULL;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    return 0;
}

int
gnttab_grant_access(uint16_t domid, uint64_t frame, int readonly,
                    grant_ref_t *ref)
{
    int used = 0;

    (void)domid;
    (void)frame;
    for (int r = 8; r < NREFS; r++)
        used += granted[r] != 0;
    if (used >= grant_limit)
        return -RX_ENOSPC;
    for (int r = 8; r < NREFS; r++) {
        if (!granted[r]) {
            granted[r] = readonly ? 2 : 1;
            *ref = (grant_ref_t)r;
            return 0;
        }
    }
    return -RX_ENOSPC;
}

int
gnttab_end_access(grant_ref_t ref)
{
    if (ref >= NREFS || !granted[ref])
        return -RX_EINVAL;
    if (mapped[ref])
        return -RX_EBUSY;
    granted[ref] = 0;
    return 0;
}

static int
grants_in_use(void)
{
    int n = 0;

    for (int r = 0; r < NREFS; r++)
        n += granted[r] != 0;
    return n;
}

uint64_t
mm_virt_to_frame(const void *va)
{
    return (uintptr_t)va >> PAGE_SHIFT;
}

void *
mm_malloc(size_t size, size_t align)
{
    (void)align;
    return malloc(size);
}

void
mm_free(void *p)
{
    free(p);
}

int
evtchn_notify(evtchn_port_t port)
{
    (void)port;
    notifies++;
    return 0;
}

int
waitq_wake_one(struct waitq *wq)
{
    (void)wq;
    return 0;
}

int
waitq_wake_all(struct waitq *wq)
{
    (void)wq;
    return 0;
}

/* blkfront.c's open and close are not driven here. */
int
waitq_wait(struct waitq *wq, uint64_t d)
{
    (void)wq;
    (void)d;
    return 0;
}
struct thread *
sched_create(const char *n, void (*fn)(void *), void *a, size_t s, int f,
             int *e)
{
    (void)n;
    (void)fn;
    (void)a;
    (void)s;
    (void)f;
    *e = -RX_ENOMEM;
    return NULL;
}
int
sched_join(struct thread *t)
{
    (void)t;
    return 0;
}
static uint64_t now_ns; /* the test's clock */

uint64_t
time_now_ns(void)
{
    return now_ns;
}
int
blkfront_xs_find(const char *n, struct blkfront *b)
{
    (void)n;
    (void)b;
    return -RX_ENOENT;
}
int
blkfront_xs_connect(struct blkfront *b, evtchn_handler_fn *e)
{
    (void)b;
    (void)e;
    return -RX_ENOENT;
}
int
blkfront_xs_disconnect(struct blkfront *b)
{
    (void)b;
    return 0;
}
int
blkfront_ring_teardown(struct blkfront *b)
{
    (void)b;
    return 0;
}

/* --- a disk with a one-page ring, and the backend's side of it --------- */

#define SLOTS 32
static struct blkfront disk;
static struct blkfront_slot slots[SLOTS];
static uint16_t id_stack[SLOTS];
static uint8_t id_state[SLOTS];
static uint32_t be_req_cons, be_rsp_prod;

static struct blkfront *
new_disk(int readonly)
{
    static _Alignas(4096) unsigned char ring_page[4096];
    struct blkfront *bf = &disk;

    memset(bf, 0, sizeof(*bf));
    memset(ring_page, 0, sizeof(ring_page));
    memset(granted, 0, sizeof(granted));
    memset(mapped, 0, sizeof(mapped));
    grant_limit = NREFS;
    broken_msgs = 0;
    be_req_cons = be_rsp_prod = 0;
    bf->sring = (blkif_sring_t *)ring_page;
    bf->sring->req_event = bf->sring->rsp_event = 1;
    strcpy(bf->info.name, "xvdt");
    bf->info.sector_size = 512;
    bf->info.capacity = 1 << 20;
    bf->info.readonly = readonly;
    bf->info.flush = 1;
    bf->info.ring_pages = 1;
    bf->info.ring_slots = SLOTS;
    bf->info.max_segs = BLKIF_MAX_SEGMENTS_PER_REQUEST;
    bf->flush_op = BLKIF_OP_FLUSH_DISKCACHE;
    bf->timeout_ns = BLKFRONT_REQUEST_TIMEOUT_NS;
    now_ns = 0;
    bf->slots = slots;
    blkring_ids_init(&bf->ids, SLOTS, id_stack, id_state);
    return bf;
}

/* The backend takes the next request off the ring (a copy). */
static struct blkif_request
be_take(struct blkfront *bf)
{
    struct blkif_request r;

    memcpy(&r, &bf->sring->ring[be_req_cons++ % SLOTS].req, sizeof(r));
    return r;
}

/* The backend writes a response (published by be_publish). */
static void
be_respond(struct blkfront *bf, uint64_t id, uint8_t op, int16_t status)
{
    struct blkif_response *p = &bf->sring->ring[be_rsp_prod++ % SLOTS].rsp;

    p->id = id;
    p->operation = op;
    p->status = status;
}

static void
be_publish(struct blkfront *bf)
{
    bf->sring->rsp_prod = be_rsp_prod;
}

/* One round of the completion thread. */
static void
thread_round(struct blkfront *bf)
{
    if (!bf->broken)
        consume(bf);
    if (bf->broken)
        abandon(bf);
    fill(bf);
    run_done(bf);
}

static int done_calls;
static int last_error;

static void
count_done(struct blkfront_req *req)
{
    done_calls++;
    last_error = req->error;
}

static struct blkfront_req
mkreq(enum blkfront_op op, uint64_t off, void *buf, size_t len)
{
    return (struct blkfront_req){
        .op = op,
        .offset = off,
        .buf = buf,
        .len = len,
        .done = count_done,
    };
}

static _Alignas(4096) unsigned char data[16 * 4096];

/* A read on the ring as the protocol wants it; the completion ends it. */
static void
test_normal(void)
{
    struct blkfront *bf = new_disk(0);
    struct blkfront_req r = mkreq(BLKFRONT_READ, 4096, data + 512, 8192);
    struct blkif_request q;

    done_calls = 0;
    notifies = 0;
    CHECK(blkfront_submit(bf, &r) == 0);
    CHECK(bf->sring->req_prod == 1 && notifies == 1);
    q = be_take(bf);
    CHECK(q.operation == BLKIF_OP_READ && q.nr_segments == 3);
    CHECK(q.sector_number == 8 && q.id < SLOTS);
    CHECK(q.seg[0].first_sect == 1 && q.seg[0].last_sect == 7);
    CHECK(q.seg[2].first_sect == 0 && q.seg[2].last_sect == 0);
    CHECK(granted[q.seg[0].gref] == 1); /* a read lets the backend write */
    CHECK(grants_in_use() == 3);
    thread_round(bf); /* nothing answered yet */
    CHECK(done_calls == 0);
    be_respond(bf, q.id, BLKIF_OP_READ, BLKIF_RSP_OKAY);
    be_publish(bf);
    thread_round(bf);
    CHECK(done_calls == 1 && last_error == 0);
    CHECK(grants_in_use() == 0 && bf->inflight == 0 && !bf->broken);
    CHECK(bf->sring->rsp_event == 2); /* asks for the next response */

    /* A write grants read-only; a backend error is the request's error. */
    r = mkreq(BLKFRONT_WRITE, 0, data, 512);
    CHECK(blkfront_submit(bf, &r) == 0);
    q = be_take(bf);
    CHECK(q.operation == BLKIF_OP_WRITE && granted[q.seg[0].gref] == 2);
    be_respond(bf, q.id, BLKIF_OP_WRITE, BLKIF_RSP_ERROR);
    be_publish(bf);
    thread_round(bf);
    CHECK(done_calls == 2 && last_error == -RX_EIO && !bf->broken);

    /* A flush the backend refuses: -RX_ENOTSUP, and flush now off. */
    r = mkreq(BLKFRONT_FLUSH, 0, NULL, 0);
    CHECK(blkfront_submit(bf, &r) == 0);
    q = be_take(bf);
    CHECK(q.operation == BLKIF_OP_FLUSH_DISKCACHE && q.nr_segments == 0);
    be_respond(bf, q.id, BLKIF_OP_FLUSH_DISKCACHE, BLKIF_RSP_EOPNOTSUPP);
    be_publish(bf);
    thread_round(bf);
    CHECK(done_calls == 3 && last_error == -RX_ENOTSUP && !bf->info.flush);
}

/* Refused before the ring: read-only, range, alignment, broken. */
static void
test_refused(void)
{
    struct blkfront *bf = new_disk(1);
    struct blkfront_req r = mkreq(BLKFRONT_WRITE, 0, data, 512);

    CHECK(blkfront_submit(bf, &r) == -RX_EROFS);
    r = mkreq(BLKFRONT_READ, (1 << 20) - 512, data, 1024);
    CHECK(blkfront_submit(bf, &r) == -RX_EINVAL);
    r = mkreq(BLKFRONT_READ, 0, data + 8, 512);
    CHECK(blkfront_submit(bf, &r) == -RX_EINVAL);
    r = mkreq(BLKFRONT_DISCARD, 0, NULL, 512);
    CHECK(blkfront_submit(bf, &r) == -RX_EROFS);
    CHECK(bf->sring->req_prod == 0 && grants_in_use() == 0);
}

/* More requests than slots, then than grants: they wait their turn. */
static void
test_queueing(void)
{
    static struct blkfront_req r[40];
    struct blkfront *bf = new_disk(0);
    struct blkif_request q;

    done_calls = 0;
    for (int i = 0; i < 40; i++) {
        r[i] = mkreq(BLKFRONT_READ, (uint64_t)i * 4096, data, 4096);
        CHECK(blkfront_submit(bf, &r[i]) == 0);
    }
    CHECK(bf->sring->req_prod == SLOTS && bf->qhead == &r[SLOTS]);
    CHECK(bf->stats.queued_full > 0);
    /* Answer 5 out of order: 5 more go on the ring. */
    for (int i = 0; i < 5; i++) {
        q = be_take(bf);
        be_respond(bf, q.id, BLKIF_OP_READ, BLKIF_RSP_OKAY);
    }
    be_publish(bf);
    thread_round(bf);
    CHECK(done_calls == 5 && bf->sring->req_prod == SLOTS + 5);
    while (be_req_cons < bf->sring->req_prod) {
        q = be_take(bf);
        be_respond(bf, q.id, BLKIF_OP_READ, BLKIF_RSP_OKAY);
        be_publish(bf);
        thread_round(bf);
    }
    CHECK(done_calls == 40 && bf->qhead == NULL && grants_in_use() == 0);

    /* Only 2 grants left: a 3-page request waits for them. */
    struct blkfront_req a = mkreq(BLKFRONT_READ, 0, data, 4096);
    struct blkfront_req b = mkreq(BLKFRONT_READ, 0, data, 3 * 4096);
    grant_limit = 2;
    CHECK(blkfront_submit(bf, &a) == 0);
    CHECK(blkfront_submit(bf, &b) == 0);
    CHECK(bf->inflight == 1 && bf->qhead == &b && grants_in_use() == 1);
    grant_limit = 3;
    q = be_take(bf);
    be_respond(bf, q.id, BLKIF_OP_READ, BLKIF_RSP_OKAY);
    be_publish(bf);
    thread_round(bf);
    CHECK(bf->inflight == 1 && bf->qhead == NULL && grants_in_use() == 3);

    /*
     * No grant at all and nothing in flight: the request waits, the
     * thread is told to retry later but not to run again at once (it
     * would spin), and it goes on the ring once grants are back.
     */
    struct blkfront_req c = mkreq(BLKFRONT_READ, 0, data, 4096);
    q = be_take(bf);
    be_respond(bf, q.id, BLKIF_OP_READ, BLKIF_RSP_OKAY);
    be_publish(bf);
    thread_round(bf);
    CHECK(bf->inflight == 0 && grants_in_use() == 0);
    grant_limit = 0;
    bf->kick = 0;
    CHECK(blkfront_submit(bf, &c) == 0);
    CHECK(bf->starved && !bf->kick && bf->qhead == &c);
    bf->starved = 0;
    thread_round(bf);
    CHECK(bf->starved && !bf->kick && bf->inflight == 0);
    grant_limit = NREFS;
    bf->starved = 0;
    thread_round(bf);
    CHECK(bf->inflight == 1 && bf->qhead == NULL && !bf->starved);
}

/*
 * Puts n one-page reads on a fresh disk's ring and returns it; r holds
 * the requests, q what the backend took.
 */
static struct blkfront *
busy_disk(struct blkfront_req *r, struct blkif_request *q, int n)
{
    struct blkfront *bf = new_disk(0);

    done_calls = 0;
    for (int i = 0; i < n; i++) {
        r[i] = mkreq(BLKFRONT_READ, (uint64_t)i * 4096, data, 4096);
        CHECK(blkfront_submit(bf, &r[i]) == 0);
        q[i] = be_take(bf);
    }
    return bf;
}

/* busy_disk's requests on the disk bf as it is. */
static struct blkfront *
busy_disk_keep(struct blkfront *bf, struct blkfront_req *r,
               struct blkif_request *q, int n)
{
    done_calls = 0;
    for (int i = 0; i < n; i++) {
        r[i] = mkreq(BLKFRONT_READ, (uint64_t)i * 4096, data, 4096);
        CHECK(blkfront_submit(bf, &r[i]) == 0);
        q[i] = be_take(bf);
    }
    return bf;
}

/* After a violation: broken, all failed once with -RX_EIO, grants ended. */
static void
check_failed(struct blkfront *bf, int n, int ok_before)
{
    struct blkfront_req more = mkreq(BLKFRONT_READ, 0, data, 512);

    CHECK(bf->broken && broken_msgs == 1);
    CHECK(done_calls == n);
    CHECK(grants_in_use() == 0 && bf->inflight == 0);
    (void)ok_before;
    CHECK(blkfront_submit(bf, &more) == -RX_EIO);
    thread_round(bf);
    CHECK(done_calls == n); /* nothing completes twice */
}

static void
test_hostile(void)
{
    struct blkfront_req r[4];
    struct blkif_request q[4];
    struct blkfront *bf;

    /* An id we never sent. */
    bf = busy_disk(r, q, 3);
    be_respond(bf, 31, BLKIF_OP_READ, BLKIF_RSP_OKAY);
    be_publish(bf);
    thread_round(bf);
    check_failed(bf, 3, 0);
    CHECK(last_error == -RX_EIO);

    /* An id far out of range. */
    bf = busy_disk(r, q, 2);
    be_respond(bf, 1ull << 40, BLKIF_OP_READ, BLKIF_RSP_OKAY);
    be_publish(bf);
    thread_round(bf);
    check_failed(bf, 2, 0);

    /* The same id answered twice: the first counts, the second breaks. */
    bf = busy_disk(r, q, 2);
    be_respond(bf, q[0].id, BLKIF_OP_READ, BLKIF_RSP_OKAY);
    be_respond(bf, q[0].id, BLKIF_OP_READ, BLKIF_RSP_OKAY);
    be_publish(bf);
    thread_round(bf);
    check_failed(bf, 2, 1);
    CHECK(r[0].error == 0 && r[1].error == -RX_EIO);

    /* An unknown status. */
    bf = busy_disk(r, q, 1);
    be_respond(bf, q[0].id, BLKIF_OP_READ, 7);
    be_publish(bf);
    thread_round(bf);
    check_failed(bf, 1, 0);

    /* The wrong operation. */
    bf = busy_disk(r, q, 1);
    be_respond(bf, q[0].id, BLKIF_OP_WRITE, BLKIF_RSP_OKAY);
    be_publish(bf);
    thread_round(bf);
    check_failed(bf, 1, 0);

    /* rsp_prod beyond the requests we made. */
    bf = busy_disk(r, q, 1);
    bf->sring->rsp_prod = 5;
    thread_round(bf);
    check_failed(bf, 1, 0);

    /*
     * A page still mapped after the response: the request is held until
     * the backend lets go, then fails; its memory is never handed back
     * while the backend can write it.
     */
    bf = busy_disk(r, q, 2);
    mapped[q[0].seg[0].gref] = 1;
    be_respond(bf, q[0].id, BLKIF_OP_READ, BLKIF_RSP_OKAY);
    be_publish(bf);
    thread_round(bf);
    CHECK(bf->broken && done_calls == 1 && bf->nstuck == 1);
    CHECK(r[1].error == -RX_EIO);
    thread_round(bf);
    CHECK(done_calls == 1);
    mapped[q[0].seg[0].gref] = 0;
    thread_round(bf);
    CHECK(done_calls == 2 && r[0].error == -RX_EIO && bf->nstuck == 0);
    CHECK(grants_in_use() == 0 && bf->inflight == 0);
}

#define SEC NSEC_PER_SEC

/* The completion thread waking at its tick deadline, at time t. */
static void
tick_at(struct blkfront *bf, uint64_t t)
{
    now_ns = t;
    maybe_tick(bf, 1);
}

/*
 * A backend that never answers: once a request is known to be outstanding
 * for the timeout (30 s, counted from the tick after it was sent) the disk
 * is broken and every request fails with -RX_EIO; answers to other
 * requests do not keep an old one alive; no clock read between ticks.
 */
static void
test_timeout(void)
{
    struct blkfront_req r[3];
    struct blkif_request q[3];
    struct blkfront *bf = new_disk(0);

    tick_at(bf, 1 * SEC); /* tick 1 */
    CHECK(bf->next_tick == 2 * SEC);
    now_ns = 1500 * 1000 * 1000ull;
    bf = busy_disk_keep(bf, r, q, 2); /* sent after tick 1 */
    tick_at(bf, 2 * SEC);             /* tick 2: outstanding since then */
    maybe_tick(bf, 0);                /* a round, no tick due */
    CHECK(bf->tick == 2 && bf->loops == 1);
    r[2] = mkreq(BLKFRONT_READ, 0, data, 4096);
    CHECK(blkfront_submit(bf, &r[2]) == 0);
    q[2] = be_take(bf);
    be_respond(bf, q[0].id, BLKIF_OP_READ, BLKIF_RSP_OKAY);
    be_publish(bf);
    thread_round(bf);
    CHECK(done_calls == 1 && r[0].error == 0);
    for (uint64_t t = 3; t <= 31; t++)
        tick_at(bf, t * SEC);
    CHECK(!bf->broken); /* 29 s since tick 2 */
    tick_at(bf, 32 * SEC);
    CHECK(bf->broken && bf->kick);
    thread_round(bf);
    check_failed(bf, 3, 1);
    CHECK(r[1].error == -RX_EIO && r[2].error == -RX_EIO);

    /* No timeout set: never broken, no tick planned. */
    bf = new_disk(0);
    bf->timeout_ns = 0;
    bf = busy_disk_keep(bf, r, q, 1);
    for (uint64_t t = 1; t < 100; t++)
        tick_at(bf, t * 100 * SEC);
    CHECK(!bf->broken && bf->next_tick == 0);

    /*
     * Requests the backend never took off the ring fail the same way;
     * ticks also come every BLKFRONT_TICK_LOOPS rounds (here 16 s apart:
     * sent before tick 1 at 16 s, overdue at tick 3 at 48 s).
     */
    bf = new_disk(0);
    done_calls = 0;
    r[0] = mkreq(BLKFRONT_WRITE, 0, data, 8192);
    CHECK(blkfront_submit(bf, &r[0]) == 0);
    for (int i = 0; i < 4 * BLKFRONT_TICK_LOOPS && !bf->broken; i++) {
        now_ns += SEC / 4;
        maybe_tick(bf, 0);
    }
    CHECK(bf->broken && bf->tick == 3 && now_ns == 48 * SEC);
    thread_round(bf);
    check_failed(bf, 1, 0);

    /* 63 ticks or more: overdue whatever the times kept say. */
    bf = new_disk(0);
    bf->timeout_ns = 1000 * SEC;
    bf = busy_disk_keep(bf, r, q, 1);
    bf->tick = 62;
    tick_at(bf, 1);
    CHECK(bf->broken);
}

/*
 * A backend that maps the pages and hangs: a write (pages it can only
 * read) fails at the timeout, its slot held until the backend lets go; a
 * read's pages go back to the caller only once the backend unmaps them.
 */
static void
test_timeout_mapped(void)
{
    struct blkfront_req w = mkreq(BLKFRONT_WRITE, 0, data, 4096);
    struct blkfront_req rd = mkreq(BLKFRONT_READ, 8192, data + 8192, 4096);
    struct blkif_request qw, qr;
    struct blkfront *bf = new_disk(0);

    done_calls = 0;
    CHECK(blkfront_submit(bf, &w) == 0 && blkfront_submit(bf, &rd) == 0);
    qw = be_take(bf);
    qr = be_take(bf);
    mapped[qw.seg[0].gref] = mapped[qr.seg[0].gref] = 1;
    tick_at(bf, 1 * SEC);
    tick_at(bf, 31 * SEC);
    CHECK(bf->broken);
    thread_round(bf);
    CHECK(done_calls == 1 && w.error == -RX_EIO);
    CHECK(bf->nstuck == 2 && bf->inflight == 2);
    mapped[qw.seg[0].gref] = 0;
    thread_round(bf);
    CHECK(done_calls == 1 && bf->nstuck == 1 && bf->inflight == 1);
    mapped[qr.seg[0].gref] = 0;
    thread_round(bf);
    CHECK(done_calls == 2 && rd.error == -RX_EIO);
    CHECK(bf->nstuck == 0 && bf->inflight == 0 && grants_in_use() == 0);
    CHECK(bf->ids.nfree == SLOTS);
}

int
main(void)
{
    test_normal();
    test_refused();
    test_queueing();
    test_hostile();
    test_timeout();
    test_timeout_mapped();
    return unit_done("blkfront");
}
