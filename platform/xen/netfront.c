/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * netfront's data path: the tx and rx rings of one NIC, over a fixed pool
 * of buffers granted once at open (nothing is allocated or granted per
 * frame). Every response is copied out of the ring, then checked, then
 * used. The xenbus side (open, close, negotiation) is netfront_xs.c.
 */
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/netfront.h>

#include "barrier_priv.h"
#include "netfront_priv.h"
#include "shring_priv.h"

void
nf_set_broken(struct netfront *nf, const char *why, unsigned int value)
{
    if (!nf->broken)
        console_printf("netfront %u: backend broke the protocol: %s (%u); "
                       "NIC disabled\n",
                       nf->info.id, why, value);
    nf->broken = 1;
    waitq_wake_all(&nf->wq);
}

void
nf_event(evtchn_port_t port, void *arg)
{
    struct netfront *nf = arg;

    (void)port;
    /* Handlers must not block: the rings are served by the woken thread. */
    waitq_wake_all(&nf->wq);
}

void
nf_pool_init(struct netfront *nf)
{
    nf->tx_nfree = NETFRONT_TX_BUFS;
    for (unsigned int i = 0; i < NETFRONT_TX_BUFS; i++) {
        nf->tx_free[i] = (uint16_t)(NETFRONT_TX_BUFS - 1 - i);
        nf->tx_busy[i] = nf->tx_extra[i] = 0;
    }
    nf->tx_nulls_due = 0;
    nf->tx_want_pages = nf->tx_want_slots = 1;
    nf->rx_nidle = NETFRONT_RX_BUFS;
    for (unsigned int i = 0; i < NETFRONT_RX_BUFS; i++) {
        nf->rx_idle[i] = (uint16_t)(NETFRONT_RX_BUFS - 1 - i);
        nf->rx_state[i] = NF_RX_IDLE;
    }
    nf->rxq_head = nf->rxq_count = 0;
    nf->tx_req_prod = nf->tx_rsp_cons = 0;
    nf->rx_req_prod = nf->rx_rsp_cons = 0;
}

/*
 * Publishes requests up to our private req_prod and notifies the backend
 * if it asked to be (ring.h RING_PUSH_REQUESTS_AND_CHECK_NOTIFY). old is
 * our private copy of what we published last, never read back from the
 * shared page.
 */
static void
push_requests(struct netfront *nf, volatile uint32_t *req_prod,
              volatile uint32_t *req_event, uint32_t old, uint32_t new)
{
    uint32_t ev;

    /* The slots are written before the backend sees req_prod move. */
    shring_store(req_prod, new);
    /*
     * ring.h: mb() between publishing req_prod and reading req_event, so
     * the backend either sees our new req_prod or has set a req_event we
     * read here (store-load order needs a full barrier).
     */
    mb();
    ev = shring_load(req_event);
    if ((uint32_t)(new - ev) < (uint32_t)(new - old)) {
        nf->stats.notifies++;
        (void)evtchn_notify(nf->port);
    }
}

/* --- rx ---------------------------------------------------------------- */

/* Puts every idle rx buffer on the ring. */
static void
rx_refill(struct netfront *nf)
{
    uint32_t prod = nf->rx_req_prod;

    if (nf->rx_nidle == 0)
        return;
    while (nf->rx_nidle > 0) {
        uint16_t id = nf->rx_idle[--nf->rx_nidle];
        /* Our private prod: at most NETFRONT_RX_BUFS < NF_RING_SIZE out. */
        netif_rx_request_t *req = &nf->rxs->ring[prod & (NF_RING_SIZE - 1)].req;

        req->id = id;
        req->gref = nf->rx_gref[id];
        nf->rx_slot_id[prod & (NF_RING_SIZE - 1)] = id;
        nf->rx_state[id] = NF_RX_POSTED;
        prod++;
    }
    push_requests(nf, &nf->rxs->req_prod, &nf->rxs->req_event, nf->rx_req_prod,
                  prod);
    nf->rx_req_prod = prod;
}

void
nf_start(struct netfront *nf)
{
    rx_refill(nf);
}

/*
 * Checks one rx response (already copied out of slot `slot` of the ring)
 * and queues it. netif.h: a response goes in the slot of its request, so
 * its id must be the one we posted there.
 */
static void
rx_take(struct netfront *nf, uint32_t slot, const netif_rx_response_t *rsp)
{
    uint16_t id = rsp->id;
    int16_t status = rsp->status;
    unsigned int q;

    if (id >= NETFRONT_RX_BUFS || nf->rx_state[id] != NF_RX_POSTED ||
        nf->rx_slot_id[slot & (NF_RING_SIZE - 1)] != id) {
        nf_set_broken(nf, "rx response for an id not posted", id);
        return;
    }
    /*
     * We negotiated no scatter-gather, GSO or extra info, and blank
     * checksums only with checksum offload.
     */
    if ((rsp->flags &
         (NETRXF_more_data | NETRXF_extra_info | NETRXF_gso_prefix)) ||
        ((rsp->flags & NETRXF_csum_blank) &&
         !(nf->info.offloads & NETFRONT_OPEN_CSUM))) {
        nf_set_broken(nf, "rx response with flags not negotiated", rsp->flags);
        return;
    }
    if (status > 0 &&
        (unsigned int)rsp->offset + (unsigned int)status > PAGE_SIZE) {
        nf_set_broken(nf, "rx response beyond its page",
                      (unsigned int)rsp->offset + (unsigned int)status);
        return;
    }
    if (status < NETFRONT_FRAME_MIN) {
        /* A backend error status, or a runt: drop it, not a violation. */
        nf->stats.rx_dropped++;
        nf->rx_state[id] = NF_RX_IDLE;
        nf->rx_idle[nf->rx_nidle++] = id;
        return;
    }
    q = (nf->rxq_head + nf->rxq_count) % NETFRONT_RX_BUFS;
    nf->rxq_id[q] = id;
    nf->rxq_off[q] = rsp->offset;
    nf->rxq_len[q] = (uint16_t)status;
    nf->rxq_flags[q] =
        (uint8_t)((rsp->flags & NETRXF_csum_blank ? NETFRONT_RX_CSUM_BLANK
                                                  : 0) |
                  (rsp->flags & NETRXF_data_validated ? NETFRONT_RX_VALIDATED
                                                      : 0));
    nf->rxq_count++;
    nf->rx_state[id] = NF_RX_READY;
}

/*
 * Consumes every rx response, then arms rsp_event so that the backend
 * notifies us of the next (ring.h RING_FINAL_CHECK_FOR_RESPONSES).
 */
static void
rx_poll(struct netfront *nf)
{
    for (;;) {
        /* Acquire: the slots up to prod are read only after it. */
        uint32_t prod = shring_load(&nf->rxs->rsp_prod);

        if ((uint32_t)(prod - nf->rx_rsp_cons) >
            (uint32_t)(nf->rx_req_prod - nf->rx_rsp_cons)) {
            nf_set_broken(nf, "rx rsp_prod beyond our requests",
                          prod - nf->rx_rsp_cons);
            return;
        }
        while (nf->rx_rsp_cons != prod && !nf->broken) {
            netif_rx_response_t rsp;

            /* Copied once out of the ring; only the copy is used. */
            memcpy(&rsp,
                   (const void *)&nf->rxs
                       ->ring[nf->rx_rsp_cons & (NF_RING_SIZE - 1)]
                       .rsp,
                   sizeof(rsp));
            rx_take(nf, nf->rx_rsp_cons++, &rsp);
        }
        if (nf->broken)
            return;
        /*
         * ring.h: write rsp_event, then mb(), then read rsp_prod again: a
         * response published in between is seen here or notified.
         */
        shring_store(&nf->rxs->rsp_event, nf->rx_rsp_cons + 1);
        mb();
        if (shring_load(&nf->rxs->rsp_prod) == nf->rx_rsp_cons)
            break;
    }
    rx_refill(nf);
}

int
netfront_recv(struct netfront *nf, void *buf, size_t size)
{
    unsigned int flags;

    return netfront_recv_flags(nf, buf, size, &flags);
}

int
netfront_recv_flags(struct netfront *nf, void *buf, size_t size,
                    unsigned int *flags)
{
    unsigned int q, len;
    uint16_t id;

    if (nf->broken)
        return -RX_EIO;
    if (nf->rxq_count == 0) {
        rx_poll(nf);
        if (nf->broken)
            return -RX_EIO;
        if (nf->rxq_count == 0)
            return -RX_EAGAIN;
    }
    q = nf->rxq_head;
    id = nf->rxq_id[q];
    len = nf->rxq_len[q];
    *flags = nf->rxq_flags[q];
    nf->rxq_head = (q + 1) % NETFRONT_RX_BUFS;
    nf->rxq_count--;
    if (len <= size) {
        memcpy(buf, nf->rx_pages + (size_t)id * PAGE_SIZE + nf->rxq_off[q],
               len);
        nf->stats.rx_frames++;
        nf->stats.rx_bytes += len;
    } else {
        nf->stats.rx_dropped++;
    }
    nf->rx_state[id] = NF_RX_IDLE;
    nf->rx_idle[nf->rx_nidle++] = id;
    rx_refill(nf);
    return len <= size ? (int)len : -RX_EMSGSIZE;
}

/* --- tx ---------------------------------------------------------------- */

/*
 * Checks one tx response (already copied out of the ring), frees its id.
 * netif.h: each request slot is answered with its own id; an extra-info
 * slot with NETIF_RSP_NULL (its id is stale), which Linux netback puts
 * right after the response of the request that carried the extra info.
 */
static void
tx_take(struct netfront *nf, const netif_tx_response_t *rsp)
{
    uint16_t id = rsp->id;

    if (nf->tx_nulls_due > 0) {
        if (rsp->status != NETIF_RSP_NULL) {
            nf_set_broken(nf, "tx extra-info slot not answered NULL",
                          (unsigned int)(uint16_t)rsp->status);
            return;
        }
        nf->tx_nulls_due--;
        return;
    }
    if (id >= NETFRONT_TX_BUFS || !nf->tx_busy[id]) {
        nf_set_broken(nf, "tx response for an id not in flight", id);
        return;
    }
    switch (rsp->status) {
    case NETIF_RSP_OKAY:
        break;
    case NETIF_RSP_ERROR:
    case NETIF_RSP_DROPPED:
        nf->stats.tx_errors++;
        break;
    default:
        /* NETIF_RSP_NULL here answers no extra-info slot of ours. */
        nf_set_broken(nf, "tx response with a bad status",
                      (unsigned int)(uint16_t)rsp->status);
        return;
    }
    nf->tx_nulls_due = nf->tx_extra[id];
    nf->tx_extra[id] = 0;
    nf->tx_busy[id] = 0;
    nf->tx_free[nf->tx_nfree++] = id;
}

/* Frees the ids of every answered tx request (as rx_poll, for tx). */
static void
tx_gc(struct netfront *nf)
{
    for (;;) {
        uint32_t prod = shring_load(&nf->txs->rsp_prod);

        if ((uint32_t)(prod - nf->tx_rsp_cons) >
            (uint32_t)(nf->tx_req_prod - nf->tx_rsp_cons)) {
            nf_set_broken(nf, "tx rsp_prod beyond our requests",
                          prod - nf->tx_rsp_cons);
            return;
        }
        while (nf->tx_rsp_cons != prod && !nf->broken) {
            netif_tx_response_t rsp;

            memcpy(&rsp,
                   (const void *)&nf->txs
                       ->ring[nf->tx_rsp_cons & (NF_RING_SIZE - 1)]
                       .rsp,
                   sizeof(rsp));
            nf->tx_rsp_cons++;
            tx_take(nf, &rsp);
        }
        if (nf->broken)
            return;
        /* ring.h RING_FINAL_CHECK_FOR_RESPONSES, as in rx_poll. */
        shring_store(&nf->txs->rsp_event, nf->tx_rsp_cons + 1);
        mb();
        if (shring_load(&nf->txs->rsp_prod) == nf->tx_rsp_cons)
            return;
    }
}

/*
 * Whether pages tx pages and slots ring slots are free. Every slot between
 * rsp_cons and our req_prod is taken, extra-info ones included.
 */
static int
tx_room(const struct netfront *nf, unsigned int pages, unsigned int slots)
{
    return nf->tx_nfree >= pages &&
           NF_RING_SIZE - (nf->tx_req_prod - nf->tx_rsp_cons) >= slots;
}

/* Fills the request in ring slot `slot` for tx page id, size bytes. */
static void
tx_put(struct netfront *nf, uint32_t slot, uint16_t id, uint16_t size,
       uint16_t flags)
{
    netif_tx_request_t *req = &nf->txs->ring[slot & (NF_RING_SIZE - 1)].req;

    req->gref = nf->tx_gref[id];
    req->offset = 0;
    req->flags = flags;
    req->id = id;
    req->size = size;
}

/*
 * Copies the len bytes of the frame in segs into free tx pages (one per
 * started page, taken now) and puts one request per page on the ring
 * after our private req_prod, the first with the whole length and
 * first_flags (netif.h: NETTXF_more_data on every slot but the last) and,
 * with mss, an extra-info GSO slot (gso_type) right after it. Publishes them.
 * tx_room said there is room for them.
 */
static void
tx_queue(struct netfront *nf, const struct netfront_seg *segs, size_t len,
         uint16_t first_flags, unsigned int mss, uint8_t gso_type)
{
    unsigned int npages = (unsigned int)((len + PAGE_SIZE - 1) / PAGE_SIZE);
    uint32_t prod = nf->tx_req_prod;
    size_t left = len, segoff = 0;
    unsigned int si = 0;

    for (unsigned int p = 0; p < npages; p++) {
        uint16_t id = nf->tx_free[--nf->tx_nfree];
        size_t fill = left < PAGE_SIZE ? left : PAGE_SIZE, done = 0;
        char *dst = nf->tx_pages + (size_t)id * PAGE_SIZE;
        uint16_t more = p + 1 < npages ? NETTXF_more_data : 0;

        while (done < fill) {
            size_t c = segs[si].len - segoff;

            if (c > fill - done)
                c = fill - done;
            memcpy(dst + done, (const char *)segs[si].base + segoff, c);
            done += c;
            segoff += c;
            if (segoff == segs[si].len) {
                si++;
                segoff = 0;
            }
        }
        nf->tx_busy[id] = 1;
        if (p > 0) {
            tx_put(nf, prod++, id, (uint16_t)fill, more);
        } else {
            tx_put(nf, prod++, id, (uint16_t)len, first_flags | more);
            if (mss) {
                netif_extra_info_t ex = {
                    .type = XEN_NETIF_EXTRA_TYPE_GSO,
                    .u.gso = {.size = (uint16_t)mss, .type = gso_type}};

                /* netif.h: the extra info overlays the next request. */
                memcpy(&nf->txs->ring[prod++ & (NF_RING_SIZE - 1)].req, &ex,
                       sizeof(ex));
                nf->tx_extra[id] = 1;
            }
        }
        left -= fill;
    }
    nf->stats.tx_slots += prod - nf->tx_req_prod;
    push_requests(nf, &nf->txs->req_prod, &nf->txs->req_event, nf->tx_req_prod,
                  prod);
    nf->tx_req_prod = prod;
    nf->stats.tx_frames++;
    nf->stats.tx_bytes += len;
}

/*
 * Checks a frame's pieces and sends it; max is the largest length taken.
 * Returns as netfront_xmitv.
 */
static int
tx_send(struct netfront *nf, const struct netfront_seg *segs, unsigned int n,
        size_t max, uint16_t flags, unsigned int mss, uint8_t gso_type)
{
    unsigned int pages, slots;
    size_t len = 0;

    if (nf->broken)
        return -RX_EIO;
    for (unsigned int i = 0; i < n; i++) {
        if (segs[i].len > max)
            return -RX_EMSGSIZE;
        len += segs[i].len;
    }
    if (len < NETFRONT_FRAME_MIN || len > max)
        return -RX_EMSGSIZE;
    pages = (unsigned int)((len + PAGE_SIZE - 1) / PAGE_SIZE);
    slots = pages + (mss ? 1 : 0);
    if (!tx_room(nf, pages, slots)) {
        tx_gc(nf);
        if (nf->broken)
            return -RX_EIO;
    }
    if (!tx_room(nf, pages, slots)) {
        nf->tx_want_pages = pages;
        nf->tx_want_slots = slots;
        nf->stats.tx_full++;
        return -RX_EAGAIN;
    }
    nf->tx_want_pages = nf->tx_want_slots = 1;
    tx_queue(nf, segs, len, flags, mss, gso_type);
    return 0;
}

int
netfront_xmitv(struct netfront *nf, const struct netfront_seg *segs,
               unsigned int n, unsigned int flags)
{
    if ((flags & ~NETFRONT_TX_CSUM_BLANK) ||
        ((flags & NETFRONT_TX_CSUM_BLANK) &&
         !(nf->info.offloads & NETFRONT_OPEN_CSUM)))
        return nf->broken ? -RX_EIO : -RX_EINVAL;
    /* csum_blank: netif.h wants data_validated with it. */
    return tx_send(nf, segs, n, NETFRONT_FRAME_MAX,
                   flags & NETFRONT_TX_CSUM_BLANK
                       ? NETTXF_csum_blank | NETTXF_data_validated
                       : 0,
                   0, 0);
}

int
netfront_xmit_tso(struct netfront *nf, const struct netfront_seg *segs,
                  unsigned int n, unsigned int mss, unsigned int type)
{
    unsigned int need = type == NETFRONT_GSO_TCPV4   ? NETFRONT_OPEN_TSO
                        : type == NETFRONT_GSO_TCPV6 ? NETFRONT_OPEN_TSO6
                                                     : 0;
    int rc;

    if (need == 0 || !(nf->info.offloads & need) || mss == 0 ||
        mss > NETFRONT_MTU)
        return nf->broken ? -RX_EIO : -RX_EINVAL;
    rc = tx_send(nf, segs, n, NETFRONT_GSO_MAX,
                 NETTXF_csum_blank | NETTXF_data_validated | NETTXF_extra_info,
                 mss,
                 type == NETFRONT_GSO_TCPV6 ? XEN_NETIF_GSO_TYPE_TCPV6
                                            : XEN_NETIF_GSO_TYPE_TCPV4);
    if (rc == 0) {
        nf->stats.tx_gso++;
        nf->stats.tx_gso6 += type == NETFRONT_GSO_TCPV6;
    }
    return rc;
}

int
netfront_xmit(struct netfront *nf, const void *frame, size_t len)
{
    struct netfront_seg seg = {frame, len};

    return netfront_xmitv(nf, &seg, 1, 0);
}

/* --- waiting and state ------------------------------------------------ */

static int
ready(struct netfront *nf, int events)
{
    int r = 0;

    if (events & NETFRONT_POLL_RX) {
        if (nf->rxq_count == 0)
            rx_poll(nf);
        if (nf->rxq_count > 0)
            r |= NETFRONT_POLL_RX;
    }
    if (events & NETFRONT_POLL_TX) {
        tx_gc(nf);
        if (tx_room(nf, nf->tx_want_pages, nf->tx_want_slots))
            r |= NETFRONT_POLL_TX;
    }
    return nf->broken ? -RX_EIO : r;
}

int
netfront_poll(struct netfront *nf, int events, uint64_t deadline_ns)
{
    int r;

    /*
     * ready() arms rsp_event before it finds nothing, and the event
     * handler runs only when this thread blocks: no wakeup is lost.
     */
    while ((r = ready(nf, events)) == 0) {
        if (waitq_wait(&nf->wq, deadline_ns) == -RX_ETIMEDOUT)
            return ready(nf, events);
    }
    return r;
}

int
netfront_broken(const struct netfront *nf)
{
    return nf->broken;
}

void
netfront_get_info(const struct netfront *nf, struct netfront_info *info)
{
    *info = nf->info;
}

void
netfront_get_stats(const struct netfront *nf, struct netfront_stats *st)
{
    *st = nf->stats;
    st->tx_inflight = NETFRONT_TX_BUFS - nf->tx_nfree;
    st->rx_posted = 0;
    for (unsigned int i = 0; i < NETFRONT_RX_BUFS; i++)
        st->rx_posted += nf->rx_state[i] == NF_RX_POSTED;
}

void
netfront_print_tx_stats(const struct netfront *nf, const char *who)
{
    const struct netfront_stats *st = &nf->stats;

    console_printf(
        "%s: xenif%u sent %llu frames, %llu bytes, %llu TSO "
        "frames (%llu IPv6) in %llu ring slots, %llu "
        "notifications (offloads 0x%x of backend's 0x%x)\n",
        who, nf->info.id, (unsigned long long)st->tx_frames,
        (unsigned long long)st->tx_bytes, (unsigned long long)st->tx_gso,
        (unsigned long long)st->tx_gso6, (unsigned long long)st->tx_slots,
        (unsigned long long)st->notifies, nf->info.offloads,
        nf->info.backend_features);
}

static int
hex_digit(char c)
{
    if (c >= '0' && c <= '9')
        return c - '0';
    if (c >= 'a' && c <= 'f')
        return c - 'a' + 10;
    if (c >= 'A' && c <= 'F')
        return c - 'A' + 10;
    return -1;
}

int
nf_parse_mac(const char *s, uint8_t mac[6])
{
    for (int i = 0; i < 6; i++) {
        int hi = hex_digit(s[0]), lo = hi < 0 ? -1 : hex_digit(s[1]);

        if (lo < 0 || s[2] != (i == 5 ? '\0' : ':'))
            return -RX_EPROTO;
        mac[i] = (uint8_t)(hi << 4 | lo);
        s += 3;
    }
    return 0;
}
