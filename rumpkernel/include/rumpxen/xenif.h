/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The xenif rump kernel component (ours): the boundary between its kernel
 * side (rumpkernel/xenif/if_xenif.c, a NetBSD ifnet driver, interfaces
 * xenifN) and its platform side (rumpkernel/xenif_user.c, over netfront).
 * Only plain C types cross it. Errors are positive NetBSD errnos. The
 * names are rumpcomp_* so the kernel's symbol renaming leaves them alone.
 * Every call comes from a thread inside the rump kernel; the ones that
 * block release its virtual CPU while they wait.
 */
#ifndef RUMPXEN_XENIF_H
#define RUMPXEN_XENIF_H

/* The largest frame either way: an Ethernet header and a 1500 MTU. */
#define RUMPXEN_XENIF_FRAME_MAX 1514

struct rumpcomp_xenif;

/* The largest TSO frame (an Ethernet header and its IPv4 packet). */
#define RUMPXEN_XENIF_TSO_MAX 65535

/* What rumpcomp_xenif_open's *tso says is in force. */
#define RUMPXEN_XENIF_TSO4 0x1 /* IPv4 TCP segmentation offload */
#define RUMPXEN_XENIF_TSO6 0x2 /* IPv6 TCP segmentation offload */

/*
 * Connects the vif with xenstore device id `unit`, with IPv4 TCP/UDP
 * checksum offload both ways and TCP segmentation offload (IPv4, IPv6) on
 * transmit if the backend takes them, stores its MAC in mac[6], sets *csum
 * to 1 if checksum offload is in force, else 0, and *tso to the
 * RUMPXEN_XENIF_TSO* in force. Blocks. Returns 0 and sets *nicp, or ENOENT
 * (no such vif), EBUSY, ENOTSUP, EPROTO, ENOMEM, ENOSPC, ETIMEDOUT,
 * ENODEV.
 */
int rumpcomp_xenif_open(unsigned int unit, unsigned char *mac, int *csum,
                        unsigned int *tso, struct rumpcomp_xenif **nicp);

/* Disconnects and frees the NIC. Blocks. */
void rumpcomp_xenif_close(struct rumpcomp_xenif *nic);

/*
 * At most this many pieces per frame (a 64 KiB TSO frame's mbuf chain is
 * about 35); a longer chain is compacted first.
 */
#define RUMPXEN_XENIF_SEGS 64

/* One piece of a frame to send. */
struct rumpcomp_xenif_seg {
    const void *base;
    unsigned long len;
};

/*
 * Sends one frame given as n pieces (1..RUMPXEN_XENIF_SEGS), gathered with
 * one copy before return. csum_blank: an IPv4 TCP or UDP frame whose
 * checksum field holds only the pseudo-header sum, for the backend to
 * complete (only with checksum offload in force). tso_mss: 0, or a TCP
 * frame of up to RUMPXEN_XENIF_TSO_MAX bytes for the backend to cut into
 * segments of tso_mss payload bytes, over IPv6 if tso_v6 (only with that
 * TSO in force; its IP header complete, its TCP checksum field the
 * pseudo-header sum over the whole TCP length; csum_blank is implied).
 * Waits for tx room if it is all in flight, at most a second. Returns 0,
 * EMSGSIZE, EINVAL (bad n, csum_blank or tso_mss), ETIMEDOUT (the frame
 * was not sent), or EIO (the NIC is broken).
 */
int rumpcomp_xenif_xmit(struct rumpcomp_xenif *nic,
                        const struct rumpcomp_xenif_seg *segs, unsigned int n,
                        int csum_blank, unsigned int tso_mss, int tso_v6);

/*
 * Waits up to timeout_ms for a frame and copies it into buf (size bytes);
 * sets *len, and *csum_ok to 1 if its TCP/UDP checksum needs no check
 * (the backend validated it, or left it blank under checksum offload),
 * else 0. Returns 0, EAGAIN (none came), EMSGSIZE (it did not fit and was
 * dropped) or EIO (the NIC is broken).
 */
int rumpcomp_xenif_recv(struct rumpcomp_xenif *nic, void *buf,
                        unsigned long size, unsigned int timeout_ms,
                        unsigned long *len, int *csum_ok);

#endif
