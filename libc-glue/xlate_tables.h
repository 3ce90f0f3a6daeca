/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * The translation tables between NetBSD's ABI (the rump kernel's system
 * calls) and newlib's (applications), as X-macro lists: X(NAME, NetBSD
 * value, newlib value). Facts only, no code; xlate.c builds both
 * directions from them, the host unit test checks every row both ways and
 * against the rump kernel's own headers, and xlate.c checks the newlib
 * column against newlib's headers when built for the guest.
 */
#ifndef LIBC_GLUE_XLATE_TABLES_H
#define LIBC_GLUE_XLATE_TABLES_H

/* errno values (the names both systems have). */
#define XLATE_ERRNO(X)                                                         \
    X(EPERM, 1, 1)                                                             \
    X(ENOENT, 2, 2)                                                            \
    X(ESRCH, 3, 3)                                                             \
    X(EINTR, 4, 4)                                                             \
    X(EIO, 5, 5)                                                               \
    X(ENXIO, 6, 6)                                                             \
    X(E2BIG, 7, 7)                                                             \
    X(ENOEXEC, 8, 8)                                                           \
    X(EBADF, 9, 9)                                                             \
    X(ECHILD, 10, 10)                                                          \
    X(EDEADLK, 11, 45)                                                         \
    X(ENOMEM, 12, 12)                                                          \
    X(EACCES, 13, 13)                                                          \
    X(EFAULT, 14, 14)                                                          \
    X(ENOTBLK, 15, 15)                                                         \
    X(EBUSY, 16, 16)                                                           \
    X(EEXIST, 17, 17)                                                          \
    X(EXDEV, 18, 18)                                                           \
    X(ENODEV, 19, 19)                                                          \
    X(ENOTDIR, 20, 20)                                                         \
    X(EISDIR, 21, 21)                                                          \
    X(EINVAL, 22, 22)                                                          \
    X(ENFILE, 23, 23)                                                          \
    X(EMFILE, 24, 24)                                                          \
    X(ENOTTY, 25, 25)                                                          \
    X(ETXTBSY, 26, 26)                                                         \
    X(EFBIG, 27, 27)                                                           \
    X(ENOSPC, 28, 28)                                                          \
    X(ESPIPE, 29, 29)                                                          \
    X(EROFS, 30, 30)                                                           \
    X(EMLINK, 31, 31)                                                          \
    X(EPIPE, 32, 32)                                                           \
    X(EDOM, 33, 33)                                                            \
    X(ERANGE, 34, 34)                                                          \
    X(EAGAIN, 35, 11)                                                          \
    X(EINPROGRESS, 36, 119)                                                    \
    X(EALREADY, 37, 120)                                                       \
    X(ENOTSOCK, 38, 108)                                                       \
    X(EDESTADDRREQ, 39, 121)                                                   \
    X(EMSGSIZE, 40, 122)                                                       \
    X(EPROTOTYPE, 41, 107)                                                     \
    X(ENOPROTOOPT, 42, 109)                                                    \
    X(EPROTONOSUPPORT, 43, 123)                                                \
    X(ESOCKTNOSUPPORT, 44, 124)                                                \
    X(EOPNOTSUPP, 45, 95)                                                      \
    X(EPFNOSUPPORT, 46, 96)                                                    \
    X(EAFNOSUPPORT, 47, 106)                                                   \
    X(EADDRINUSE, 48, 112)                                                     \
    X(EADDRNOTAVAIL, 49, 125)                                                  \
    X(ENETDOWN, 50, 115)                                                       \
    X(ENETUNREACH, 51, 114)                                                    \
    X(ENETRESET, 52, 126)                                                      \
    X(ECONNABORTED, 53, 113)                                                   \
    X(ECONNRESET, 54, 104)                                                     \
    X(ENOBUFS, 55, 105)                                                        \
    X(EISCONN, 56, 127)                                                        \
    X(ENOTCONN, 57, 128)                                                       \
    X(ESHUTDOWN, 58, 110)                                                      \
    X(ETOOMANYREFS, 59, 129)                                                   \
    X(ETIMEDOUT, 60, 116)                                                      \
    X(ECONNREFUSED, 61, 111)                                                   \
    X(ELOOP, 62, 92)                                                           \
    X(ENAMETOOLONG, 63, 91)                                                    \
    X(EHOSTDOWN, 64, 117)                                                      \
    X(EHOSTUNREACH, 65, 118)                                                   \
    X(ENOTEMPTY, 66, 90)                                                       \
    X(EPROCLIM, 67, 130)                                                       \
    X(EUSERS, 68, 131)                                                         \
    X(EDQUOT, 69, 132)                                                         \
    X(ESTALE, 70, 133)                                                         \
    X(EREMOTE, 71, 66)                                                         \
    X(ENOLCK, 77, 46)                                                          \
    X(ENOSYS, 78, 88)                                                          \
    X(EFTYPE, 79, 79)                                                          \
    X(EIDRM, 82, 36)                                                           \
    X(ENOMSG, 83, 35)                                                          \
    X(EOVERFLOW, 84, 139)                                                      \
    X(EILSEQ, 85, 138)                                                         \
    X(ENOTSUP, 86, 134)                                                        \
    X(ECANCELED, 87, 140)                                                      \
    X(EBADMSG, 88, 77)                                                         \
    X(ENODATA, 89, 61)                                                         \
    X(ENOSR, 90, 63)                                                           \
    X(ENOSTR, 91, 60)                                                          \
    X(ETIME, 92, 62)                                                           \
    X(EMULTIHOP, 94, 74)                                                       \
    X(ENOLINK, 95, 67)                                                         \
    X(EPROTO, 96, 71)

/*
 * open(2) flags other than the access mode (O_RDONLY 0, O_WRONLY 1,
 * O_RDWR 2 in both). newlib's O_DSYNC and O_RSYNC are its O_SYNC; its
 * O_SEARCH/O_EXEC bit is NetBSD's O_SEARCH.
 */
#define XLATE_OFLAGS(X)                                                        \
    X(O_NONBLOCK, 0x4, 0x4000)                                                 \
    X(O_APPEND, 0x8, 0x8)                                                      \
    X(O_SYNC, 0x80, 0x2000)                                                    \
    X(O_NOFOLLOW, 0x100, 0x100000)                                             \
    X(O_CREAT, 0x200, 0x200)                                                   \
    X(O_TRUNC, 0x400, 0x400)                                                   \
    X(O_EXCL, 0x800, 0x800)                                                    \
    X(O_NOCTTY, 0x8000, 0x8000)                                                \
    X(O_DIRECT, 0x80000, 0x80000)                                              \
    X(O_DIRECTORY, 0x200000, 0x200000)                                         \
    X(O_CLOEXEC, 0x400000, 0x40000)                                            \
    X(O_SEARCH, 0x800000, 0x400000)

/*
 * fcntl(2) commands (newlib's <fcntl.h> against NetBSD's): all equal but
 * F_DUPFD_CLOEXEC.
 */
#define XLATE_FCNTL(X)                                                         \
    X(F_DUPFD, 0, 0)                                                           \
    X(F_GETFD, 1, 1)                                                           \
    X(F_SETFD, 2, 2)                                                           \
    X(F_GETFL, 3, 3)                                                           \
    X(F_SETFL, 4, 4)                                                           \
    X(F_GETOWN, 5, 5)                                                          \
    X(F_SETOWN, 6, 6)                                                          \
    X(F_GETLK, 7, 7)                                                           \
    X(F_SETLK, 8, 8)                                                           \
    X(F_SETLKW, 9, 9)                                                          \
    X(F_DUPFD_CLOEXEC, 12, 14)

/* struct flock's l_type (newlib's write and unlock are NetBSD's swapped). */
#define XLATE_LOCKTYPE(X)                                                      \
    X(F_RDLCK, 1, 1)                                                           \
    X(F_WRLCK, 3, 2)                                                           \
    X(F_UNLCK, 2, 3)

/*
 * Constants that libc-glue/include defines itself (newlib has no such
 * header) with NetBSD's values, so they need no translation: socket
 * families, types, levels, options and message flags, poll flags, ioctl
 * requests, resource limits. Both columns are equal by choice; the unit
 * test checks the NetBSD column against the rump kernel's headers and
 * xlate.c the newlib one against libc-glue/include.
 */
#define XLATE_SAME(X)                                                          \
    X(AF_UNSPEC, 0, 0)                                                         \
    X(AF_LOCAL, 1, 1)                                                          \
    X(AF_INET, 2, 2)                                                           \
    X(AF_INET6, 24, 24)                                                        \
    X(SOCK_STREAM, 1, 1)                                                       \
    X(SOCK_DGRAM, 2, 2)                                                        \
    X(SOCK_RAW, 3, 3)                                                          \
    X(SOCK_SEQPACKET, 5, 5)                                                    \
    X(SOCK_CLOEXEC, 0x10000000, 0x10000000)                                    \
    X(SOCK_NONBLOCK, 0x20000000, 0x20000000)                                   \
    X(SOL_SOCKET, 0xffff, 0xffff)                                              \
    X(SO_DEBUG, 0x1, 0x1)                                                      \
    X(SO_ACCEPTCONN, 0x2, 0x2)                                                 \
    X(SO_REUSEADDR, 0x4, 0x4)                                                  \
    X(SO_KEEPALIVE, 0x8, 0x8)                                                  \
    X(SO_DONTROUTE, 0x10, 0x10)                                                \
    X(SO_BROADCAST, 0x20, 0x20)                                                \
    X(SO_LINGER, 0x80, 0x80)                                                   \
    X(SO_OOBINLINE, 0x100, 0x100)                                              \
    X(SO_REUSEPORT, 0x200, 0x200)                                              \
    X(SO_NOSIGPIPE, 0x800, 0x800)                                              \
    X(SO_TIMESTAMP, 0x2000, 0x2000)                                            \
    X(SO_SNDBUF, 0x1001, 0x1001)                                               \
    X(SO_RCVBUF, 0x1002, 0x1002)                                               \
    X(SO_SNDLOWAT, 0x1003, 0x1003)                                             \
    X(SO_RCVLOWAT, 0x1004, 0x1004)                                             \
    X(SO_ERROR, 0x1007, 0x1007)                                                \
    X(SO_TYPE, 0x1008, 0x1008)                                                 \
    X(SO_SNDTIMEO, 0x100b, 0x100b)                                             \
    X(SO_RCVTIMEO, 0x100c, 0x100c)                                             \
    X(MSG_OOB, 0x1, 0x1)                                                       \
    X(MSG_PEEK, 0x2, 0x2)                                                      \
    X(MSG_DONTROUTE, 0x4, 0x4)                                                 \
    X(MSG_EOR, 0x8, 0x8)                                                       \
    X(MSG_TRUNC, 0x10, 0x10)                                                   \
    X(MSG_CTRUNC, 0x20, 0x20)                                                  \
    X(MSG_WAITALL, 0x40, 0x40)                                                 \
    X(MSG_DONTWAIT, 0x80, 0x80)                                                \
    X(MSG_NOSIGNAL, 0x400, 0x400)                                              \
    X(IPPROTO_IP, 0, 0)                                                        \
    X(IPPROTO_TCP, 6, 6)                                                       \
    X(IPPROTO_UDP, 17, 17)                                                     \
    X(IPPROTO_IPV6, 41, 41)                                                    \
    X(IP_TOS, 3, 3)                                                            \
    X(IP_TTL, 4, 4)                                                            \
    X(IP_MULTICAST_IF, 9, 9)                                                   \
    X(IP_MULTICAST_TTL, 10, 10)                                                \
    X(IP_MULTICAST_LOOP, 11, 11)                                               \
    X(IP_ADD_MEMBERSHIP, 12, 12)                                               \
    X(IP_DROP_MEMBERSHIP, 13, 13)                                              \
    X(IPV6_V6ONLY, 27, 27)                                                     \
    X(TCP_NODELAY, 1, 1)                                                       \
    X(TCP_MAXSEG, 2, 2)                                                        \
    X(TCP_KEEPIDLE, 3, 3)                                                      \
    X(TCP_KEEPINTVL, 5, 5)                                                     \
    X(TCP_KEEPCNT, 6, 6)                                                       \
    X(POLLIN, 0x1, 0x1)                                                        \
    X(POLLPRI, 0x2, 0x2)                                                       \
    X(POLLOUT, 0x4, 0x4)                                                       \
    X(POLLERR, 0x8, 0x8)                                                       \
    X(POLLHUP, 0x10, 0x10)                                                     \
    X(POLLNVAL, 0x20, 0x20)                                                    \
    X(POLLRDNORM, 0x40, 0x40)                                                  \
    X(POLLRDBAND, 0x80, 0x80)                                                  \
    X(POLLWRBAND, 0x100, 0x100)                                                \
    X(FIONREAD, 0x4004667f, 0x4004667f)                                        \
    X(FIONBIO, 0x8004667e, 0x8004667e)                                         \
    X(RLIMIT_CPU, 0, 0)                                                        \
    X(RLIMIT_FSIZE, 1, 1)                                                      \
    X(RLIMIT_DATA, 2, 2)                                                       \
    X(RLIMIT_STACK, 3, 3)                                                      \
    X(RLIMIT_CORE, 4, 4)                                                       \
    X(RLIMIT_NOFILE, 8, 8)                                                     \
    X(RLIMIT_AS, 10, 10)

#endif
