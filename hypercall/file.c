/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * rumpuser(3) host files and block devices. No block device is wired yet
 * (blkfront comes later): every name is unknown and every descriptor bad,
 * which the rump kernel reports as a clean error.
 */
#include <rumpxen/errno.h>

#include "hyp.h"

int
rumpuser_open(const char *name, int mode, int *fdp)
{
    (void)name;
    (void)mode;
    (void)fdp;
    return RX_ENOENT;
}

int
rumpuser_close(int fd)
{
    (void)fd;
    return RX_EBADF;
}

int
rumpuser_getfileinfo(const char *name, uint64_t *size, int *type)
{
    (void)name;
    (void)size;
    (void)type;
    return RX_ENOENT;
}

void
rumpuser_bio(int fd, int op, void *data, size_t len, int64_t off,
             rump_biodone_fn biodone, void *arg)
{
    (void)fd;
    (void)op;
    (void)data;
    (void)len;
    (void)off;
    biodone(arg, 0, RX_EBADF);
}

int
rumpuser_iovread(int fd, struct rumpuser_iovec *iov, size_t iovlen,
                 int64_t off, size_t *retv)
{
    (void)fd;
    (void)iov;
    (void)iovlen;
    (void)off;
    (void)retv;
    return RX_EBADF;
}

int
rumpuser_iovwrite(int fd, const struct rumpuser_iovec *iov, size_t iovlen,
                  int64_t off, size_t *retv)
{
    (void)fd;
    (void)iov;
    (void)iovlen;
    (void)off;
    (void)retv;
    return RX_EBADF;
}

int
rumpuser_syncfd(int fd, int flags, uint64_t start, uint64_t len)
{
    (void)fd;
    (void)flags;
    (void)start;
    (void)len;
    return RX_EBADF;
}
