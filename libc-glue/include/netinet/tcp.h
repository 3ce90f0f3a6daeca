/* SPDX-License-Identifier: BSD-2-Clause */
/* TCP socket options for newlib programs: NetBSD's values. */
#ifndef LIBC_GLUE_NETINET_TCP_H
#define LIBC_GLUE_NETINET_TCP_H

#define TCP_NODELAY 1
#define TCP_MAXSEG 2
#define TCP_KEEPIDLE 3
#define TCP_KEEPINTVL 5
#define TCP_KEEPCNT 6

#endif
