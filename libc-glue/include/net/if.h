/* SPDX-License-Identifier: BSD-2-Clause */
/* Interface names for newlib programs: the size only, and no lookups. */
#ifndef LIBC_GLUE_NET_IF_H
#define LIBC_GLUE_NET_IF_H

#define IF_NAMESIZE 16
#define IFNAMSIZ IF_NAMESIZE

unsigned int if_nametoindex(const char *name);

#endif
