/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * netfront's xenbus side: finding a vif, reading its MAC and what the
 * backend offers, setting up the pool (pages granted once), the rings and
 * the event channel, the connect and close handshakes. Every value read
 * from xenstore is checked. The data path is netfront.c.
 */
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/lib.h>
#include <rumpxen/mm.h>
#include <rumpxen/time.h>
#include <rumpxen/xs.h>

#include "netfront_priv.h"

#define VIF_DIR "device/vif"
#define CONNECT_TIMEOUT_NS (10 * NSEC_PER_SEC)
#define CLOSE_TIMEOUT_NS (5 * NSEC_PER_SEC)

static struct netfront *open_nics;

struct netfront *
netfront_find(unsigned int id)
{
    struct netfront *nf;

    for (nf = open_nics; nf; nf = nf->next)
        if (nf->info.id == id)
            return nf;
    return NULL;
}

int
netfront_list(unsigned int *ids, unsigned int n)
{
    char buf[256];
    const char *p = buf;
    unsigned int count = 0;
    int rc = xs_directory(XS_TX_NONE, VIF_DIR, buf, sizeof(buf));

    if (rc == -RX_ENOENT)
        return 0;
    if (rc < 0)
        return rc;
    for (int i = 0; i < rc; i++) {
        long v;

        if (fmt_parse_long(p, 0, 0xffff, &v) < 0)
            return -RX_EPROTO;
        if (count < n)
            ids[count] = (unsigned int)v;
        count++;
        p += strlen(p) + 1;
    }
    return (int)count;
}

/* --- the pool and the rings -------------------------------------------- */

static int
grant(struct netfront *nf, const void *page, int readonly, grant_ref_t *ref)
{
    return gnttab_grant_access(nf->dev.backend_id, mm_virt_to_frame(page),
                               readonly, ref);
}

/*
 * Revokes *ref (0: none). Returns 0, or -RX_EBUSY if the backend still
 * maps the page: then the page must not be freed.
 */
static int
ungrant(struct netfront *nf, grant_ref_t *ref)
{
    int rc;

    if (*ref == 0)
        return 0;
    rc = gnttab_end_access(*ref);
    if (rc == -RX_EBUSY) {
        console_printf("netfront %u: grant %u still in use by the backend; "
                       "its page is kept\n",
                       nf->info.id, *ref);
        return rc;
    }
    *ref = 0;
    return 0;
}

static void
free_pool(struct netfront *nf)
{
    int busy = 0;

    if (nf->txs && ungrant(nf, &nf->tx_ring_ref) == 0)
        mm_free_pages(nf->txs, 1);
    if (nf->rxs && ungrant(nf, &nf->rx_ring_ref) == 0)
        mm_free_pages(nf->rxs, 1);
    nf->txs = NULL;
    nf->rxs = NULL;
    if (nf->tx_pages) {
        for (unsigned int i = 0; i < NF_TX_PAGES; i++)
            busy |= ungrant(nf, &nf->tx_gref[i]) < 0;
        if (!busy)
            mm_free_pages(nf->tx_pages, NF_TX_PAGES);
        nf->tx_pages = NULL;
    }
    busy = 0;
    if (nf->rx_pages) {
        for (unsigned int i = 0; i < NETFRONT_RX_BUFS; i++)
            busy |= ungrant(nf, &nf->rx_gref[i]) < 0;
        if (!busy)
            mm_free_pages(nf->rx_pages, NETFRONT_RX_BUFS);
        nf->rx_pages = NULL;
    }
}

/* Allocates and grants the rings and the buffers, once for the NIC's life. */
static int
alloc_pool(struct netfront *nf)
{
    int rc;

    nf->txs = mm_alloc_pages(1, 1);
    nf->rxs = mm_alloc_pages(1, 1);
    nf->tx_pages = mm_alloc_pages(NF_TX_PAGES, 1);
    nf->rx_pages = mm_alloc_pages(NETFRONT_RX_BUFS, 1);
    if (!nf->txs || !nf->rxs || !nf->tx_pages || !nf->rx_pages) {
        /* free_pool frees only what it finds: null the partial ones. */
        if (nf->txs)
            mm_free_pages(nf->txs, 1);
        if (nf->rxs)
            mm_free_pages(nf->rxs, 1);
        if (nf->tx_pages)
            mm_free_pages(nf->tx_pages, NF_TX_PAGES);
        if (nf->rx_pages)
            mm_free_pages(nf->rx_pages, NETFRONT_RX_BUFS);
        nf->txs = NULL;
        nf->rxs = NULL;
        nf->tx_pages = nf->rx_pages = NULL;
        return -RX_ENOMEM;
    }
    /* ring.h SHARED_RING_INIT: indices 0, both event indices 1. */
    memset((void *)nf->txs, 0, PAGE_SIZE);
    memset((void *)nf->rxs, 0, PAGE_SIZE);
    nf->txs->req_event = nf->txs->rsp_event = 1;
    nf->rxs->req_event = nf->rxs->rsp_event = 1;
    if ((rc = grant(nf, nf->txs, 0, &nf->tx_ring_ref)) < 0 ||
        (rc = grant(nf, nf->rxs, 0, &nf->rx_ring_ref)) < 0)
        return rc;
    for (unsigned int i = 0; i < NF_TX_PAGES; i++)
        if ((rc = grant(nf, nf->tx_pages + i * PAGE_SIZE, 1, &nf->tx_gref[i])) <
            0)
            return rc;
    for (unsigned int i = 0; i < NETFRONT_RX_BUFS; i++)
        if ((rc = grant(nf, nf->rx_pages + i * PAGE_SIZE, 0, &nf->rx_gref[i])) <
            0)
            return rc;
    return 0;
}

/* --- negotiation -------------------------------------------------------- */

static void
read_backend_features(struct netfront *nf)
{
    struct xenbus_dev *d = &nf->dev;
    unsigned int f = 0;
    long q;

    if (xenbus_read_feature(d, "feature-sg"))
        f |= NETFRONT_BACKEND_SG;
    if (xenbus_read_feature(d, "feature-gso-tcpv4"))
        f |= NETFRONT_BACKEND_GSO_TCPV4;
    if (xenbus_read_feature(d, "feature-gso-tcpv6"))
        f |= NETFRONT_BACKEND_GSO_TCPV6;
    if (xenbus_read_feature(d, "feature-ipv6-csum-offload"))
        f |= NETFRONT_BACKEND_IPV6_CSUM;
    if (xenbus_read_long(d->backend, "multi-queue-max-queues", 0, 1024, &q) ==
            0 &&
        q > 1)
        f |= NETFRONT_BACKEND_MULTIQUEUE;
    nf->info.backend_features = f;
}

/* Writes our half of the connection in one transaction (retried). */
static int
publish(struct netfront *nf)
{
    const char *dir = nf->dev.nodename;
    uint32_t tx;
    int rc;

    do {
        if ((rc = xs_transaction_start(&tx)) < 0)
            return rc;
        /*
         * One queue, receive by copy. These feature keys are about
         * receiving: no scatter-gather and no GSO, so every frame arrives
         * whole (sending in several slots and with GSO needs only the
         * backend's feature-sg and feature-gso-tcpv4); checksum offload
         * only if asked for (else every checksum arrives complete).
         */
        if ((rc = xenbus_printf(tx, dir, "tx-ring-ref", "%u",
                                nf->tx_ring_ref)) < 0 ||
            (rc = xenbus_printf(tx, dir, "rx-ring-ref", "%u",
                                nf->rx_ring_ref)) < 0 ||
            (rc = xenbus_printf(tx, dir, "event-channel", "%u", nf->port)) <
                0 ||
            (rc = xenbus_printf(tx, dir, "request-rx-copy", "1")) < 0 ||
            (rc = xenbus_printf(tx, dir, "feature-rx-notify", "1")) < 0 ||
            (rc = xenbus_printf(tx, dir, "feature-no-csum-offload", "%d",
                                !(nf->info.offloads & NETFRONT_OPEN_CSUM))) <
                0 ||
            (rc = xenbus_printf(tx, dir, "feature-sg", "0")) < 0 ||
            (rc = xenbus_printf(tx, dir, "feature-gso-tcpv4", "0")) < 0 ||
            (rc = xenbus_printf(tx, dir, "feature-gso-tcpv6", "0")) < 0) {
            (void)xs_transaction_end(tx, 1);
            return rc;
        }
        rc = xs_transaction_end(tx, 0);
    } while (rc == -RX_EAGAIN);
    return rc;
}

/* Reads and checks our MAC and the backend's features. */
static int
probe(struct netfront *nf, unsigned int id)
{
    char node[32], path[48], mac[24];
    int rc;

    fmt_snprintf(node, sizeof(node), VIF_DIR "/%u", id);
    if ((rc = xenbus_dev_init(&nf->dev, node)) < 0)
        return rc;
    fmt_snprintf(path, sizeof(path), "%s/mac", node);
    rc = xs_read(XS_TX_NONE, path, mac, sizeof(mac));
    if (rc == -RX_ERANGE || (rc >= 0 && nf_parse_mac(mac, nf->info.mac) < 0)) {
        console_printf("netfront %u: bad mac in xenstore\n", id);
        return -RX_EPROTO;
    }
    if (rc < 0)
        return rc;
    if (!xenbus_read_feature(&nf->dev, "feature-rx-copy")) {
        console_printf("netfront %u: backend can not copy on receive\n", id);
        return -RX_ENOTSUP;
    }
    read_backend_features(nf);
    nf->info.id = id;
    nf->info.mtu = NETFRONT_MTU;
    nf->info.backend_id = nf->dev.backend_id;
    return 0;
}

/*
 * Waits for one of two backend states, polling (Closing may be skipped,
 * and Closed is no error here), at most CLOSE_TIMEOUT_NS; says so on the
 * console if it never came and say is set.
 */
static void
wait_backend(struct netfront *nf, enum xenbus_state a, enum xenbus_state b,
             int say)
{
    uint64_t deadline = time_now_ns() + CLOSE_TIMEOUT_NS;
    enum xenbus_state s;

    while (time_now_ns() < deadline) {
        if (xenbus_backend_state(&nf->dev, &s) < 0 || s == a || s == b)
            return;
        sched_sleep_until(time_now_ns() + 10 * NSEC_PER_MSEC);
    }
    if (say)
        console_printf("netfront %u: backend did not close in time\n",
                       nf->info.id);
}

static int
nf_connect(struct netfront *nf)
{
    uint64_t deadline = time_now_ns() + CONNECT_TIMEOUT_NS;
    int rc;

    /*
     * A backend left Closed by an earlier close reopens on Initialising:
     * give it time to leave Closed before Closed counts as a refusal.
     */
    if ((rc = xenbus_switch_state(&nf->dev, XENBUS_INITIALISING)) < 0)
        return rc;
    wait_backend(nf, XENBUS_INITWAIT, XENBUS_CONNECTED, 0);
    if ((rc = xenbus_wait_backend_state(&nf->dev, XENBUS_INITWAIT, deadline)) <
        0)
        return rc;
    if ((rc = alloc_pool(nf)) < 0)
        return rc;
    nf_pool_init(nf);
    rc = evtchn_alloc_unbound(nf->dev.backend_id, nf_event, nf, &nf->port);
    if (rc < 0)
        return rc;
    nf->have_port = 1;
    if ((rc = publish(nf)) < 0 ||
        (rc = xenbus_switch_state(&nf->dev, XENBUS_CONNECTED)) < 0 ||
        (rc = xenbus_wait_backend_state(&nf->dev, XENBUS_CONNECTED, deadline)) <
            0)
        return rc;
    nf_start(nf);
    return 0;
}

static void
teardown(struct netfront *nf, int handshake)
{
    if (handshake) {
        (void)xenbus_switch_state(&nf->dev, XENBUS_CLOSING);
        wait_backend(nf, XENBUS_CLOSING, XENBUS_CLOSED, 1);
        (void)xenbus_switch_state(&nf->dev, XENBUS_CLOSED);
        wait_backend(nf, XENBUS_CLOSED, XENBUS_INITWAIT, 1);
    }
    if (nf->have_port)
        (void)evtchn_close(nf->port);
    free_pool(nf);
    mm_free(nf);
}

struct netfront *
netfront_open(unsigned int id, unsigned int flags, int *err)
{
    struct netfront *nf;
    int rc;

    if (netfront_find(id) != NULL) {
        *err = -RX_EBUSY;
        return NULL;
    }
    nf = mm_malloc(sizeof(*nf), 0);
    if (nf == NULL) {
        *err = -RX_ENOMEM;
        return NULL;
    }
    memset(nf, 0, sizeof(*nf));
    if ((rc = probe(nf, id)) < 0) {
        mm_free(nf);
        *err = rc;
        return NULL;
    }
    /*
     * Linux netback takes IPv4 checksum offload unless told otherwise;
     * TSO on transmit needs it, and the backend's scatter-gather and GSO.
     */
    nf->info.offloads = flags & NETFRONT_OPEN_CSUM;
    if ((flags & NETFRONT_OPEN_TSO) && (flags & NETFRONT_OPEN_CSUM) &&
        (nf->info.backend_features &
         (NETFRONT_BACKEND_SG | NETFRONT_BACKEND_GSO_TCPV4)) ==
            (NETFRONT_BACKEND_SG | NETFRONT_BACKEND_GSO_TCPV4))
        nf->info.offloads |= NETFRONT_OPEN_TSO;
    if ((flags & NETFRONT_OPEN_TSO6) && (flags & NETFRONT_OPEN_CSUM) &&
        (nf->info.backend_features &
         (NETFRONT_BACKEND_SG | NETFRONT_BACKEND_GSO_TCPV6 |
          NETFRONT_BACKEND_IPV6_CSUM)) ==
            (NETFRONT_BACKEND_SG | NETFRONT_BACKEND_GSO_TCPV6 |
             NETFRONT_BACKEND_IPV6_CSUM))
        nf->info.offloads |= NETFRONT_OPEN_TSO6;
    if ((rc = nf_connect(nf)) < 0) {
        console_printf("netfront %u: can not connect (error %d)\n", id, -rc);
        teardown(nf, 1);
        *err = rc;
        return NULL;
    }
    nf->next = open_nics;
    open_nics = nf;
    return nf;
}

void
netfront_close(struct netfront *nf)
{
    struct netfront **pp;

    for (pp = &open_nics; *pp; pp = &(*pp)->next) {
        if (*pp == nf) {
            *pp = nf->next;
            break;
        }
    }
    teardown(nf, 1);
}
