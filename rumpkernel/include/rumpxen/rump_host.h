/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The NetBSD ABI types the installed rump kernel headers (rump/rump.h,
 * rump/rump_syscalls.h) expect from a host C library, for programs that
 * call the rump kernel directly without one. Include before them. Sizes
 * are NetBSD/amd64's, the rump kernel's own.
 */
#ifndef RUMPXEN_RUMP_HOST_H
#define RUMPXEN_RUMP_HOST_H

#include <stddef.h>
#include <stdint.h>

typedef int32_t pid_t;
typedef int32_t lwpid_t;
typedef int64_t off_t;
typedef uint32_t mode_t;
typedef uint32_t uid_t;
typedef uint32_t gid_t;
typedef uint32_t id_t;
typedef uint64_t dev_t;
typedef uint64_t ino_t;
typedef uint32_t nlink_t;
typedef int64_t blkcnt_t;
typedef int32_t blksize_t;
typedef uint64_t fsblkcnt_t;
typedef uint64_t fsfilcnt_t;
typedef int64_t time_t;
typedef int clockid_t;
typedef int32_t timer_t;
typedef int suseconds_t;
typedef uint32_t useconds_t;
typedef long ssize_t;
typedef long register_t;
typedef long key_t;
typedef int idtype_t;
typedef unsigned int nfds_t;
typedef unsigned int socklen_t;
typedef uint8_t sa_family_t;
typedef uint32_t in_addr_t;
typedef uint16_t in_port_t;
typedef unsigned char u_char;
typedef unsigned short u_short;
typedef unsigned int u_int;
typedef unsigned long u_long;
typedef uint64_t u_quad_t;
typedef int64_t quad_t;
typedef int64_t daddr_t;
typedef char *caddr_t;
typedef struct {
    uint32_t fds_bits[8];
} fd_set;
typedef struct {
    uint32_t __bits[4];
} sigset_t;

/* The headers then skip their POSIX includes. */
#define RUMP_HOST_NOT_POSIX 1

#endif
