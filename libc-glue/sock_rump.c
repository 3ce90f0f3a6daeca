/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * Sockets of the rump kernel profile: each call is the rump kernel's
 * system call with the arguments as they are, since libc-glue/include's
 * socket headers are NetBSD's (structures, sa_len, AF_/SOCK_/SOL_/SO_/
 * MSG_/IPPROTO_ values; the unit test checks them against the rump
 * kernel's); only errno is translated (xlate.h). Blocking calls block the
 * calling thread only.
 */
#include <errno.h>
#include <sys/socket.h>

#include <rumpxen/hypercall.h>

#include "glue.h"
#include "rump_sys.h"
#include "xlate.h"

/* A failed rump system call's errno, as newlib's; returns -1. */
static int
sock_fail(void)
{
    return glue_fail(xlate_errno_to_newlib(hypercall_errno()));
}

/* An int result: passed on, or -1 with errno translated. */
static int
sock_ret(int r)
{
    return r < 0 ? sock_fail() : r;
}

static ssize_t
sock_ret_len(long r)
{
    return r < 0 ? sock_fail() : (ssize_t)r;
}

int
socket(int domain, int type, int protocol)
{
    return sock_ret(rs_socket(domain, type, protocol));
}

int
socketpair(int domain, int type, int protocol, int sv[2])
{
    return sock_ret(rs_socketpair(domain, type, protocol, sv));
}

int
bind(int fd, const struct sockaddr *addr, socklen_t len)
{
    return sock_ret(rs_bind(fd, addr, len));
}

int
listen(int fd, int backlog)
{
    return sock_ret(rs_listen(fd, backlog));
}

int
accept4(int fd, struct sockaddr *addr, socklen_t *len, int flags)
{
    return sock_ret(rs_paccept(fd, addr, len, NULL, flags));
}

int
accept(int fd, struct sockaddr *addr, socklen_t *len)
{
    return accept4(fd, addr, len, 0);
}

int
connect(int fd, const struct sockaddr *addr, socklen_t len)
{
    return sock_ret(rs_connect(fd, addr, len));
}

ssize_t
sendto(int fd, const void *buf, size_t len, int flags,
       const struct sockaddr *to, socklen_t tolen)
{
    return sock_ret_len(rs_sendto(fd, buf, len, flags, to, tolen));
}

ssize_t
send(int fd, const void *buf, size_t len, int flags)
{
    return sendto(fd, buf, len, flags, NULL, 0);
}

ssize_t
recvfrom(int fd, void *buf, size_t len, int flags, struct sockaddr *from,
         socklen_t *fromlen)
{
    return sock_ret_len(rs_recvfrom(fd, buf, len, flags, from, fromlen));
}

ssize_t
recv(int fd, void *buf, size_t len, int flags)
{
    return recvfrom(fd, buf, len, flags, NULL, NULL);
}

ssize_t
sendmsg(int fd, const struct msghdr *msg, int flags)
{
    return sock_ret_len(rs_sendmsg(fd, msg, flags));
}

ssize_t
recvmsg(int fd, struct msghdr *msg, int flags)
{
    return sock_ret_len(rs_recvmsg(fd, msg, flags));
}

int
shutdown(int fd, int how)
{
    return sock_ret(rs_shutdown(fd, how));
}

int
getsockname(int fd, struct sockaddr *addr, socklen_t *len)
{
    return sock_ret(rs_getsockname(fd, addr, len));
}

int
getpeername(int fd, struct sockaddr *addr, socklen_t *len)
{
    return sock_ret(rs_getpeername(fd, addr, len));
}

/*
 * SO_SNDTIMEO and SO_RCVTIMEO take a struct timeval: newlib's (64-bit
 * seconds, long microseconds) reads as NetBSD's (64-bit seconds, int
 * microseconds, padding) on little-endian x86_64, so it passes too.
 */
int
setsockopt(int fd, int level, int name, const void *val, socklen_t len)
{
    return sock_ret(rs_setsockopt(fd, level, name, val, len));
}

int
getsockopt(int fd, int level, int name, void *val, socklen_t *len)
{
    return sock_ret(rs_getsockopt(fd, level, name, val, len));
}
