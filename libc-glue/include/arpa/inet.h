/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Address text conversions for newlib programs (libc-glue/inet.c): pure
 * functions, no system calls.
 */
#ifndef LIBC_GLUE_ARPA_INET_H
#define LIBC_GLUE_ARPA_INET_H

#include <netinet/in.h>

int inet_pton(int af, const char *src, void *dst);
const char *inet_ntop(int af, const void *src, char *dst, socklen_t size);
in_addr_t inet_addr(const char *cp);
int inet_aton(const char *cp, struct in_addr *addr);
char *inet_ntoa(struct in_addr in);

#endif
