/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * NetBSD's structures as rump system calls take them (struct sockaddr_in,
 * sockaddr_in6, timeval, iovec), for programs that call rump_sys_*
 * directly, without a libc; the constants are <rump/rumpdefs.h>'s, plus
 * the few it lacks; and nb_write_all. Not a libc header: libc-glue has
 * its own. On rumpxen, include it after <rumpxen/rump_host.h>, which
 * gives the rump headers their types.
 */
#ifndef RUMPXEN_NB_ABI_H
#define RUMPXEN_NB_ABI_H

#include <stddef.h>
#include <stdint.h>

#include <rump/rump_syscalls.h>
#include <rump/rumpdefs.h>

/* Missing from rumpdefs.h. */
#define NB_IPV6_V6ONLY 27
#define NB_POLLIN 0x0001

struct nb_sockaddr_in {
    uint8_t sin_len;
    uint8_t sin_family;
    uint16_t sin_port; /* network order */
    uint32_t sin_addr; /* network order */
    uint8_t sin_zero[8];
};

struct nb_sockaddr_in6 {
    uint8_t sin6_len;
    uint8_t sin6_family;
    uint16_t sin6_port; /* network order */
    uint32_t sin6_flowinfo;
    uint8_t sin6_addr[16];
    uint32_t sin6_scope_id;
};

struct nb_timeval {
    int64_t tv_sec;
    int32_t tv_usec;
};

struct nb_iovec {
    const void *iov_base;
    size_t iov_len;
};

/*
 * Writes all len bytes of p to rump descriptor fd, looping over short
 * writes. Returns 0, or -1 when a write fails or writes nothing.
 */
static inline int
nb_write_all(int fd, const void *p, size_t len)
{
    const char *c = p;

    while (len > 0) {
        ssize_t n = rump_sys_write(fd, c, len);

        if (n <= 0)
            return -1;
        c += n;
        len -= (size_t)n;
    }
    return 0;
}

#endif
