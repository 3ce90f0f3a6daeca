/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * More file calls of the rump kernel profile that ordinary programs built
 * with rumpxen-cc link against (SQLite's shell): fdatasync, fchmod,
 * chown/fchown, utimes (struct timeval translated); lighttpd's fchdir,
 * fstatat (AT_FDCWD or an absolute path only: stat or lstat) and
 * fdopendir (ENOSYS). The others are the rump kernel's system calls; mode
 * bits are equal in newlib and NetBSD.
 * Descriptors 0-2 are the console.
 */
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <rumpxen/hypercall.h>

#include "glue.h"
#include "xlate.h"

int rx_fdatasync(int fd) __asm__("rump___sysimpl_fdatasync");
int rx_fchmod(int fd, uint32_t mode) __asm__("rump___sysimpl_fchmod");
int rx_chown(const char *path, uint32_t uid,
             uint32_t gid) __asm__("rump___sysimpl_chown");
int rx_fchdir(int fd) __asm__("rump___sysimpl_fchdir");
int rx_fchown(int fd, uint32_t uid,
              uint32_t gid) __asm__("rump___sysimpl_fchown");

/* NetBSD's struct timeval (time_t 64 bits, suseconds_t 32). */
struct rx_timeval {
    int64_t tv_sec;
    int32_t tv_usec;
};

int rx_utimes(const char *path,
              const struct rx_timeval *tv) __asm__("rump___sysimpl_utimes50");

/* A rump system call's result: 0, or -1 with newlib's errno. */
static int
extra_ret(int r)
{
    if (r == 0)
        return 0;
    return glue_fail(xlate_errno_to_newlib(hypercall_errno()));
}

/* The console has nothing to sync. */
int
fdatasync(int fd)
{
    if (fd >= 0 && fd <= 2)
        return 0;
    return extra_ret(rx_fdatasync(fd));
}

int
fchmod(int fd, mode_t mode)
{
    return extra_ret(rx_fchmod(fd, (uint32_t)mode));
}

int
chown(const char *path, uid_t uid, gid_t gid)
{
    return extra_ret(rx_chown(path, (uint32_t)uid, (uint32_t)gid));
}

int
fchown(int fd, uid_t uid, gid_t gid)
{
    return extra_ret(rx_fchown(fd, (uint32_t)uid, (uint32_t)gid));
}

/* NULL sets both times to now, in both systems. */
int
utimes(const char *path, const struct timeval *tv)
{
    struct rx_timeval nb[2];
    int i;

    if (tv == NULL)
        return extra_ret(rx_utimes(path, NULL));
    for (i = 0; i < 2; i++) {
        if (tv[i].tv_usec < 0 || tv[i].tv_usec >= 1000000)
            return glue_fail(EINVAL);
        nb[i].tv_sec = tv[i].tv_sec;
        nb[i].tv_usec = (int32_t)tv[i].tv_usec;
    }
    return extra_ret(rx_utimes(path, nb));
}

int
fchdir(int fd)
{
    return extra_ret(rx_fchdir(fd));
}

/* Relative to a directory descriptor: ENOSYS (no openat family here). */
int
fstatat(int dirfd, const char *restrict path, struct stat *restrict st,
        int flags)
{
    if (dirfd != AT_FDCWD && path[0] != '/')
        return glue_fail(ENOSYS);
    if ((flags & AT_SYMLINK_NOFOLLOW) != 0)
        return lstat(path, st);
    return stat(path, st);
}

DIR *
fdopendir(int fd)
{
    (void)fd;
    glue_fail(ENOSYS);
    return NULL;
}
