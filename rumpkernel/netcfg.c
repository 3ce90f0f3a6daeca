/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest configuration's network part, applied before main() (boot
 * stage BOOT_STAGE_NETCONFIG) through the rump kernel's netconfig
 * component: each xenifN named is created and brought up, then its static
 * IPv4/IPv6 address, DHCP (the component's one-shot client, which gives
 * up after a few tries) or IPv6 autoconfiguration (router advertisements
 * accepted, one router solicitation sent), then the default routes. Linked
 * into images of the "net" set only; an address that can not be applied
 * ends the guest with CONFIG_EXIT_STATUS.
 */
#include <rumpxen/config.h>
#include <rumpxen/console.h>
#include <rumpxen/errno.h>
#include <rumpxen/hypercall.h>
#include <rumpxen/lib.h>
#include <rumpxen/platform.h>
#include <rumpxen/rump_host.h>
#include <rumpxen/sched.h>
#include <rumpxen/time.h>

#include <rump/netconfig.h>
#include <rump/rump.h>
#include <rump/rump_syscalls.h>

/* NetBSD's sysctl names of net.inet6.ip6.accept_rtadv. */
#define NETCFG_CTL_NET 4
#define NETCFG_PF_INET6 24
#define NETCFG_IPPROTO_IPV6 41
#define NETCFG_IPV6CTL_ACCEPT_RTADV 12

/* NetBSD's values for the router solicitation (no NetBSD libc here). */
#define NETCFG_SOCK_RAW 3
#define NETCFG_IPPROTO_ICMPV6 58
#define NETCFG_IPV6_MULTICAST_IF 9
#define NETCFG_IPV6_MULTICAST_HOPS 10
#define NETCFG_ND_ROUTER_SOLICIT 133
/* _IOWR('i', 140, struct ifreq), struct ifreq being 144 bytes. */
#define NETCFG_SIOCGIFINDEX 0xc090698cUL
/* How long a solicitation is retried while NetBSD refuses to send it. */
#define NETCFG_RS_WAIT_MS 3000

/* NetBSD's struct ifreq with the union's ifru_value (ifr_index). */
struct netcfg_ifreq {
    char name[16];
    union {
        unsigned int index;
        uint8_t space[128];
    } u;
};
_Static_assert(sizeof(struct netcfg_ifreq) == 144, "NetBSD's struct ifreq");

/* NetBSD's struct sockaddr_in6. */
struct netcfg_sockaddr_in6 {
    uint8_t len;
    uint8_t family;
    uint16_t port;
    uint32_t flowinfo;
    uint8_t addr[16];
    uint32_t scope_id;
};

/* Creates and brings up the interface of entry i unless done before. */
static void
netcfg_ifcreate(const struct config *c, unsigned int i)
{
    const char *ifname = c->net[i].ifname;
    int rc;

    for (unsigned int k = 0; k < i; k++)
        if (strcmp(c->net[k].ifname, ifname) == 0)
            return;
    rc = rump_pub_netconfig_ifcreate(ifname);
    if (rc != 0)
        config_fail("net.%s: can not create the interface (error %d)", ifname,
                    rc);
    rc = rump_pub_netconfig_ifup(ifname);
    if (rc != 0)
        config_fail("net.%s: can not bring the interface up (error %d)", ifname,
                    rc);
}

/*
 * A router solicitation (RFC 4861 6.3.7) to all routers on ifname, so a
 * router answers now rather than with its next periodic advertisement
 * (radvd's default: up to 10 minutes). Should the send fail while the
 * interface that just came up has no usable source address yet, it is
 * tried again every 100 ms for NETCFG_RS_WAIT_MS (the first try went out
 * in the tests). Blocks. Returns 0 or a NetBSD errno.
 */
static int
netcfg_router_solicit(const char *ifname)
{
    struct netcfg_ifreq ifr = {0};
    struct netcfg_sockaddr_in6 to = {
        .len = sizeof(to),
        .family = NETCFG_PF_INET6,
        .addr = {0xff, 0x02, [15] = 0x02}, /* ff02::2, all routers */
    };
    uint8_t rs[8] = {NETCFG_ND_ROUTER_SOLICIT}; /* checksum: the kernel's */
    uint64_t until = time_now_ns() + NETCFG_RS_WAIT_MS * NSEC_PER_MSEC;
    int hops = 255, rc = 0;
    int fd = rump_sys_socket(NETCFG_PF_INET6, NETCFG_SOCK_RAW,
                             NETCFG_IPPROTO_ICMPV6);

    if (strlen(ifname) >= sizeof(ifr.name))
        return RX_EINVAL;
    if (fd < 0)
        return hypercall_errno();
    memcpy(ifr.name, ifname, strlen(ifname));
    if (rump_sys_ioctl(fd, NETCFG_SIOCGIFINDEX, &ifr) != 0 ||
        rump_sys_setsockopt(fd, NETCFG_IPPROTO_IPV6, NETCFG_IPV6_MULTICAST_IF,
                            &ifr.u.index, sizeof(ifr.u.index)) != 0 ||
        rump_sys_setsockopt(fd, NETCFG_IPPROTO_IPV6, NETCFG_IPV6_MULTICAST_HOPS,
                            &hops, sizeof(hops)) != 0) {
        rc = hypercall_errno();
        goto out;
    }
    to.scope_id = ifr.u.index;
    while (rump_sys_sendto(fd, rs, sizeof(rs), 0, (const void *)&to,
                           sizeof(to)) != (ssize_t)sizeof(rs)) {
        if (time_now_ns() >= until) {
            rc = hypercall_errno();
            break;
        }
        sched_sleep_until(time_now_ns() + 100 * NSEC_PER_MSEC);
    }
out:
    rump_sys_close(fd);
    return rc;
}

/*
 * IPv6 autoconfiguration: the interface has its link-local address since
 * it came up; from now on router advertisements configure addresses and
 * routes (sysctl net.inet6.ip6.accept_rtadv), and a solicitation asks the
 * routers for one. Not rump_pub_netconfig_auto_ipv6, which does the same
 * inside the kernel: built against this NetBSD tree, its
 * m_set_rcvif(m, NULL) reads NULL->if_index (GCC compiles it into a load
 * from address 0x48 and a trap: a page fault at boot). Says on the
 * console how long the solicitation waited for the link-local address.
 */
static int
netcfg_auto(const char *ifname)
{
    static const int mib[4] = {NETCFG_CTL_NET, NETCFG_PF_INET6,
                               NETCFG_IPPROTO_IPV6,
                               NETCFG_IPV6CTL_ACCEPT_RTADV};
    uint64_t t0 = time_now_ns();
    int one = 1, rc;

    if (rump_sys___sysctl(mib, 4, NULL, NULL, &one, sizeof(one)) != 0)
        return hypercall_errno();
    rc = netcfg_router_solicit(ifname);
    if (rc == 0)
        console_printf(
            "rumpxen: %s inet6 auto: router solicitation sent "
            "after %llu ms\n",
            ifname, (unsigned long long)((time_now_ns() - t0) / NSEC_PER_MSEC));
    return rc;
}

static void
netcfg_addr(const struct config_net *n)
{
    const char *key = n->inet6 ? "net6" : "net";
    int rc = 0;

    switch (n->method) {
    case CONFIG_STATIC:
        rc = n->inet6 ? rump_pub_netconfig_ipv6_ifaddr(n->ifname, n->addr,
                                                       (int)n->prefix)
                      : rump_pub_netconfig_ipv4_ifaddr_cidr(n->ifname, n->addr,
                                                            (int)n->prefix);
        break;
    case CONFIG_DHCP:
        rc = rump_pub_netconfig_dhcp_ipv4_oneshot(n->ifname);
        break;
    case CONFIG_AUTO:
        rc = netcfg_auto(n->ifname);
        break;
    }
    if (rc != 0)
        config_fail("%s.%s: can not configure %s (error %d)", key, n->ifname,
                    n->method == CONFIG_STATIC ? n->addr
                    : n->method == CONFIG_DHCP ? "DHCP"
                                               : "autoconfiguration",
                    rc);
    if (n->method == CONFIG_STATIC)
        console_printf("rumpxen: %s %s %s/%u\n", n->ifname,
                       n->inet6 ? "inet6" : "inet", n->addr, n->prefix);
}

static int
netcfg_apply(void)
{
    const struct config *c = config_get();
    int rc;

    config_mark_applied(CONFIG_APPLIED_NET);
    for (unsigned int i = 0; i < c->nnet; i++) {
        netcfg_ifcreate(c, i);
        netcfg_addr(&c->net[i]);
    }
    if (c->gw[0] != '\0' && (rc = rump_pub_netconfig_ipv4_gw(c->gw)) != 0)
        config_fail("gw: can not add the default route via %s (error %d)",
                    c->gw, rc);
    if (c->gw6[0] != '\0' && (rc = rump_pub_netconfig_ipv6_gw(c->gw6)) != 0)
        config_fail("gw6: can not add the default route via %s (error %d)",
                    c->gw6, rc);
    return 0;
}
BOOT_STAGE(BOOT_STAGE_NETCONFIG, "network configuration", netcfg_apply);
