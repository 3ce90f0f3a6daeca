/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * More file system calls of the rump kernel profile (beside files_rump.c):
 * access, the working directory, permissions, symbolic links, truncation,
 * positioned I/O. Each is the rump kernel's system call with errno
 * translated; the access modes (R_OK 4, W_OK 2, X_OK 1) and permission
 * bits are equal in both.
 */
#include <errno.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rumpxen/hypercall.h>

#include "glue.h"
#include "rump_sys.h"
#include "xlate.h"

static int
fs_fail(void)
{
    return glue_fail(xlate_errno_to_newlib(hypercall_errno()));
}

int
access(const char *path, int mode)
{
    return rs_access(path, mode) == 0 ? 0 : fs_fail();
}

int
chdir(const char *path)
{
    return rs_chdir(path) == 0 ? 0 : fs_fail();
}

char *
getcwd(char *buf, size_t size)
{
    if (buf == NULL || size == 0) {
        glue_fail(EINVAL);
        return NULL;
    }
    if (rs_getcwd(buf, size) < 0) {
        fs_fail();
        return NULL;
    }
    return buf;
}

int
chmod(const char *path, mode_t mode)
{
    return rs_chmod(path, (uint32_t)mode) == 0 ? 0 : fs_fail();
}

int
symlink(const char *target, const char *path)
{
    return rs_symlink(target, path) == 0 ? 0 : fs_fail();
}

ssize_t
readlink(const char *path, char *buf, size_t len)
{
    long n = rs_readlink(path, buf, len);

    return n < 0 ? fs_fail() : (ssize_t)n;
}

int
truncate(const char *path, off_t len)
{
    return rs_truncate(path, len) == 0 ? 0 : fs_fail();
}

ssize_t
pread(int fd, void *buf, size_t len, off_t off)
{
    long n = rs_pread(fd, buf, len, off);

    return n < 0 ? fs_fail() : (ssize_t)n;
}

ssize_t
pwrite(int fd, const void *buf, size_t len, off_t off)
{
    long n = rs_pwrite(fd, buf, len, off);

    return n < 0 ? fs_fail() : (ssize_t)n;
}
