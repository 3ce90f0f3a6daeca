/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest configuration's network part, applied before main() (boot
 * stage BOOT_STAGE_NETCONFIG) through the rump kernel's netconfig
 * component: each xenifN named is created and brought up, then its static
 * IPv4/IPv6 address, DHCP (the component's one-shot client, which gives
 * up after a few tries) or IPv6 autoconfiguration, then the default
 * routes. Linked into images of the "net" set only; an address that can
 * not be applied ends the guest with CONFIG_EXIT_STATUS.
 */
#include <rumpxen/config.h>
#include <rumpxen/console.h>
#include <rumpxen/hypercall.h>
#include <rumpxen/lib.h>
#include <rumpxen/platform.h>
#include <rumpxen/rump_host.h>

#include <rump/netconfig.h>
#include <rump/rump.h>
#include <rump/rump_syscalls.h>

/* NetBSD's sysctl names of net.inet6.ip6.accept_rtadv. */
#define NETCFG_CTL_NET 4
#define NETCFG_PF_INET6 24
#define NETCFG_IPPROTO_IPV6 41
#define NETCFG_IPV6CTL_ACCEPT_RTADV 12

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
 * IPv6 autoconfiguration: the interface has its link-local address since
 * it came up; from now on router advertisements configure addresses and
 * routes (sysctl net.inet6.ip6.accept_rtadv). No router solicitation is
 * sent (rump_pub_netconfig_auto_ipv6 faults in this rump kernel), so a
 * router's address comes with its next periodic advertisement.
 */
static int
netcfg_accept_rtadv(void)
{
    static const int mib[4] = {NETCFG_CTL_NET, NETCFG_PF_INET6,
                               NETCFG_IPPROTO_IPV6,
                               NETCFG_IPV6CTL_ACCEPT_RTADV};
    int one = 1;

    if (rump_sys___sysctl(mib, 4, NULL, NULL, &one, sizeof(one)) != 0)
        return hypercall_errno();
    return 0;
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
        rc = netcfg_accept_rtadv();
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
