/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * arpa/inet.h's conversions over inet_text.c, and the byte order
 * functions for programs that take their address or #undef the macros.
 * No system calls.
 */
#include <arpa/inet.h>
#include <errno.h>
#include <net/if.h>
#include <string.h>

#include "glue.h"
#include "inet_text.h"

const struct in6_addr in6addr_any = IN6ADDR_ANY_INIT;
const struct in6_addr in6addr_loopback = IN6ADDR_LOOPBACK_INIT;

int
inet_pton(int af, const char *src, void *dst)
{
    if (af == AF_INET)
        return inet_text_to_v4(src, dst);
    if (af == AF_INET6)
        return inet_text_to_v6(src, dst);
    glue_fail(EAFNOSUPPORT);
    return -1;
}

const char *
inet_ntop(int af, const void *src, char *dst, socklen_t size)
{
    int n;

    if (af == AF_INET)
        n = inet_text_from_v4(src, dst, size);
    else if (af == AF_INET6)
        n = inet_text_from_v6(src, dst, size);
    else {
        glue_fail(EAFNOSUPPORT);
        return NULL;
    }
    if (n < 0) {
        glue_fail(ENOSPC);
        return NULL;
    }
    return dst;
}

int
inet_aton(const char *cp, struct in_addr *addr)
{
    uint8_t b[4];

    if (!inet_text_aton(cp, b))
        return 0;
    if (addr != NULL)
        memcpy(&addr->s_addr, b, 4);
    return 1;
}

in_addr_t
inet_addr(const char *cp)
{
    struct in_addr a;

    return inet_aton(cp, &a) ? a.s_addr : INADDR_NONE;
}

/* In a static buffer, as POSIX allows (not thread-safe). */
char *
inet_ntoa(struct in_addr in)
{
    static char buf[INET_ADDRSTRLEN];

    inet_text_from_v4((const uint8_t *)&in.s_addr, buf, sizeof(buf));
    return buf;
}

uint32_t(htonl)(uint32_t x)
{
    return __builtin_bswap32(x);
}

uint32_t(ntohl)(uint32_t x)
{
    return __builtin_bswap32(x);
}

uint16_t(htons)(uint16_t x)
{
    return __builtin_bswap16(x);
}

uint16_t(ntohs)(uint16_t x)
{
    return __builtin_bswap16(x);
}

/* Interfaces have no indexes here. */
unsigned int
if_nametoindex(const char *name)
{
    (void)name;
    glue_fail(ENXIO);
    return 0;
}
