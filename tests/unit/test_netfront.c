/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Host unit test of netfront's data path against a scripted backend: the
 * test includes netfront.c itself, stubs what it calls below it (events,
 * wait queues, the console), plays the backend on rings in plain memory,
 * and checks the requests put on the rings, flow control, notification
 * suppression, and that every kind of misbehaviour (unknown or repeated
 * id, offset or length beyond the page, flags not negotiated, a bad tx
 * status, rsp_prod beyond our requests) marks the NIC broken once and
 * fails later calls with -RX_EIO, while backend error statuses and runts
 * are only dropped. Also the MAC parser.
 */
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

/* The data path itself, statics included (found through -Iplatform/xen). */
#include "netfront.c"

#include "unit.h"

/* --- stubs of the platform below netfront ------------------------------ */

static int notifies, broken_msgs, waits;

int
console_printf(const char *fmt, ...)
{
    va_list ap;

    broken_msgs += strstr(fmt, "broke the protocol") != NULL;
    va_start(ap, fmt);
    vprintf(fmt, ap);
    va_end(ap);
    return 0;
}

int
evtchn_notify(evtchn_port_t port)
{
    (void)port;
    notifies++;
    return 0;
}

int
waitq_wake_all(struct waitq *wq)
{
    (void)wq;
    return 0;
}

int
waitq_wait(struct waitq *wq, uint64_t deadline_ns)
{
    (void)wq;
    (void)deadline_ns;
    waits++;
    return -RX_ETIMEDOUT;
}

/* --- the scripted backend ---------------------------------------------- */

static struct netfront *
nic_new(void)
{
    struct netfront *nf = calloc(1, sizeof(*nf));

    nf->txs = aligned_alloc(4096, 4096);
    nf->rxs = aligned_alloc(4096, 4096);
    memset(nf->txs, 0, 4096);
    memset(nf->rxs, 0, 4096);
    nf->txs->req_event = nf->txs->rsp_event = 1;
    nf->rxs->req_event = nf->rxs->rsp_event = 1;
    nf->tx_pages = calloc(NF_TX_PAGES, 4096);
    nf->rx_pages = calloc(NETFRONT_RX_BUFS, 4096);
    for (unsigned int i = 0; i < NF_TX_PAGES; i++)
        nf->tx_gref[i] = 1000 + i;
    for (unsigned int i = 0; i < NETFRONT_RX_BUFS; i++)
        nf->rx_gref[i] = 2000 + i;
    nf_pool_init(nf);
    nf_start(nf);
    broken_msgs = 0;
    return nf;
}

static void
nic_free(struct netfront *nf)
{
    free(nf->txs);
    free(nf->rxs);
    free(nf->tx_pages);
    free(nf->rx_pages);
    free(nf);
}

/* The backend answers rx request number n with (offset, status, flags). */
static void
rx_respond(struct netfront *nf, uint32_t n, uint16_t id, uint16_t offset,
           int16_t status, uint16_t flags)
{
    netif_rx_response_t *r = &nf->rxs->ring[n % NF_RING_SIZE].rsp;

    r->id = id;
    r->offset = offset;
    r->status = status;
    r->flags = flags;
    nf->rxs->rsp_prod = n + 1;
}

static void
tx_respond(struct netfront *nf, uint32_t n, uint16_t id, int16_t status)
{
    netif_tx_response_t *r = &nf->txs->ring[n % NF_RING_SIZE].rsp;

    r->id = id;
    r->status = status;
    nf->txs->rsp_prod = n + 1;
}

static uint8_t buf[4096];

static void
test_rx(void)
{
    struct netfront *nf;
    struct netfront_stats st;
    uint16_t id;
    int seen[NETFRONT_RX_BUFS] = {0}, distinct = 1;

    notifies = 0;
    nf = nic_new();
    /* Every buffer posted once, with its own grant, one notification. */
    CHECK(nf->rxs->req_prod == NETFRONT_RX_BUFS);
    CHECK(notifies == 1);
    for (unsigned int i = 0; i < NETFRONT_RX_BUFS; i++) {
        netif_rx_request_t *q = &nf->rxs->ring[i].req;

        if (q->id >= NETFRONT_RX_BUFS || seen[q->id]++ ||
            q->gref != 2000u + q->id)
            distinct = 0;
    }
    CHECK(distinct);
    CHECK(netfront_recv(nf, buf, sizeof(buf)) == -RX_EAGAIN);
    CHECK(nf->rxs->rsp_event == 1);

    /* A frame at offset 10 arrives whole, its buffer goes back at once. */
    id = nf->rxs->ring[0].req.id;
    memcpy(nf->rx_pages + id * 4096 + 10, "0123456789abcdefghij", 20);
    rx_respond(nf, 0, id, 10, 20, NETRXF_data_validated);
    CHECK(netfront_poll(nf, NETFRONT_POLL_RX, 1) == NETFRONT_POLL_RX);
    CHECK(netfront_recv(nf, buf, sizeof(buf)) == 20);
    CHECK(memcmp(buf, "0123456789abcdefghij", 20) == 0);
    CHECK(nf->rxs->req_prod == NETFRONT_RX_BUFS + 1);
    CHECK(nf->rxs->ring[NETFRONT_RX_BUFS].req.id == id);
    CHECK(nf->rxs->rsp_event == 2);

    /* An error status and a runt are dropped and reposted, not fatal. */
    rx_respond(nf, 1, nf->rxs->ring[1].req.id, 0, NETIF_RSP_ERROR, 0);
    CHECK(netfront_recv(nf, buf, sizeof(buf)) == -RX_EAGAIN);
    rx_respond(nf, 2, nf->rxs->ring[2].req.id, 0, 5, 0);
    CHECK(netfront_recv(nf, buf, sizeof(buf)) == -RX_EAGAIN);
    /* Too big for the caller's buffer: dropped, buffer reposted. */
    rx_respond(nf, 3, nf->rxs->ring[3].req.id, 0, 100, 0);
    CHECK(netfront_recv(nf, buf, 50) == -RX_EMSGSIZE);
    netfront_get_stats(nf, &st);
    CHECK(st.rx_dropped == 3 && st.rx_frames == 1 && st.rx_bytes == 20);
    CHECK(st.rx_posted == NETFRONT_RX_BUFS);
    CHECK(!nf->broken && broken_msgs == 0);

    /* Nothing waiting: poll returns 0 at its deadline. */
    waits = 0;
    CHECK(netfront_poll(nf, NETFRONT_POLL_RX, 1) == 0);
    CHECK(waits == 1);
    nic_free(nf);
}

static void
test_tx(void)
{
    struct netfront *nf = nic_new();
    struct netfront_stats st;
    netif_tx_request_t *q;
    uint8_t frame[NETFRONT_FRAME_MAX];
    int ok = 1;

    memset(frame, 0xab, sizeof(frame));
    CHECK(netfront_xmit(nf, frame, 13) == -RX_EMSGSIZE);
    CHECK(netfront_xmit(nf, frame, NETFRONT_FRAME_MAX + 1) == -RX_EMSGSIZE);
    notifies = 0;
    CHECK(netfront_xmit(nf, frame, 60) == 0);
    q = &nf->txs->ring[0].req;
    CHECK(nf->txs->req_prod == 1 && notifies == 1);
    CHECK(q->size == 60 && q->flags == 0 && q->id < NETFRONT_TX_BUFS);
    CHECK(q->gref == 1000u + q->id && q->offset == 0);
    CHECK(memcmp(nf->tx_pages + q->id * 4096, frame, 60) == 0);

    /* The backend says it will look later: no more notifications. */
    nf->txs->req_event = 1000;
    for (int i = 1; i < NETFRONT_TX_BUFS; i++)
        ok &= netfront_xmit(nf, frame, NETFRONT_FRAME_MAX) == 0;
    CHECK(ok);
    CHECK(notifies == 1);
    /* Every slot in flight: flow control. */
    CHECK(netfront_xmit(nf, frame, 60) == -RX_EAGAIN);
    CHECK(netfront_poll(nf, NETFRONT_POLL_TX, 1) == 0);
    netfront_get_stats(nf, &st);
    CHECK(st.tx_full == 1 && st.tx_inflight == NETFRONT_TX_BUFS);
    /* One answered (dropped by the backend): one slot free again. */
    tx_respond(nf, 0, nf->txs->ring[0].req.id, NETIF_RSP_DROPPED);
    CHECK(netfront_poll(nf, NETFRONT_POLL_TX, 1) == NETFRONT_POLL_TX);
    CHECK(netfront_xmit(nf, frame, 60) == 0);
    CHECK(nf->txs->ring[NETFRONT_TX_BUFS].req.id == nf->txs->ring[0].req.id);
    netfront_get_stats(nf, &st);
    CHECK(st.tx_errors == 1 && st.tx_frames == NETFRONT_TX_BUFS + 1);
    CHECK(!nf->broken);
    nic_free(nf);
}

/* Checksum offload: only when in force, both ways. */
static void
test_csum(void)
{
    struct netfront *nf = nic_new();
    uint8_t frame[64] = {0};
    struct netfront_seg seg = {frame, sizeof(frame)};
    unsigned int flags = 99;

    CHECK(netfront_xmitv(nf, &seg, 1, NETFRONT_TX_CSUM_BLANK) == -RX_EINVAL);
    CHECK(netfront_xmitv(nf, &seg, 1, 0x80) == -RX_EINVAL);
    nf->info.offloads = NETFRONT_OPEN_CSUM;
    CHECK(netfront_xmitv(nf, &seg, 1, NETFRONT_TX_CSUM_BLANK) == 0);
    CHECK(nf->txs->ring[0].req.flags ==
          (NETTXF_csum_blank | NETTXF_data_validated));
    CHECK(netfront_xmitv(nf, &seg, 1, 0) == 0);
    CHECK(nf->txs->ring[1].req.flags == 0);
    rx_respond(nf, 0, nf->rxs->ring[0].req.id, 0, 60,
               NETRXF_csum_blank | NETRXF_data_validated);
    CHECK(netfront_recv_flags(nf, buf, sizeof(buf), &flags) == 60);
    CHECK(flags == (NETFRONT_RX_CSUM_BLANK | NETFRONT_RX_VALIDATED));
    rx_respond(nf, 1, nf->rxs->ring[1].req.id, 0, 60, 0);
    CHECK(netfront_recv_flags(nf, buf, sizeof(buf), &flags) == 60);
    CHECK(flags == 0);
    CHECK(!nf->broken);
    nic_free(nf);
}

static void
test_xmitv(void)
{
    struct netfront *nf = nic_new();
    struct netfront_seg segs[3] = {
        {"0123456789abcd", 14}, {"", 0}, {"efghij", 6}};
    netif_tx_request_t *q = &nf->txs->ring[0].req;

    CHECK(netfront_xmitv(nf, segs, 3, 0) == 0);
    CHECK(q->size == 20);
    CHECK(memcmp(nf->tx_pages + q->id * 4096, "0123456789abcdefghij", 20) == 0);
    CHECK(netfront_xmitv(nf, segs, 1, 0) == 0);
    CHECK(netfront_xmitv(nf, segs + 1, 2, 0) == -RX_EMSGSIZE);
    segs[1].len = NETFRONT_FRAME_MAX;
    CHECK(netfront_xmitv(nf, segs, 3, 0) == -RX_EMSGSIZE);
    segs[1].len = SIZE_MAX;
    CHECK(netfront_xmitv(nf, segs, 3, 0) == -RX_EMSGSIZE);
    CHECK(nf->txs->req_prod == 2);
    nic_free(nf);
}

/* --- scatter-gather and TSO ------------------------------------------- */

static uint8_t big[NETFRONT_GSO_MAX + 1];

/* A NIC with checksum offload and TSO in force. */
static struct netfront *
nic_tso(void)
{
    struct netfront *nf = nic_new();

    nf->info.offloads = NETFRONT_OPEN_CSUM | NETFRONT_OPEN_TSO;
    return nf;
}

/*
 * Sends big[0..len) as pieces of 1000, 1, 2047, 1000, 1, 2047, ... bytes,
 * as type (NETFRONT_GSO_TCPV4 if 0).
 */
static int
send_tso_type(struct netfront *nf, size_t len, unsigned int mss,
              unsigned int type)
{
    static const size_t sizes[3] = {1000, 1, 2047};
    struct netfront_seg segs[256];
    unsigned int n = 0;

    for (size_t off = 0; off < len; n++) {
        size_t l = sizes[n % 3] < len - off ? sizes[n % 3] : len - off;

        segs[n].base = big + off;
        segs[n].len = l;
        off += l;
    }
    return netfront_xmit_tso(nf, segs, n, mss,
                             type ? type : NETFRONT_GSO_TCPV4);
}

static int
send_tso(struct netfront *nf, size_t len, unsigned int mss)
{
    return send_tso_type(nf, len, mss, 0);
}

/*
 * Checks the slots of one TSO frame of len bytes from ring slot first:
 * the data request with the whole length, the GSO extra info, one
 * request per further page, gathered bytes equal to big. Returns how
 * many slots it took.
 */
static unsigned int
check_tso_slots6(struct netfront *nf, uint32_t first, size_t len,
                 unsigned int mss, uint8_t gso_type)
{
    netif_tx_request_t *q = &nf->txs->ring[first % NF_RING_SIZE].req;
    netif_extra_info_t ex;
    unsigned int pages = (unsigned int)((len + 4095) / 4096), ok = 1;
    size_t off = 0, rest = 0;

    CHECK(q->size == len && q->offset == 0 && q->id < NETFRONT_TX_BUFS);
    CHECK(q->flags == (NETTXF_csum_blank | NETTXF_data_validated |
                       NETTXF_extra_info | (pages > 1 ? NETTXF_more_data : 0)));
    CHECK(q->gref == 1000u + q->id);
    ok &=
        memcmp(nf->tx_pages + q->id * 4096, big, len < 4096 ? len : 4096) == 0;
    off = 4096;
    memcpy(&ex, &nf->txs->ring[(first + 1) % NF_RING_SIZE].req, sizeof(ex));
    CHECK(ex.type == XEN_NETIF_EXTRA_TYPE_GSO && ex.flags == 0);
    CHECK(ex.u.gso.size == mss && ex.u.gso.type == gso_type &&
          ex.u.gso.features == 0);
    for (unsigned int p = 1; p < pages; p++) {
        q = &nf->txs->ring[(first + 1 + p) % NF_RING_SIZE].req;
        ok &= q->offset == 0 && q->id < NETFRONT_TX_BUFS &&
              q->gref == 1000u + q->id && q->size <= 4096 &&
              q->flags == (p + 1 < pages ? NETTXF_more_data : 0) &&
              memcmp(nf->tx_pages + q->id * 4096, big + off, q->size) == 0;
        rest += q->size;
        off += q->size;
    }
    CHECK(ok);
    CHECK(pages == 1 || rest == len - 4096);
    return pages + 1;
}

static unsigned int
check_tso_slots(struct netfront *nf, uint32_t first, size_t len,
                unsigned int mss)
{
    return check_tso_slots6(nf, first, len, mss, XEN_NETIF_GSO_TYPE_TCPV4);
}

/* The backend answers the n slots of a frame from ring slot first. */
static void
tx_answer(struct netfront *nf, uint32_t first, unsigned int n)
{
    for (unsigned int i = 0; i < n; i++) {
        uint32_t slot = first + i;
        /* The extra info's id field is stale: answered with garbage. */
        int null =
            i == 1 && n > 1 &&
            (nf->txs->ring[first % NF_RING_SIZE].req.flags & NETTXF_extra_info);

        tx_respond(nf, slot,
                   null ? 0xdead : nf->txs->ring[slot % NF_RING_SIZE].req.id,
                   null ? NETIF_RSP_NULL : NETIF_RSP_OKAY);
    }
}

static void
test_tso(void)
{
    struct netfront *nf = nic_new();
    struct netfront_stats st;
    unsigned int slots;

    for (size_t i = 0; i < sizeof(big); i++)
        big[i] = (uint8_t)(i * 7 + i / 251);
    /* Only with TSO in force, an MSS, and up to NETFRONT_GSO_MAX. */
    CHECK(send_tso(nf, 3000, 1448) == -RX_EINVAL);
    nic_free(nf);
    nf = nic_tso();
    CHECK(send_tso(nf, 3000, 0) == -RX_EINVAL);
    CHECK(send_tso(nf, 3000, NETFRONT_MTU + 1) == -RX_EINVAL);
    CHECK(send_tso(nf, NETFRONT_GSO_MAX + 1, 1448) == -RX_EMSGSIZE);
    CHECK(send_tso(nf, 13, 1448) == -RX_EMSGSIZE);
    CHECK(nf->txs->req_prod == 0);

    /* The largest frame: 16 pages and the extra info, 17 slots (<= 18). */
    notifies = 0;
    CHECK(send_tso(nf, NETFRONT_GSO_MAX, 1448) == 0);
    slots = check_tso_slots(nf, 0, NETFRONT_GSO_MAX, 1448);
    CHECK(slots == 17 && nf->txs->req_prod == 17 && notifies == 1);
    /* A plain frame of several pieces still goes as one slot. */
    CHECK(netfront_xmit(nf, big, 1514) == 0);
    CHECK(nf->txs->req_prod == 18 && nf->txs->ring[17].req.flags == 0);
    /* A small TSO frame: one page and the extra info. */
    CHECK(send_tso(nf, 200, 536) == 0);
    CHECK(check_tso_slots(nf, 18, 200, 536) == 2);
    netfront_get_stats(nf, &st);
    CHECK(st.tx_gso == 2 && st.tx_frames == 3 && st.tx_slots == 20);
    CHECK(st.tx_inflight == 18);

    /* Answers, the NULL right after its owner, across two tx_gc calls. */
    tx_answer(nf, 0, 1);
    CHECK(netfront_poll(nf, NETFRONT_POLL_TX, 1) == NETFRONT_POLL_TX);
    CHECK(nf->tx_nulls_due == 1);
    tx_answer(nf, 0, 17);
    tx_answer(nf, 17, 1);
    tx_answer(nf, 18, 2);
    CHECK(netfront_poll(nf, NETFRONT_POLL_TX, 1) == NETFRONT_POLL_TX);
    netfront_get_stats(nf, &st);
    CHECK(st.tx_inflight == 0 && nf->tx_nulls_due == 0 && st.tx_errors == 0);
    CHECK(!nf->broken && broken_msgs == 0);
    nic_free(nf);
}

/* IPv6: only with NETFRONT_OPEN_TSO6 in force, and IPv4 only with TSO. */
static void
test_tso6(void)
{
    struct netfront *nf = nic_tso();
    struct netfront_stats st;

    CHECK(send_tso_type(nf, 9000, 1428, NETFRONT_GSO_TCPV6) == -RX_EINVAL);
    CHECK(send_tso_type(nf, 9000, 1428, 3) == -RX_EINVAL);
    nf->info.offloads = NETFRONT_OPEN_CSUM | NETFRONT_OPEN_TSO6;
    CHECK(send_tso(nf, 9000, 1428) == -RX_EINVAL);
    CHECK(send_tso_type(nf, 9000, 1428, NETFRONT_GSO_TCPV6) == 0);
    CHECK(check_tso_slots6(nf, 0, 9000, 1428, XEN_NETIF_GSO_TYPE_TCPV6) == 4);
    netfront_get_stats(nf, &st);
    CHECK(st.tx_gso == 1 && st.tx_gso6 == 1 && st.tx_slots == 4);
    nic_free(nf);
}

/* Flow control with frames of many pages: pages and ring slots. */
static void
test_tso_full(void)
{
    struct netfront *nf = nic_tso();
    struct netfront_stats st;
    int ok = 1;

    /* Eight 16-page frames take every page and 8 * 17 slots. */
    for (int i = 0; i < 8; i++)
        ok &= send_tso(nf, NETFRONT_GSO_MAX, 1448) == 0;
    CHECK(ok);
    CHECK(nf->tx_nfree == 0 && nf->txs->req_prod == 8 * 17);
    CHECK(tx_room(nf, 0, NF_RING_SIZE - 8 * 17) &&
          !tx_room(nf, 0, NF_RING_SIZE - 8 * 17 + 1));
    CHECK(send_tso(nf, NETFRONT_GSO_MAX, 1448) == -RX_EAGAIN);
    CHECK(netfront_xmit(nf, big, 60) == -RX_EAGAIN);
    /* The first frame's first page and its NULL come back: one page. */
    tx_answer(nf, 0, 2);
    CHECK(netfront_xmit(nf, big, 60) == 0);
    /*
     * The other pages but one come back, and the small frame's: 15
     * pages, the refused frame wants 16, so NETFRONT_POLL_TX waits.
     */
    for (uint32_t i = 2; i < 16; i++)
        tx_respond(nf, i, nf->txs->ring[i].req.id, NETIF_RSP_OKAY);
    tx_respond(nf, 16, nf->txs->ring[8 * 17].req.id, NETIF_RSP_OKAY);
    CHECK(send_tso(nf, NETFRONT_GSO_MAX, 1448) == -RX_EAGAIN);
    CHECK(netfront_poll(nf, NETFRONT_POLL_TX, 1) == 0);
    tx_respond(nf, 17, nf->txs->ring[16].req.id, NETIF_RSP_OKAY);
    CHECK(netfront_poll(nf, NETFRONT_POLL_TX, 1) == NETFRONT_POLL_TX);
    /* The ninth frame takes them. */
    CHECK(send_tso(nf, NETFRONT_GSO_MAX, 1448) == 0);
    CHECK(check_tso_slots(nf, 8 * 17 + 1, NETFRONT_GSO_MAX, 1448) == 17);
    netfront_get_stats(nf, &st);
    CHECK(st.tx_full == 3 && st.tx_inflight == NETFRONT_TX_BUFS);
    CHECK(st.tx_slots == 9 * 17 + 1);
    CHECK(!nf->broken);
    nic_free(nf);
}

/* Runs one misbehaviour on a fresh NIC: it must break it, once. */
static void
expect_broken(const char *what, void (*script)(struct netfront *))
{
    struct netfront *nf = nic_new();
    uint8_t frame[64] = {0};

    script(nf);
    (void)netfront_recv(nf, buf, sizeof(buf));
    (void)netfront_poll(nf, NETFRONT_POLL_TX, 1);
    if (!nf->broken || broken_msgs != 1)
        fprintf(stderr, "misbehaviour not caught: %s\n", what);
    CHECK(nf->broken && broken_msgs == 1);
    CHECK(netfront_broken(nf));
    CHECK(netfront_recv(nf, buf, sizeof(buf)) == -RX_EIO);
    CHECK(netfront_xmit(nf, frame, sizeof(frame)) == -RX_EIO);
    CHECK(netfront_poll(nf, NETFRONT_POLL_RX, 1) == -RX_EIO);
    CHECK(broken_msgs == 1);
    nic_free(nf);
}

static void
rx_bad_id(struct netfront *nf)
{
    rx_respond(nf, 0, NETFRONT_RX_BUFS, 0, 60, 0);
}

static void
rx_repeated_id(struct netfront *nf)
{
    uint16_t id = nf->rxs->ring[0].req.id;

    rx_respond(nf, 0, id, 0, 60, 0);
    CHECK(netfront_poll(nf, NETFRONT_POLL_RX, 1) == NETFRONT_POLL_RX);
    /* The buffer is still ours, waiting for netfront_recv. */
    rx_respond(nf, 1, id, 0, 60, 0);
    CHECK(netfront_poll(nf, NETFRONT_POLL_RX, 1) == NETFRONT_POLL_RX);
    (void)netfront_recv(nf, buf, sizeof(buf));
}

static void
rx_beyond_page(struct netfront *nf)
{
    rx_respond(nf, 0, nf->rxs->ring[0].req.id, 4000, 200, 0);
}

static void
rx_more_data(struct netfront *nf)
{
    rx_respond(nf, 0, nf->rxs->ring[0].req.id, 0, 60, NETRXF_more_data);
}

static void
rx_extra_info(struct netfront *nf)
{
    rx_respond(nf, 0, nf->rxs->ring[0].req.id, 0, 60, NETRXF_extra_info);
}

/* A blank checksum we did not agree to. */
static void
rx_csum_blank(struct netfront *nf)
{
    rx_respond(nf, 0, nf->rxs->ring[0].req.id, 0, 60, NETRXF_csum_blank);
}

static void
rx_prod_beyond(struct netfront *nf)
{
    nf->rxs->rsp_prod = NETFRONT_RX_BUFS + 1;
}

static void
tx_bad_id(struct netfront *nf)
{
    uint8_t frame[64] = {0};

    CHECK(netfront_xmit(nf, frame, sizeof(frame)) == 0);
    tx_respond(nf, 0, (uint16_t)(nf->txs->ring[0].req.id ^ 1), 0);
}

static void
tx_repeated_id(struct netfront *nf)
{
    uint8_t frame[64] = {0};

    CHECK(netfront_xmit(nf, frame, sizeof(frame)) == 0);
    CHECK(netfront_xmit(nf, frame, sizeof(frame)) == 0);
    tx_respond(nf, 0, nf->txs->ring[0].req.id, 0);
    tx_respond(nf, 1, nf->txs->ring[0].req.id, 0);
}

static void
tx_null_status(struct netfront *nf)
{
    uint8_t frame[64] = {0};

    CHECK(netfront_xmit(nf, frame, sizeof(frame)) == 0);
    tx_respond(nf, 0, nf->txs->ring[0].req.id, NETIF_RSP_NULL);
}

/* The extra-info slot answered OKAY instead of NULL. */
static void
tx_null_missing(struct netfront *nf)
{
    nf->info.offloads = NETFRONT_OPEN_CSUM | NETFRONT_OPEN_TSO;
    CHECK(send_tso(nf, 5000, 1448) == 0);
    tx_respond(nf, 0, nf->txs->ring[0].req.id, NETIF_RSP_OKAY);
    tx_respond(nf, 1, nf->txs->ring[2].req.id, NETIF_RSP_OKAY);
}

/* The NULL before its owner's response. */
static void
tx_null_early(struct netfront *nf)
{
    nf->info.offloads = NETFRONT_OPEN_CSUM | NETFRONT_OPEN_TSO;
    CHECK(send_tso(nf, 5000, 1448) == 0);
    tx_respond(nf, 0, 0, NETIF_RSP_NULL);
}

/* Two NULLs where the frame had one extra-info slot. */
static void
tx_null_twice(struct netfront *nf)
{
    nf->info.offloads = NETFRONT_OPEN_CSUM | NETFRONT_OPEN_TSO;
    CHECK(send_tso(nf, 5000, 1448) == 0);
    tx_respond(nf, 0, nf->txs->ring[0].req.id, NETIF_RSP_OKAY);
    tx_respond(nf, 1, 0, NETIF_RSP_NULL);
    tx_respond(nf, 2, nf->txs->ring[2].req.id, NETIF_RSP_NULL);
}

/* A data slot of a TSO frame answered twice (the NULL's slot). */
static void
tx_tso_repeated(struct netfront *nf)
{
    nf->info.offloads = NETFRONT_OPEN_CSUM | NETFRONT_OPEN_TSO;
    CHECK(send_tso(nf, 5000, 1448) == 0);
    tx_respond(nf, 0, nf->txs->ring[2].req.id, NETIF_RSP_OKAY);
    tx_respond(nf, 1, nf->txs->ring[2].req.id, NETIF_RSP_OKAY);
}

static void
tx_prod_beyond(struct netfront *nf)
{
    nf->txs->rsp_prod = 1;
}

static void
test_mac(void)
{
    uint8_t m[6];

    CHECK(nf_parse_mac("00:16:3e:0b:00:0a", m) == 0);
    CHECK(m[0] == 0 && m[2] == 0x3e && m[5] == 0x0a);
    CHECK(nf_parse_mac("AA:BB:CC:DD:EE:FF", m) == 0 && m[5] == 0xff);
    CHECK(nf_parse_mac("00:16:3e:0b:00", m) == -RX_EPROTO);
    CHECK(nf_parse_mac("00:16:3e:0b:00:0a:", m) == -RX_EPROTO);
    CHECK(nf_parse_mac("00-16-3e-0b-00-0a", m) == -RX_EPROTO);
    CHECK(nf_parse_mac("0:16:3e:0b:00:0a", m) == -RX_EPROTO);
    CHECK(nf_parse_mac("00:16:3e:0b:00:0g", m) == -RX_EPROTO);
    CHECK(nf_parse_mac("", m) == -RX_EPROTO);
}

int
main(void)
{
    test_rx();
    test_tx();
    test_xmitv();
    test_csum();
    test_tso();
    test_tso_full();
    test_tso6();
    expect_broken("rx id out of range", rx_bad_id);
    expect_broken("rx id answered twice", rx_repeated_id);
    expect_broken("rx beyond its page", rx_beyond_page);
    expect_broken("rx more_data", rx_more_data);
    expect_broken("rx extra_info", rx_extra_info);
    expect_broken("rx csum_blank not negotiated", rx_csum_blank);
    expect_broken("rx rsp_prod beyond", rx_prod_beyond);
    expect_broken("tx id not in flight", tx_bad_id);
    expect_broken("tx id answered twice", tx_repeated_id);
    expect_broken("tx NULL status", tx_null_status);
    expect_broken("tx rsp_prod beyond", tx_prod_beyond);
    expect_broken("tx extra info not answered NULL", tx_null_missing);
    expect_broken("tx NULL before its owner", tx_null_early);
    expect_broken("tx NULL twice", tx_null_twice);
    expect_broken("tx TSO slot answered twice", tx_tso_repeated);
    test_mac();
    return unit_done("netfront");
}
