/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Error numbers of the platform API: NetBSD's values (the rump kernel's), with
 * an RX_ prefix so they never clash with a C library's <errno.h>. Platform
 * functions return 0 or the negative of one of these.
 */
#ifndef RUMPXEN_ERRNO_H
#define RUMPXEN_ERRNO_H

#define RX_EPERM 1
#define RX_ENOENT 2
#define RX_EINTR 4
#define RX_EIO 5
#define RX_E2BIG 7
#define RX_EBADF 9
#define RX_ENOMEM 12
#define RX_EACCES 13
#define RX_EFAULT 14
#define RX_EBUSY 16
#define RX_EEXIST 17
#define RX_ENODEV 19
#define RX_ENOTDIR 20
#define RX_EISDIR 21
#define RX_EINVAL 22
#define RX_ENOSPC 28
#define RX_EROFS 30
#define RX_ERANGE 34
#define RX_EAGAIN 35
#define RX_EALREADY 37
#define RX_EMSGSIZE 40
#define RX_ENOTSUP 45
#define RX_ECONNRESET 54
#define RX_ETIMEDOUT 60
#define RX_ENAMETOOLONG 63
#define RX_ENOTEMPTY 66
#define RX_ENOSYS 78
#define RX_EPROTO 96

#endif
