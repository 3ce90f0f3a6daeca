/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * NetBSD's structures as rump system calls take them (struct sockaddr_in,
 * sockaddr_in6, timeval, iovec), for programs that call rump_sys_*
 * directly, without a libc; the constants are <rump/rumpdefs.h>'s, plus
 * the few it lacks. Not a libc header: libc-glue has its own.
 */
#ifndef RUMPXEN_NB_ABI_H
#define RUMPXEN_NB_ABI_H

#include <stddef.h>
#include <stdint.h>

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

#endif
