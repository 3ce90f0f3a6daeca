/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The file system calls of the platform-only profile (no rump kernel):
 * descriptors 0-2 are the console (stdout and stderr write to it, stdin
 * reads end of file); every other file call fails with ENOSYS. The rump
 * kernel profile serves these calls from the rump kernel instead.
 */
#include <errno.h>
#include <fcntl.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rumpxen/console.h>

#include "glue.h"

static int
is_console(int fd)
{
    return fd >= 0 && fd <= 2;
}

/* Writes to stdout and stderr go to the console, whole; never fails. */
_ssize_t
write(int fd, const void *buf, size_t len)
{
    if (!is_console(fd))
        return glue_fail(EBADF);
    if (fd == STDIN_FILENO)
        return glue_fail(EBADF);
    console_write(buf, len);
    return (_ssize_t)len;
}

/* stdin is empty: end of file. */
_ssize_t
read(int fd, void *buf, size_t len)
{
    (void)buf;
    (void)len;
    if (fd != STDIN_FILENO)
        return glue_fail(EBADF);
    return 0;
}

int
close(int fd)
{
    return is_console(fd) ? 0 : glue_fail(EBADF);
}

off_t
lseek(int fd, off_t off, int whence)
{
    (void)off;
    (void)whence;
    return glue_fail(is_console(fd) ? ESPIPE : EBADF);
}

/* The console is a character device, so stdio line-buffers stdout. */
int
fstat(int fd, struct stat *st)
{
    if (!is_console(fd))
        return glue_fail(EBADF);
    memset(st, 0, sizeof(*st));
    st->st_mode = S_IFCHR | 0620;
    st->st_blksize = 1024;
    return 0;
}

int
isatty(int fd)
{
    if (!is_console(fd)) {
        glue_fail(EBADF);
        return 0;
    }
    return 1;
}

int
open(const char *path, int flags, ...)
{
    (void)path;
    (void)flags;
    return glue_fail(ENOSYS);
}

int
stat(const char *path, struct stat *st)
{
    (void)path;
    (void)st;
    return glue_fail(ENOSYS);
}

int
link(const char *old, const char *new)
{
    (void)old;
    (void)new;
    return glue_fail(ENOSYS);
}

int
unlink(const char *path)
{
    (void)path;
    return glue_fail(ENOSYS);
}

int
mkdir(const char *path, mode_t mode)
{
    (void)path;
    (void)mode;
    return glue_fail(ENOSYS);
}

int
rmdir(const char *path)
{
    (void)path;
    return glue_fail(ENOSYS);
}
