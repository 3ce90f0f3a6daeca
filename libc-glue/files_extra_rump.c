/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * More file calls of the rump kernel profile, for ordinary programs built
 * with rumpxen-cc (SQLite's shell needs them): access, pread/pwrite,
 * fdatasync, chmod/fchmod, chown/fchown, getcwd, readlink, chdir, symlink,
 * utimes (struct timeval translated). Each is the rump
 * kernel's system call; access modes (F_OK, R_OK, W_OK, X_OK) and mode
 * bits are equal in newlib and NetBSD. Descriptors 0-2 are the console.
 */
#include <errno.h>
#include <stddef.h>
#include <stdint.h>
#include <sys/stat.h>
#include <sys/time.h>
#include <unistd.h>

#include <rumpxen/hypercall.h>

#include "glue.h"
#include "xlate.h"

int rx_access(const char *path, int mode) __asm__("rump___sysimpl_access");
long rx_pread(int fd, void *buf, size_t len,
              int64_t off) __asm__("rump___sysimpl_pread");
long rx_pwrite(int fd, const void *buf, size_t len,
               int64_t off) __asm__("rump___sysimpl_pwrite");
int rx_fdatasync(int fd) __asm__("rump___sysimpl_fdatasync");
int rx_chmod(const char *path, uint32_t mode) __asm__("rump___sysimpl_chmod");
int rx_fchmod(int fd, uint32_t mode) __asm__("rump___sysimpl_fchmod");
int rx_chown(const char *path, uint32_t uid,
             uint32_t gid) __asm__("rump___sysimpl_chown");
int rx_fchown(int fd, uint32_t uid,
              uint32_t gid) __asm__("rump___sysimpl_fchown");
int rx_getcwd(char *buf, size_t len) __asm__("rump___sysimpl___getcwd");
long rx_readlink(const char *path, char *buf,
                 size_t len) __asm__("rump___sysimpl_readlink");
int rx_chdir(const char *path) __asm__("rump___sysimpl_chdir");
int rx_symlink(const char *target,
               const char *path) __asm__("rump___sysimpl_symlink");

/* NetBSD's struct timeval (time_t 64 bits, suseconds_t 32). */
struct rx_timeval {
    int64_t tv_sec;
    int32_t tv_usec;
};

int rx_utimes(const char *path,
              const struct rx_timeval *tv) __asm__("rump___sysimpl_utimes50");

/* A failed rump system call's errno, as newlib's; returns -1. */
static int
extra_fail(void)
{
    return glue_fail(xlate_errno_to_newlib(hypercall_errno()));
}

static int
extra_ret(int r)
{
    return r == 0 ? 0 : extra_fail();
}

int
access(const char *path, int mode)
{
    return extra_ret(rx_access(path, mode));
}

ssize_t
pread(int fd, void *buf, size_t len, off_t off)
{
    long n;

    if (fd >= 0 && fd <= 2)
        return glue_fail(ESPIPE);
    if ((n = rx_pread(fd, buf, len, off)) < 0)
        return extra_fail();
    return n;
}

ssize_t
pwrite(int fd, const void *buf, size_t len, off_t off)
{
    long n;

    if (fd >= 0 && fd <= 2)
        return glue_fail(ESPIPE);
    if ((n = rx_pwrite(fd, buf, len, off)) < 0)
        return extra_fail();
    return n;
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
chmod(const char *path, mode_t mode)
{
    return extra_ret(rx_chmod(path, (uint32_t)mode));
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

/* NetBSD's __getcwd returns the length with the NUL, or -1. */
char *
getcwd(char *buf, size_t len)
{
    if (buf == NULL || len == 0) {
        glue_fail(EINVAL);
        return NULL;
    }
    if (rx_getcwd(buf, len) < 0) {
        extra_fail();
        return NULL;
    }
    return buf;
}

ssize_t
readlink(const char *path, char *buf, size_t len)
{
    long n;

    if ((n = rx_readlink(path, buf, len)) < 0)
        return extra_fail();
    return n;
}

int
chdir(const char *path)
{
    return extra_ret(rx_chdir(path));
}

int
symlink(const char *target, const char *path)
{
    return extra_ret(rx_symlink(target, path));
}

/* NULL sets both times to now, as in both systems. */
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
