/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of netfront, booted with one or two vifs on dom0's bridge: a
 * tiny ARP and ICMP echo responder, one thread per NIC, NIC K at the IPv4
 * address the guest configuration gives xenifK (net.xenifK=ADDR/16, from
 * xenrun's @IPK@); this program applies it itself (no network stack).
 * It asks dom0 (tests/guest/xenstore-dom0.sh) to ping every address 100
 * times with small and with full-MTU packets by writing data/net-ping,
 * answers until dom0 writes its verdict to data/net-result, then sends a
 * burst of 10,000 frames to dom0 with flow control (the NICs still
 * served), and checks that the tx slots,
 * the rx buffers and the grant count are back at their baseline, and that
 * close gives back every grant and a reopen connects again.
 */
#include <rumpxen/config.h>
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/gnttab.h>
#include <rumpxen/lib.h>
#include <rumpxen/netfront.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>
#include <rumpxen/xs.h>

#include "guest_test.h"

#define BURST 10000
#define PING_TIMEOUT_NS (120 * NSEC_PER_SEC)

#define MAX_NICS 2

struct nic {
    struct netfront *nf;
    uint8_t mac[6], ip[4];
    unsigned int echoes, echoes_full, arps;
    uint8_t frame[NETFRONT_FRAME_MAX];
    struct thread *thread;
};

static struct nic nics[MAX_NICS];
static int serving;
static uint8_t dom0_mac[6]; /* learnt from dom0's ARP request */
static uint8_t frame[NETFRONT_FRAME_MAX];

static uint16_t
get16(const uint8_t *p)
{
    return (uint16_t)(p[0] << 8 | p[1]);
}

static void
put16(uint8_t *p, uint16_t v)
{
    p[0] = (uint8_t)(v >> 8);
    p[1] = (uint8_t)v;
}

/* The Internet checksum (RFC 1071) of len bytes. */
static uint16_t
csum(const uint8_t *p, size_t len)
{
    uint32_t sum = 0;

    for (size_t i = 0; i + 1 < len; i += 2)
        sum += get16(p + i);
    if (len & 1)
        sum += (uint32_t)p[len - 1] << 8;
    while (sum >> 16)
        sum = (sum & 0xffff) + (sum >> 16);
    return (uint16_t)~sum;
}

/* Turns an ARP request for the NIC's address into the reply. */
static int
arp_reply(struct nic *nic, uint8_t *f, int len)
{
    uint8_t *a = f + 14;

    if (len < 42 || get16(a) != 1 || get16(a + 2) != 0x0800 || a[4] != 6 ||
        a[5] != 4 || get16(a + 6) != 1 || memcmp(a + 24, nic->ip, 4) != 0)
        return 0;
    put16(a + 6, 2);
    memcpy(dom0_mac, a + 8, 6);
    memcpy(a + 18, a + 8, 10); /* the asker becomes the target */
    memcpy(a + 8, nic->mac, 6);
    memcpy(a + 14, nic->ip, 4);
    nic->arps++;
    return 42;
}

/* Turns an ICMP echo request to the NIC's address into the reply. */
static int
icmp_reply(struct nic *nic, uint8_t *f, int len)
{
    uint8_t *ip = f + 14, *icmp;
    unsigned int ihl, total;
    uint8_t tmp[4];

    if (len < 34 || (ip[0] >> 4) != 4 || ip[9] != 1 ||
        memcmp(ip + 16, nic->ip, 4) != 0)
        return 0;
    ihl = (ip[0] & 15u) * 4;
    total = get16(ip + 2);
    if (ihl < 20 || total < ihl + 8 || 14 + total > (unsigned int)len ||
        csum(ip, ihl) != 0)
        return 0;
    icmp = ip + ihl;
    if (icmp[0] != 8 || csum(icmp, total - ihl) != 0)
        return 0;
    memcpy(tmp, ip + 12, 4);
    memcpy(ip + 12, ip + 16, 4);
    memcpy(ip + 16, tmp, 4);
    ip[8] = 64;
    put16(ip + 10, 0);
    put16(ip + 10, csum(ip, ihl));
    icmp[0] = 0;
    put16(icmp + 2, 0);
    put16(icmp + 2, csum(icmp, total - ihl));
    nic->echoes++;
    if (14 + total == NETFRONT_FRAME_MAX)
        nic->echoes_full++;
    return (int)(14 + total);
}

/* Answers one received frame in nic->frame, if it asks something of us. */
static void
answer(struct nic *nic, int len)
{
    uint8_t *f = nic->frame;
    int out = 0;

    if (len < 14)
        return;
    if (get16(f + 12) == 0x0806)
        out = arp_reply(nic, f, len);
    else if (get16(f + 12) == 0x0800)
        out = icmp_reply(nic, f, len);
    if (out == 0)
        return;
    memcpy(f, f + 6, 6);
    memcpy(f + 6, nic->mac, 6);
    while (netfront_xmit(nic->nf, f, (size_t)out) == -RX_EAGAIN)
        (void)netfront_poll(nic->nf, NETFRONT_POLL_TX, 0);
}

/* One per NIC: serves ARP and ping while `serving`. */
static void
serve_thread(void *arg)
{
    struct nic *nic = arg;
    int len;

    while (serving) {
        if (netfront_poll(nic->nf, NETFRONT_POLL_RX,
                          time_now_ns() + 100 * NSEC_PER_MSEC) < 0)
            return;
        while ((len = netfront_recv(nic->nf, nic->frame, sizeof(nic->frame))) >
               0)
            answer(nic, len);
    }
}

/* Waits for dom0's verdict in data/net-result. */
static int
wait_result(char *result, size_t size)
{
    uint64_t deadline = time_now_ns() + PING_TIMEOUT_NS;

    while (time_now_ns() < deadline) {
        if (xs_read(XS_TX_NONE, "data/net-result", result, size) >= 0)
            return 0;
        sched_sleep_until(time_now_ns() + 200 * NSEC_PER_MSEC);
    }
    return -RX_ETIMEDOUT;
}

/*
 * Sends BURST frames to dom0 (which drops their unknown ethertype),
 * waiting whenever tx is full. Not to a MAC nobody has: the bridge would
 * flood them to every vif, and netback answers our tx requests only once
 * every receiver has taken its copy.
 */
static int
burst(struct netfront *nf, const uint8_t *mac)
{
    unsigned int waits = 0;
    uint64_t t0 = time_now_ns(), dt;

    memset(frame, 0, sizeof(frame));
    memcpy(frame, dom0_mac, 6);
    memcpy(frame + 6, mac, 6);
    put16(frame + 12, 0x88b5); /* IEEE local experimental ethertype */
    for (unsigned int i = 0; i < BURST; i++) {
        int rc;

        put16(frame + 14, (uint16_t)i);
        while ((rc = netfront_xmit(nf, frame, NETFRONT_FRAME_MAX)) ==
               -RX_EAGAIN) {
            waits++;
            if (netfront_poll(nf, NETFRONT_POLL_TX,
                              time_now_ns() + 5 * NSEC_PER_SEC) <= 0)
                return -RX_EIO;
        }
        if (rc < 0)
            return rc;
    }
    dt = time_now_ns() - t0;
    console_printf("net: burst of %u full frames in %llu ms (%llu frames/s, "
                   "%u waits for a tx slot)\n",
                   BURST, (unsigned long long)(dt / NSEC_PER_MSEC),
                   (unsigned long long)(BURST * NSEC_PER_SEC / (dt ? dt : 1)),
                   waits);
    return 0;
}

/* Waits until the backend has answered every frame in flight. */
static void
drain(struct netfront *nf)
{
    struct netfront_stats st;
    uint64_t deadline = time_now_ns() + 5 * NSEC_PER_SEC;

    for (;;) {
        (void)netfront_poll(nf, NETFRONT_POLL_TX, 0);
        netfront_get_stats(nf, &st);
        if (st.tx_inflight == 0 || time_now_ns() > deadline)
            return;
        (void)netfront_poll(nf, NETFRONT_POLL_RX,
                            time_now_ns() + 10 * NSEC_PER_MSEC);
        while (netfront_recv(nf, frame, sizeof(frame)) > 0)
            ;
    }
}

/* The configuration's IPv4 address of vif id into ip[4]; 0 or -1. */
static int
config_ip(unsigned int id, uint8_t ip[4])
{
    const struct config *c = config_get();

    for (unsigned int i = 0; i < c->nnet; i++) {
        const char *s = c->net[i].addr;

        if (c->net[i].unit != id || c->net[i].inet6 ||
            c->net[i].method != CONFIG_STATIC)
            continue;
        /* Checked by the configuration: four decimal parts. */
        for (int part = 0; part < 4; part++) {
            unsigned int v = 0;

            while (*s >= '0' && *s <= '9')
                v = v * 10 + (unsigned int)(*s++ - '0');
            ip[part] = (uint8_t)v;
            s += *s == '.';
        }
        return 0;
    }
    return -1;
}

/* This program answers ARP and ping itself: the configuration's
 * addresses are its to apply. */
static void __attribute__((constructor))
net_config_claim(void)
{
    config_mark_applied(CONFIG_APPLIED_NET);
}

/* Opens vif id as nics[k] and gives it its address. */
static int
open_nic(unsigned int k, unsigned int id)
{
    struct nic *nic = &nics[k];
    struct netfront_info info;
    int err = 0;

    nic->nf = netfront_open(id, 0, &err);
    EXPECT(nic->nf != NULL);
    if (nic->nf == NULL) {
        console_printf("net: open vif %u failed: %d\n", id, err);
        return err;
    }
    netfront_get_info(nic->nf, &info);
    memcpy(nic->mac, info.mac, 6);
    console_printf("net: vif %u mac %02x:%02x:%02x:%02x:%02x:%02x backend "
                   "dom%u offers sg=%d gso4=%d gso6=%d ipv6csum=%d mq=%d\n",
                   info.id, info.mac[0], info.mac[1], info.mac[2], info.mac[3],
                   info.mac[4], info.mac[5], info.backend_id,
                   !!(info.backend_features & NETFRONT_BACKEND_SG),
                   !!(info.backend_features & NETFRONT_BACKEND_GSO_TCPV4),
                   !!(info.backend_features & NETFRONT_BACKEND_GSO_TCPV6),
                   !!(info.backend_features & NETFRONT_BACKEND_IPV6_CSUM),
                   !!(info.backend_features & NETFRONT_BACKEND_MULTIQUEUE));
    EXPECT(info.mac[0] == 0x00 && info.mac[1] == 0x16 && info.mac[2] == 0x3e);
    if (config_ip(id, nic->ip) != 0) {
        console_printf("net: no net.xenif%u=ADDR/PREFIX in the "
                       "configuration\n", id);
        EXPECT(0);
        return -RX_EINVAL;
    }
    return 0;
}

/*
 * Serves every NIC, one thread each, until dom0's verdict arrives; the
 * threads go on serving (stop_serving ends them).
 */
static void
ping_test(unsigned int n)
{
    char ips[64] = "", result[512];
    size_t used = 0;
    int err;

    serving = 1;
    for (unsigned int k = 0; k < n; k++) {
        used += (size_t)fmt_snprintf(
            ips + used, sizeof(ips) - used, "%s%u.%u.%u.%u", k ? " " : "",
            nics[k].ip[0], nics[k].ip[1], nics[k].ip[2], nics[k].ip[3]);
        nics[k].thread = sched_create("serve", serve_thread, &nics[k], 0,
                                      SCHED_JOINABLE, &err);
        EXPECT(nics[k].thread != NULL);
    }
    console_printf("net: answering ARP and ping at %s\n", ips);
    EXPECT(xs_write(XS_TX_NONE, "data/net-ping", ips) == 0);
    EXPECT(wait_result(result, sizeof(result)) == 0);
    console_printf("net: dom0 says: %s\n", result);
    EXPECT(strncmp(result, "ok;", 3) == 0);
    for (unsigned int k = 0; k < n; k++) {
        console_printf("net: vif %u answered %u ARP requests and %u pings "
                       "(%u of full MTU)\n",
                       k, nics[k].arps, nics[k].echoes, nics[k].echoes_full);
        EXPECT(nics[k].echoes >= 200 && nics[k].echoes_full >= 100);
    }
}

static void
stop_serving(unsigned int n)
{
    serving = 0;
    for (unsigned int k = 0; k < n; k++)
        if (nics[k].thread)
            (void)sched_join(nics[k].thread);
}

/* After the traffic: every slot and buffer back at its baseline. */
static void
check_idle(struct nic *nic, unsigned int min_tx)
{
    struct netfront_stats st;

    drain(nic->nf);
    netfront_get_stats(nic->nf, &st);
    console_printf(
        "net: rx %llu frames %llu bytes (%llu dropped), tx %llu "
        "frames %llu bytes (%llu errors, %llu full), %llu "
        "notifications\n",
        (unsigned long long)st.rx_frames, (unsigned long long)st.rx_bytes,
        (unsigned long long)st.rx_dropped, (unsigned long long)st.tx_frames,
        (unsigned long long)st.tx_bytes, (unsigned long long)st.tx_errors,
        (unsigned long long)st.tx_full, (unsigned long long)st.notifies);
    EXPECT(st.tx_inflight == 0);
    EXPECT(st.rx_posted == NETFRONT_RX_BUFS);
    EXPECT(st.tx_errors == 0);
    EXPECT(st.tx_frames >= min_tx);
    EXPECT(!netfront_broken(nic->nf));
}

int
main(void)
{
    unsigned int ids[4], before, baseline;
    struct netfront *nf;
    int err = 0, n;

    n = netfront_list(ids, 4);
    EXPECT(n >= 1 && n <= MAX_NICS);
    if (n < 1 || n > MAX_NICS)
        return test_done("net");
    before = gnttab_in_use();
    for (int k = 0; k < n; k++)
        if (open_nic((unsigned int)k, ids[k]) < 0)
            return test_done("net");
    EXPECT(netfront_open(ids[0], 0, &err) == NULL && err == -RX_EBUSY);
    EXPECT(netfront_open(9, 0, &err) == NULL && err == -RX_ENOENT);
    baseline = gnttab_in_use();
    console_printf("net: %u grants for %d NICs\n", baseline - before, n);

    ping_test((unsigned int)n);
    EXPECT(dom0_mac[0] != 0 || dom0_mac[5] != 0);
    EXPECT(burst(nics[0].nf, nics[0].mac) == 0);
    stop_serving((unsigned int)n);
    for (int k = 0; k < n; k++)
        check_idle(&nics[k], k == 0 ? BURST + 200 : 200);
    EXPECT(gnttab_in_use() == baseline);

    for (int k = 0; k < n; k++)
        netfront_close(nics[k].nf);
    EXPECT(gnttab_in_use() == before);
    nf = netfront_open(ids[0], 0, &err);
    EXPECT(nf != NULL);
    if (nf) {
        EXPECT(gnttab_in_use() == before + (baseline - before) / n);
        netfront_close(nf);
    }
    EXPECT(gnttab_in_use() == before);
    return test_done("net");
}
