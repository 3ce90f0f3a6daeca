/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Scatter/gather I/O for newlib programs (newlib has no sys/uio.h): the
 * layout of struct iovec is NetBSD's and passes to the rump kernel as is.
 */
#ifndef LIBC_GLUE_SYS_UIO_H
#define LIBC_GLUE_SYS_UIO_H

#include <sys/types.h>

struct iovec {
    void *iov_base;
    size_t iov_len;
};

/* NetBSD's limit on iovcnt. */
#define IOV_MAX 1024
#define UIO_MAXIOV IOV_MAX

ssize_t readv(int fd, const struct iovec *iov, int iovcnt);
ssize_t writev(int fd, const struct iovec *iov, int iovcnt);

#endif
