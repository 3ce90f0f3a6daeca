/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private to blkfront: the state of one disk, shared by the data path
 * (blkfront.c) and the xenbus negotiation (blkfront_xs.c).
 */
#ifndef PLATFORM_XEN_BLKFRONT_PRIV_H
#define PLATFORM_XEN_BLKFRONT_PRIV_H

#include <rumpxen/blkfront.h>
#include <rumpxen/evtchn.h>
#include <rumpxen/gnttab.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>
#include <rumpxen/xenbus.h>

#include "blkfront_ring_priv.h"
#include "xen_priv.h"

#include <xen/io/blkif.h>
#include <xen/io/protocols.h>

/* What we use at most of what a backend may offer. */
#define BLKFRONT_MAX_RING_ORDER 1
#define BLKFRONT_MAX_RING_PAGES (1u << BLKFRONT_MAX_RING_ORDER)
#define BLKFRONT_MAX_INDIRECT_SEGS 32
#define BLKFRONT_TIMEOUT_NS (10 * NSEC_PER_SEC)
/* A ring request unanswered this long breaks the disk (blkfront.h). */
#define BLKFRONT_REQUEST_TIMEOUT_NS (30 * NSEC_PER_SEC)
/*
 * Requests are timed without a clock read per request: the completion
 * thread "ticks" at most once per BLKFRONT_TICK_NS (or timeout / 32 if
 * longer), reading the clock only when it wakes at the tick's deadline or
 * every BLKFRONT_TICK_LOOPS rounds; each request records the tick count
 * when sent, so it is known to be outstanding since the next tick.
 */
#define BLKFRONT_TICK_NS NSEC_PER_SEC
#define BLKFRONT_TICK_LOOPS 64
#define BLKFRONT_TICKS 64 /* tick times kept (a power of 2) */

/* One ring request in flight: the request it serves and its grants. */
struct blkfront_slot {
    struct blkfront_req *req; /* NULL once failed while the backend maps */
    uint32_t tick;            /* bf->tick when it went on the ring */
    uint8_t op;               /* BLKIF_OP_* sent */
    uint8_t inner;            /* the indirect request's operation */
    uint16_t ngrants;
    /* Data pages, then the indirect page; 0 once ended. */
    grant_ref_t grants[BLKFRONT_MAX_INDIRECT_SEGS + 1];
};

struct blkfront {
    struct blkfront_info info;
    struct xenbus_dev dev;
    uint16_t handle;       /* blkif_vdev_t: the xenstore device id */
    int flush_op;          /* BLKIF_OP_* for a flush, or -1: none needed */
    unsigned int indirect; /* segments per indirect request, 0: none */
    uint64_t timeout_ns;   /* per ring request, 0: none */
    uint32_t tick, loops;  /* ticks so far; rounds since the last clock read */
    uint64_t next_tick;    /* deadline of the next tick, 0: none planned */
    uint64_t tick_ns[BLKFRONT_TICKS]; /* time of tick t at t % BLKFRONT_TICKS */

    /* The shared ring. req_prod_pvt, req_prod_pub and rsp_cons are our
     * private copies (xen/io/ring.h): never read back from the page. */
    blkif_sring_t *sring;
    unsigned int ring_order;
    grant_ref_t ring_refs[BLKFRONT_MAX_RING_PAGES];
    evtchn_port_t port;
    uint32_t req_prod_pvt, req_prod_pub, rsp_cons;

    struct blkring_ids ids;
    uint16_t *id_stack;
    uint8_t *id_state;
    struct blkfront_slot *slots;
    void **indirect_pages; /* one per slot when indirect != 0 */

    struct blkfront_req *qhead, *qtail; /* not fully on the ring yet */
    struct blkfront_req *done_head;     /* completed, done not yet run */
    struct thread *thread;
    struct waitq wq;   /* the completion thread sleeps here */
    struct waitq idle; /* close waits here for the disk to drain */
    int kick, stopping, broken, starved;
    unsigned int inflight, nstuck;
    struct blkfront_stats stats;
    struct blkfront *next;
};

/* blkfront_xs.c: finds name's device (sets dev, handle, info.name). */
int blkfront_xs_find(const char *name, struct blkfront *bf);
/*
 * blkfront_xs.c: negotiates and connects; sets info, flush_op. event is
 * the ring's event-channel handler (blkfront.c's, passed so that this
 * file calls nothing in blkfront.c: no circle).
 */
int blkfront_xs_connect(struct blkfront *bf, evtchn_handler_fn *event);
/* blkfront_xs.c: Closing, then Closed, waiting for the backend. */
int blkfront_xs_disconnect(struct blkfront *bf);

/*
 * blkfront_xs.c: allocates and grants the ring (1 << order pages), binds
 * the event channel, sets up ids and slots (indirect pages if
 * indirect_segs). Returns 0 or a negative errno (nothing left held).
 */
int blkfront_ring_setup(struct blkfront *bf, unsigned int order,
                        unsigned int indirect_segs, evtchn_handler_fn *event);
/* blkfront_xs.c: undoes setup; -RX_EBUSY if the backend still maps pages. */
int blkfront_ring_teardown(struct blkfront *bf);

#endif
