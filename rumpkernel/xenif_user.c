/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Platform side of the xenif rump kernel component: the kernel side's
 * requests (rumpxen/xenif.h) over netfront. Sees only the platform API
 * and hypercall/'s; releases the rump kernel's CPU around every wait.
 */
#include <rumpxen/errno.h>
#include <rumpxen/hypercall.h>
#include <rumpxen/netfront.h>
#include <rumpxen/time.h>
#include <rumpxen/xenif.h>

int
rumpcomp_xenif_open(unsigned int unit, unsigned char *mac, int *csum,
                    unsigned int *tso, struct rumpcomp_xenif **nicp)
{
    struct netfront_info info;
    struct netfront *nf;
    void *cookie = hypercall_unschedule();
    int err = 0;

    nf = netfront_open(
        unit, NETFRONT_OPEN_CSUM | NETFRONT_OPEN_TSO | NETFRONT_OPEN_TSO6,
        &err);
    hypercall_schedule(cookie);
    if (nf == NULL)
        return -err;
    netfront_get_info(nf, &info);
    for (int i = 0; i < 6; i++)
        mac[i] = info.mac[i];
    *csum = (info.offloads & NETFRONT_OPEN_CSUM) != 0;
    *tso = (info.offloads & NETFRONT_OPEN_TSO ? RUMPXEN_XENIF_TSO4 : 0) |
           (info.offloads & NETFRONT_OPEN_TSO6 ? RUMPXEN_XENIF_TSO6 : 0);
    *nicp = (struct rumpcomp_xenif *)nf;
    return 0;
}

void
rumpcomp_xenif_close(struct rumpcomp_xenif *nic)
{
    void *cookie = hypercall_unschedule();

    netfront_close((struct netfront *)nic);
    hypercall_schedule(cookie);
}

/* One try at sending: netfront_xmit_tso or netfront_xmitv. */
static int
xmit_once(struct netfront *nf, const struct netfront_seg *v, unsigned int n,
          unsigned int flags, unsigned int tso_mss, unsigned int gso)
{
    return tso_mss ? netfront_xmit_tso(nf, v, n, tso_mss, gso)
                   : netfront_xmitv(nf, v, n, flags);
}

int
rumpcomp_xenif_xmit(struct rumpcomp_xenif *nic,
                    const struct rumpcomp_xenif_seg *segs, unsigned int n,
                    int csum_blank, unsigned int tso_mss, int tso_v6)
{
    struct netfront *nf = (struct netfront *)nic;
    struct netfront_seg v[RUMPXEN_XENIF_SEGS];
    unsigned int flags = csum_blank ? NETFRONT_TX_CSUM_BLANK : 0;
    unsigned int gso = tso_v6 ? NETFRONT_GSO_TCPV6 : NETFRONT_GSO_TCPV4;
    int rc;

    if (n == 0 || n > RUMPXEN_XENIF_SEGS)
        return RX_EINVAL;
    for (unsigned int i = 0; i < n; i++) {
        v[i].base = segs[i].base;
        v[i].len = segs[i].len;
    }
    rc = xmit_once(nf, v, n, flags, tso_mss, gso);
    if (rc == -RX_EAGAIN) {
        void *cookie = hypercall_unschedule();
        uint64_t deadline = time_now_ns() + NSEC_PER_SEC;

        /* NETFRONT_POLL_TX holds once there is room for this frame. */
        while (rc == -RX_EAGAIN) {
            rc = netfront_poll(nf, NETFRONT_POLL_TX, deadline);
            if (rc == 0)
                rc = -RX_ETIMEDOUT;
            else if (rc > 0)
                rc = xmit_once(nf, v, n, flags, tso_mss, gso);
        }
        hypercall_schedule(cookie);
    }
    return -rc;
}

int
rumpcomp_xenif_recv(struct rumpcomp_xenif *nic, void *buf, unsigned long size,
                    unsigned int timeout_ms, unsigned long *len, int *csum_ok)
{
    struct netfront *nf = (struct netfront *)nic;
    unsigned int flags = 0;
    int rc = netfront_recv_flags(nf, buf, size, &flags);

    if (rc == -RX_EAGAIN) {
        void *cookie = hypercall_unschedule();

        rc = netfront_poll(nf, NETFRONT_POLL_RX,
                           time_now_ns() + timeout_ms * NSEC_PER_MSEC);
        hypercall_schedule(cookie);
        if (rc > 0)
            rc = netfront_recv_flags(nf, buf, size, &flags);
        else if (rc == 0)
            rc = -RX_EAGAIN;
    }
    if (rc < 0)
        return -rc;
    *len = (unsigned long)rc;
    *csum_ok = (flags & (NETFRONT_RX_CSUM_BLANK | NETFRONT_RX_VALIDATED)) != 0;
    return 0;
}
