/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Descriptor calls of the rump kernel profile: poll, select, pipe, dup,
 * fcntl, ioctl, readv/writev, rename, resource limits and umask. poll,
 * ioctl and rlimit structures and values are NetBSD's in libc-glue/include
 * and pass unchanged; fcntl commands, lock types and file flags go through
 * xlate.h's tables; select's sets are copied between the program's
 * FD_SETSIZE and the kernel's. Descriptors 0-2 are the console (see
 * files_rump.c): the rump kernel's own 0-2 stand for them in poll and
 * select (always ready), and dup2 onto them keeps the console.
 */
#include <errno.h>
#include <fcntl.h>
#include <poll.h>
#include <stdarg.h>
#include <stdint.h>
#include <stdio.h>
#include <string.h>
#include <sys/ioctl.h>
#include <sys/resource.h>
#include <sys/select.h>
#include <sys/stat.h>
#include <sys/uio.h>
#include <unistd.h>

#include <rumpxen/console.h>
#include <rumpxen/hypercall.h>

#include "glue.h"
#include "rump_sys.h"
#include "xlate.h"
#include "xlate_tables.h"

/* The largest nfds select() takes (bits per set on the stack). */
#define SELECT_MAX 1024

/* The open flags NetBSD reports that newlib has names for. */
#define NB_BIT(name, nb, nl) | (nb)
static const int nb_known_oflags = 3 XLATE_OFLAGS(NB_BIT);

static int
io_fail(void)
{
    return glue_fail(xlate_errno_to_newlib(hypercall_errno()));
}

static int
io_ret(int r)
{
    return r < 0 ? io_fail() : r;
}

static int
is_console(int fd)
{
    return fd >= 0 && fd <= 2;
}

int
poll(struct pollfd *fds, nfds_t nfds, int timeout)
{
    return io_ret(rs_poll(fds, nfds, timeout));
}

/*
 * Copies the first nfds bits of a program's set into the kernel's (bit n
 * is byte n/8, bit n%8 in both on little-endian x86_64, whatever the word
 * size), or back, leaving the program's bits at nfds and above alone.
 */
static void
set_copy(uint8_t *to, const uint8_t *from, int nfds)
{
    int full = nfds / 8, rest = nfds % 8;

    memcpy(to, from, (size_t)full);
    if (rest != 0) {
        uint8_t mask = (uint8_t)((1u << rest) - 1);

        to[full] = (uint8_t)((to[full] & ~mask) | (from[full] & mask));
    }
}

int
select(int nfds, fd_set *rd, fd_set *wr, fd_set *ex, struct timeval *tv)
{
    uint8_t kset[3][SELECT_MAX / 8];
    fd_set *sets[3] = {rd, wr, ex};
    struct nb_timeval ktv;
    int r;

    if (nfds < 0 || nfds > SELECT_MAX)
        return glue_fail(EINVAL);
    memset(kset, 0, sizeof(kset));
    for (int i = 0; i < 3; i++)
        if (sets[i] != NULL)
            set_copy(kset[i], (const uint8_t *)sets[i], nfds);
    if (tv != NULL) {
        ktv.tv_sec = tv->tv_sec;
        ktv.tv_usec = (int32_t)tv->tv_usec;
    }
    r = rs_select(nfds, rd ? kset[0] : NULL, wr ? kset[1] : NULL,
                  ex ? kset[2] : NULL, tv ? &ktv : NULL);
    if (r < 0)
        return io_fail();
    for (int i = 0; i < 3; i++)
        if (sets[i] != NULL)
            set_copy((uint8_t *)sets[i], kset[i], nfds);
    return r;
}

int
pipe2(int fds[2], int flags)
{
    int nb;

    if (xlate_oflags_to_netbsd(flags, &nb) != 0 ||
        (flags & ~(O_NONBLOCK | O_CLOEXEC)) != 0)
        return glue_fail(EINVAL);
    return rs_pipe2(fds, nb) == 0 ? 0 : io_fail();
}

int
pipe(int fds[2])
{
    return pipe2(fds, 0);
}

/* The console can not be duplicated (it is not a rump kernel file). */
int
dup(int fd)
{
    if (is_console(fd))
        return glue_fail(ENOTSUP);
    return io_ret(rs_dup(fd));
}

/* Onto 0-2: checks from and keeps the console (a daemon's redirection). */
int
dup2(int from, int to)
{
    if (is_console(from) && from != to)
        return glue_fail(ENOTSUP);
    if (is_console(to)) {
        struct nb_stat st;

        if (!is_console(from) && rs_fstat(from, &st) != 0)
            return io_fail();
        return to;
    }
    return io_ret(rs_dup2(from, to));
}

/* F_GETLK/F_SETLK/F_SETLKW with struct flock translated both ways. */
static int
fcntl_lock(int fd, int nb_cmd, struct flock *fl)
{
    struct nb_flock nf = {
        .l_start = fl->l_start,
        .l_len = fl->l_len,
        .l_pid = fl->l_pid,
        .l_type = (int16_t)xlate_locktype_to_netbsd(fl->l_type),
        .l_whence = fl->l_whence,
    };

    if (nf.l_type < 0)
        return glue_fail(EINVAL);
    if (rs_fcntl(fd, nb_cmd, &nf) != 0)
        return io_fail();
    fl->l_start = nf.l_start;
    fl->l_len = nf.l_len;
    fl->l_pid = (short)nf.l_pid;
    fl->l_type = (short)xlate_locktype_to_newlib(nf.l_type);
    fl->l_whence = nf.l_whence;
    return 0;
}

/* fcntl on the console: flags as a terminal's; no duplicates or locks. */
static int
fcntl_console(int fd, int cmd)
{
    switch (cmd) {
    case F_GETFL:
        return fd == 0 ? O_RDONLY : O_WRONLY;
    case F_GETFD:
    case F_SETFD:
    case F_SETFL:
        return 0;
    default:
        return glue_fail(ENOTSUP);
    }
}

int
fcntl(int fd, int cmd, ...)
{
    int nb_cmd = xlate_fcntl_cmd_to_netbsd(cmd), nb, nl, r;
    va_list ap;
    void *ptr;
    long arg;

    va_start(ap, cmd);
    arg = va_arg(ap, long);
    va_end(ap);
    ptr = (void *)arg;
    if (nb_cmd < 0)
        return glue_fail(EINVAL);
    if (is_console(fd))
        return fcntl_console(fd, cmd);
    switch (cmd) {
    case F_GETFL:
        if ((r = rs_fcntl(fd, nb_cmd)) < 0)
            return io_fail();
        xlate_oflags_to_newlib(r & nb_known_oflags, &nl);
        return nl;
    case F_SETFL:
        if (xlate_oflags_to_netbsd((int)arg, &nb) != 0)
            return glue_fail(EINVAL);
        return io_ret(rs_fcntl(fd, nb_cmd, nb));
    case F_GETLK:
    case F_SETLK:
    case F_SETLKW:
        return fcntl_lock(fd, nb_cmd, ptr);
    default: /* ints as they are: FD_CLOEXEC is 1 in both */
        return io_ret(rs_fcntl(fd, nb_cmd, (int)arg));
    }
}

/* Requests are NetBSD's (libc-glue/include/sys/ioctl.h). */
int
ioctl(int fd, unsigned long request, ...)
{
    va_list ap;
    void *arg;

    va_start(ap, request);
    arg = va_arg(ap, void *);
    va_end(ap);
    if (is_console(fd)) {
        if (request == FIONBIO)
            return 0;
        if (request == FIONREAD && arg != NULL) {
            *(int *)arg = 0;
            return 0;
        }
        return glue_fail(ENOTTY);
    }
    return io_ret(rs_ioctl(fd, request, arg));
}

ssize_t
readv(int fd, const struct iovec *iov, int iovcnt)
{
    long r;

    if (fd == STDIN_FILENO)
        return 0;
    if (is_console(fd))
        return glue_fail(EBADF);
    if ((r = rs_readv(fd, iov, iovcnt)) < 0)
        return io_fail();
    return r;
}

ssize_t
writev(int fd, const struct iovec *iov, int iovcnt)
{
    ssize_t total = 0;
    long r;

    if (fd == STDOUT_FILENO || fd == STDERR_FILENO) {
        if (iovcnt < 0 || iovcnt > IOV_MAX)
            return glue_fail(EINVAL);
        for (int i = 0; i < iovcnt; i++) {
            console_write(iov[i].iov_base, iov[i].iov_len);
            total += (ssize_t)iov[i].iov_len;
        }
        return total;
    }
    if (fd == STDIN_FILENO)
        return glue_fail(EBADF);
    if ((r = rs_writev(fd, iov, iovcnt)) < 0)
        return io_fail();
    return r;
}

/* Atomic, directories too (newlib's own would link and unlink). */
int
rename(const char *from, const char *to)
{
    return rs_rename(from, to) == 0 ? 0 : io_fail();
}

int
getrlimit(int resource, struct rlimit *rl)
{
    return rs_getrlimit(resource, rl) == 0 ? 0 : io_fail();
}

int
setrlimit(int resource, const struct rlimit *rl)
{
    return rs_setrlimit(resource, rl) == 0 ? 0 : io_fail();
}

mode_t
umask(mode_t mask)
{
    return (mode_t)rs_umask((uint32_t)mask & 0777);
}

int
fsync(int fd)
{
    if (is_console(fd))
        return 0;
    return rs_fsync(fd) == 0 ? 0 : io_fail();
}

int
ftruncate(int fd, off_t len)
{
    return rs_ftruncate(fd, len) == 0 ? 0 : io_fail();
}
