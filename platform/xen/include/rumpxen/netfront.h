/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Xen virtual network interfaces (netfront): whole Ethernet frames in and
 * out of a vif, over the netif rx and tx rings with receive-side copy.
 * It is not a network stack: no ARP, no IP, no checksums.
 *
 * Contract for every call: thread context only (not an event handler);
 * one vCPU, cooperative threads, so calls on one NIC never interleave.
 * Only netfront_open, netfront_close and netfront_poll block the calling
 * thread; netfront_xmit and netfront_recv never block. Errors are negative
 * RX_ errnos. A backend that breaks the protocol (an unknown or repeated
 * id, an offset or length out of its page, a flag we did not negotiate, an
 * index beyond what we posted, a NETIF_RSP_NULL anywhere but right after
 * the response to a request that carried extra info) marks the NIC
 * broken: the reason is printed once, and every later call on it returns
 * -RX_EIO, until it is closed.
 */
#ifndef RUMPXEN_NETFRONT_H
#define RUMPXEN_NETFRONT_H

#include <stddef.h>
#include <stdint.h>

struct netfront;

/* A frame without its FCS: 14 bytes of header plus up to the MTU. */
#define NETFRONT_MTU 1500
#define NETFRONT_FRAME_MIN 14
#define NETFRONT_FRAME_MAX (NETFRONT_MTU + 14)

/*
 * The memory pool per NIC: tx pages (a frame takes one per started 4 KiB:
 * 128 small frames or 7 of NETFRONT_GSO_MAX in flight) and rx buffers
 * posted.
 */
#define NETFRONT_TX_BUFS 128
#define NETFRONT_RX_BUFS 128

/* The largest frame netfront_xmit_tso takes (netif's 16-bit size). */
#define NETFRONT_GSO_MAX 65535

/* What the backend offered (read at open; we negotiate none of these). */
#define NETFRONT_BACKEND_SG 0x01         /* feature-sg */
#define NETFRONT_BACKEND_GSO_TCPV4 0x02  /* feature-gso-tcpv4 */
#define NETFRONT_BACKEND_GSO_TCPV6 0x04  /* feature-gso-tcpv6 */
#define NETFRONT_BACKEND_IPV6_CSUM 0x08  /* feature-ipv6-csum-offload */
#define NETFRONT_BACKEND_MULTIQUEUE 0x10 /* multi-queue-max-queues > 1 */

struct netfront_info {
    unsigned int id;               /* the vif's device id (device/vif/ID) */
    uint8_t mac[6];                /* from our xenstore "mac" */
    unsigned int mtu;              /* NETFRONT_MTU */
    unsigned int backend_id;       /* the backend's domain */
    unsigned int backend_features; /* NETFRONT_BACKEND_* it offered */
    unsigned int offloads;         /* NETFRONT_OPEN_* in force */
};

/* Counters since open. */
struct netfront_stats {
    uint64_t rx_frames, rx_bytes;
    uint64_t rx_dropped; /* backend error status, runts, or too big */
    uint64_t tx_frames, tx_bytes;
    uint64_t tx_errors;       /* the backend answered error or dropped */
    uint64_t tx_full;         /* netfront_xmit found no slot: -RX_EAGAIN */
    uint64_t tx_gso;          /* frames sent by netfront_xmit_tso */
    uint64_t tx_gso6;         /* of them NETFRONT_GSO_TCPV6 */
    uint64_t tx_slots;        /* ring slots used, extra-info ones included */
    uint64_t notifies;        /* event channel notifications we sent */
    unsigned int tx_inflight; /* tx pages the backend still holds */
    unsigned int rx_posted;   /* buffers on the rx ring */
};

/*
 * Lists the vif device ids the toolstack gave this domain, in xenstore
 * order, into ids (at most n). Returns how many there are (may exceed n)
 * or a negative errno.
 */
int netfront_list(unsigned int *ids, unsigned int n);

/*
 * Flag of netfront_open: IPv4 TCP and UDP checksum offload both ways.
 * Received frames may then carry NETFRONT_RX_CSUM_BLANK (the L4 checksum
 * field holds only the pseudo-header sum: the frame must be taken as
 * verified, or the checksum computed), and netfront_xmitv may be given
 * NETFRONT_TX_CSUM_BLANK. Without it every frame arrives with complete
 * checksums. Linux netback takes it unless told otherwise (it advertises
 * no key for it); info.offloads says what is in force.
 */
#define NETFRONT_OPEN_CSUM 0x1

/*
 * Flag of netfront_open: IPv4 TCP segmentation offload on transmit, with
 * frames of several slots, when the backend offers feature-sg and
 * feature-gso-tcpv4 and NETFRONT_OPEN_CSUM is in force too: then
 * info.offloads has it and netfront_xmit_tso may be used. Receiving is
 * unchanged (whole frames of at most NETFRONT_FRAME_MAX).
 */
#define NETFRONT_OPEN_TSO 0x2

/*
 * Flag of netfront_open: as NETFRONT_OPEN_TSO, for IPv6 TCP, when the
 * backend also offers feature-gso-tcpv6 and feature-ipv6-csum-offload.
 */
#define NETFRONT_OPEN_TSO6 0x4

/*
 * Connects vif id: reads our MAC, checks that the backend can copy on
 * receive (feature-rx-copy), allocates the pool (NETFRONT_TX_BUFS and
 * NETFRONT_RX_BUFS buffers, granted once here, not per frame), sets up the
 * rings and the event channel and waits until the backend is connected
 * (at most 10 s). flags: NETFRONT_OPEN_* wanted. Blocks. Returns the NIC,
 * or NULL with *err: -RX_ENOENT (no such vif), -RX_EBUSY (already open),
 * -RX_ENOTSUP (no rx-copy), -RX_EPROTO (bad xenstore values), -RX_ENOMEM,
 * -RX_ENOSPC (grants), -RX_ETIMEDOUT, -RX_ENODEV (the backend closed).
 */
struct netfront *netfront_open(unsigned int id, unsigned int flags, int *err);

/*
 * Disconnects (Closing, then Closed, waiting for the backend at most 5 s
 * each) and frees the NIC: every grant is revoked and every page freed,
 * except pages the backend still has mapped, which are kept (and said on
 * the console) rather than reused. Blocks. nf is invalid afterwards.
 */
void netfront_close(struct netfront *nf);

/* The open NIC of vif id (e.g. to read its counters), or NULL. */
struct netfront *netfront_find(unsigned int id);

void netfront_get_info(const struct netfront *nf, struct netfront_info *info);
void netfront_get_stats(const struct netfront *nf, struct netfront_stats *st);

/*
 * Prints one console line of what the NIC sent: "WHO: xenifID sent N
 * frames, N bytes, N TSO frames (N IPv6) in N ring slots, N notifications
 * (offloads 0xX of backend's 0xX)".
 */
void netfront_print_tx_stats(const struct netfront *nf, const char *who);

/* 1 if the NIC is broken (see above), else 0. */
int netfront_broken(const struct netfront *nf);

/*
 * Queues one frame of len bytes (NETFRONT_FRAME_MIN..NETFRONT_FRAME_MAX)
 * for sending; the bytes are copied, frame can be reused on return.
 * Returns 0, -RX_EAGAIN when every tx slot is in flight (flow control:
 * wait with netfront_poll(NETFRONT_POLL_TX) and retry), -RX_EMSGSIZE for
 * a bad length, -RX_EIO when broken. Never blocks.
 */
int netfront_xmit(struct netfront *nf, const void *frame, size_t len);

/* One piece of a frame given in pieces. */
struct netfront_seg {
    const void *base;
    size_t len;
};

/* Flag of netfront_xmitv: the L4 checksum is left for the backend. */
#define NETFRONT_TX_CSUM_BLANK 0x1

/*
 * As netfront_xmit, for a frame given as n pieces (e.g. an mbuf chain),
 * gathered with one copy; their total length is the frame's. flags:
 * NETFRONT_TX_CSUM_BLANK (an IPv4 TCP or UDP frame whose checksum field
 * holds the pseudo-header sum; only with NETFRONT_OPEN_CSUM in force, else
 * -RX_EINVAL).
 */
int netfront_xmitv(struct netfront *nf, const struct netfront_seg *segs,
                   unsigned int n, unsigned int flags);

/* GSO types of netfront_xmit_tso. */
#define NETFRONT_GSO_TCPV4 1
#define NETFRONT_GSO_TCPV6 2

/*
 * As netfront_xmitv with NETFRONT_TX_CSUM_BLANK, for a TCP frame of up to
 * NETFRONT_GSO_MAX bytes that the backend cuts into segments of mss
 * payload bytes each: type NETFRONT_GSO_TCPV4 (only with NETFRONT_OPEN_TSO
 * in force) or NETFRONT_GSO_TCPV6 (only with NETFRONT_OPEN_TSO6), else
 * -RX_EINVAL; mss 1..NETFRONT_MTU, else -RX_EINVAL. The frame's IP header
 * is complete (the length of the whole frame; IPv4: its checksum filled
 * in) and its TCP checksum field holds the pseudo-header sum over the TCP
 * length of the whole frame, as Linux's GSO wants. The frame needs one tx
 * page per started 4 KiB plus one ring slot more: -RX_EAGAIN while they
 * are in flight (netfront_poll(NETFRONT_POLL_TX) waits for them). Never
 * blocks.
 */
int netfront_xmit_tso(struct netfront *nf, const struct netfront_seg *segs,
                      unsigned int n, unsigned int mss, unsigned int type);

/*
 * Takes the next received frame: copies it into buf (size bytes) and
 * returns its length. Returns -RX_EAGAIN when none is waiting,
 * -RX_EMSGSIZE when it does not fit in size (that frame is dropped),
 * -RX_EIO when broken. Its buffer goes back to the backend at once.
 * Never blocks.
 */
int netfront_recv(struct netfront *nf, void *buf, size_t size);

/* What netfront_recv_flags says about a received frame. */
#define NETFRONT_RX_CSUM_BLANK 0x1 /* L4 checksum not filled in (see above) */
#define NETFRONT_RX_VALIDATED 0x2  /* the backend checked the L4 checksum */

/* As netfront_recv; also sets *flags to the frame's NETFRONT_RX_*. */
int netfront_recv_flags(struct netfront *nf, void *buf, size_t size,
                        unsigned int *flags);

#define NETFRONT_POLL_RX 0x1 /* a frame is waiting for netfront_recv */
/* netfront_xmit has a free slot (room for the last frame refused). */
#define NETFRONT_POLL_TX 0x2

/*
 * Waits until one of the conditions in events holds or the monotonic
 * clock reaches deadline_ns (0: no deadline). Returns the conditions that
 * hold (a subset of events; 0 at the deadline), or -RX_EIO when broken.
 * Blocks the calling thread, not the vCPU.
 */
int netfront_poll(struct netfront *nf, int events, uint64_t deadline_ns);

#endif
