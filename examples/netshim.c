/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * TEMPORARY stand-in for the platform's network configuration stage (branch
 * "config", not merged yet): applies "net.xenif0=A.B.C.D/PREFIX" from the
 * command line at BOOT_STAGE_NETCONFIG. Deleted once that stage lands; the
 * examples then configure nothing themselves.
 */
#include <rumpxen/console.h>
#include <rumpxen/lib.h>
#include <rumpxen/platform.h>
#include <rumpxen/rump_host.h>

#include <rump/netconfig.h>

static int
netshim_stage(void)
{
    const char *key = "net.xenif0=", *s = boot_info->cmdline;
    char addr[20];
    size_t n = 0;
    int prefix = 0, rc;

    for (; *s; s++)
        if ((s == boot_info->cmdline || s[-1] == ' ') &&
            strncmp(s, key, strlen(key)) == 0)
            break;
    if (*s == '\0')
        return 0;
    for (s += strlen(key); *s && *s != '/' && n < sizeof(addr) - 1; s++)
        addr[n++] = *s;
    addr[n] = '\0';
    if (*s++ != '/')
        return -22;
    for (; *s >= '0' && *s <= '9'; s++)
        prefix = prefix * 10 + (*s - '0');
    rc = rump_pub_netconfig_ifcreate("xenif0");
    if (rc == 0)
        rc = rump_pub_netconfig_ipv4_ifaddr_cidr("xenif0", addr, prefix);
    if (rc != 0)
        console_printf("netshim: xenif0 %s/%d: error %d\n", addr, prefix, rc);
    return -rc;
}
BOOT_STAGE(BOOT_STAGE_NETCONFIG, "netshim", netshim_stage);
