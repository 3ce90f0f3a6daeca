/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Kernel side of the xenif component: NetBSD Ethernet interfaces xenifN
 * over Xen vifs, created on demand by cloning ("ifconfig xenif0 create",
 * rump_pub_netconfig_ifcreate), unit N being the vif with xenstore device
 * id N. Frames go out from if_start, gathered from the mbuf chain by one
 * copy into the granted tx buffer;
 * frames come in on one kernel thread per interface, copied once from the
 * granted page into an mbuf cluster. Compiled against the NetBSD kernel
 * headers by rumpmake; it sees nothing of the platform but rumpxen/xenif.h.
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
    uint8_t sc_txbuf[RUMPXEN_XENIF_FRAME_MAX];
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

/*
 * Sends one frame: its mbufs' data as the pieces, gathered by one copy into
 * the granted tx buffer; only a chain of more than RUMPXEN_XENIF_SEGS
 * pieces goes through the bounce buffer first.
 */
static int
xenif_send(struct xenif_softc *sc, struct mbuf *m0)
{
    struct rumpcomp_xenif_seg segs[RUMPXEN_XENIF_SEGS];
    struct mbuf *m;
    unsigned int n = 0;

    if (m0->m_pkthdr.len > RUMPXEN_XENIF_FRAME_MAX)
        return EMSGSIZE;
    for (m = m0; m != NULL && n < RUMPXEN_XENIF_SEGS; m = m->m_next) {
        if (m->m_len == 0)
            continue;
        segs[n].base = mtod(m, const void *);
        segs[n].len = (unsigned long)m->m_len;
        n++;
    }
    for (; m != NULL && m->m_len == 0; m = m->m_next)
        ;
    if (m != NULL) {
        m_copydata(m0, 0, m0->m_pkthdr.len, sc->sc_txbuf);
        segs[0].base = sc->sc_txbuf;
        segs[0].len = (unsigned long)m0->m_pkthdr.len;
        n = 1;
    }
    if (n == 0)
        return EMSGSIZE;
    /* With offload on, the stack left the pseudo-header sum for Xen. */
    return rumpcomp_xenif_xmit(
        sc->sc_nic, segs, n,
        (m0->m_pkthdr.csum_flags & (M_CSUM_TCPv4 | M_CSUM_UDPv4)) != 0);
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
    int error;

    if (ifp->if_flags & IFF_OACTIVE)
        return;
    ifp->if_flags |= IFF_OACTIVE;
    for (;;) {
        IF_DEQUEUE(&ifp->if_snd, m);
        if (m == NULL)
            break;
        bpf_mtap(ifp, m);
        error = xenif_send(sc, m);
        if (error == 0) {
            ifp->if_opackets++;
            ifp->if_obytes += m->m_pkthdr.len;
        } else {
            ifp->if_oerrors++;
        }
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
    int error, csum;

    sc = kmem_zalloc(sizeof(*sc), KM_SLEEP);
    error = rumpcomp_xenif_open((unsigned int)unit, mac, &csum, &sc->sc_nic);
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
    aprint_normal_ifnet(ifp, "Xen vif %d, Ethernet address %s%s\n", unit,
                        ether_sprintf(mac),
                        csum ? ", TCP/UDP IPv4 checksum offload" : "");
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
