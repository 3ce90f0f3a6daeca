/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The guest configuration's network part, applied before main() (boot
 * stage BOOT_STAGE_NETCONFIG) through the rump kernel's netconfig
 * component: each xenifN named is created and brought up, then its static
 * IPv4/IPv6 address, DHCP or IPv6 autoconfiguration, then the default
 * routes. Linked into images of the "net" set only; an address that can
 * not be applied ends the guest with CONFIG_EXIT_STATUS.
 */
#include <rumpxen/config.h>
#include <rumpxen/console.h>
#include <rumpxen/lib.h>
#include <rumpxen/platform.h>
#include <rumpxen/rump_host.h>

#include <rump/netconfig.h>
#include <rump/rump.h>

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
        rc = rump_pub_netconfig_auto_ipv6(n->ifname);
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
