/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Local (AF_UNIX) socket addresses for newlib programs: NetBSD's struct
 * sockaddr_un, passed to the rump kernel unchanged (set "net" has
 * AF_LOCAL); socket files live in the rump kernel's file systems.
 */
#ifndef LIBC_GLUE_SYS_UN_H
#define LIBC_GLUE_SYS_UN_H

#include <stddef.h>
#include <string.h>
#include <sys/socket.h>

struct sockaddr_un {
    uint8_t sun_len;
    sa_family_t sun_family;
    char sun_path[104];
};

#define SUN_LEN(su)                                                            \
    (offsetof(struct sockaddr_un, sun_path) + strlen((su)->sun_path))

#endif
