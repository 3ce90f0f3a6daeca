/* SPDX-License-Identifier: BSD-2-Clause */
/*
 * ioctl(2) for newlib programs (newlib has none): NetBSD's request
 * encoding, so requests reach the rump kernel unchanged.
 */
#ifndef LIBC_GLUE_SYS_IOCTL_H
#define LIBC_GLUE_SYS_IOCTL_H

#define IOCPARM_MASK 0x1fff
#define IOC_VOID 0x20000000UL
#define IOC_OUT 0x40000000UL
#define IOC_IN 0x80000000UL
#define IOC_INOUT (IOC_IN | IOC_OUT)
#define _IOC(inout, group, num, len)                                           \
    ((inout) | (((len)&IOCPARM_MASK) << 16) | ((group) << 8) | (num))
#define _IO(g, n) _IOC(IOC_VOID, (g), (n), 0)
#define _IOR(g, n, t) _IOC(IOC_OUT, (g), (n), sizeof(t))
#define _IOW(g, n, t) _IOC(IOC_IN, (g), (n), sizeof(t))
#define _IOWR(g, n, t) _IOC(IOC_INOUT, (g), (n), sizeof(t))

#define FIOCLEX _IO('f', 1)
#define FIONCLEX _IO('f', 2)
#define FIONREAD _IOR('f', 127, int)
#define FIONBIO _IOW('f', 126, int)
#define FIOASYNC _IOW('f', 125, int)
#define FIONWRITE _IOR('f', 121, int)
#define FIONSPACE _IOR('f', 120, int)

struct winsize {
    unsigned short ws_row;
    unsigned short ws_col;
    unsigned short ws_xpixel;
    unsigned short ws_ypixel;
};
#define TIOCGWINSZ _IOR('t', 104, struct winsize)

int ioctl(int fd, unsigned long request, ...);

#endif
