/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Guest test of netfront, booted with one vif on dom0's bridge: a tiny
 * ARP and ICMP echo responder at 10.11.0.(N+1), N the last byte of our MAC.
 * It asks dom0 (tests/guest/xenstore-dom0.sh) to ping it 100 times with
 * small and with full-MTU packets by writing data/net-ping, answers until
 * dom0 writes its verdict to data/net-result, then sends a burst of
 * 10,000 frames with flow control, and checks that the tx slots, the rx
 * buffers and the grant count are back at their baseline, and that close
 * gives back every grant and a reopen connects again.
 */
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/gnttab.h>
#include <rumpxen/lib.h>
#include <rumpxen/netfront.h>
#include <rumpxen/time.h>
#include <rumpxen/xs.h>

#include "guest_test.h"

#define BURST 10000
#define PING_TIMEOUT_NS (120 * NSEC_PER_SEC)

static uint8_t our_mac[6], our_ip[4];
static unsigned int echoes, echoes_full, arps;
static uint8_t frame[NETFRONT_FRAME_MAX], scratch[NETFRONT_FRAME_MAX];

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

/* Turns an ARP request for our address into the reply. */
static int
arp_reply(uint8_t *f, int len)
{
    uint8_t *a = f + 14;

    if (len < 42 || get16(a) != 1 || get16(a + 2) != 0x0800 || a[4] != 6 ||
        a[5] != 4 || get16(a + 6) != 1 || memcmp(a + 24, our_ip, 4) != 0)
        return 0;
    put16(a + 6, 2);
    memcpy(a + 18, a + 8, 10);  /* the asker becomes the target */
    memcpy(a + 8, our_mac, 6);
    memcpy(a + 14, our_ip, 4);
    arps++;
    return 42;
}

/* Turns an ICMP echo request to our address into the reply. */
static int
icmp_reply(uint8_t *f, int len)
{
    uint8_t *ip = f + 14, *icmp;
    unsigned int ihl, total;
    uint8_t tmp[4];

    if (len < 34 || (ip[0] >> 4) != 4 || ip[9] != 1 ||
        memcmp(ip + 16, our_ip, 4) != 0)
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
    echoes++;
    if (14 + total == NETFRONT_FRAME_MAX)
        echoes_full++;
    return (int)(14 + total);
}

/* Answers one received frame, if it asks something of us. */
static void
answer(struct netfront *nf, int len)
{
    int out = 0;

    if (len < 14)
        return;
    if (get16(frame + 12) == 0x0806)
        out = arp_reply(frame, len);
    else if (get16(frame + 12) == 0x0800)
        out = icmp_reply(frame, len);
    if (out == 0)
        return;
    memcpy(frame, frame + 6, 6);
    memcpy(frame + 6, our_mac, 6);
    while (netfront_xmit(nf, frame, (size_t)out) == -RX_EAGAIN)
        (void)netfront_poll(nf, NETFRONT_POLL_TX, 0);
}

/* Serves ARP and ping until dom0's verdict arrives in result. */
static int
serve(struct netfront *nf, char *result, size_t size)
{
    uint64_t deadline = time_now_ns() + PING_TIMEOUT_NS;
    uint64_t next_check = 0;
    int len;

    while (time_now_ns() < deadline) {
        int r = netfront_poll(nf, NETFRONT_POLL_RX,
                              time_now_ns() + 100 * NSEC_PER_MSEC);

        if (r < 0)
            return r;
        while ((len = netfront_recv(nf, frame, sizeof(frame))) > 0)
            answer(nf, len);
        if (time_now_ns() >= next_check) {
            if (xs_read(XS_TX_NONE, "data/net-result", result, size) >= 0)
                return 0;
            next_check = time_now_ns() + 200 * NSEC_PER_MSEC;
        }
    }
    return -RX_ETIMEDOUT;
}

/* Sends BURST frames to a MAC nobody has, waiting whenever tx is full. */
static int
burst(struct netfront *nf)
{
    unsigned int waits = 0;
    uint64_t t0 = time_now_ns(), dt;

    memset(frame, 0, sizeof(frame));
    memcpy(frame, "\x02\x00\x00\x00\x00\x01", 6);
    memcpy(frame + 6, our_mac, 6);
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
        /* Keep the rx ring moving: dom0 may be talking to us too. */
        while (netfront_recv(nf, scratch, sizeof(scratch)) != -RX_EAGAIN)
            ;
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

int
main(void)
{
    struct netfront *nf;
    struct netfront_info info;
    struct netfront_stats st;
    unsigned int ids[4], before, baseline;
    char ipstr[20], result[256];
    int err = 0, n;

    n = netfront_list(ids, 4);
    EXPECT(n == 1);
    before = gnttab_in_use();
    nf = netfront_open(n > 0 ? ids[0] : 0, &err);
    EXPECT(nf != NULL);
    if (nf == NULL) {
        console_printf("net: open failed: %d\n", err);
        return test_done("net");
    }
    EXPECT(netfront_open(ids[0], &err) == NULL && err == -RX_EBUSY);
    netfront_get_info(nf, &info);
    memcpy(our_mac, info.mac, 6);
    console_printf("net: vif %u mac %02x:%02x:%02x:%02x:%02x:%02x backend "
                   "dom%u offers sg=%d gso4=%d gso6=%d ipv6csum=%d mq=%d\n",
                   info.id, info.mac[0], info.mac[1], info.mac[2],
                   info.mac[3], info.mac[4], info.mac[5], info.backend_id,
                   !!(info.backend_features & NETFRONT_BACKEND_SG),
                   !!(info.backend_features & NETFRONT_BACKEND_GSO_TCPV4),
                   !!(info.backend_features & NETFRONT_BACKEND_GSO_TCPV6),
                   !!(info.backend_features & NETFRONT_BACKEND_IPV6_CSUM),
                   !!(info.backend_features & NETFRONT_BACKEND_MULTIQUEUE));
    EXPECT(info.mac[0] == 0x00 && info.mac[1] == 0x16 && info.mac[2] == 0x3e);
    EXPECT(info.mac[5] >= 1 && info.mac[5] <= 250);
    memcpy(our_ip, "\x0a\x0b\x00", 3);
    our_ip[3] = (uint8_t)(info.mac[5] + 1);
    baseline = gnttab_in_use();
    console_printf("net: %u grants for the NIC\n", baseline - before);

    fmt_snprintf(ipstr, sizeof(ipstr), "10.11.0.%u", our_ip[3]);
    console_printf("net: answering ARP and ping at %s\n", ipstr);
    EXPECT(xs_write(XS_TX_NONE, "data/net-ping", ipstr) == 0);
    EXPECT(serve(nf, result, sizeof(result)) == 0);
    console_printf("net: dom0 says: %s\n", result);
    EXPECT(strncmp(result, "ok;", 3) == 0);
    console_printf("net: answered %u ARP requests and %u pings (%u of "
                   "full MTU)\n",
                   arps, echoes, echoes_full);
    EXPECT(echoes >= 200 && echoes_full >= 100);

    EXPECT(burst(nf) == 0);
    drain(nf);
    netfront_get_stats(nf, &st);
    console_printf("net: rx %llu frames %llu bytes (%llu dropped), tx %llu "
                   "frames %llu bytes (%llu errors, %llu full), %llu "
                   "notifications\n",
                   (unsigned long long)st.rx_frames,
                   (unsigned long long)st.rx_bytes,
                   (unsigned long long)st.rx_dropped,
                   (unsigned long long)st.tx_frames,
                   (unsigned long long)st.tx_bytes,
                   (unsigned long long)st.tx_errors,
                   (unsigned long long)st.tx_full,
                   (unsigned long long)st.notifies);
    EXPECT(st.tx_inflight == 0);
    EXPECT(st.rx_posted == NETFRONT_RX_BUFS);
    EXPECT(st.tx_errors == 0);
    EXPECT(st.tx_frames >= BURST + 200);
    EXPECT(gnttab_in_use() == baseline);
    EXPECT(!netfront_broken(nf));

    netfront_close(nf);
    EXPECT(gnttab_in_use() == before);
    nf = netfront_open(ids[0], &err);
    EXPECT(nf != NULL);
    if (nf) {
        EXPECT(gnttab_in_use() == baseline);
        netfront_close(nf);
    }
    EXPECT(gnttab_in_use() == before);
    return test_done("net");
}
