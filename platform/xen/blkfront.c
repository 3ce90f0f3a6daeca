/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * blkfront's data path: ring, grants of the caller's pages, the queue of
 * requests waiting for slots, one completion thread per disk checking every
 * response and timing requests out. Over 600 lines as one unit of one disk's
 * state; xenbus is in blkfront_xs.c, pure bookkeeping in blkfront_ring.c.
 */
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>

#include "barrier_priv.h"
#include "blkfront_priv.h"
#include "shring_priv.h"

static struct blkfront *open_disks;

static void
kick(struct blkfront *bf)
{
    bf->kick = 1;
    waitq_wake_one(&bf->wq);
}

static void
event(evtchn_port_t port, void *arg)
{
    (void)port;
    kick(arg);
}

static void
mark_broken(struct blkfront *bf, const char *why, uint64_t value)
{
    if (!bf->broken)
        console_printf("blkfront: %s: broken backend: %s (%llu)\n",
                       bf->info.name, why, (unsigned long long)value);
    bf->broken = 1;
    kick(bf);
}

static unsigned int
ring_size(const struct blkfront *bf)
{
    return bf->info.ring_slots;
}

/* --- completion bookkeeping ------------------------------------------- */

/* Queues req for its done callback, which the completion thread runs. */
static void
req_completed(struct blkfront *bf, struct blkfront_req *req)
{
    req->next = bf->done_head;
    bf->done_head = req;
}

static void
dequeue_head(struct blkfront *bf)
{
    struct blkfront_req *req = bf->qhead;

    bf->qhead = req->next;
    if (bf->qhead == NULL)
        bf->qtail = NULL;
    req->next = NULL;
    /* Nothing more of it goes on the ring. */
    req->issued = req->len;
}

static int
req_queued(const struct blkfront_req *req)
{
    return req->issued < req->len;
}

/* Ends a slot's grants; returns how many the backend still maps. */
static unsigned int
end_grants(struct blkfront_slot *slot)
{
    unsigned int busy = 0;

    for (unsigned int i = 0; i < slot->ngrants; i++) {
        if (slot->grants[i] == 0)
            continue;
        if (gnttab_end_access(slot->grants[i]) == -RX_EBUSY)
            busy++;
        else
            slot->grants[i] = 0;
    }
    return busy;
}

/* A ring request is over (grants ended): account it to its request. */
static void
slot_finish(struct blkfront *bf, unsigned int id, int err)
{
    struct blkfront_req *req = bf->slots[id].req;

    (void)blkring_id_release(&bf->ids, id);
    bf->inflight--;
    if (req == NULL)
        return; /* already failed by abandon() */
    if (err && !req->error)
        req->error = err;
    if (--req->pending == 0 && !req_queued(req))
        req_completed(bf, req);
}

/* Whether the backend may write the slot's pages (a read's data). */
static int
backend_writes(const struct blkfront_slot *slot)
{
    return slot->op == BLKIF_OP_READ ||
           (slot->op == BLKIF_OP_INDIRECT && slot->inner == BLKIF_OP_READ);
}

/* --- producing requests ------------------------------------------------ */

static int
grant(struct blkfront *bf, struct blkfront_slot *slot, uintptr_t page,
      int readonly, grant_ref_t *ref)
{
    int rc = gnttab_grant_access(bf->dev.backend_id,
                                 mm_virt_to_frame((void *)page), readonly, ref);

    if (rc == 0)
        slot->grants[slot->ngrants++] = *ref;
    return rc;
}

/* A ring request as we build it, in each of its layouts. */
union wire_req {
    struct blkif_request req;
    struct blkif_request_discard discard;
    struct blkif_request_indirect req_ind;
};

/* Builds the data part of a read/write ring request into r. */
static int
build_rw(struct blkfront *bf, struct blkfront_req *req, unsigned int id,
         union wire_req *r, size_t *chunk)
{
    struct blkfront_slot *slot = &bf->slots[id];
    struct blkring_seg segs[BLKFRONT_MAX_INDIRECT_SEGS];
    struct blkif_request_segment *out = r->req.seg;
    uintptr_t addr = (uintptr_t)req->buf + req->issued;
    int write = req->op == BLKFRONT_WRITE;
    grant_ref_t ref;
    int n, rc;

    *chunk = blkring_chunk(addr, req->len - req->issued, bf->info.max_segs);
    n = blkring_segments(addr, *chunk, segs, bf->info.max_segs);
    if (n < 0)
        return n;
    slot->op = write ? BLKIF_OP_WRITE : BLKIF_OP_READ;
    r->req.operation = slot->op;
    r->req.nr_segments = (uint8_t)n;
    if (n > BLKIF_MAX_SEGMENTS_PER_REQUEST) {
        out = bf->indirect_pages[id];
        rc = grant(bf, slot, (uintptr_t)out, 1, &ref);
        if (rc < 0)
            return rc;
        slot->inner = slot->op;
        slot->op = BLKIF_OP_INDIRECT;
        r->req_ind.operation = BLKIF_OP_INDIRECT;
        r->req_ind.indirect_op = slot->inner;
        r->req_ind.nr_segments = (uint16_t)n;
        r->req_ind.handle = bf->handle;
        r->req_ind.indirect_grefs[0] = ref;
        bf->stats.indirect++;
    }
    for (int i = 0; i < n; i++) {
        /* A write only lets the backend read our page. */
        rc = grant(bf, slot, segs[i].page, write, &ref);
        if (rc < 0)
            return rc;
        out[i] = (struct blkif_request_segment){
            .gref = ref,
            .first_sect = segs[i].first,
            .last_sect = segs[i].last,
        };
    }
    return 0;
}

/*
 * Puts the next piece of req on the ring at req_prod_pvt, in ring slot
 * id. Returns 0, or a negative errno with nothing granted (-RX_ENOSPC:
 * out of grant references for now).
 */
static int
produce(struct blkfront *bf, struct blkfront_req *req, unsigned int id)
{
    struct blkfront_slot *slot = &bf->slots[id];
    union wire_req r;
    size_t chunk = req->len - req->issued;
    int rc = 0;

    memset(&r, 0, sizeof(r));
    slot->req = req;
    slot->tick = bf->tick;
    slot->ngrants = 0;
    slot->inner = 0;
    switch (req->op) {
    case BLKFRONT_FLUSH:
        slot->op = (uint8_t)bf->flush_op;
        r.req.operation = slot->op;
        break;
    case BLKFRONT_DISCARD:
        slot->op = BLKIF_OP_DISCARD;
        r.discard.operation = BLKIF_OP_DISCARD;
        r.discard.nr_sectors = req->len / BLKRING_SECTOR;
        break;
    default:
        rc = build_rw(bf, req, id, &r, &chunk);
        break;
    }
    if (rc < 0) {
        (void)end_grants(slot); /* never published: always succeeds */
        return rc;
    }
    if (slot->op != BLKIF_OP_INDIRECT)
        r.req.handle = bf->handle;
    r.req.id = id; /* same place in every request layout */
    r.req.sector_number = (req->offset + req->issued) / BLKRING_SECTOR;
    memcpy(&bf->sring->ring[bf->req_prod_pvt & (ring_size(bf) - 1)].req, &r,
           sizeof(r.req));
    bf->req_prod_pvt++;
    if (req->op == BLKFRONT_READ || req->op == BLKFRONT_WRITE)
        bf->stats.bytes += chunk;
    req->issued += chunk;
    req->pending++;
    bf->stats.depth_sum += bf->inflight + 1;
    if (++bf->inflight > bf->stats.max_inflight)
        bf->stats.max_inflight = bf->inflight;
    bf->stats.ring_requests++;
    return 0;
}

/* Publishes what produce() wrote and notifies the backend if it waits. */
static void
push(struct blkfront *bf)
{
    uint32_t old = bf->req_prod_pub, new = bf->req_prod_pvt, ev;

    /* ring.h RING_PUSH_REQUESTS: the requests before req_prod (release). */
    shring_store(&bf->sring->req_prod, new);
    bf->req_prod_pub = new;
    /* ring.h: req_prod visible before req_event is read (full barrier). */
    mb();
    ev = shring_load(&bf->sring->req_event);
    if ((uint32_t)(new - ev) < (uint32_t)(new - old))
        (void)evtchn_notify(bf->port);
}

/* Moves queued requests onto the ring while slots and grants last. */
static void
fill(struct blkfront *bf)
{
    unsigned int id;
    int rc, produced = 0;

    while (bf->qhead && !bf->broken) {
        struct blkfront_req *req = bf->qhead;

        if (blkring_id_alloc(&bf->ids, &id) < 0) {
            bf->stats.queued_full++;
            break;
        }
        rc = produce(bf, req, id);
        if (rc < 0) {
            (void)blkring_id_release(&bf->ids, id);
            if (rc == -RX_ENOSPC && bf->inflight > 0) {
                break; /* grants come back with completions */
            } else if (rc == -RX_ENOSPC) {
                /*
                 * Other users hold them: the thread retries every 10 ms.
                 * No kick, which would make it spin without sleeping.
                 */
                bf->starved = 1;
                waitq_wake_one(&bf->wq);
                break;
            }
            req->error = rc;
            dequeue_head(bf);
            if (req->pending == 0)
                req_completed(bf, req);
            kick(bf);
            continue;
        }
        produced = 1;
        if (!req_queued(req))
            dequeue_head(bf);
    }
    if (produced)
        push(bf);
}

/* --- consuming responses ----------------------------------------------- */

static int
response(struct blkfront *bf, uint64_t id, uint8_t op, int16_t status)
{
    struct blkfront_slot *slot;
    int err;

    if (blkring_id_answer(&bf->ids, id) < 0) {
        mark_broken(bf, "response for an id not outstanding", id);
        return -RX_EPROTO;
    }
    slot = &bf->slots[id];
    err = blkring_status(status);
    if (err == -RX_EPROTO || !blkring_op_matches(slot->op, slot->inner, op)) {
        mark_broken(bf, "bad response status or operation",
                    (uint64_t)(uint16_t)status << 8 | op);
        return -RX_EPROTO;
    }
    if (end_grants(slot) != 0) {
        mark_broken(bf, "pages still mapped after the response", id);
        return -RX_EPROTO;
    }
    if (err == -RX_ENOTSUP && slot->op == BLKIF_OP_DISCARD)
        bf->info.discard = 0;
    if (err == -RX_ENOTSUP && slot->req->op == BLKFRONT_FLUSH)
        bf->info.flush = 0;
    slot_finish(bf, (unsigned int)id, err);
    return 0;
}

static void
consume(struct blkfront *bf)
{
    union blkif_sring_entry *ring = bf->sring->ring;
    uint32_t prod;

    for (;;) {
        /* ring.h: read rsp_prod before the responses it covers (acquire). */
        prod = shring_load(&bf->sring->rsp_prod);
        if (blkring_new_responses(bf->req_prod_pub, bf->rsp_cons, prod) < 0) {
            mark_broken(bf, "rsp_prod beyond our requests", prod);
            return;
        }
        while (bf->rsp_cons != prod) {
            /* Copied out once; only the copy is looked at. */
            const volatile struct blkif_response *src =
                &ring[bf->rsp_cons & (ring_size(bf) - 1)].rsp;
            uint64_t id = src->id;
            uint8_t op = src->operation;
            int16_t status = src->status;

            bf->rsp_cons++;
            if (response(bf, id, op, status) < 0)
                return;
        }
        /*
         * ring.h RING_FINAL_CHECK_FOR_RESPONSES: ask for an event at the
         * next response, then look again (full barrier in between) so a
         * response published meanwhile is not missed.
         */
        shring_store(&bf->sring->rsp_event, bf->rsp_cons + 1);
        mb();
        if (shring_load(&bf->sring->rsp_prod) == bf->rsp_cons)
            return;
    }
}

/*
 * A broken backend: fail what is queued, and every ring request whose
 * grants we can end. Those the backend still maps stay (nstuck) and are
 * retried: their pages are never handed back while it can write them.
 */
static void
abandon(struct blkfront *bf)
{
    while (bf->qhead) {
        struct blkfront_req *req = bf->qhead;

        dequeue_head(bf);
        req->error = -RX_EIO;
        if (req->pending == 0)
            req_completed(bf, req);
    }
    bf->nstuck = 0;
    for (unsigned int id = 0; id < ring_size(bf); id++) {
        struct blkfront_slot *slot = &bf->slots[id];

        if (bf->ids.state[id] == BLKRING_ID_FREE)
            continue;
        if (end_grants(slot) == 0) {
            slot_finish(bf, id, -RX_EIO);
            continue;
        }
        bf->nstuck++;
        /*
         * The backend may only read the pages of anything but a read (a
         * write's data, an indirect page): its request can fail now,
         * the slot stays taken until the backend lets go.
         */
        if (slot->req && !backend_writes(slot)) {
            struct blkfront_req *req = slot->req;

            slot->req = NULL;
            if (!req->error)
                req->error = -RX_EIO;
            if (--req->pending == 0 && !req_queued(req))
                req_completed(bf, req);
        }
    }
}

/* The interval of timeout ticks: 1 s, or timeout / 32 for long ones. */
static uint64_t
tick_interval(const struct blkfront *bf)
{
    uint64_t p = bf->timeout_ns / 32;

    return p > BLKFRONT_TICK_NS ? p : BLKFRONT_TICK_NS;
}

/*
 * One tick at now: marks the disk broken if a ring request is known to be
 * outstanding for the timeout, i.e. since the tick after it was sent (63
 * ticks ago or more: at least 63 intervals, about twice the timeout).
 */
static void
timeout_tick(struct blkfront *bf, uint64_t now)
{
    bf->tick++;
    bf->tick_ns[bf->tick % BLKFRONT_TICKS] = now;
    bf->next_tick = now + tick_interval(bf);
    if (bf->broken)
        return;
    for (unsigned int id = 0; bf->inflight && id < ring_size(bf); id++) {
        uint32_t sent = bf->slots[id].tick, age = bf->tick - sent;

        if (bf->ids.state[id] != BLKRING_ID_OUTSTANDING || age == 0)
            continue;
        if (age >= BLKFRONT_TICKS - 1 ||
            now - bf->tick_ns[(sent + 1) % BLKFRONT_TICKS] >= bf->timeout_ns) {
            mark_broken(bf, "request not answered in time (ms)",
                        bf->timeout_ns / NSEC_PER_MSEC);
            return;
        }
    }
}

/*
 * Called once per round of the completion thread (force: it woke at the
 * tick's deadline): reads the clock every BLKFRONT_TICK_LOOPS rounds or
 * when forced, and ticks if the deadline has passed.
 */
static void
maybe_tick(struct blkfront *bf, int force)
{
    uint64_t now;

    if (!force && ++bf->loops < BLKFRONT_TICK_LOOPS)
        return;
    bf->loops = 0;
    if (bf->timeout_ns == 0) {
        bf->next_tick = 0;
        return;
    }
    now = time_now_ns();
    if (bf->next_tick == 0 || now >= bf->next_tick)
        timeout_tick(bf, now);
}

static void
run_done(struct blkfront *bf)
{
    while (bf->done_head) {
        struct blkfront_req *req = bf->done_head;

        bf->done_head = req->next;
        req->next = NULL;
        req->done(req);
    }
}

static void
completion_thread(void *arg)
{
    struct blkfront *bf = arg;
    uint64_t deadline;
    int woke_at_tick = 0;

    for (;;) {
        /* Marks the disk broken (and kicks) if a request is overdue. */
        maybe_tick(bf, woke_at_tick);
        woke_at_tick = 0;
        if (!bf->kick && !bf->done_head) {
            if (bf->stopping)
                break;
            if (bf->inflight == 0 && bf->qhead == NULL)
                waitq_wake_all(&bf->idle);
            deadline = bf->next_tick;
            if (bf->starved || bf->nstuck)
                deadline = time_now_ns() + 10 * NSEC_PER_MSEC;
            woke_at_tick = waitq_wait(&bf->wq, deadline) == -RX_ETIMEDOUT;
        }
        bf->kick = 0;
        bf->starved = 0;
        if (!bf->broken)
            consume(bf);
        if (bf->broken)
            abandon(bf);
        fill(bf);
        run_done(bf);
    }
}

/* --- the public API ------------------------------------------------------ */

static void
unlink_disk(struct blkfront *bf)
{
    for (struct blkfront **p = &open_disks; *p; p = &(*p)->next) {
        if (*p == bf) {
            *p = bf->next;
            break;
        }
    }
}

int
blkfront_open(const char *name, struct blkfront **out)
{
    struct blkfront *bf = mm_malloc(sizeof(*bf), 0);
    int rc;

    if (bf == NULL)
        return -RX_ENOMEM;
    memset(bf, 0, sizeof(*bf));
    bf->timeout_ns = BLKFRONT_REQUEST_TIMEOUT_NS;
    bf->loops = BLKFRONT_TICK_LOOPS;
    rc = blkfront_xs_find(name, bf);
    for (struct blkfront *o = open_disks; rc == 0 && o; o = o->next)
        if (strcmp(o->dev.nodename, bf->dev.nodename) == 0)
            rc = -RX_EBUSY;
    if (rc < 0) {
        mm_free(bf);
        return rc;
    }
    /* Listed while connecting, so a second open of it is refused. */
    bf->next = open_disks;
    open_disks = bf;
    rc = blkfront_xs_connect(bf, event);
    if (rc < 0) {
        unlink_disk(bf);
        mm_free(bf);
        return rc;
    }
    bf->thread =
        sched_create("blkfront", completion_thread, bf, 0, SCHED_JOINABLE, &rc);
    if (bf->thread == NULL) {
        unlink_disk(bf);
        (void)blkfront_xs_disconnect(bf);
        if (blkfront_ring_teardown(bf) == 0)
            mm_free(bf);
        return rc;
    }
    *out = bf;
    return 0;
}

const struct blkfront_info *
blkfront_info(const struct blkfront *bf)
{
    return &bf->info;
}

void
blkfront_set_timeout(struct blkfront *bf, uint64_t ns)
{
    bf->timeout_ns = ns;
    bf->next_tick = 0;
    bf->loops = BLKFRONT_TICK_LOOPS; /* the thread plans a tick at once */
    kick(bf);
}

int
blkfront_submit(struct blkfront *bf, struct blkfront_req *req)
{
    int rc = 0;

    switch (req->op) {
    case BLKFRONT_WRITE:
        if (bf->info.readonly)
            return -RX_EROFS;
        /* fall through */
    case BLKFRONT_READ:
        rc = blkring_check_range(req->offset, req->len, bf->info.sector_size,
                                 bf->info.capacity);
        if (req->buf == NULL || (uintptr_t)req->buf % bf->info.sector_size != 0)
            rc = -RX_EINVAL;
        break;
    case BLKFRONT_DISCARD:
        if (bf->info.readonly)
            return -RX_EROFS;
        if (!bf->info.discard)
            return -RX_ENOTSUP;
        rc = blkring_check_range(req->offset, req->len, bf->info.sector_size,
                                 bf->info.capacity);
        break;
    case BLKFRONT_FLUSH:
        req->offset = 0;
        req->len = bf->flush_op < 0 ? 0 : 1; /* one ring request, or none */
        break;
    default:
        return -RX_EINVAL;
    }
    if (rc < 0)
        return rc;
    if (bf->broken)
        return -RX_EIO;
    bf->stats.submitted++;
    req->error = 0;
    req->issued = 0;
    req->pending = 0;
    req->next = NULL;
    if (req->len == 0) {
        /* A flush with no volatile cache to flush: done at once. */
        req_completed(bf, req);
        kick(bf);
        return 0;
    }
    if (bf->qtail)
        bf->qtail->next = req;
    else
        bf->qhead = req;
    bf->qtail = req;
    fill(bf);
    return 0;
}

struct io_wait {
    struct waitq wq;
    int done;
};

static void
io_done(struct blkfront_req *req)
{
    struct io_wait *w = req->arg;

    w->done = 1;
    waitq_wake_all(&w->wq);
}

int
blkfront_io(struct blkfront *bf, enum blkfront_op op, uint64_t offset,
            void *buf, size_t len)
{
    struct io_wait w = {.done = 0};
    struct blkfront_req req = {
        .op = op,
        .offset = offset,
        .buf = buf,
        .len = len,
        .done = io_done,
        .arg = &w,
    };
    int rc = blkfront_submit(bf, &req);

    if (rc < 0)
        return rc;
    while (!w.done)
        waitq_wait(&w.wq, 0);
    return req.error;
}

int
blkfront_close(struct blkfront *bf)
{
    uint64_t deadline = time_now_ns() + BLKFRONT_TIMEOUT_NS;
    int rc;

    while (bf->inflight || bf->qhead || bf->done_head) {
        /* Only requests whose pages the backend still maps are left. */
        if (bf->broken && bf->inflight == bf->nstuck && !bf->qhead &&
            !bf->done_head)
            break;
        if (waitq_wait(&bf->idle, bf->broken
                                      ? time_now_ns() + 10 * NSEC_PER_MSEC
                                      : deadline) == -RX_ETIMEDOUT &&
            !bf->broken)
            mark_broken(bf, "requests not answered in time", bf->inflight);
    }
    bf->stopping = 1;
    kick(bf);
    (void)sched_join(bf->thread);
    (void)blkfront_xs_disconnect(bf);
    unlink_disk(bf);
    rc = blkfront_ring_teardown(bf);
    if (rc == 0)
        mm_free(bf);
    return rc;
}

void
blkfront_get_stats(const struct blkfront *bf, struct blkfront_stats *st)
{
    *st = bf->stats;
}
