/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The file system calls of the rump kernel profile: each is the rump
 * kernel's system call, with open flags, errno and struct stat translated
 * (xlate.h). Descriptors 0-2 stay the console (as in the platform-only
 * profile); the rump kernel's own 0-2 are taken at boot so its files get
 * 3 and up. Boot also mounts a tmpfs on /tmp.
 */
#include <errno.h>
#include <fcntl.h>
#include <stdarg.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

#include <rumpxen/console.h>
#include <rumpxen/hypercall.h>
#include <rumpxen/platform.h>

#include "glue.h"
#include "glue_thread.h"
#include "rump_sys.h"
#include "xlate.h"

/* A failed rump system call's errno, as newlib's; returns -1. */
static int
rump_fail(void)
{
    return glue_fail(xlate_errno_to_newlib(hypercall_errno()));
}

static int
is_console(int fd)
{
    return fd >= 0 && fd <= 2;
}

static void
stat_from_netbsd(const struct nb_stat *nb, struct stat *st)
{
    memset(st, 0, sizeof(*st));
    st->st_dev = (dev_t)nb->st_dev;
    st->st_ino = (ino_t)nb->st_ino;
    /* The S_IF* file types and permission bits are equal in both. */
    st->st_mode = (mode_t)nb->st_mode;
    st->st_nlink = (nlink_t)nb->st_nlink;
    st->st_uid = (uid_t)nb->st_uid;
    st->st_gid = (gid_t)nb->st_gid;
    st->st_rdev = (dev_t)nb->st_rdev;
    st->st_size = (off_t)nb->st_size;
    st->st_atim.tv_sec = (time_t)nb->st_atim.tv_sec;
    st->st_atim.tv_nsec = nb->st_atim.tv_nsec;
    st->st_mtim.tv_sec = (time_t)nb->st_mtim.tv_sec;
    st->st_mtim.tv_nsec = nb->st_mtim.tv_nsec;
    st->st_ctim.tv_sec = (time_t)nb->st_ctim.tv_sec;
    st->st_ctim.tv_nsec = nb->st_ctim.tv_nsec;
    st->st_blksize = nb->st_blksize;
    st->st_blocks = nb->st_blocks;
}

_ssize_t
write(int fd, const void *buf, size_t len)
{
    long n;

    if (fd == STDOUT_FILENO || fd == STDERR_FILENO) {
        console_write(buf, len);
        return (_ssize_t)len;
    }
    if (fd == STDIN_FILENO)
        return glue_fail(EBADF);
    if ((n = rs_write(fd, buf, len)) < 0)
        return rump_fail();
    return n;
}

_ssize_t
read(int fd, void *buf, size_t len)
{
    long n;

    if (fd == STDIN_FILENO)
        return 0;
    if (is_console(fd))
        return glue_fail(EBADF);
    if ((n = rs_read(fd, buf, len)) < 0)
        return rump_fail();
    return n;
}

int
open(const char *path, int flags, ...)
{
    int nb_flags, mode = 0, fd;
    va_list ap;

    if (flags & O_CREAT) {
        va_start(ap, flags);
        mode = va_arg(ap, int);
        va_end(ap);
    }
    if (xlate_oflags_to_netbsd(flags, &nb_flags) != 0)
        return glue_fail(EINVAL);
    if ((fd = rs_open(path, nb_flags, mode)) < 0)
        return rump_fail();
    return fd;
}

/* Closing 0-2 is allowed and keeps the console. */
int
close(int fd)
{
    if (is_console(fd))
        return 0;
    return rs_close(fd) == 0 ? 0 : rump_fail();
}

/* SEEK_SET, SEEK_CUR and SEEK_END are 0, 1, 2 in both. */
off_t
lseek(int fd, off_t off, int whence)
{
    int64_t r;

    if (is_console(fd))
        return glue_fail(ESPIPE);
    if ((r = rs_lseek(fd, off, whence)) < 0)
        return rump_fail();
    return (off_t)r;
}

int
fstat(int fd, struct stat *st)
{
    struct nb_stat nb;

    if (is_console(fd)) {
        memset(st, 0, sizeof(*st));
        st->st_mode = S_IFCHR | 0620;
        st->st_blksize = 1024;
        return 0;
    }
    if (rs_fstat(fd, &nb) != 0)
        return rump_fail();
    stat_from_netbsd(&nb, st);
    return 0;
}

int
stat(const char *path, struct stat *st)
{
    struct nb_stat nb;

    if (rs_stat(path, &nb) != 0)
        return rump_fail();
    stat_from_netbsd(&nb, st);
    return 0;
}

int
lstat(const char *path, struct stat *st)
{
    struct nb_stat nb;

    if (rs_lstat(path, &nb) != 0)
        return rump_fail();
    stat_from_netbsd(&nb, st);
    return 0;
}

int
isatty(int fd)
{
    struct nb_stat nb;

    if (is_console(fd))
        return 1;
    glue_fail(rs_fstat(fd, &nb) == 0 ? ENOTTY : EBADF);
    return 0;
}

int
link(const char *old, const char *new)
{
    return rs_link(old, new) == 0 ? 0 : rump_fail();
}

int
unlink(const char *path)
{
    return rs_unlink(path) == 0 ? 0 : rump_fail();
}

int
mkdir(const char *path, mode_t mode)
{
    return rs_mkdir(path, (uint32_t)mode) == 0 ? 0 : rump_fail();
}

int
rmdir(const char *path)
{
    return rs_rmdir(path) == 0 ? 0 : rump_fail();
}

/* NetBSD's struct tmpfs_args, version 1. */
struct nb_tmpfs_args {
    int ta_version;
    uint64_t ta_nodes_max;
    int64_t ta_size_max;
    uint32_t ta_root_uid;
    uint32_t ta_root_gid;
    uint32_t ta_root_mode;
};

/*
 * After the rump kernel is up, in the thread that runs main(): binds it
 * to a rump kernel lwp of its own (as pthread.c does every thread), takes
 * the rump kernel's descriptors 0-2 (those still free) and mounts a tmpfs
 * of at most a quarter of the guest's memory on /tmp.
 */
static int
files_rump_init(void)
{
    struct nb_tmpfs_args args = {
        .ta_version = 1,
        .ta_size_max = (int64_t)(boot_info->mem_bytes / 4),
        .ta_root_mode = 01777,
    };
    int fd;

    if (!glue_lwp_bind())
        console_printf("libc-glue: main thread has no lwp of its own\n");
    /*
     * The process may have descriptors 0-2 already (the rump kernel's
     * console in its init process): take only the free ones, so that a
     * program's first file is descriptor 3 either way.
     */
    while ((fd = rs_open("/", 0)) >= 0 && fd < 3)
        ;
    if (fd < 0)
        return hypercall_errno() > 0 ? -hypercall_errno() : -5 /* EIO */;
    rs_close(fd);
    if (rs_mkdir("/tmp", 01777) != 0 && hypercall_errno() != 17 /* EEXIST */)
        return -hypercall_errno();
    if (rs_mount("tmpfs", "/tmp", 0, &args, sizeof(args)) != 0) {
        console_printf("libc-glue: mounting tmpfs on /tmp failed (%d)\n",
                       hypercall_errno());
        return -hypercall_errno();
    }
    return 0;
}
BOOT_STAGE(25, "libc files", files_rump_init);
