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

#endif
