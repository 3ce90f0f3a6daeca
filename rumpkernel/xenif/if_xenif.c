/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel side of the xenif component: NetBSD Ethernet interfaces xenifN
 * over Xen vifs, created on demand by cloning ("ifconfig xenif0 create",
 * rump_pub_netconfig_ifcreate), unit N being the vif with xenstore device
 * id N. Frames go out from if_start, gathered from the mbuf chain by one
 * copy into the granted tx pages, TCP frames of up to 64 KiB whole when
 * the backend segments them (IFCAP_TSOv4, IFCAP_TSOv6); frames come in on one
 * kernel thread per interface, copied once from the granted page into an mbuf
 * cluster. Compiled against the NetBSD kernel headers by rumpmake; it sees
 * nothing of the platform but rumpxen/xenif.h.
 */
#include <sys/param.h>
#include <sys/kernel.h>
#include <sys/kmem.h>
#include <sys/kthread.h>
#include <sys/mbuf.h>
#include <sys/module.h>
#include <sys/socket.h>

#include <net/bpf.h>
#include <net/if.h>
#include <net/if_dl.h>
#include <net/if_ether.h>

#include <netinet/in.h>
#include <netinet/in_offload.h>
#include <netinet/in_systm.h>
#include <netinet/ip.h>
#include <netinet/ip6.h>
#include <netinet/tcp.h>
#include <netinet6/in6.h>
#include <netinet6/in6_offload.h>

#include <rumpxen/xenif.h>

/* How often the receive thread looks whether the interface is going. */
#define XENIF_RX_POLL_MS 200

/* Bytes before the Ethernet header, so that the IP header is aligned. */
#define XENIF_ALIGN 2

struct xenif_softc {
    struct ethercom sc_ec;
    struct rumpcomp_xenif *sc_nic;
    struct lwp *sc_rx;
    volatile bool sc_dying;
    /* The pieces of the frame being sent (one sender: IFF_OACTIVE). */
    struct rumpcomp_xenif_seg sc_segs[RUMPXEN_XENIF_SEGS];
};

static int xenif_clone(struct if_clone *, int);
static int xenif_unclone(struct ifnet *);

static struct if_clone xenif_cloner =
    IF_CLONE_INITIALIZER("xenif", xenif_clone, xenif_unclone);

static int
xenif_init(struct ifnet *ifp)
{
    ifp->if_flags |= IFF_RUNNING;
    return 0;
}

static void
xenif_stop(struct ifnet *ifp, int disable)
{
    ifp->if_flags &= ~IFF_RUNNING;
}

static int
xenif_ioctl(struct ifnet *ifp, u_long cmd, void *data)
{
    int error = ether_ioctl(ifp, cmd, data);

    return error == ENETRESET ? 0 : error;
}

/* The Internet checksum of len bytes (even) at p, complemented. */
static uint16_t
xenif_cksum(const void *p, unsigned int len)
{
    const uint16_t *w = p;
    uint32_t sum = 0;

    for (unsigned int i = 0; i < len / 2; i++)
        sum += w[i];
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

/*
 * Readies a TSO frame for the backend: NetBSD's ip_output leaves an IPv4
 * header's checksum 0, and tcp_output the TCP checksum a pseudo-header sum
 * over a bare TCP header, while Linux's GSO (netback hands the frame on as
 * CHECKSUM_PARTIAL) wants the IPv4 header whole and the pseudo-header sum
 * over the TCP length of the whole frame. Pulls the headers into the first
 * mbuf. Returns 0, or an errno with *mp freed (NULL) or not.
 */
static int
xenif_tso_fix(struct mbuf **mp, bool v6)
{
    const unsigned int eh = ETHER_HDR_LEN;
    unsigned int hlen = v6 ? sizeof(struct ip6_hdr) : sizeof(struct ip);
    struct mbuf *m = *mp;
    struct tcphdr *th;
    char *l3;

    if (m->m_len < (int)(eh + hlen) &&
        (m = *mp = m_pullup(m, eh + hlen)) == NULL)
        return ENOBUFS;
    l3 = mtod(m, char *) + eh;
    if (mtod(m, struct ether_header *)->ether_type !=
        htons(v6 ? ETHERTYPE_IPV6 : ETHERTYPE_IP))
        return EINVAL;
    if (v6) {
        struct ip6_hdr *ip6 = (struct ip6_hdr *)l3;

        if (ip6->ip6_nxt != IPPROTO_TCP ||
            ntohs(ip6->ip6_plen) + hlen + eh != (unsigned int)m->m_pkthdr.len)
            return EINVAL;
    } else {
        struct ip *ip = (struct ip *)l3;

        hlen = ip->ip_hl << 2;
        if (ip->ip_p != IPPROTO_TCP || hlen < sizeof(*ip) ||
            ntohs(ip->ip_len) + eh != (unsigned int)m->m_pkthdr.len)
            return EINVAL;
    }
    if (m->m_len < (int)(eh + hlen + sizeof(*th)) &&
        (m = *mp = m_pullup(m, eh + hlen + sizeof(*th))) == NULL)
        return ENOBUFS;
    l3 = mtod(m, char *) + eh;
    th = (struct tcphdr *)(l3 + hlen);
    if (v6) {
        struct ip6_hdr *ip6 = (struct ip6_hdr *)l3;

        /* On the wire: no scope embedded in link-local addresses. */
        th->th_sum =
            in6_cksum_phdr(&ip6->ip6_src, &ip6->ip6_dst,
                           htonl(ntohs(ip6->ip6_plen)), htonl(IPPROTO_TCP));
    } else {
        struct ip *ip = (struct ip *)l3;

        ip->ip_sum = 0;
        ip->ip_sum = xenif_cksum(ip, hlen);
        th->th_sum =
            in_cksum_phdr(ip->ip_src.s_addr, ip->ip_dst.s_addr,
                          htons(ntohs(ip->ip_len) - hlen + IPPROTO_TCP));
    }
    return 0;
}

static int xenif_send(struct xenif_softc *, struct mbuf **);

/* Where the segments of xenif_tso_soft go. */
struct xenif_soft {
    struct xenif_softc *sc;
    struct ether_header eh;
};

static int
xenif_soft_out(void *arg, struct mbuf *m)
{
    struct xenif_soft *a = arg;
    int error;

    M_PREPEND(m, ETHER_HDR_LEN, M_DONTWAIT);
    if (m == NULL)
        return ENOBUFS;
    memcpy(mtod(m, void *), &a->eh, ETHER_HDR_LEN);
    error = xenif_send(a->sc, &m);
    if (m != NULL)
        m_freem(m);
    return error;
}

/*
 * Segments a TSO frame too big for netif's 16-bit size in software
 * (tcp_output's 64 KiB is of payload: with an MSS that divides 65535 the
 * frame is bigger) and sends the segments. Consumes m.
 */
static int
xenif_tso_soft(struct xenif_softc *sc, struct mbuf *m, bool v6)
{
    struct xenif_soft a = {.sc = sc};

    m_copydata(m, 0, ETHER_HDR_LEN, &a.eh);
    m_adj(m, ETHER_HDR_LEN);
    return v6 ? tcp6_segment(m, xenif_soft_out, &a)
              : tcp4_segment(m, xenif_soft_out, &a);
}

/*
 * Sends one frame: its mbufs' data as the pieces, gathered by one copy
 * into the granted tx pages; a chain of more than RUMPXEN_XENIF_SEGS
 * pieces is compacted first. Returns 0 or an errno; *mp (maybe another
 * chain than it was) is the caller's to free, unless it was set to NULL.
 */
static int
xenif_send(struct xenif_softc *sc, struct mbuf **mp)
{
    struct rumpcomp_xenif_seg *segs = sc->sc_segs;
    struct mbuf *m0 = *mp, *m;
    unsigned int n = 0, mss = 0;
    bool v6 = false;
    int error;

    if (m0->m_pkthdr.csum_flags & (M_CSUM_TSOv4 | M_CSUM_TSOv6)) {
        v6 = (m0->m_pkthdr.csum_flags & M_CSUM_TSOv6) != 0;
        if (m0->m_pkthdr.len > RUMPXEN_XENIF_TSO_MAX) {
            *mp = NULL;
            return xenif_tso_soft(sc, m0, v6);
        }
        if ((error = xenif_tso_fix(mp, v6)) != 0)
            return error;
        m0 = *mp;
        mss = (unsigned int)m0->m_pkthdr.segsz;
    } else if (m0->m_pkthdr.len > RUMPXEN_XENIF_FRAME_MAX) {
        return EMSGSIZE;
    }
    for (int tries = 0;; tries++) {
        n = 0;
        for (m = m0; m != NULL && n < RUMPXEN_XENIF_SEGS; m = m->m_next) {
            if (m->m_len == 0)
                continue;
            segs[n].base = mtod(m, const void *);
            segs[n].len = (unsigned long)m->m_len;
            n++;
        }
        for (; m != NULL && m->m_len == 0; m = m->m_next)
            ;
        if (m == NULL)
            break;
        /* m_defrag frees the old chain only when it succeeds. */
        if (tries > 0 || (m = m_defrag(m0, M_DONTWAIT)) == NULL)
            return ENOBUFS;
        m0 = *mp = m;
    }
    if (n == 0)
        return EMSGSIZE;
    /* With offload on, the stack left the pseudo-header sum for Xen. */
    return rumpcomp_xenif_xmit(
        sc->sc_nic, segs, n,
        (m0->m_pkthdr.csum_flags & (M_CSUM_TCPv4 | M_CSUM_UDPv4)) != 0, mss,
        v6);
}

/*
 * Sends everything queued. One sender at a time (IFF_OACTIVE): the
 * platform side may wait for a tx slot with the CPU released, and a
 * second caller meanwhile leaves its frames to the first.
 */
static void
xenif_start(struct ifnet *ifp)
{
    struct xenif_softc *sc = ifp->if_softc;
    struct mbuf *m;
    int error, len;

    if (ifp->if_flags & IFF_OACTIVE)
        return;
    ifp->if_flags |= IFF_OACTIVE;
    for (;;) {
        IF_DEQUEUE(&ifp->if_snd, m);
        if (m == NULL)
            break;
        bpf_mtap(ifp, m);
        len = m->m_pkthdr.len;
        /* xenif_send may replace m, or consume it (NULL). */
        error = xenif_send(sc, &m);
        if (error == 0) {
            ifp->if_opackets++;
            ifp->if_obytes += len;
        } else {
            ifp->if_oerrors++;
        }
        if (m != NULL)
            m_freem(m);
    }
    ifp->if_flags &= ~IFF_OACTIVE;
}

/* Whether a frame is for us: our address, a group, or promiscuous mode. */
static bool
xenif_wanted(struct ifnet *ifp, struct mbuf *m)
{
    const struct ether_header *eh = mtod(m, const struct ether_header *);

    return memcmp(eh->ether_dhost, CLLADDR(ifp->if_sadl), ETHER_ADDR_LEN) ==
               0 ||
           ETHER_IS_MULTICAST(eh->ether_dhost) ||
           (ifp->if_flags & IFF_PROMISC) != 0;
}

static void
xenif_rx_thread(void *arg)
{
    struct xenif_softc *sc = arg;
    struct ifnet *ifp = &sc->sc_ec.ec_if;
    struct mbuf *m = NULL;
    unsigned long len;
    bool said = false;
    int error, bound, csum_ok;

    while (!sc->sc_dying) {
        if (m == NULL) {
            m = m_gethdr(M_WAIT, MT_DATA);
            MCLGET(m, M_WAIT);
            if ((m->m_flags & M_EXT) == 0) {
                m_freem(m);
                m = NULL;
                kpause("xenifmb", false, hz / 10, NULL);
                continue;
            }
            /* The IP header after the 14-byte Ethernet one is aligned. */
            m->m_data += XENIF_ALIGN;
        }
        error = rumpcomp_xenif_recv(sc->sc_nic, mtod(m, void *),
                                    MCLBYTES - XENIF_ALIGN, XENIF_RX_POLL_MS,
                                    &len, &csum_ok);
        if (error == EAGAIN)
            continue;
        if (error != 0) {
            ifp->if_ierrors++;
            if (error == EIO) {
                if (!said)
                    printf("%s: the NIC is broken; receiving stops\n",
                           ifp->if_xname);
                said = true;
                kpause("xenifbrk", false, hz, NULL);
            }
            continue;
        }
        m->m_len = m->m_pkthdr.len = (int)len;
        if ((ifp->if_flags & IFF_RUNNING) == 0 || !xenif_wanted(ifp, m)) {
            /* Keep the mbuf for the next frame. */
            m->m_data = m->m_ext.ext_buf + XENIF_ALIGN;
            continue;
        }
        m_set_rcvif(m, ifp);
        /* Taken as verified only where the stack enabled the offload. */
        m->m_pkthdr.csum_flags =
            csum_ok ? (M_CSUM_TCPv4 | M_CSUM_UDPv4) & ifp->if_csum_flags_rx : 0;
        ifp->if_ipackets++;
        ifp->if_ibytes += len;
        KERNEL_LOCK(1, NULL);
        bound = curlwp_bind();
        bpf_mtap(ifp, m);
        if_input(ifp, m);
        curlwp_bindx(bound);
        KERNEL_UNLOCK_ONE(NULL);
        m = NULL;
    }
    if (m != NULL)
        m_freem(m);
    kthread_exit(0);
}

static int
xenif_clone(struct if_clone *ifc, int unit)
{
    struct xenif_softc *sc;
    struct ifnet *ifp;
    uint8_t mac[ETHER_ADDR_LEN];
    unsigned int tso;
    int error, csum;

    sc = kmem_zalloc(sizeof(*sc), KM_SLEEP);
    error =
        rumpcomp_xenif_open((unsigned int)unit, mac, &csum, &tso, &sc->sc_nic);
    if (error != 0) {
        kmem_free(sc, sizeof(*sc));
        return error;
    }
    ifp = &sc->sc_ec.ec_if;
    if_initname(ifp, "xenif", unit);
    ifp->if_softc = sc;
    ifp->if_flags = IFF_BROADCAST | IFF_SIMPLEX | IFF_MULTICAST;
    ifp->if_init = xenif_init;
    ifp->if_ioctl = xenif_ioctl;
    ifp->if_start = xenif_start;
    ifp->if_stop = xenif_stop;
    ifp->if_mtu = ETHERMTU;
    ifp->if_dlt = DLT_EN10MB;
    IFQ_SET_READY(&ifp->if_snd);
    if_initialize(ifp);
    if_register(ifp);
    ether_ifattach(ifp, mac);
    if (csum) {
        /* On by default; "ifconfig xenif0 -tcp4csum ..." turns it off. */
        ifp->if_capabilities = IFCAP_CSUM_TCPv4_Rx | IFCAP_CSUM_TCPv4_Tx |
                               IFCAP_CSUM_UDPv4_Rx | IFCAP_CSUM_UDPv4_Tx;
        ifp->if_capenable = ifp->if_capabilities;
        ifp->if_csum_flags_tx = M_CSUM_TCPv4 | M_CSUM_UDPv4;
        ifp->if_csum_flags_rx = M_CSUM_TCPv4 | M_CSUM_UDPv4;
    }
    /*
     * tcp_output then hands frames of up to 64 KiB (IP_MAXPACKET); IPv4
     * connections of an IPv6 socket (mapped addresses) go by IFCAP_TSOv6.
     */
    if (tso & RUMPXEN_XENIF_TSO4)
        ifp->if_capabilities |= IFCAP_TSOv4;
    if (tso & RUMPXEN_XENIF_TSO6)
        ifp->if_capabilities |= IFCAP_TSOv6;
    ifp->if_capenable = ifp->if_capabilities;
    aprint_normal_ifnet(ifp, "Xen vif %d, Ethernet address %s%s%s%s\n", unit,
                        ether_sprintf(mac),
                        csum ? ", TCP/UDP IPv4 checksum offload" : "",
                        tso & RUMPXEN_XENIF_TSO4 ? ", TSOv4" : "",
                        tso & RUMPXEN_XENIF_TSO6 ? ", TSOv6" : "");
    error =
        kthread_create(PRI_NONE, KTHREAD_MPSAFE | KTHREAD_MUSTJOIN, NULL,
                       xenif_rx_thread, sc, &sc->sc_rx, "%s", ifp->if_xname);
    if (error != 0) {
        ether_ifdetach(ifp);
        if_detach(ifp);
        rumpcomp_xenif_close(sc->sc_nic);
        kmem_free(sc, sizeof(*sc));
    }
    return error;
}

static int
xenif_unclone(struct ifnet *ifp)
{
    struct xenif_softc *sc = ifp->if_softc;

    if (ifp->if_flags & IFF_UP)
        return EBUSY;
    sc->sc_dying = true;
    kthread_join(sc->sc_rx);
    ether_ifdetach(ifp);
    if_detach(ifp);
    rumpcomp_xenif_close(sc->sc_nic);
    kmem_free(sc, sizeof(*sc));
    return 0;
}

MODULE(MODULE_CLASS_DRIVER, if_xenif, NULL);

static int
if_xenif_modcmd(modcmd_t cmd, void *opaque)
{
    switch (cmd) {
    case MODULE_CMD_INIT:
        if_clone_attach(&xenif_cloner);
        return 0;
    default:
        return ENOTTY;
    }
}
