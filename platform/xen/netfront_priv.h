/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Private to netfront: the state of one NIC, shared by the data path
 * (netfront.c) and the xenbus negotiation (netfront_xs.c).
 */
#ifndef PLATFORM_XEN_NETFRONT_PRIV_H
#define PLATFORM_XEN_NETFRONT_PRIV_H

#include <rumpxen/evtchn.h>
#include <rumpxen/gnttab.h>
#include <rumpxen/mm.h>
#include <rumpxen/netfront.h>
#include <rumpxen/sched.h>
#include <rumpxen/xenbus.h>

#include "xen_priv.h"

#include <xen/io/netif.h>

/* One ring page each: 256 slots, more than the buffers we ever post. */
#define NF_RING_SIZE __CONST_RING_SIZE(netif_tx, 4096)
#define NF_TX_PAGES NETFRONT_TX_BUFS /* one granted page per tx buffer */
/* Pages of the largest frame (NETFRONT_GSO_MAX), each its own slot. */
#define NF_TX_PAGES_MAX ((NETFRONT_GSO_MAX + PAGE_SIZE - 1) / PAGE_SIZE)

/* Where an rx buffer is. */
enum nf_rx_state {
    NF_RX_IDLE = 0, /* with us, not on the ring */
    NF_RX_POSTED,   /* on the ring: the backend may write it */
    NF_RX_READY,    /* holds a received frame, queued for netfront_recv */
};

struct netfront {
    struct netfront_info info;
    struct netfront_stats stats;
    struct xenbus_dev dev;
    evtchn_port_t port;
    int have_port;
    int broken;
    struct waitq wq;

    /* The shared rings and our private copies of our indices. */
    netif_tx_sring_t *txs;
    netif_rx_sring_t *rxs;
    grant_ref_t tx_ring_ref, rx_ring_ref;
    uint32_t tx_req_prod, tx_rsp_cons;
    uint32_t rx_req_prod, rx_rsp_cons;

    /*
     * The tx pool: buffer id i is page i, one request slot each. A frame
     * is one or more slots (NETTXF_more_data); a GSO frame's first slot
     * is followed by one extra-info slot, answered by a NETIF_RSP_NULL
     * right after the first slot's response: tx_extra[id] says how many
     * follow id's response, tx_nulls_due how many are still to come.
     */
    char *tx_pages;
    grant_ref_t tx_gref[NF_TX_PAGES];
    uint16_t tx_free[NETFRONT_TX_BUFS]; /* stack of free ids */
    unsigned int tx_nfree;
    uint8_t tx_busy[NETFRONT_TX_BUFS];
    uint8_t tx_extra[NETFRONT_TX_BUFS];
    unsigned int tx_nulls_due;
    /* Pages and slots the last refused frame needs (NETFRONT_POLL_TX). */
    unsigned int tx_want_pages, tx_want_slots;

    /* The rx pool: buffer id i is page i. */
    char *rx_pages;
    grant_ref_t rx_gref[NETFRONT_RX_BUFS];
    uint8_t rx_state[NETFRONT_RX_BUFS];
    uint16_t rx_idle[NETFRONT_RX_BUFS]; /* stack of idle ids */
    /* The id we posted at each rx slot: netback answers slot by slot. */
    uint16_t rx_slot_id[NF_RING_SIZE];
    unsigned int rx_nidle;
    /* Received frames in order: a queue of ids, with offset and length. */
    uint16_t rxq_id[NETFRONT_RX_BUFS];
    uint16_t rxq_off[NETFRONT_RX_BUFS], rxq_len[NETFRONT_RX_BUFS];
    uint8_t rxq_flags[NETFRONT_RX_BUFS]; /* NETFRONT_RX_* */
    unsigned int rxq_head, rxq_count;

    struct netfront *next; /* the list of open NICs */
};

/*
 * Data path (netfront.c). nf_pool_init fills the free lists and zeroes
 * the state (the pools' pages and grants are set by netfront_xs.c);
 * nf_start posts every rx buffer and tells the backend.
 */
void nf_pool_init(struct netfront *nf);
void nf_start(struct netfront *nf);
void nf_event(evtchn_port_t port, void *arg);
void nf_set_broken(struct netfront *nf, const char *why, unsigned int value);

/*
 * Parses a MAC "xx:xx:xx:xx:xx:xx" (hex digits, either case). Returns 0
 * or -RX_EPROTO. Pure (host-tested).
 */
int nf_parse_mac(const char *s, uint8_t mac[6]);

#endif
