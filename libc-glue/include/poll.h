/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * poll(2) for newlib programs (newlib has none): NetBSD's struct pollfd and
 * flag values, passed to the rump kernel unchanged (libc-glue/io_rump.c).
 */
#ifndef LIBC_GLUE_POLL_H
#define LIBC_GLUE_POLL_H

typedef unsigned int nfds_t;

struct pollfd {
    int fd;
    short events;
    short revents;
};

#define POLLIN 0x0001
#define POLLPRI 0x0002
#define POLLOUT 0x0004
#define POLLRDNORM 0x0040
#define POLLWRNORM POLLOUT
#define POLLRDBAND 0x0080
#define POLLWRBAND 0x0100
#define POLLERR 0x0008
#define POLLHUP 0x0010
#define POLLNVAL 0x0020

#define INFTIM -1

int poll(struct pollfd *fds, nfds_t nfds, int timeout);

#endif
